"""Published kratom data shipped with the course, loaded as typed pandas DataFrames.

The data live in the repository's ``data/`` folder as tidy CSV files described by a Frictionless
data package (``data/datapackage.json``). Each resource's schema gives every field a type, a
description and, for quantities, a unit. :func:`load` reads one resource by name and

* converts each column to the type the schema declares (``number`` -> ``float64``,
  ``integer``/``year`` -> ``Int64``, ``boolean`` -> ``boolean``, ``date`` -> datetime,
  everything else -> ``string``; empty cells become missing values);
* keeps the units: ``df.attrs["units"]`` maps a field name to its unit string for fields with a
  fixed unit (``{"sampling_h": "h"}``), and ``df.attrs["unit_columns"]`` maps a field whose unit
  varies by row to the column holding it (``{"value": "unit"}``);
* records ``df.attrs["resource"]`` (the name) and ``df.attrs["description"]``.

The folder is found relative to this file (``src/pharmacourse`` -> ``../../data``); set the
environment variable ``PHARMACOURSE_DATA_DIR`` to use another folder.

Example::

    from pharmacourse.data import load
    pk = load("human_pk")
    pk.query("analyte == 'mitragynine' and parameter == 't_half'")
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "UnknownDatasetError",
    "available",
    "data_dir",
    "format_reference",
    "load",
    "molar_mass",
    "package",
    "references",
    "schema",
]

#: Environment variable that points the loader at another data folder.
DATA_DIR_ENV = "PHARMACOURSE_DATA_DIR"

_PANDAS_DTYPES: dict[str, str] = {
    "number": "float64",
    "integer": "Int64",
    "year": "Int64",
    "boolean": "boolean",
}
_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


class UnknownDatasetError(KeyError):
    """Raised by :func:`load` (and friends) for a name that is not in the data package."""

    def __init__(self, name: str, kind: str, choices: Iterable[str]) -> None:
        self.name = name
        self.choices = sorted(choices)
        message = (
            f"Unknown {kind} {name!r}. Available: {', '.join(self.choices)}. "
            f"(Names are listed in data/datapackage.json.)"
        )
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # KeyError would otherwise print the message in quotes
        return self.message


def data_dir() -> Path:
    """Return the folder holding ``datapackage.json`` (env override: ``PHARMACOURSE_DATA_DIR``)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser().resolve()
    return Path(__file__).resolve().parents[2] / "data"


@lru_cache(maxsize=8)
def _read_package(folder: str, mtime_ns: int) -> dict[str, Any]:
    path = Path(folder) / "datapackage.json"
    return json.loads(path.read_text(encoding="utf-8"))


def package() -> dict[str, Any]:
    """Return the parsed ``datapackage.json`` as a dict.

    Raises:
        FileNotFoundError: if the data folder has no ``datapackage.json`` (message says where it
            looked and how to point elsewhere).
    """
    folder = data_dir()
    path = folder / "datapackage.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"No datapackage.json in {folder}. Run from a clone of the course repository or set "
            f"{DATA_DIR_ENV} to the folder that holds datapackage.json."
        )
    return _read_package(str(folder), path.stat().st_mtime_ns)


def available() -> list[str]:
    """Return the sorted names of every resource in the data package."""
    return sorted(r["name"] for r in package()["resources"])


def _resource(name: str) -> dict[str, Any]:
    for resource in package()["resources"]:
        if resource["name"] == name:
            return resource
    raise UnknownDatasetError(name, "dataset", available())


def schema(name: str) -> dict[str, Any]:
    """Return the Table Schema (fields, units, constraints) of resource ``name``."""
    return _resource(name)["schema"]


def _convert(column: pd.Series, field: dict[str, Any], resource: str) -> pd.Series:
    ftype = field.get("type", "string")
    if ftype in ("number",):
        return pd.to_numeric(column, errors="raise").astype("float64")
    if ftype in ("integer", "year"):
        return pd.to_numeric(column, errors="raise").astype("Int64")
    if ftype == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    if ftype == "boolean":
        bad = sorted(set(column.dropna()) - _TRUE - _FALSE)
        if bad:
            raise ValueError(f"{resource}.{field['name']}: not a boolean: {bad[:3]}")
        truth = {**{v: True for v in _TRUE}, **{v: False for v in _FALSE}}
        return column.map(truth).astype("boolean")
    return column.astype("string")


def load(name: str) -> pd.DataFrame:
    """Load one data-package resource as a typed DataFrame that keeps its units.

    Args:
        name: a resource name from ``datapackage.json`` (see :func:`available`), e.g.
            ``"human_pk"``, ``"alkaloid_properties"``, ``"receptor_pharmacology"``.

    Returns:
        A DataFrame with one column per schema field, in schema order, typed per the schema.
        ``df.attrs["units"]`` maps field -> unit for fields with a fixed unit;
        ``df.attrs["unit_columns"]`` maps field -> the column holding its per-row unit;
        ``df.attrs["resource"]`` is ``name``.

    Raises:
        UnknownDatasetError: (a ``KeyError``) if ``name`` is not a resource; the message lists the
            available names.
    """
    if not isinstance(name, str):
        raise TypeError(f"dataset name must be a string, got {type(name).__name__}")
    resource = _resource(name)
    fields = resource["schema"]["fields"]
    path = data_dir() / resource["path"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    expected = [f["name"] for f in fields]
    if list(raw.columns) != expected:
        raise ValueError(
            f"{path.name}: columns {list(raw.columns)} do not match the schema in "
            f"datapackage.json {expected}; edit one so they agree."
        )
    missing = set(resource["schema"].get("missingValues", [""]))
    raw = raw.mask(raw.isin(missing))
    df = pd.DataFrame({f["name"]: _convert(raw[f["name"]], f, name) for f in fields})
    df.attrs["resource"] = name
    df.attrs["description"] = resource.get("description", "")
    df.attrs["units"] = {f["name"]: f["unit"] for f in fields if "unit" in f}
    df.attrs["unit_columns"] = {f["name"]: f["unitField"] for f in fields if "unitField" in f}
    return df


def molar_mass(compound: str) -> float:
    """Molar mass of a kratom alkaloid in g/mol, from ``alkaloid_properties``.

    The values are computed from the PubChem molecular formula (mitragynine C23H30N2O4 ->
    398.5 g/mol; 7-hydroxymitragynine C23H30N2O5 -> 414.5 g/mol).

    Args:
        compound: name as in the data, case-insensitive ("mitragynine", "7-hydroxymitragynine";
            "MG" and "7-OH" are accepted as abbreviations).

    Returns:
        Molar mass in g/mol.

    Raises:
        UnknownDatasetError: if no molar mass is stored for ``compound``.
    """
    aliases = {"mg": "mitragynine", "7-oh": "7-hydroxymitragynine", "7oh": "7-hydroxymitragynine"}
    key = aliases.get(compound.strip().lower(), compound.strip().lower())
    props = load("alkaloid_properties")
    rows = props[(props["property"] == "molar_mass") & (props["compound"].str.lower() == key)]
    if rows.empty:
        known = props.loc[props["property"] == "molar_mass", "compound"].dropna().unique()
        raise UnknownDatasetError(compound, "compound (no molar mass stored)", known)
    unit = rows["unit"].iloc[0]
    if unit != "g/mol":
        raise ValueError(f"alkaloid_properties: molar mass of {key} stored in {unit!r}, not g/mol")
    return float(rows["value"].iloc[0])


def references(ids: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Return the rows of ``references.csv`` for the given ids, in the order given.

    Args:
        ids: one id, a ';'-separated string of ids (as in a ``source_ids`` cell), an iterable of
            ids, or ``None`` for every reference.

    Raises:
        UnknownDatasetError: if an id is not in ``references.csv``.
    """
    refs = load("references")
    if ids is None:
        return refs
    wanted = _split_ids(ids)
    known = set(refs["id"])
    for ref_id in wanted:
        if ref_id not in known:
            raise UnknownDatasetError(ref_id, "reference id", known)
    out = refs.set_index("id").loc[wanted].reset_index()
    out.attrs = dict(refs.attrs)
    return out


def _split_ids(ids: str | Iterable[str]) -> list[str]:
    items = ids.split(";") if isinstance(ids, str) else list(ids)
    seen: list[str] = []
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen.append(item)
    return seen


def format_reference(ref_id: str) -> str:
    """Return a markdown citation for one reference id, for a lesson's reference cell.

    Format: ``Authors (year). Title. Journal volume. [doi:...](https://doi.org/...)``; without a
    DOI the link is to PubMed, PubMed Central or the agency URL, in that order.

    Raises:
        UnknownDatasetError: if ``ref_id`` is unknown.
    """
    row = references([ref_id]).iloc[0]

    def text(field: str) -> str:
        value = row[field]
        return "" if pd.isna(value) else str(value).strip()

    journal = " ".join(x for x in (text("journal"), text("volume_pages")) if x)
    # an author list or title that was not seen stays empty in the data and is left out here
    parts = [f"{text('authors')} ({row['year']}).".lstrip()]
    if text("title"):
        parts.append(f"{text('title').rstrip('.')}.")
    if journal:
        parts.append(f"*{journal}*.")
    if text("doi"):
        parts.append(f"[doi:{text('doi')}](https://doi.org/{text('doi')})")
    elif text("pmid"):
        parts.append(f"[PMID {text('pmid')}](https://pubmed.ncbi.nlm.nih.gov/{text('pmid')}/)")
    elif text("pmcid"):
        parts.append(f"[{text('pmcid')}](https://pmc.ncbi.nlm.nih.gov/articles/{text('pmcid')}/)")
    elif text("url"):
        parts.append(f"<{text('url')}>")
    return " ".join(parts)
