"""What every lesson's key module shares: the known-mistake window and the quantity format.

Imported by the key modules next to this file (``from _keylib import around``); like them it
imports only the standard library, never ``pharmacourse`` (tests/unit/test_lesson_files.py
checks this).
"""

from __future__ import annotations

from pathlib import Path

#: The course's data/ folder, for keys that read a table directly:
#: ``pandas.read_csv(DATA_DIR / "human_pk.csv")`` (never through ``pharmacourse.data``).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def around(value: float, rel: float = 0.015) -> tuple[float, float]:
    """A small window around a known wrong value (for the mistakes list)."""
    lo, hi = sorted((value * (1 - rel), value * (1 + rel)))
    return lo, hi


#: Answer format of a quantity exercise; fill in unit_words, unit and an alternative unit.
QUANTITY_FORMAT = (
    "a number in {unit_words} (a plain number is read as {unit}), or a quantity with units, "
    "e.g. Q_(x, '{alt}') or the string 'x {alt}'"
)
