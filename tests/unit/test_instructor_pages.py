"""Every written lesson has an instructor page with its written sections, and its generated
answer table is in step with the bank (re-generated and compared); the guide links the pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from pharmacourse import course

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "instructors"


def _script():
    spec = importlib.util.spec_from_file_location("instructor_pages",
                                                  ROOT / "scripts" / "instructor_pages.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("instructor_pages", module)
    spec.loader.exec_module(module)
    return module


WRITTEN = [x for x in course.lessons() if x.exists()]


@pytest.mark.parametrize("lesson", WRITTEN, ids=[x.slug for x in WRITTEN])
def test_a_written_lesson_has_a_complete_instructor_page(lesson: course.Lesson) -> None:
    pages = _script()
    path = PAGES / f"{lesson.slug}.md"
    assert path.exists(), f"{path} is missing: run .venv/bin/python scripts/instructor_pages.py"
    text = path.read_text(encoding="utf-8")
    needed = pages.WRITTEN + (pages.WRITTEN_EXERCISES if lesson.exercises else ())
    for heading in needed:
        assert heading in text, f"{path.name}: no section {heading!r}"
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        assert "(to write)" not in section, f"{path.name}: {heading!r} is still to write"
    assert (PAGES / "README.md").read_text(encoding="utf-8").count(f"({lesson.slug}.md)")
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    assert f"instructors/{lesson.slug}.md" in guide


def test_every_answer_table_is_in_step_with_its_bank() -> None:
    pages = _script()
    stale = [str(p.relative_to(ROOT)) for p, text in pages.expected_pages().items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, (f"out of step with the banks: {stale}; "
                       "run .venv/bin/python scripts/instructor_pages.py")


def test_a_changed_bank_is_caught_and_resynced_in_one_step(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _script()
    slug = "02-drugs-meet-receptors"
    page = (PAGES / f"{slug}.md").read_text(encoding="utf-8")
    bank = (ROOT / "quizzes" / f"{slug}.yml").read_text(encoding="utf-8")
    for other in (ROOT / "quizzes").glob("*.yml"):
        (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    changed = bank.replace("misconception: occupancy equals effect",
                           "misconception: effect tracks occupancy one to one", 1)
    assert changed != bank
    (tmp_path / f"{slug}.yml").write_text(changed, encoding="utf-8")
    monkeypatch.setenv("PHARMACOURSE_QUIZ_DIR", str(tmp_path))
    block = pages.generated_block(slug)
    assert "effect tracks occupancy one to one" in block
    resynced = pages.synced(page, block)
    assert resynced != page and resynced.split(pages.BEGIN)[0] == page.split(pages.BEGIN)[0]
