"""An exercise's hint sends the learner to a section that exists (issue 14: exercise 03.4's hint
named a Schild section that had moved to the optional lesson 03x)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = json.loads((ROOT / "src" / "pharmacourse" / "exercise_keys.json").read_text())["exercises"]
SECTION = re.compile(r"'([^']+)'")
LESSON = re.compile(r"\bin lesson (\d\d[a-z]?)\b|\bof lesson (\d\d[a-z]?)\b")


def headings(number: str) -> list[str]:
    (path,) = sorted((ROOT / "notebooks").glob(f"{number}-*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    return [h.strip() for c in nb.cells if c.cell_type == "markdown"
            for h in re.findall(r"^#+\s+(.*)$", c.source, flags=re.M)]


def hint_target(hint: str) -> tuple[str, str] | None:
    """(lesson number, quoted section) a 'Re-read ...' hint names, or None."""
    lesson, section = LESSON.search(hint), SECTION.search(hint)
    if not (hint.startswith("Re-read") and lesson and section):
        return None
    return (lesson.group(1) or lesson.group(2)), section.group(1)


def test_the_hint_parser_reads_both_spellings():
    assert hint_target("Re-read 'The graded curve' in lesson 03: E = ...") == ("03", "The graded curve")
    assert hint_target("Re-read section 4 of lesson 03, 'A shift' (x)") == ("03", "A shift")
    assert hint_target("Compute it again.") is None


OURS = sorted(i for i in KEYS if i[:2] in {"01", "02", "03"})


@pytest.mark.parametrize("exercise", OURS)
def test_hint_names_a_section_of_its_lesson(exercise):
    target = hint_target(KEYS[exercise].get("hint", ""))
    assert target, f"exercise {exercise}: its hint names no section to re-read"
    number, section = target
    found = [h for h in headings(number) if section.rstrip("?.") in h]
    assert found, f"exercise {exercise}: lesson {number} has no heading containing {section!r}"
