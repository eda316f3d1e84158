"""The shapes of progress documents: validation entry by entry, and the version-1 conversion.

Used by :mod:`pharmacourse.quiz.store` (files) and :mod:`pharmacourse.quiz.exchange` (export,
download, upload). Pure functions, no file access.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORMAT = "pharmacourse-progress"
BUNDLE_FORMAT = "pharmacourse-progress-bundle"
VERSION = 2  # 1: counts and the last answer only (read and converted)
PREDICTIONS = "predictions"
MAX_TEXT = 200
MAX_HISTORY = 200  # events kept per question or claim (the latest): bounds the file size
MAX_CHOSEN = 50


def _text(value: Any) -> str:
    return str(value)[:MAX_TEXT]


class EntryError(ValueError):
    """One entry of a progress file cannot be read: names the field that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field {field!r}: {message}")
        self.field = field


def empty(name: str) -> dict:
    if name == PREDICTIONS:
        return {"format": FORMAT, "version": VERSION, "kind": "predictions", "predictions": {}}
    return {"format": FORMAT, "version": VERSION, "kind": "lesson", "lesson": name,
            "questions": {}}


def _whole(value: Any, field: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**6:
        raise EntryError(field, f"is not a whole number ({_text(value)[:40]!r})")
    return value


def _chosen(value: Any) -> str | list[str]:
    """An option key, a list of keys (multiple choice), or typed text."""
    if isinstance(value, list):
        return [_text(v) for v in value[:MAX_CHOSEN]]
    return _text(value if value is not None else "")


def _clean_event(event: Any) -> dict:
    if not isinstance(event, Mapping) or event.get("kind") not in ("attempt", "reveal"):
        raise EntryError("history", "an event is not an attempt or a reveal")
    correct = event.get("correct")
    return {"kind": event["kind"], "attempt": _whole(event.get("attempt"), "history.attempt",
                                                     optional=True),
            "chosen": _chosen(event.get("chosen")),
            "correct": None if correct is None else bool(correct),
            "revealed": bool(event.get("revealed", False)), "time": _text(event.get("time", "")),
            **({"converted": True} if event.get("converted") else {})}


def _converted_history(state: dict) -> list[dict]:
    """Version 1 kept counts and the last answer only: one event per attempt, what is known."""
    n, first = state["attempts"], state["first_correct_attempt"]
    events = []
    for i in range(1, n + 1):
        if i == n:
            correct: bool | None = {"correct": True, "incorrect": False}.get(state["last_status"])
        elif first is not None and i <= first:
            correct = i == first
        else:  # after the first correct try, or after "Show answer": not recorded in version 1
            correct = None if (first is not None or state["revealed"]) else False
        events.append({"kind": "attempt", "attempt": i,
                       "chosen": state["last_answer"] if i == n else "", "correct": correct,
                       "revealed": False, "time": state["updated"] if i == n else "",
                       "converted": True})
    return events


def _clean_question(state: Any, version: int = VERSION) -> dict:
    if not isinstance(state, Mapping):
        raise EntryError("(entry)", "is not a mapping")
    if version == 1 and "attempts" not in state:
        raise EntryError("attempts", "missing")
    out = {
        "attempts": _whole(state.get("attempts", 0), "attempts"),
        "correct": bool(state.get("correct", False)),
        "first_correct_attempt": _whole(state.get("first_correct_attempt"),
                                        "first_correct_attempt", optional=True),
        "revealed": bool(state.get("revealed", False)),
        "last_status": _text(state.get("last_status", "")),
        "last_answer": _text(state.get("last_answer", "")),
        "updated": _text(state.get("updated", "")),
    }
    if version == 1:
        out["history"] = _converted_history(out)
    else:
        history = state.get("history", [])
        if not isinstance(history, list):
            raise EntryError("history", "is not a list")
        out["history"] = [_clean_event(e) for e in history[-MAX_HISTORY:]]
    return out


def _clean_guess(entry: Any) -> dict:
    if not isinstance(entry, Mapping):
        raise EntryError("history", "a prediction is not a mapping")
    if not isinstance(entry.get("choice"), str):
        raise EntryError("choice", "missing (no prediction text)")
    return {"choice": _text(entry["choice"]), "lesson": _text(entry.get("lesson", "")),
            "question_id": _text(entry.get("question_id", "")),
            "time": _text(entry.get("time", entry.get("updated", "")))}


def _clean_prediction(entry: Any, version: int = VERSION) -> dict:
    if not isinstance(entry, Mapping):
        raise EntryError("(entry)", "is not a mapping")
    if not isinstance(entry.get("choice"), str):
        raise EntryError("choice", "missing (no prediction text)")
    history = entry.get("history", [entry] if entry["choice"] else []) if version > 1 else [entry]
    if not isinstance(history, list):
        raise EntryError("history", "is not a list")
    history = [_clean_guess(e) for e in history[-MAX_HISTORY:]]
    note = entry.get("note")
    if note is not None and not (isinstance(note, Mapping) and isinstance(note.get("text"), str)):
        raise EntryError("note", "is not {text, lesson, time}")
    return {"choice": _text(entry["choice"]), "lesson": _text(entry.get("lesson", "")),
            "question_id": _text(entry.get("question_id", "")),
            "updated": _text(entry.get("updated", "")), "history": history,
            "note": None if note is None else {"text": clean_note(note["text"]),
                                               "lesson": _text(note.get("lesson", "")),
                                               "time": _text(note.get("time", ""))}}


def clean_note(text: Any) -> str:
    """A "what changed my mind" note: one line, at most :data:`MAX_TEXT` characters."""
    return " ".join(str(text or "").split())[:MAX_TEXT]


def clean_entries(doc: Any, name: str) -> tuple[dict, dict[str, tuple[Any, str]]]:
    """Validate a progress document entry by entry.

    Returns the clean document (version :data:`VERSION`; a version-1 file is converted) and the
    entries that could not be read: ``{question or claim id: (raw entry, reason)}``.

    Raises:
        ValueError: if the document as a whole is not a progress file (nothing can be kept).
    """
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise ValueError("not a pharmacourse progress file")
    version = doc.get("version")
    if version not in (1, VERSION):
        raise ValueError(f"unsupported version {version!r}")
    out = empty(name)
    key, cleaner = (("predictions", _clean_prediction) if name == PREDICTIONS
                    else ("questions", _clean_question))
    entries = doc.get(key)
    if not isinstance(entries, Mapping):
        raise ValueError(f"field {key!r} is missing or not a mapping")
    rejected: dict[str, tuple[Any, str]] = {}
    for k, v in entries.items():
        try:
            out[key][_text(k)] = cleaner(v, version)
        except EntryError as exc:
            rejected[_text(k)] = (v, str(exc))
    return out, rejected


def clean(doc: Any, name: str) -> dict:
    """Validate a whole progress document; return a clean copy or raise ``ValueError``."""
    out, rejected = clean_entries(doc, name)
    if rejected:
        entry, (_, reason) = next(iter(rejected.items()))
        raise ValueError(f"entry {entry!r}, {reason}")
    return out
