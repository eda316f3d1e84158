"""Tests of the shipped data package and its loader (``pharmacourse.data``).

The data folder is found relative to the package, never through /work/shared or the home folder.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharmacourse import data
from pharmacourse.units import ureg

DATA_DIR = data.data_dir()
PACKAGE = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
OWN = [r for r in PACKAGE["resources"] if not r["name"].startswith("simulated_")]
OWN_NAMES = [r["name"] for r in OWN]
EVIDENCE = {"verified", "secondary", "derived", "flagged"}
ATOMIC_MASS = {"C": 12.011, "H": 1.008, "N": 14.007, "O": 15.999}


def _rows(name: str) -> pd.DataFrame:
    return data.load(name)


# --- the package as a whole ---------------------------------------------------------------


def _frictionless_validate(folder: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the frictionless CLI on ``folder``/datapackage.json; return the process and report."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, json.loads(result.stdout)


def test_frictionless_validate_passes() -> None:
    """`frictionless validate data/datapackage.json` (the CLI, as `make test` runs it)."""
    result, report = _frictionless_validate(DATA_DIR)
    errors = [
        (task.get("name"), err.get("message"))
        for task in report.get("tasks", [])
        for err in task.get("errors", [])
    ] + [err.get("message") for err in report.get("errors", [])]
    assert report["valid"], errors
    assert result.returncode == 0


def test_frictionless_catches_a_broken_copy(tmp_path: Path) -> None:
    """The validator run above can fail: a value outside the schema's range is reported."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "human_pk.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",t_half,median,45.3,", ",t_half,median,-45.3,", 1), "utf-8")
    _result, report = _frictionless_validate(copy)
    assert not report["valid"]


def test_package_has_licence_and_sources() -> None:
    assert PACKAGE["licenses"] and PACKAGE["licenses"][0]["name"]
    assert PACKAGE["sources"]
    for resource in OWN:
        assert resource.get("description"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']}"


def test_available_lists_every_resource() -> None:
    assert set(OWN_NAMES) <= set(data.available())
    for name in (
        "alkaloid_properties", "product_composition", "human_pk", "receptor_pharmacology",
        "enzyme_inhibition", "ddi_clinical", "poison_center", "overdose_deaths", "prevalence",
        "reasons_for_use", "claims", "references", "help_resources",
    ):
        assert name in data.available()


# --- provenance ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_NAMES)
def test_every_row_cites_known_references_with_an_identifier(name: str) -> None:
    refs = _rows("references").set_index("id")
    identified = refs[["doi", "pmid", "pmcid", "url"]].notna().any(axis=1)
    df = _rows(name)
    if name == "references":
        assert identified.all(), list(refs.index[~identified])
        return
    assert "source_ids" in df.columns
    for i, cell in df["source_ids"].items():
        assert isinstance(cell, str) and cell, f"{name} row {i}: no source_ids"
        for ref_id in cell.split(";"):
            assert ref_id in refs.index, f"{name} row {i}: unknown reference {ref_id!r}"
            assert identified[ref_id], f"reference {ref_id} has no DOI/PMID/PMCID/URL"


@pytest.mark.parametrize("name", [n for n in OWN_NAMES if n != "references"])
def test_every_row_has_an_evidence_tag(name: str) -> None:
    df = _rows(name)
    assert df["evidence"].notna().all()
    assert set(df["evidence"]) <= EVIDENCE


def test_references_say_when_authors_are_missing() -> None:
    refs = _rows("references")
    for _, row in refs.iterrows():
        authors = row["authors"] if isinstance(row["authors"], str) else ""
        if not row["authors_complete"]:
            assert authors == "" or authors.endswith(", et al."), row["id"]
            assert isinstance(row["verification"], str) and row["verification"], row["id"]
        else:
            assert authors and "et al." not in authors, row["id"]
    assert not refs["id"].duplicated().any()


def test_reference_text_never_carries_a_placeholder() -> None:
    """Learners read authors, title and journal in generated lists: the state of verification
    lives in its own column, never as '[... not captured]' inside the text."""
    refs = _rows("references")
    for field in ("authors", "title", "journal", "volume_pages"):
        for ref_id, cell in zip(refs["id"], refs[field]):
            if isinstance(cell, str):
                assert "[" not in cell and "captured" not in cell, (ref_id, field, cell)
    unseen = refs[refs["title"].isna() | refs["journal"].isna()]
    assert unseen["verification"].notna().all(), list(unseen["id"])
    for ref_id in refs["id"]:
        cite = data.format_reference(ref_id)
        assert "captured" not in cite and "nan" not in cite.split(), (ref_id, cite)
    untitled = data.format_reference("sharma2025")  # title not seen: left out, no placeholder
    assert "(2025). *Drug Testing and Analysis*." in untitled


def test_corrected_citations_issue_14() -> None:
    """Corrections from the issue-14 source check: wrong or secondary citations repointed."""
    enzymes = _rows("enzyme_inhibition")
    extract = enzymes[enzymes["inhibitor"] == "M. speciosa alkaloid extract"]
    assert len(extract) == 4 and set(extract["source_ids"]) == {"kong2011"}
    assert extract.set_index("enzyme").loc["CYP3A4", "value"] == 0.78
    kong = data.references("kong2011").iloc[0]
    assert (kong["year"], kong["doi"], kong["pmcid"]) == (2011, "10.3390/molecules16097344", "PMC6264431")
    receptors = _rows("receptor_pharmacology")
    assert not receptors["source_ids"].str.contains("huestis2024").any()
    pseudo = receptors[(receptors["compound"] == "mitragynine pseudoindoxyl") & (receptors["receptor"] == "MOR")]
    assert "gillis2020" in pseudo["source_ids"].item() and "biased" in pseudo["note"].item()
    assert data.references("cdc2018_salmonella")["url"].item().startswith("https://www.cdc.gov/")
    assert "wikipedia" not in " ".join(_rows("references")["url"].dropna())
    claims = _rows("claims").set_index("id")
    assert "prescription or illicit" in claims.loc["b", "explanation"]
    assert "mostly for illicit" not in claims.loc["b", "explanation"]
    assert "used" in claims.loc["e", "explanation"] and "whole-leaf" in claims.loc["e", "explanation"]
    assert claims.loc["i", "verdict"].endswith("not supported")
    assert not re.search(r"\d\s*(-\s*\d+\s*)?g\b", claims.loc["k", "explanation"])  # no gram amounts


def test_derived_and_flagged_rows_explain_themselves() -> None:
    for name in OWN_NAMES:
        if name == "references":
            continue
        df = _rows(name)
        odd = df[df["evidence"].isin(["derived", "flagged"])]
        assert odd["note"].notna().all(), f"{name}: derived/flagged rows need a note"


# --- units --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_NAMES)
def test_every_numeric_field_declares_a_unit(name: str) -> None:
    resource = next(r for r in OWN if r["name"] == name)
    names = {f["name"] for f in resource["schema"]["fields"]}
    df = _rows(name)
    for field in resource["schema"]["fields"]:
        if field["type"] not in ("number", "integer"):
            continue
        assert ("unit" in field) != ("unitField" in field), f"{name}.{field['name']}"
        if "unit" in field:
            ureg.parse_units(field["unit"])  # raises on an unknown unit
            assert df.attrs["units"][field["name"]] == field["unit"]
        else:
            assert field["unitField"] in names
            assert df.attrs["unit_columns"][field["name"]] == field["unitField"]
            used = df.loc[df[field["name"]].notna(), field["unitField"]]
            assert used.notna().all(), f"{name}: a {field['name']} without a unit"
            for unit in used.unique():
                ureg.parse_units(unit)


# --- plausible ranges ---------------------------------------------------------------------


def _matches(row: pd.Series, where: dict[str, str]) -> bool:
    return all(row[k] == v for k, v in where.items())


@pytest.mark.parametrize("name", [r["name"] for r in OWN if "plausibleRanges" in r])
def test_values_lie_in_the_schema_plausible_ranges(name: str) -> None:
    resource = next(r for r in OWN if r["name"] == name)
    rules = resource["plausibleRanges"]
    df = _rows(name)
    value_col = "value"
    for i, row in df[df[value_col].notna()].iterrows():
        matching = [r for r in rules if _matches(row, r["where"])]
        assert matching, f"{name} row {i}: no plausible range declared for {dict(row)}"
        rule = matching[0]
        assert rule["minimum"] <= row[value_col] <= rule["maximum"], (name, i, rule)


def test_every_long_table_has_plausible_ranges() -> None:
    for name in ("alkaloid_properties", "human_pk", "receptor_pharmacology", "enzyme_inhibition",
                 "product_composition", "poison_center"):
        assert next(r for r in OWN if r["name"] == name).get("plausibleRanges"), name


def test_pk_ranges_are_internally_consistent() -> None:
    pk = _rows("human_pk")
    keys = ["study_id", "dose_regimen", "analyte", "parameter", "unit"]
    for key, grp in pk.groupby(keys):
        stats = dict(zip(grp["statistic"], grp["value"], strict=False))
        if {"min", "median", "max"} <= stats.keys():
            assert stats["min"] <= stats["median"] <= stats["max"], key
        if {"min_group_median", "max_group_median"} <= stats.keys():
            assert stats["min_group_median"] <= stats["max_group_median"], key
    ddi = _rows("ddi_clinical").dropna(subset=["ci90_low"])
    assert (ddi["ci90_low"] <= ddi["estimate"]).all()
    assert (ddi["estimate"] <= ddi["ci90_high"]).all()


# --- key figures as entered from the papers ------------------------------------------------


def _pk(study: str, analyte: str, parameter: str, statistic: str, regimen: str | None = None):
    pk = _rows("human_pk")
    sel = pk[(pk["study_id"] == study) & (pk["analyte"] == analyte)
             & (pk["parameter"] == parameter) & (pk["statistic"] == statistic)]
    if regimen is not None:
        sel = sel[sel["dose_regimen"] == regimen]
    assert len(sel) == 1, (study, analyte, parameter, statistic, regimen, len(sel))
    return sel.iloc[0]


@pytest.mark.parametrize(
    ("study", "statistic", "regimen", "value"),
    [
        ("trakulsrichai2015", "mean", None, 23.24),
        ("trakulsrichai2015", "sd", None, 16.07),
        ("tanna2022", "median", None, 45.3),
        ("tanna2022", "min", None, 31.9),
        ("tanna2022", "max", None, 50.2),
        ("huestis2024", "max_group_mean", "single", 43.4),
        ("huestis2024", "max_group_mean", "multiple", 67.9),
    ],
)
def test_mitragynine_half_life_in_each_human_study(study, statistic, regimen, value) -> None:
    row = _pk(study, "mitragynine", "t_half", statistic, regimen)
    assert row["value"] == pytest.approx(value, abs=1e-9)
    assert row["unit"] == "h"


def test_key_pk_figures() -> None:
    assert _pk("huestis2024", "mitragynine", "time_to_steady_state", "min")["value"] == 8
    assert _pk("huestis2024", "mitragynine", "time_to_steady_state", "max")["value"] == 9
    assert _pk("huestis2024", "mitragynine", "time_to_steady_state", "min")["unit"] == "d"
    row = _pk("tanna2022", "mitragynine", "vz_f", "median")
    assert (row["value"], row["unit"]) == (12700, "L")
    assert _pk("tanna2022", "mitragynine", "cmax", "median")["value"] == 81.9
    assert _pk("tanna2022", "7-hydroxymitragynine", "t_half", "median")["value"] == 5.67
    assert _pk("trakulsrichai2015", "mitragynine", "fe_urine", "mean")["value"] == 0.14
    assert _pk("trakulsrichai2015", "mitragynine", "t_half", "mean")["sampling_h"] == 24
    assert _pk("tanna2022", "mitragynine", "t_half", "median")["sampling_h"] == 120
    assert _pk("trakulsrichai2015", "mitragynine", "cl_f", "mean")["evidence"] == "flagged"


def test_key_interaction_receptor_and_safety_figures() -> None:
    ddi = _rows("ddi_clinical").set_index(["study_id", "object_drug", "measure"])
    mdz = ddi.loc[("tanna2023", "midazolam", "auc_ratio")]
    assert (mdz["estimate"], mdz["ci90_low"], mdz["ci90_high"]) == (1.39, 1.23, 1.57)
    assert ddi.loc[("tanna2021", "midazolam", "auc_ratio"), "estimate"] == 5.69
    inh = _rows("enzyme_inhibition")
    ki = inh[(inh["enzyme"] == "CYP2D6") & (inh["parameter"] == "ki")].iloc[0]
    assert (ki["value"], ki["unit"]) == (1.17, "uM")
    rec = _rows("receptor_pharmacology")
    obeng = rec[(rec["source_ids"] == "obeng2021") & (rec["measure"] == "ki")]
    assert dict(zip(obeng["compound"], obeng["value"], strict=True)) == {
        "mitragynine": 77.9, "7-hydroxymitragynine": 709.0}
    assert set(obeng["evidence"]) == {"flagged"}
    deaths = _rows("overdose_deaths").set_index("measure")["value"]
    assert deaths["kratom_positive"] == 152 and deaths["kratom_only_substance_detected"] == 7
    assert deaths["overdose_deaths_analysed"] == 27338
    prev = _rows("prevalence")
    nsduh = prev[(prev["survey"] == "NSDUH 2019") & (prev["measure"] == "past_year_use")].iloc[0]
    assert (nsduh["value"], nsduh["ci95_low"], nsduh["ci95_high"]) == (0.7, 0.6, 0.8)


def test_no_unverified_kruegel_or_varadi_numbers() -> None:
    """Kruegel 2016 / Varadi 2016 numerics could not be read in a stored source: none entered."""
    rec = _rows("receptor_pharmacology")
    theirs = rec[rec["source_ids"].str.contains("kruegel2016|varadi2016", regex=True)]
    assert len(theirs) > 0
    assert theirs["value"].isna().all()


def test_claims_cover_a_to_n_with_fact_sheet_verdicts() -> None:
    claims = _rows("claims").set_index("id")
    assert list(claims.index) == list("abcdefghijklmn")
    assert claims.loc["d", "verdict"] == "Contradicted (as an absolute)"
    assert claims.loc["g", "verdict"] == "Not supported"
    assert claims.loc["m", "verdict"] == "Supported"
    assert claims["explanation"].str.len().min() > 40


def test_help_resources() -> None:
    help_ = _rows("help_resources").set_index("name")
    assert {"SAMHSA National Helpline", "Poison Help", "FRANK", "Local emergency number"} <= set(
        help_.index)
    assert "1-800-662-HELP (4357)" in help_.loc["SAMHSA National Helpline", "contact"]
    assert "1-800-222-1222" in help_.loc["Poison Help", "contact"]
    assert pd.isna(help_.loc["FRANK", "date_verified"])  # only a secondary source was seen
    assert not re.search(r"\d{4} ?\d{3} ?\d{3}", help_.loc["FRANK", "contact"])
    verified = help_[help_["date_verified"].notna()]
    assert set(verified["evidence"]) == {"verified"}
    assert (verified["date_verified"] == pd.Timestamp("2026-11-25")).all()


# --- molar masses ---------------------------------------------------------------------------


def _formula_mass(formula: str) -> float:
    parts = re.findall(r"([A-Z][a-z]?)(\d*)", formula)
    return sum(ATOMIC_MASS[element] * int(count or 1) for element, count in parts)


def test_molar_masses_match_their_formulas() -> None:
    props = _rows("alkaloid_properties")
    mm = props[props["property"] == "molar_mass"]
    assert len(mm) >= 2
    for _, row in mm.iterrows():
        assert row["value"] == pytest.approx(_formula_mass(row["formula"]), abs=0.05)
    assert data.molar_mass("mitragynine") == pytest.approx(398.5, abs=0.05)
    assert data.molar_mass("7-hydroxymitragynine") == pytest.approx(414.5, abs=0.05)
    assert data.molar_mass("MG") == data.molar_mass("Mitragynine")
    assert data.molar_mass("7-OH") == data.molar_mass("7-hydroxymitragynine")


def test_molar_mass_unknown_compound() -> None:
    with pytest.raises(data.UnknownDatasetError, match="mitragynine"):
        data.molar_mass("caffeine")


# --- the loader -----------------------------------------------------------------------------


def test_load_types_and_units() -> None:
    pk = data.load("human_pk")
    assert pk.attrs["resource"] == "human_pk"
    assert pk["value"].dtype == "float64"
    assert str(pk["n_subjects"].dtype) == "Int64"
    assert isinstance(pk["study_id"].dtype, pd.StringDtype)
    assert pk.attrs["units"]["sampling_h"] == "h"
    assert pk.attrs["unit_columns"] == {"value": "unit"}
    assert pk["mg_dose_mg"].isna().any() and pk["mg_dose_mg"].notna().any()
    assert list(pk.columns) == [f["name"] for f in data.schema("human_pk")["fields"]]
    refs = data.load("references")
    assert str(refs["authors_complete"].dtype) == "boolean"


def test_unknown_name_lists_the_available_ones() -> None:
    with pytest.raises(data.UnknownDatasetError) as info:
        data.load("human_pharmacokinetics")
    assert isinstance(info.value, KeyError)
    message = str(info.value)
    assert "human_pharmacokinetics" in message and "human_pk" in message and "claims" in message


@given(st.text(min_size=1, max_size=30))
def test_any_unknown_name_raises_a_key_error(name: str) -> None:
    if name in data.available():
        assert data.load(name).attrs["resource"] == name
    else:
        with pytest.raises(KeyError):
            data.load(name)


def test_env_var_overrides_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(DATA_DIR, copy)
    (copy / "claims.csv").write_text(
        (copy / "claims.csv").read_text(encoding="utf-8").replace(
            "Tolerance develops with repeated use", "Tolerance develops (copy)"), "utf-8")
    monkeypatch.setenv("PHARMACOURSE_DATA_DIR", str(copy))
    assert data.data_dir() == copy.resolve()
    assert "Tolerance develops (copy)" in set(data.load("claims")["claim"])
    monkeypatch.setenv("PHARMACOURSE_DATA_DIR", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match="PHARMACOURSE_DATA_DIR"):
        data.load("claims")


def test_csv_columns_must_match_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "d"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("verdict", "verdikt")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.setenv("PHARMACOURSE_DATA_DIR", str(copy))
    with pytest.raises(ValueError, match="claims.csv"):
        data.load("claims")


def test_references_and_citation_format() -> None:
    refs = data.references("tanna2022;huestis2024")
    assert list(refs["id"]) == ["tanna2022", "huestis2024"]
    cite = data.format_reference("huestis2024")
    assert cite.startswith("Huestis MA, Brett MA, Bothmer J, Atallah R (2024).")
    assert "[doi:10.3390/molecules29050984](https://doi.org/10.3390/molecules29050984)" in cite
    assert "<https://www.dshs.texas.gov/" in data.format_reference("texas_dshs2025")
    assert "pubmed.ncbi.nlm.nih.gov/16169018" in data.format_reference("matsumoto2005")
    with pytest.raises(data.UnknownDatasetError, match="nobody1999"):
        data.references(["nobody1999"])
    assert len(data.references()) == len(data.load("references"))
