"""Progress out and back in: the instructor's CSV export, the download bundle and its upload.

The export has one row per event (columns :data:`EXPORT_FIELDS`, documented in
``quizzes/README.md``): every graded attempt, every "Show answer", every saved prediction and
every "what changed my mind" note.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pharmacourse.quiz import learner, store
from pharmacourse.quiz.entries import BUNDLE_FORMAT, PREDICTIONS, VERSION, clean, empty

EXPORT_FIELDS = ("lesson", "question_id", "kind", "attempt", "chosen", "correct", "revealed",
                 "time", "claim")
CHOSEN_SEPARATOR = "|"


def _csv_safe(text: str) -> str:
    """Stop spreadsheet formula injection from learner text (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _chosen_text(chosen: Any) -> str:
    return CHOSEN_SEPARATOR.join(chosen) if isinstance(chosen, list) else str(chosen)


def _known_keys(lesson: str) -> dict[str, tuple[str, set[str]]] | None:
    """Per choice question of a lesson's bank: its type and what a progress file may hold for an
    option (its id, its position, or its text, which older versions stored)."""
    try:
        from pharmacourse import quiz

        bank = quiz.load(lesson)
    except Exception:  # no bank (a lesson removed, a test folder): nothing to check against
        return None
    return {q.id: (q.type, {store.option_key(o, i) for i, o in enumerate(q.options)}
                   | {o.text for o in q.options})
            for q in bank.questions.values() if q.type in ("single", "multiple")}


def _check_keys(lesson: str, qid: str, chosen: Any,
                known: dict[str, tuple[str, set[str]]] | None) -> None:
    if known is None or qid not in known or not chosen:
        return
    qtype, allowed = known[qid]
    if isinstance(chosen, list):
        values = chosen
    else:  # older files: the option text, or the texts joined with " | " (multiple choice)
        values = chosen.split(" | ") if qtype == "multiple" else [chosen]
    unknown = [c for c in values if c not in allowed]
    if unknown:
        store._warn_once(f"keys:{lesson}:{qid}:{unknown}",
                         f"Progress file {store.progress_dir() / (lesson + '.json')}: question "
                         f"{qid!r}, field 'chosen': option key(s) {', '.join(unknown)} are not in "
                         "the bank (renamed or removed?); exported as recorded.")


def export_rows() -> list[dict]:
    """Every recorded event, one dict per row with the keys :data:`EXPORT_FIELDS`."""
    rows = []
    for lesson in store.lesson_names():
        known = _known_keys(lesson)
        for qid, state in sorted(store.read(lesson)["questions"].items()):
            for event in state["history"]:
                _check_keys(lesson, qid, event["chosen"], known)
                rows.append({"lesson": lesson, "question_id": qid, "kind": event["kind"],
                             "attempt": event["attempt"] if event["attempt"] is not None else "",
                             "chosen": _csv_safe(_chosen_text(event["chosen"])),
                             "correct": _flag(event["correct"]),
                             "revealed": _flag(event["revealed"]), "time": event["time"],
                             "claim": ""})
    for claim, entry in sorted(store.claims().items()):
        for i, guess in enumerate(entry["history"], start=1):
            rows.append({"lesson": guess["lesson"], "question_id": guess["question_id"],
                         "kind": "prediction", "attempt": i, "chosen": _csv_safe(guess["choice"]),
                         "correct": "", "revealed": "", "time": guess["time"], "claim": claim})
        if entry.get("note"):
            note = entry["note"]
            rows.append({"lesson": note["lesson"], "question_id": "", "kind": "changed-mind",
                         "attempt": "", "chosen": _csv_safe(note["text"]), "correct": "",
                         "revealed": "", "time": note["time"], "claim": claim})
    return rows


def export_csv(path: str | Path) -> Path:
    """Write every attempt and prediction event to one CSV file (for an instructor)."""
    path = Path(path)
    rows = export_rows()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def bundle() -> dict:
    """All progress in one JSON-serialisable document (for download on Binder)."""
    return {"format": BUNDLE_FORMAT, "version": VERSION, "exported": store._now(),
            "lessons": {name: store.read(name) for name in store.lesson_names()},
            "predictions": store.read(PREDICTIONS),
            # the shuffle seed travels with the progress: same option order on a new machine
            "learner_seed": learner.stored_seed()}


def _union(old: list[dict], new: list[dict]) -> list[dict]:
    seen, out = set(), []
    for event in sorted(old + new, key=lambda e: str(e.get("time", ""))):
        key = repr(sorted(event.items()))
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def _merge_question(old: dict, new: dict) -> dict:
    merged = dict(old)
    merged["attempts"] = max(old["attempts"], new["attempts"])
    merged["correct"] = old["correct"] or new["correct"]
    merged["revealed"] = old["revealed"] or new["revealed"]
    firsts = [f for f in (old["first_correct_attempt"], new["first_correct_attempt"]) if f]
    merged["first_correct_attempt"] = min(firsts) if firsts else None
    if new["updated"] > old["updated"]:
        for key in ("last_status", "last_answer", "updated"):
            merged[key] = new[key]
    merged["history"] = _union(old["history"], new["history"])
    return merged


def _merge_prediction(old: dict, new: dict) -> dict:
    latest = new if new["updated"] > old["updated"] else old
    notes = [n for n in (old.get("note"), new.get("note")) if n]
    return {**latest, "history": _union(old["history"], new["history"]),
            "note": max(notes, key=lambda n: n["time"]) if notes else None}


def clean_bundle(data: Any) -> tuple[dict[str, dict], dict]:
    """Validate a progress download: its clean lesson documents (by slug) and predictions.

    Raises:
        ValueError: naming what is wrong, if ``data`` is not a valid bundle.
    """
    if not isinstance(data, Mapping) or data.get("format") != BUNDLE_FORMAT:
        raise ValueError("this is not a pharmacourse progress download")
    if data.get("version") not in (1, VERSION):
        raise ValueError(f"unsupported progress version {data.get('version')!r}")
    lessons = data.get("lessons")
    if not isinstance(lessons, Mapping):
        raise ValueError("the download has no lessons")
    cleaned = {}
    for name, doc in lessons.items():
        if not isinstance(name, str) or not store._SLUG.match(name) or name == PREDICTIONS:
            raise ValueError(f"invalid lesson name {name!r}")
        try:
            cleaned[name] = clean(doc, name)
        except ValueError as exc:
            raise ValueError(f"lesson {name!r}: {exc}") from None
    preds = clean(data.get("predictions") or {**empty(PREDICTIONS), "version": VERSION},
                  PREDICTIONS)
    return cleaned, preds


def merge_bundle(data: Any) -> dict[str, int]:
    """Validate a downloaded bundle and merge it into the progress files.

    Merging keeps the best of both: the larger attempt count, correct if either was, every
    attempt and prediction of both histories, the latest prediction per claim. Returns counts of
    merged lessons, questions and predictions.

    Raises:
        ValueError: if ``data`` is not a valid bundle (nothing is written then).
    """
    cleaned, preds = clean_bundle(data)
    counts = {"lessons": 0, "questions": 0, "predictions": 0}
    for name, doc in cleaned.items():
        def change(current: dict, incoming: dict = doc) -> None:
            for qid, state in incoming["questions"].items():
                old = current["questions"].get(qid)
                current["questions"][qid] = _merge_question(old, state) if old else state
                counts["questions"] += 1
        store.update(name, change)
        counts["lessons"] += 1

    def change_preds(current: dict) -> None:
        for claim, entry in preds["predictions"].items():
            old = current["predictions"].get(claim)
            current["predictions"][claim] = _merge_prediction(old, entry) if old else entry
            counts["predictions"] += 1

    store.update(PREDICTIONS, change_preds)
    if data.get("learner_seed") is not None:
        learner.restore_seed(data["learner_seed"])
    return counts
