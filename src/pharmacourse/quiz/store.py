"""Kept scores: quiz attempts and predictions in local JSON files.

Layout of ``$PHARMACOURSE_PROGRESS_DIR`` (default: ``platformdirs.user_data_dir("pharmacourse")``):

- ``<lesson-slug>.json``: attempts per question id of that lesson's bank;
- ``predictions.json``: predictions per claim id (claims run through several lessons).

Every update takes a lock on ``<file>.lock``, re-reads the file, changes it and writes it
atomically (temporary file in the same folder, then ``os.replace``), so two open notebooks never
lose each other's updates. A corrupt or unreadable file is moved aside with a warning and a fresh
one started. If the folder cannot be written at all, progress is kept in memory for the session
with a warning: nothing here ever stops a lesson.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ENV_VAR = "PHARMACOURSE_PROGRESS_DIR"
FORMAT = "pharmacourse-progress"
BUNDLE_FORMAT = "pharmacourse-progress-bundle"
VERSION = 1
PREDICTIONS = "predictions"
MAX_TEXT = 200
_SLUG = re.compile(r"^[0-9a-z][0-9a-z_-]{0,63}$")
_MEMORY: dict[Path, dict] = {}  # fallback when the folder cannot be written
_WARNED: set[str] = set()


class ProgressWarning(UserWarning):
    """Something went wrong with the progress files; the lesson goes on."""


def _warn_once(key: str, message: str) -> None:
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(message, ProgressWarning, stacklevel=3)


def progress_dir() -> Path:
    """The folder holding progress files (the environment variable wins)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("pharmacourse", appauthor=False))


def _path(name: str) -> Path:
    if not isinstance(name, str) or not _SLUG.match(name):
        raise ValueError(f"not a valid lesson slug: {name!r}")
    return progress_dir() / f"{name}.json"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _text(value: Any) -> str:
    return str(value)[:MAX_TEXT]


# --------------------------------------------------------------------------- document shapes


def empty(name: str) -> dict:
    if name == PREDICTIONS:
        return {"format": FORMAT, "version": VERSION, "kind": "predictions", "predictions": {}}
    return {"format": FORMAT, "version": VERSION, "kind": "lesson", "lesson": name,
            "questions": {}}


def _clean_question(state: Any) -> dict:
    if not isinstance(state, Mapping):
        raise ValueError("a question entry is not a mapping")
    attempts = state.get("attempts", 0)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 0 <= attempts < 10**6:
        raise ValueError("attempts is not a whole number")
    first = state.get("first_correct_attempt")
    if first is not None and (isinstance(first, bool) or not isinstance(first, int)):
        raise ValueError("first_correct_attempt is not a whole number")
    return {
        "attempts": attempts,
        "correct": bool(state.get("correct", False)),
        "first_correct_attempt": first,
        "revealed": bool(state.get("revealed", False)),
        "last_status": _text(state.get("last_status", "")),
        "last_answer": _text(state.get("last_answer", "")),
        "updated": _text(state.get("updated", "")),
    }


def _clean_prediction(entry: Any) -> dict:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("choice"), str):
        raise ValueError("a prediction entry has no choice text")
    return {"choice": _text(entry["choice"]), "lesson": _text(entry.get("lesson", "")),
            "question_id": _text(entry.get("question_id", "")),
            "updated": _text(entry.get("updated", ""))}


def clean(doc: Any, name: str) -> dict:
    """Validate a progress document; return a clean copy or raise ``ValueError``."""
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise ValueError("not a pharmacourse progress file")
    if doc.get("version") != VERSION:
        raise ValueError(f"unsupported version {doc.get('version')!r}")
    out = empty(name)
    if name == PREDICTIONS:
        preds = doc.get("predictions")
        if not isinstance(preds, Mapping):
            raise ValueError("predictions is not a mapping")
        out["predictions"] = {_text(k): _clean_prediction(v) for k, v in preds.items()}
        return out
    questions = doc.get("questions")
    if not isinstance(questions, Mapping):
        raise ValueError("questions is not a mapping")
    out["questions"] = {_text(k): _clean_question(v) for k, v in questions.items()}
    return out


# --------------------------------------------------------------------------- file access


@contextlib.contextmanager
def _locked(path: Path, timeout_s: float = 5.0) -> Iterator[None]:
    """An exclusive advisory lock on ``path.lock`` (fcntl; msvcrt on Windows)."""
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl

            def acquire() -> None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

            def release() -> None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            def acquire() -> None:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

            def release() -> None:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

        deadline = time.monotonic() + timeout_s
        locked = False
        while True:
            try:
                acquire()
                locked = True
                break
            except OSError:
                if time.monotonic() > deadline:
                    _warn_once(f"lock:{path}", f"Could not lock {lock_path}; saving anyway.")
                    break
                time.sleep(0.01)
        try:
            yield
        finally:
            if locked:
                release()


def _move_aside(path: Path, reason: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}.json")
    try:
        os.replace(path, target)
        where = f"moved to {target.name}"
    except OSError:
        where = "could not be moved aside"
    warnings.warn(f"Progress file {path} was unreadable ({reason}); it {where} and a fresh one "
                  "was started.", ProgressWarning, stacklevel=4)


def _read(path: Path, name: str) -> dict:
    if path in _MEMORY:
        return json.loads(json.dumps(_MEMORY[path]))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return empty(name)
    except OSError as exc:
        _move_aside(path, exc.strerror or type(exc).__name__)
        return empty(name)
    try:
        return clean(json.loads(raw.decode("utf-8")), name)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        _move_aside(path, str(exc)[:100])
        return empty(name)


def _write_atomic(path: Path, doc: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(doc, handle, indent=1, sort_keys=True, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read(name: str) -> dict:
    """The current progress document of a lesson (or of the predictions); never raises."""
    try:
        return _read(_path(name), name)
    except ValueError:
        raise
    except Exception as exc:  # pragma: no cover - defensive
        _warn_once(f"read:{name}", f"Could not read progress for {name}: {exc}")
        return empty(name)


def update(name: str, change: Callable[[dict], Any]) -> Any:
    """Lock, re-read, apply ``change(doc)``, write atomically; return what ``change`` returns.

    If the folder cannot be written, the change is kept in memory for this session instead.
    """
    path = _path(name)
    if path not in _MEMORY:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(path):
                doc = _read(path, name)
                result = change(doc)
                _write_atomic(path, doc)
                return result
        except OSError as exc:
            _warn_once(f"write:{path.parent}", f"Cannot save quiz progress in {path.parent} "
                       f"({exc.strerror or exc}); it is kept for this session only.")
            _MEMORY[path] = _read(path, name) if path.exists() else empty(name)
    doc = _MEMORY[path]
    return change(doc)


# --------------------------------------------------------------------------- attempts


def record_attempt(lesson: str, question_id: str, status: str, answer: str = "") -> dict:
    """Record one graded try (``status`` correct/incorrect); return the question's new state."""

    def change(doc: dict) -> dict:
        state = doc["questions"].setdefault(question_id, _clean_question({}))
        state["attempts"] += 1
        if status == "correct" and not (state["revealed"] and not state["correct"]):
            # a correct answer after "Show answer" is not counted as correct
            if not state["correct"]:
                state["first_correct_attempt"] = state["attempts"]
            state["correct"] = True
        state["last_status"] = status
        state["last_answer"] = _text(answer)
        state["updated"] = _now()
        return dict(state)

    return update(lesson, change)


def record_reveal(lesson: str, question_id: str) -> dict:
    def change(doc: dict) -> dict:
        state = doc["questions"].setdefault(question_id, _clean_question({}))
        state["revealed"] = True
        state["updated"] = _now()
        return dict(state)

    return update(lesson, change)


def record_prediction(claim: str, choice: str, lesson: str = "", question_id: str = "") -> dict:
    """Store the learner's prediction for a claim id (the latest one wins)."""

    def change(doc: dict) -> dict:
        entry = {"choice": _text(choice), "lesson": lesson, "question_id": question_id,
                 "updated": _now()}
        doc["predictions"][str(claim)] = entry
        return dict(entry)

    return update(PREDICTIONS, change)


def predictions() -> dict[str, dict]:
    return read(PREDICTIONS)["predictions"]


def lesson_names() -> list[str]:
    """Lessons that have a progress file (sorted)."""
    folder = progress_dir()
    names = ({p.stem for p in folder.glob("*.json") if _SLUG.match(p.stem)}
             if folder.is_dir() else set())
    names |= {p.stem for p in _MEMORY if p.parent == folder}
    names.discard(PREDICTIONS)
    return sorted(names)


# --------------------------------------------------------------------------- export / import

EXPORT_FIELDS = ("kind", "lesson", "question_id", "claim", "attempts", "correct", "revealed",
                 "first_correct_attempt", "last_status", "answer", "updated")


def _csv_safe(text: str) -> str:
    """Stop spreadsheet formula injection from learner text (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_rows() -> list[dict]:
    rows = []
    for lesson in lesson_names():
        for qid, state in sorted(read(lesson)["questions"].items()):
            rows.append({"kind": "attempt", "lesson": lesson, "question_id": qid, "claim": "",
                         "attempts": state["attempts"], "correct": state["correct"],
                         "revealed": state["revealed"],
                         "first_correct_attempt": state["first_correct_attempt"] or "",
                         "last_status": state["last_status"],
                         "answer": _csv_safe(state["last_answer"]), "updated": state["updated"]})
    for claim, entry in sorted(predictions().items()):
        rows.append({"kind": "prediction", "lesson": entry["lesson"],
                     "question_id": entry["question_id"], "claim": claim, "attempts": "",
                     "correct": "", "revealed": "", "first_correct_attempt": "",
                     "last_status": "recorded", "answer": _csv_safe(entry["choice"]),
                     "updated": entry["updated"]})
    return rows


def export_csv(path: str | Path) -> Path:
    """Write every attempt and prediction to one CSV file (for an instructor); return its path."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows(export_rows())
    return path


def bundle() -> dict:
    """All progress in one JSON-serialisable document (for download on Binder)."""
    return {"format": BUNDLE_FORMAT, "version": VERSION, "exported": _now(),
            "lessons": {name: read(name) for name in lesson_names()},
            "predictions": read(PREDICTIONS)}


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
    return merged


def merge_bundle(data: Any) -> dict[str, int]:
    """Validate a downloaded bundle and merge it into the progress files.

    Merging keeps the best of both: the larger attempt count, correct if either was, the latest
    prediction per claim. Returns counts of merged lessons, questions and predictions.

    Raises:
        ValueError: if ``data`` is not a valid bundle (nothing is written then).
    """
    if not isinstance(data, Mapping) or data.get("format") != BUNDLE_FORMAT:
        raise ValueError("this is not a pharmacourse progress download")
    if data.get("version") != VERSION:
        raise ValueError(f"unsupported progress version {data.get('version')!r}")
    lessons = data.get("lessons")
    if not isinstance(lessons, Mapping):
        raise ValueError("the download has no lessons")
    cleaned = {}
    for name, doc in lessons.items():
        if not isinstance(name, str) or not _SLUG.match(name) or name == PREDICTIONS:
            raise ValueError(f"invalid lesson name {name!r}")
        cleaned[name] = clean(doc, name)
    preds = clean(data.get("predictions") or empty(PREDICTIONS), PREDICTIONS)
    counts = {"lessons": 0, "questions": 0, "predictions": 0}
    for name, doc in cleaned.items():
        def change(current: dict, incoming: dict = doc) -> None:
            for qid, state in incoming["questions"].items():
                old = current["questions"].get(qid)
                current["questions"][qid] = _merge_question(old, state) if old else state
                counts["questions"] += 1
        update(name, change)
        counts["lessons"] += 1

    def change_preds(current: dict) -> None:
        for claim, entry in preds["predictions"].items():
            old = current["predictions"].get(claim)
            if old is None or entry["updated"] > old["updated"]:
                current["predictions"][claim] = entry
            counts["predictions"] += 1

    update(PREDICTIONS, change_preds)
    return counts
