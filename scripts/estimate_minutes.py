"""Estimate how many minutes a lesson takes, from what is in it (issue 14, section 1).

    minutes = words / 150                  words a learner reads (below)
            + 0.75 per quiz question       every question of the lesson's bank
            + 0.3 per code cell + 0.05 per non-blank code line
            + the minutes each exercise states in solutions/<slug>.ipynb (at least 3 each)

Words read: markdown cells; the stored outputs a learner reads (``text/markdown``, streams, and
the text inside ``<table>`` elements of ``text/html``; quiz previews, the static rendering of
``pharmacourse.quiz`` recognised by its ``quiz quiz-static`` CSS classes, are left out because
their words are counted once from the bank); the stems and option texts of quizzes/<slug>.yml.

``scripts/nav.py`` writes the estimate, rounded up to a multiple of 5, into course.yml for every
written lesson. ``python scripts/estimate_minutes.py`` prints the table per notebook.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_MINUTE = 150
PER_QUESTION = 0.75
PER_CODE_CELL = 0.3
PER_CODE_LINE = 0.05
MIN_EXERCISE_MINUTES = 3
CLASS_ATTR = re.compile(r"""class=["']([^"']*)["']""")
QUIZ_PREVIEW_CLASSES = {"quiz", "quiz-static"}  # pharmacourse.quiz.render.static_html
EXERCISE_HEADING = re.compile(r"^#+\s*Exercise\b.*$", re.M)
STATED_MINUTES = re.compile(r"(\d+)\s*min(?:ute)?s?\b")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")


def count_words(text: str) -> int:
    """Words in markdown text: link targets and HTML tags are not read, so not counted."""
    return len(TAG.sub(" ", LINK_TARGET.sub("]", text)).split())


class _TableText(HTMLParser):
    """Collects the text inside ``<table>`` elements."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag == "table"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "table" and self.depth > 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.chunks.append(data)


def html_table_words(html: str) -> int:
    """Words in the tables of an HTML output; a quiz preview counts nothing."""
    if any(QUIZ_PREVIEW_CLASSES & set(m.split()) for m in CLASS_ATTR.findall(html)):
        return 0
    parser = _TableText()
    parser.feed(html)
    return len(" ".join(parser.chunks).split())


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def output_words(output: dict) -> int:
    """Words a learner reads in one stored output."""
    if output.get("output_type") == "stream":
        return len(_text(output.get("text")).split())
    data = output.get("data", {})
    if "text/markdown" in data:
        return count_words(_text(data["text/markdown"]))
    if "text/html" in data:
        return html_table_words(_text(data["text/html"]))
    return 0


def bank_counts(path: Path) -> tuple[int, int]:
    """(words of stems and option texts, number of questions) of a quiz bank; (0, 0) if none."""
    if not path.exists():
        return 0, 0
    bank = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = questions = 0
    for section in bank.get("sections", []):
        for question in section.get("questions", []):
            questions += 1
            words += count_words(str(question.get("stem", "")))
            words += sum(count_words(str(o.get("text", ""))) for o in question.get("options", []))
    return words, questions


def exercise_minutes(path: Path) -> list[int]:
    """The minutes each exercise heading of a solutions notebook states (at least 3 each)."""
    if not path.exists():
        return []
    nb = nbformat.read(path, as_version=4)
    minutes = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for heading in EXERCISE_HEADING.findall(cell.source):
            stated = STATED_MINUTES.search(heading)
            minutes.append(max(MIN_EXERCISE_MINUTES, int(stated.group(1)) if stated else 0))
    return minutes


@dataclass(frozen=True)
class Estimate:
    """What a lesson's estimate is made of."""

    slug: str
    words: int
    questions: int
    code_cells: int
    code_lines: int
    exercise_minutes: int

    @property
    def minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE + PER_QUESTION * self.questions
                + PER_CODE_CELL * self.code_cells + PER_CODE_LINE * self.code_lines
                + self.exercise_minutes)

    @property
    def rounded(self) -> int:
        """The estimate rounded up to a multiple of 5 minutes (what course.yml states)."""
        return 5 * math.ceil(round(self.minutes, 6) / 5)


def notebook_counts(path: Path) -> tuple[int, int, int]:
    """(words read, code cells, non-blank code lines) of a notebook with its stored outputs."""
    nb = nbformat.read(path, as_version=4)
    words = cells = lines = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            words += count_words(cell.source)
        elif cell.cell_type == "code":
            cells += 1
            lines += sum(1 for line in cell.source.splitlines() if line.strip())
            words += sum(output_words(o) for o in cell.get("outputs", []))
    return words, cells, lines


def estimate(slug: str, root: Path = ROOT) -> Estimate:
    """The estimate for lesson ``slug`` from notebooks/, quizzes/ and solutions/ under ``root``."""
    words, cells, lines = notebook_counts(root / "notebooks" / f"{slug}.ipynb")
    bank_words, questions = bank_counts(root / "quizzes" / f"{slug}.yml")
    exercises = exercise_minutes(root / "solutions" / f"{slug}.ipynb")
    return Estimate(slug, words + bank_words, questions, cells, lines, sum(exercises))


def written_slugs(root: Path = ROOT) -> list[str]:
    """Slugs of course.yml whose lesson notebook exists, in course order."""
    config = yaml.safe_load((root / "course.yml").read_text(encoding="utf-8"))
    return [row["slug"] for row in config["lessons"]
            if (root / "notebooks" / f"{row['slug']}.ipynb").exists()]


def table(estimates: list[Estimate]) -> str:
    """The per-notebook table printed by the command line."""
    head = f"{'lesson':32} {'words':>6} {'quiz':>5} {'cells':>6} {'lines':>6} {'exer.':>6} " \
           f"{'min':>6} {'up5':>4}"
    rows = [head, "-" * len(head)]
    for e in estimates:
        rows.append(f"{e.slug:32} {e.words:6d} {e.questions:5d} {e.code_cells:6d} "
                    f"{e.code_lines:6d} {e.exercise_minutes:6d} {e.minutes:6.1f} {e.rounded:4d}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Estimate each written lesson's minutes.")
    parser.add_argument("slugs", nargs="*", help="lesson slugs (default: every written lesson)")
    args = parser.parse_args(argv)
    print(table([estimate(slug) for slug in args.slugs or written_slugs()]))
    print("\nwords / 150 + 0.75 x quiz + 0.3 x cells + 0.05 x lines + exercise minutes; "
          "'up5', rounded up to 5, is what course.yml states.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
