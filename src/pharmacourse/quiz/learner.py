"""The learner's shuffle seed: options are shown in an order drawn per learner and per question.

The seed is a random whole number kept in ``learner-seed.txt`` beside the progress files
(:func:`pharmacourse.quiz.store.progress_dir`; not a ``.json`` file, so it is never read as a
lesson's progress). It is created on first use with an atomic write that never replaces a seed
another notebook wrote first, so the same learner sees the same order every time a cell runs;
two learners usually see different orders. If the folder cannot be written, the seed lasts for
this session only. Nothing else about the learner is stored here.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from pharmacourse.quiz.store import progress_dir

SEED_FILE = "learner-seed.txt"
_SESSION: dict[Path, int] = {}  # when the folder cannot be written


def _read(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and len(text) <= 12 else None


def _temp_with(path: Path, seed: int) -> str:
    """A temporary file beside ``path`` holding ``seed`` (the caller links or renames it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{SEED_FILE}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{seed}\n")
    return tmp


def stored_seed() -> int | None:
    """The seed in the progress folder, or None if there is none yet (never creates one)."""
    path = progress_dir() / SEED_FILE
    return _SESSION.get(path, _read(path))


def restore_seed(seed: Any) -> bool:
    """Make ``seed`` (from a progress download) this learner's seed, so a new machine or Binder
    session shows the options in the order the learner saw before. Returns False, changing
    nothing, for anything that is not a seed this module could have written."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 10**12:
        return False
    path = progress_dir() / SEED_FILE
    try:
        os.replace(_temp_with(path, seed), path)
    except OSError:
        _SESSION[path] = seed
        return True
    _SESSION.pop(path, None)
    return True


def learner_seed() -> int:
    """This learner's seed (read from the progress folder, created there on first use)."""
    path = progress_dir() / SEED_FILE
    if path in _SESSION:
        return _SESSION[path]
    seed = _read(path)
    if seed is not None:
        return seed
    seed = secrets.randbelow(10**9)
    try:
        tmp = _temp_with(path, seed)
        try:
            os.link(tmp, path)  # fails if another notebook created it meanwhile
        except FileExistsError:
            if _read(path) is None:  # unreadable: replace it
                os.replace(tmp, path)
        except OSError:  # no hard links on this file system
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except OSError:
        _SESSION[path] = seed
        return seed
    stored = _read(path)
    return seed if stored is None else stored
