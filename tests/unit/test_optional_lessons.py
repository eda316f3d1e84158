"""Optional "going deeper" lessons (`optional: true` in course.yml): map, footers, files."""

from __future__ import annotations

from pharmacourse import course
from scripts import nav  # (the repo root is on sys.path)

CORE, DEEPER, AFTER = "03-dose-response", "03x-dose-response-deeper", "04-single-dose-pk"


def _chain() -> list[course.Lesson]:
    return [course.lesson(s) for s in ("02-drugs-meet-receptors", CORE, DEEPER, AFTER)]


def test_the_deeper_lesson_is_optional_without_exercises_and_sits_between_03_and_04():
    slugs = [x.slug for x in course.lessons()]
    assert slugs.index(CORE) + 1 == slugs.index(DEEPER) == slugs.index(AFTER) - 1
    deeper = course.lesson(DEEPER)
    assert deeper.optional and not deeper.exercises and deeper.number == "03x"
    assert not any(course.lesson(s).optional for s in (CORE, AFTER))


def test_course_map_marks_optional_lessons(tmp_path):
    (tmp_path / "notebooks").mkdir()
    for slug in (CORE, DEEPER):
        (tmp_path / "notebooks" / f"{slug}.ipynb").write_text("{}")
    rows = {line.split("|")[1].strip(): line for line in
            course.course_map_markdown(root=tmp_path).splitlines()[2:]}
    assert course.OPTIONAL_MARK in rows["03x"] and f"({DEEPER}.ipynb)" in rows["03x"]
    assert course.OPTIONAL_MARK not in rows["03"] and course.OPTIONAL_MARK not in rows["04"]


def test_next_from_03_is_04_and_mentions_the_optional_lesson(tmp_path):
    footer = nav.lesson_footer(CORE, _chain(), tmp_path)
    assert f"[Next: {course.lesson(AFTER).title} →]({AFTER}.ipynb)" in footer
    assert f"**Going deeper (optional):** [{course.lesson(DEEPER).title}]({DEEPER}.ipynb)" in footer


def test_the_optional_lesson_links_back_to_03_and_on_to_04(tmp_path):
    footer = nav.lesson_footer(DEEPER, _chain(), tmp_path)
    assert f"({CORE}.ipynb)" in footer.split("Start page")[0] and "Previous" in footer
    assert f"[Next: {course.lesson(AFTER).title} →]({AFTER}.ipynb)" in footer
    assert "optional (going deeper)" in footer and "Practice" not in footer


def test_previous_from_04_skips_the_optional_lesson(tmp_path):
    footer = nav.lesson_footer(AFTER, _chain(), tmp_path)
    assert f"[← Previous: {course.lesson(CORE).title}]({CORE}.ipynb)" in footer
    assert DEEPER not in footer


def test_an_optional_lesson_needs_notebook_bank_and_glossary(tmp_path):
    deeper = course.lesson(DEEPER)
    assert sorted(deeper.missing_files(root=tmp_path)) == sorted(
        f"lesson {DEEPER}: missing {f.path(DEEPER)} ({f.what})"
        for f in course.LESSON_FILES if not f.exercises_only)
