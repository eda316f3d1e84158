"""The start page's course map: one headed table per part, together the whole map, each short."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from pharmacourse import course
from scripts import nav  # (the repo root is on sys.path)

ROOT = Path(__file__).resolve().parents[2]
HEADER = 2  # the header row and the separator row of a markdown table


def _rows(table: str) -> list[str]:
    return [line for line in table.splitlines() if line.startswith("| ")][1:]


def test_parts_filter_keeps_only_their_lessons_and_the_header():
    part2 = course.course_map_markdown(parts=[2]).splitlines()
    expected = [x.number for x in course.lessons() if x.part == 2]
    assert part2[:HEADER] == course.course_map_markdown().splitlines()[:HEADER]
    assert [row.split(" | ")[0].strip("| ") for row in part2[HEADER:]] == expected
    assert course.course_map_markdown(parts=[]).splitlines() == part2[:HEADER]


def test_start_page_cells_together_give_the_whole_map_in_order():
    cells = nav.start_map_cells(ROOT)
    assert [cell_id for cell_id, _ in cells] == [
        f"course-map-part-{p}" for p in sorted(course.PART_NAMES)]
    for (_, source), name in zip(cells, [course.PART_NAMES[p] for p in sorted(course.PART_NAMES)]):
        assert source.startswith(f"### {name}\n\n| # | Lesson |")
    joined = [row for _, source in cells for row in _rows(source)]
    assert joined == _rows(course.course_map_markdown(root=ROOT))


def test_stored_start_page_has_each_part_cell_under_200_words():
    nb = nbformat.read(ROOT / "notebooks" / "00-start-here.ipynb", as_version=4)
    stored = {c.get("id"): c.source for c in nb.cells}
    assert "course-map" not in stored, "the single-table map cell was split by part"
    for cell_id, source in nav.start_map_cells(ROOT):
        assert stored[cell_id] == source, cell_id
        assert len(re.findall(r"\S+", source)) <= 200, cell_id
