"""Read learners' quiz exports (the per-attempt CSV of :func:`pharmacourse.quiz.export_csv`).

Everything read here is untrusted: a file handed in by a learner or found in a shared class
folder may be malformed, binary, huge, or hold HTML or spreadsheet formulas in its answers.
A file is read with a size cap (:data:`MAX_FILE_BYTES`) and decoded as UTF-8; a file that is
too big, binary, not UTF-8, not a CSV or without the export's columns is skipped with a
:class:`ClassroomWarning` naming it; a row whose fields do not have the export's shape is skipped
and counted. Nothing is evaluated; texts are kept as text (the report escapes them).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pharmacourse.quiz.exchange import EXPORT_FIELDS

MAX_FILE_BYTES = 2_000_000  # a learner's whole course is a few hundred rows (~50 kB)
MAX_ROWS = 20_000
MAX_FIELD = 500  # characters kept of a typed answer or a note
KINDS = ("attempt", "reveal", "prediction", "changed-mind")
_SLUG = re.compile(r"^[0-9a-z][0-9a-z_-]{0,63}$")
_CLAIM = re.compile(r"^[a-z0-9_-]{1,20}$")


class ClassroomWarning(UserWarning):
    """A learner file or row was skipped; the report goes on without it."""


@dataclass
class Learner:
    """One learner's rows (one export file). ``label`` is a pseudonym, never a user name."""

    label: str
    source: str
    rows: list[dict] = field(default_factory=list)
    skipped_rows: int = 0


def _warn(message: str) -> None:
    warnings.warn(message, ClassroomWarning, stacklevel=3)


def _clean_row(row: dict) -> dict | None:
    """The row with typed fields, or ``None`` if it does not have the export's shape."""
    if None in row or any(not isinstance(row.get(k), str) for k in EXPORT_FIELDS):
        return None  # too many or too few fields
    lesson, qid, kind = row["lesson"], row["question_id"], row["kind"]
    if kind not in KINDS or not _SLUG.match(lesson):
        return None
    if kind in ("attempt", "reveal") and not _SLUG.match(qid):
        return None
    if kind in ("prediction", "changed-mind") and not _CLAIM.match(row["claim"]):
        return None
    attempt = row["attempt"]
    if attempt and not (attempt.isdigit() and len(attempt) <= 6):
        return None
    flags = {}
    for key in ("correct", "revealed"):
        if row[key] not in ("", "true", "false"):
            return None
        flags[key] = None if row[key] == "" else row[key] == "true"
    if kind == "attempt" and (not attempt or flags["correct"] is None):
        return None
    return {"lesson": lesson, "question_id": qid, "kind": kind,
            "attempt": int(attempt) if attempt else None, "chosen": row["chosen"][:MAX_FIELD],
            "correct": flags["correct"], "revealed": flags["revealed"],
            "time": row["time"][:40], "claim": row["claim"]}


def read_export(path: Path, label: str) -> Learner | None:
    """One learner's export file, or ``None`` (with a warning) if it cannot be used."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _warn(f"{path}: skipped, cannot be read ({exc.strerror or exc})")
        return None
    if len(raw) > MAX_FILE_BYTES:
        _warn(f"{path}: skipped, larger than {MAX_FILE_BYTES // 1000} kB (not a quiz export)")
        return None
    if b"\x00" in raw:
        _warn(f"{path}: skipped, a binary file (not a quiz export)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _warn(f"{path}: skipped, not UTF-8 text (not a quiz export)")
        return None
    learner = Learner(label=label, source=str(path))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if tuple(reader.fieldnames or ()) != EXPORT_FIELDS:
            _warn(f"{path}: skipped, its header is not the quiz export's "
                  f"({', '.join(EXPORT_FIELDS)})")
            return None
        for n, row in enumerate(reader):
            if n >= MAX_ROWS:
                _warn(f"{path}: only the first {MAX_ROWS} rows are read")
                break
            cleaned = _clean_row(row)
            if cleaned is None:
                learner.skipped_rows += 1
            else:
                learner.rows.append(cleaned)
    except csv.Error as exc:
        _warn(f"{path}: skipped, not a readable CSV file ({exc})")
        return None
    if learner.skipped_rows:
        _warn(f"{path}: {learner.skipped_rows} row(s) skipped (fields not in the export's shape)")
    return learner


def export_files(paths: Iterable[str | Path]) -> list[Path]:
    """The CSV files named, and every ``*.csv`` directly inside a folder named (sorted)."""
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.csv") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            _warn(f"{path}: skipped, no such file or folder")
    unique: dict[Path, Path] = {}
    for f in files:  # a file named and also in a folder named is one learner, not two
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


def read_exports(paths: Iterable[str | Path], code: str | None = None) -> list[Learner]:
    """Every usable learner file among ``paths``; learners are labelled ``learner 1..n``
    in file order (the report never shows file or user names). With ``code``, only the class
    folder's files of that class (``CODE--*.csv``, see ``quiz.join_class``)."""
    learners = []
    for path in export_files(paths):
        if code is not None and not path.name.startswith(f"{code}--"):
            continue
        learner = read_export(path, f"learner {len(learners) + 1}")
        if learner is not None:
            learners.append(learner)
    return learners
