"""Live class collection: each attempt is also appended to the learner's own file in a class folder.

Opt in, in any code cell::

    from pharmacourse import quiz
    quiz.join_class("PHARM-A", name="blue-heron")   # a pseudonym, not your user name
    quiz.leave_class()                               # stop, and delete your file in the folder

It works only when ``$PHARMACOURSE_CLASS_DIR`` names a folder (the instructor sets it, e.g. a
shared volume on the class's JupyterHub); without it nothing changes. Joining writes the
learner's file ``<CODE>--<name>--<random>.csv`` in that folder with everything recorded so far
(the export's columns, :data:`pharmacourse.quiz.exchange.EXPORT_FIELDS`); every later attempt,
"Show answer" and prediction is appended under a lock. The random part makes the name
unguessable in a drop-box folder (mode 1733, where learners cannot list the folder). Only the
learner's own file is ever opened; the membership is kept in ``class.json`` in the progress
folder. Nothing here stops a lesson: a failure to write is a warning.
"""

from __future__ import annotations

import contextlib
import csv
import getpass
import io
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from pharmacourse.quiz import store
from pharmacourse.quiz.exchange import EXPORT_FIELDS, _chosen_text, _csv_safe, _flag, export_rows

CLASS_DIR_ENV = "PHARMACOURSE_CLASS_DIR"
MEMBERSHIP = "class.json"
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


def class_dir() -> Path | None:
    """The class folder named by ``$PHARMACOURSE_CLASS_DIR``, or ``None``."""
    env = os.environ.get(CLASS_DIR_ENV)
    return Path(env).expanduser() if env else None


def membership() -> dict | None:
    """``{"code", "name", "file"}`` if this learner has joined a class, else ``None``."""
    try:
        doc = json.loads((store.progress_dir() / MEMBERSHIP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or not all(isinstance(doc.get(k), str)
                                            for k in ("code", "name", "file")):
        return None
    return doc if _CODE.match(doc["code"]) and "/" not in doc["file"] else None


def _append(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    with store._locked(path):
        new = not path.exists() or path.stat().st_size == 0
        if new:
            writer.writeheader()
        writer.writerows(rows)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        with os.fdopen(fd, "a", encoding="utf-8", newline="") as handle:
            handle.write(buf.getvalue())


def join_class(code: str, name: str) -> Path:
    """Join a class: from now on each attempt is also written to your file in the class folder.

    Args:
        code: the class code the instructor gave (letters, digits, ``-``, ``_``).
        name: a pseudonym (letters, digits, ``-``, ``_``; not your user name).

    Returns the path of your file. Raises ``ValueError`` if ``$PHARMACOURSE_CLASS_DIR`` is not
    set or the folder cannot be written, or the code or name is not allowed.
    """
    folder = class_dir()
    if folder is None:
        raise ValueError(f"no class folder: the instructor sets {CLASS_DIR_ENV} on the class's "
                         "hub; without it quiz results stay on this machine only")
    if not isinstance(code, str) or not _CODE.match(code):
        raise ValueError(f"class code {code!r}: use 1-32 letters, digits, '-' or '_'")
    if not isinstance(name, str) or not _CODE.match(name):
        raise ValueError(f"name {name!r}: use a pseudonym of 1-32 letters, digits, '-' or '_'")
    user = ""
    with contextlib.suppress(Exception):
        user = getpass.getuser().lower()
    if name.lower() == user:
        raise ValueError(f"name {name!r} is your user name on this machine: choose a "
                             "pseudonym (the class report must not show who you are)")
    old = membership()
    if old and old["code"] == code and old["name"] == name:
        return folder / old["file"]
    if old:
        leave_class()
    target = folder / f"{code}--{name}--{secrets.token_hex(8)}.csv"
    try:
        _append(target, export_rows())
        store.progress_dir().mkdir(parents=True, exist_ok=True)
        (store.progress_dir() / MEMBERSHIP).write_text(
            json.dumps({"code": code, "name": name, "file": target.name}), encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot write in the class folder {folder} "
                         f"({exc.strerror or exc}); ask the instructor") from None
    return target


def leave_class(delete_file: bool = True) -> None:
    """Leave the class: nothing more is written; by default your file in the folder is deleted."""
    joined = membership()
    with contextlib.suppress(OSError):
        (store.progress_dir() / MEMBERSHIP).unlink()
    folder = class_dir()
    if joined and folder is not None and delete_file:
        for path in (folder / joined["file"], folder / (joined["file"] + ".lock")):
            with contextlib.suppress(OSError):
                path.unlink()


def _emit(row: dict) -> None:
    folder = class_dir()
    if folder is None:
        return
    joined = membership()
    if joined is None:
        return
    try:
        _append(folder / joined["file"], [row])
    except OSError as exc:
        store._warn_once(f"class:{folder}", f"Could not write to the class folder {folder} "
                         f"({exc.strerror or exc}); your progress is still saved here.")


def emit_event(lesson: str, question_id: str, event: dict[str, Any]) -> None:
    """Append one attempt or "Show answer" (a progress-history event) to the class file."""
    _emit({"lesson": lesson, "question_id": question_id, "kind": event["kind"],
           "attempt": event["attempt"] if event["attempt"] is not None else "",
           "chosen": _csv_safe(_chosen_text(event["chosen"])),
           "correct": _flag(event["correct"]), "revealed": _flag(event["revealed"]),
           "time": event["time"], "claim": ""})


def emit_prediction(claim: str, guess: dict[str, Any], number: int) -> None:
    """Append one saved prediction (the ``number``-th on the claim) to the class file."""
    _emit({"lesson": guess["lesson"], "question_id": guess["question_id"], "kind": "prediction",
           "attempt": number, "chosen": _csv_safe(guess["choice"]), "correct": "",
           "revealed": "", "time": guess["time"], "claim": claim})
