"""No lesson's text box is a wall of text: every markdown cell holds at most 200 words (issue 14 §1).

The student review found boxes of 300-500 words that novices skimmed past; one idea per cell is the
course's rule (STYLE.md). Words are counted as whitespace-separated tokens of the cell's source, so
a long link or formula counts once. The generated footer (navigation) is exempt: it is a map, not
prose, and nav.py writes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 200
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def words(text: str) -> int:
    """Whitespace-separated tokens in ``text``."""
    return len(re.findall(r"\S+", text))


def test_words_counts_tokens() -> None:
    assert words("one two\n\nthree [link](https://x.org/a b)") == 5
    assert words("") == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_markdown_cell_over_the_limit(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    long = [(index, words(cell.source)) for index, cell in enumerate(nb.cells)
            if cell.cell_type == "markdown" and cell.get("id") != "nav-footer"
            and words(cell.source) > LIMIT]
    assert not long, (f"{path.name}: markdown cells over {LIMIT} words (cell index, words): "
                      f"{long}; split at a natural break, one idea per cell")
