"""Kept scores: quiz attempts and predictions in local JSON files.

Layout of ``$PHARMACOURSE_PROGRESS_DIR`` (default: ``platformdirs.user_data_dir("pharmacourse")``):

- ``<lesson-slug>.json``: per question id of that lesson's bank, the attempt count, first-try
  correctness, "revealed", and ``history``: every graded attempt (option key(s) chosen or the
  text typed, correct or not, time) and every "Show answer";
- ``predictions.json``: per claim id, the latest prediction, ``history`` (every saved prediction
  with its lesson and time) and an optional ``note`` ("what changed my mind").

Every update takes a lock on ``<file>.lock``, re-reads the file, changes it and writes it
atomically (temporary file in the same folder, then ``os.replace``), so two open notebooks never
lose each other's updates; temporary files a killed writer left behind (older than
:data:`STALE_TEMP_S`) are removed on the next write. An entry that cannot be read is set aside in
``<name>.rejected-<time>.json`` with a warning naming the file, the entry and the field, and the
good entries are kept; only a file that
is not a progress file at all is moved aside whole (``<name>.corrupt-<time>.json``). Version-1
files (counts and last answer only) are read and converted. If the folder cannot be written at
all, progress is kept in memory for the session with a warning: nothing here ever stops a lesson.
Export, download and upload: :mod:`pharmacourse.quiz.exchange`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pharmacourse.quiz.entries import (
    MAX_HISTORY,
    MAX_TEXT,
    PREDICTIONS,
    VERSION,
    _chosen,
    _clean_question,
    _text,
    clean,
    clean_entries,
    clean_note,
    empty,
)

ENV_VAR = "PHARMACOURSE_PROGRESS_DIR"
STALE_TEMP_S = 30.0  # a temp file older than this, found under the lock, is a left-over
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
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# --------------------------------------------------------------------------- file access


@contextlib.contextmanager
def _locked(path: Path, timeout_s: float = 5.0) -> Iterator[bool]:
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
            yield locked
        finally:
            if locked:
                release()


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def _move_aside(path: Path, reason: str) -> None:
    target = path.with_name(f"{path.stem}.corrupt-{_stamp()}.json")
    try:
        os.replace(path, target)
        where = f"moved to {target.name}"
    except OSError:
        where = "could not be moved aside"
    warnings.warn(f"Progress file {path} was unreadable ({reason}); it {where} and a fresh one "
                  "was started.", ProgressWarning, stacklevel=4)


def _describe(path: Path, rejected: dict[str, tuple[Any, str]]) -> str:
    what = "claim" if path.stem == PREDICTIONS else "question"
    details = "; ".join(f"{what} {k!r}, {reason}" for k, (_, reason) in rejected.items())
    n = len(rejected)
    return f"Progress file {path}: {n} entr{'y' if n == 1 else 'ies'} could not be read ({details})"


def _set_aside(path: Path, rejected: dict[str, tuple[Any, str]]) -> None:
    """Keep entries that cannot be read in ``<name>.rejected-<time>.json`` and say which."""
    target = path.with_name(f"{path.stem}.rejected-{_stamp()}.json")
    try:
        target.write_text(json.dumps({k: v for k, (v, _) in rejected.items()}, indent=1,
                                     ensure_ascii=False, default=str), encoding="utf-8")
        where = f"set aside in {target.name}"
    except OSError:
        where = "could not be set aside"
    warnings.warn(f"{_describe(path, rejected)}; {where}, the other entries are kept.",
                  ProgressWarning, stacklevel=4)


def _read(path: Path, name: str, fix: bool = False) -> dict:
    """Read a progress file. Bad entries are skipped; with ``fix`` (under the lock, before a
    write) they are also set aside, since the write will drop them from the file."""
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
        doc, rejected = clean_entries(json.loads(raw.decode("utf-8")), name)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        _move_aside(path, str(exc)[:100])
        return empty(name)
    if rejected and fix:
        _set_aside(path, rejected)
    elif rejected:
        _warn_once(f"rejected:{path}:{sorted(rejected)}", f"{_describe(path, rejected)}; they "
                   "are set aside on the next save, the other entries are kept.")
    return doc


def _remove_stale_temps(path: Path, min_age_s: float = STALE_TEMP_S) -> None:
    """Remove temp files of ``path`` that a killed writer left behind.

    Called under the lock, so no well-behaved writer of ``path`` is active; the age limit also
    spares one that saved without the lock after a lock timeout.
    """
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime >= min_age_s:
                tmp.unlink()


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
            with _locked(path) as locked:
                if locked:
                    _remove_stale_temps(path)
                doc = _read(path, name, fix=True)
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


def option_key(option: Any, index: int) -> str:
    """The stable key of an option for the progress file: its ``id`` if it has one, else its
    position as text (what older banks without option ids can offer)."""
    key = option.get("id") if isinstance(option, Mapping) else getattr(option, "id", None)
    return str(key) if key else str(index)


def _record_question_event(lesson: str, question_id: str,
                           apply: Callable[[dict], dict]) -> dict:
    """Update one question's state with ``apply`` (which changes the state and returns the
    event), append the event to its history, save, and pass the event on to the learner's class
    file (only if they joined a class). Returns the question's new state, without the history."""
    sent: dict = {}

    def change(doc: dict) -> dict:
        state = doc["questions"].setdefault(question_id, _clean_question({}))
        sent.update(apply(state))
        state["history"] = [*state["history"], dict(sent)][-MAX_HISTORY:]
        return {k: v for k, v in state.items() if k != "history"}

    result = update(lesson, change)
    classlink.emit_event(lesson, question_id, sent)
    return result


def record_attempt(lesson: str, question_id: str, status: str, answer: str = "",
                   chosen: str | Sequence[str] | None = None) -> dict:
    """Record one graded try (``status`` correct/incorrect); return the question's new state.

    ``chosen``: the option key (single choice), the keys (multiple choice, a list) or the typed
    text; by default ``answer`` (the text shown back to the learner).
    """
    picked = _chosen(list(chosen) if isinstance(chosen, (list, tuple)) else
                     (answer if chosen is None else chosen))

    def apply(state: dict) -> dict:
        revealed_before = state["revealed"]
        state["attempts"] += 1
        if status == "correct" and not (state["revealed"] and not state["correct"]):
            # a correct answer after "Show answer" is not counted as correct
            if not state["correct"]:
                state["first_correct_attempt"] = state["attempts"]
            state["correct"] = True
        state["last_status"] = status
        state["last_answer"] = _text(answer)
        state["updated"] = _now()
        return {"kind": "attempt", "attempt": state["attempts"], "chosen": picked,
                "correct": status == "correct", "revealed": revealed_before,
                "time": state["updated"]}

    return _record_question_event(lesson, question_id, apply)


def record_reveal(lesson: str, question_id: str) -> dict:
    def apply(state: dict) -> dict:
        state["revealed"] = True
        state["updated"] = _now()
        return {"kind": "reveal", "attempt": None, "chosen": "", "correct": None,
                "revealed": True, "time": state["updated"]}

    return _record_question_event(lesson, question_id, apply)


def record_prediction(claim: str, choice: str, lesson: str = "", question_id: str = "") -> dict:
    """Store a prediction for a claim id: the latest is ``choice``, every one is in ``history``."""

    def change(doc: dict) -> dict:
        old = doc["predictions"].get(str(claim), {"history": [], "note": None})
        entry = {"choice": _text(choice), "lesson": _text(lesson),
                 "question_id": _text(question_id), "updated": _now()}
        guess = {**{k: entry[k] for k in ("choice", "lesson", "question_id")},
                 "time": entry["updated"]}
        doc["predictions"][str(claim)] = {**entry, "history": [*old["history"], guess]
                                          [-MAX_HISTORY:], "note": old["note"]}
        sent.update(guess, number=len(old["history"]) + 1)
        return dict(entry)

    sent: dict = {}
    result = update(PREDICTIONS, change)
    classlink.emit_prediction(str(claim), sent, sent["number"])  # if the learner joined a class
    return result


def record_note(claim: str, text: str, lesson: str = "") -> str:
    """Store the learner's one line "what changed my mind" for a claim; return it as stored.

    An empty text removes the note; a note may be written before any prediction on the claim.
    Raises ``ValueError`` if ``claim`` is not a claim id; any text is accepted (one line, cut).
    """
    note = clean_note(text)
    if not isinstance(claim, str) or not re.fullmatch(r"[a-z0-9_-]{1,20}", claim):
        raise ValueError(f"not a claim id: {claim!r}")

    def change(doc: dict) -> str:
        entry = doc["predictions"].setdefault(claim, {
            "choice": "", "lesson": "", "question_id": "", "updated": "", "history": [],
            "note": None})
        entry["note"] = {"text": note, "lesson": _text(lesson), "time": _now()} if note else None
        return note

    return update(PREDICTIONS, change)


def predictions() -> dict[str, dict]:
    """Per claim id with a prediction: ``choice`` (the latest), ``history`` (all), ``note``."""
    return {k: v for k, v in claims().items() if v["history"]}


def claims() -> dict[str, dict]:
    """Every stored claim entry, including a "what changed my mind" line without a prediction."""
    return read(PREDICTIONS)["predictions"]


def lesson_names() -> list[str]:
    """Lessons that have a progress file (sorted)."""
    folder = progress_dir()
    names = ({p.stem for p in folder.glob("*.json") if _SLUG.match(p.stem)}
             if folder.is_dir() else set())
    names |= {p.stem for p in _MEMORY if p.parent == folder}
    names.discard(PREDICTIONS)
    return sorted(names)


# Export, download and upload live in their own module; kept importable from here.
from pharmacourse.quiz import classlink  # noqa: E402  (live class folder, opt-in)
from pharmacourse.quiz.exchange import (  # noqa: E402
    EXPORT_FIELDS,
    bundle,
    export_csv,
    export_rows,
    merge_bundle,
)

__all__ = ["EXPORT_FIELDS", "MAX_TEXT", "PREDICTIONS", "VERSION", "ProgressWarning", "bundle",
           "claims", "clean", "clean_entries", "export_csv", "export_rows", "merge_bundle",
           "option_key", "predictions", "read", "record_attempt", "record_note",
           "record_prediction", "record_reveal", "update"]
