"""The course map (``course.yml``) and what is generated from it.

One source for the lesson list: the start page's course map, the previous/next links at the
end of every lesson and the README's table are all generated from ``course.yml`` by
``scripts/nav.py``, never typed by hand.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

#: The one-line disclaimer that ends every lesson.
DISCLAIMER = (
    "Educational material, not medical advice: this course makes no dosing recommendations; "
    "doses appear only as what studies used or people reported."
)


@dataclass(frozen=True)
class LessonFile:
    """One file a written lesson must have; ``pattern`` says ``NN-slug`` for the lesson's slug."""

    pattern: str
    what: str
    exercises_only: bool = False

    def path(self, slug: str) -> str:
        """The file's path for one lesson, relative to the repository root."""
        return self.pattern.replace("NN-slug", slug)


#: Anatomy of a lesson on disk: every written lesson has these files, and a lesson with
#: exercises (``exercises: false`` in course.yml says it has none) also the ``exercises_only``
#: ones. docs/architecture.md shows this list; tests/unit/test_lesson_files.py checks each lesson.
LESSON_FILES = (
    LessonFile("notebooks/NN-slug.ipynb", "the lesson, stored with its outputs"),
    LessonFile("quizzes/NN-slug.yml", "its quiz bank"),
    LessonFile("glossary/NN-slug.yml", "its glossary terms"),
    LessonFile("solutions/NN-slug.ipynb", "its exercises with worked solutions", True),
    LessonFile("exercises/NN-slug.ipynb", "the learner version (`make exercises`)", True),
    LessonFile("solutions/keys/NN-slug.py", "the exercises' answer keys", True),
    LessonFile("docs/instructors/NN-slug.md", "its instructor page (scripts/instructor_pages.py)"),
)


@dataclass(frozen=True)
class Lesson:
    """One row of the course map."""

    number: str
    slug: str
    title: str
    minutes: int
    part: int
    learn: str
    exercises: bool = True
    #: An optional "going deeper" lesson: listed on the map as optional, skipped by the
    #: previous/next chain of the core lessons; it reviews no claim and nothing depends on it.
    optional: bool = False

    @property
    def filename(self) -> str:
        """The notebook file name, the same in notebooks/, solutions/ and exercises/."""
        return f"{self.slug}.ipynb"

    def exists(self, folder: str = "notebooks", root: Path = ROOT) -> bool:
        """True if this lesson's notebook exists in ``folder`` (relative to the repo root)."""
        return (root / folder / self.filename).exists()

    def missing_files(self, root: Path = ROOT) -> list[str]:
        """Messages naming each file of ``LESSON_FILES`` this lesson lacks under ``root``."""
        return [
            f"lesson {self.slug}: missing {f.path(self.slug)} ({f.what})"
            for f in LESSON_FILES
            if (self.exercises or not f.exercises_only) and not (root / f.path(self.slug)).exists()
        ]


@lru_cache(maxsize=1)
def _config(path: Path = ROOT / "course.yml") -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def lessons() -> list[Lesson]:
    """All lessons of the course map, in order (written or not)."""
    return [Lesson(**{k: v for k, v in row.items()}) for row in _config()["lessons"]]


def lesson(slug: str) -> Lesson:
    """The lesson with this slug; a clear error lists the valid slugs."""
    for item in lessons():
        if item.slug == slug:
            return item
    valid = ", ".join(x.slug for x in lessons())
    raise KeyError(f"no lesson with slug {slug!r} in course.yml; valid slugs: {valid}")


def repository() -> str:
    """GitHub ``owner/name`` where the course is published."""
    return str(_config()["repository"])


def binder_url(path: str = "notebooks/00-start-here.ipynb") -> str:
    """The Binder launch URL that opens JupyterLab on ``path``."""
    cfg = _config()
    return f"https://mybinder.org/v2/gh/{cfg['repository']}/{cfg['branch']}?urlpath=lab/tree/{path}"


def issues_url() -> str:
    """Where learners report an error in the course."""
    return f"https://github.com/{repository()}/issues/new"


#: How the course map marks an optional lesson.
OPTIONAL_MARK = "*(optional, going deeper)*"

PART_NAMES = {
    0: "Getting started",
    1: "Part 1: foundations",
    2: "Part 2: the body over time",
    3: "Part 3: risk, variation, judgement",
}


def course_map_markdown(link_prefix: str = "", root: Path = ROOT,
                        parts: Iterable[int] | None = None) -> str:
    """The course map as a markdown table; lessons not yet written are listed without links.

    Args:
        link_prefix: prefix for links to notebooks (``""`` from notebooks/, ``"notebooks/"``
            from the repository root).
        parts: only the lessons of these parts (keys of ``PART_NAMES``); all when None.
    """
    wanted = None if parts is None else set(parts)
    rows = ["| # | Lesson | What you'll learn | Minutes |", "|---|---|---|---|"]
    for item in lessons():
        if wanted is not None and item.part not in wanted:
            continue
        if item.exists(root=root):
            name = f"[{item.title}]({link_prefix}{item.filename})"
        else:
            name = f"{item.title} *(in preparation)*"
        if item.optional:
            name += f" {OPTIONAL_MARK}"
        rows.append(f"| {item.number} | {name} | {item.learn} | {item.minutes} |")
    return "\n".join(rows)


def _cell_text(value: object, column: str) -> str:
    """A table cell as text: dates as YYYY-MM-DD, a missing verification date said in words."""
    import pandas as pd

    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return "not checked here" if column == "date_verified" else ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def help_resources_html() -> str:
    """The verified help resources (``data/help_resources.csv``) as an HTML table."""
    from pharmacourse import data

    df = data.load("help_resources")
    cols = [c for c in ("name", "country", "offers", "contact", "url", "date_verified") if c in df]
    head = "".join(f"<th>{html.escape(c.replace('_', ' ').capitalize())}</th>" for c in cols)
    body = []
    for _, row in df.iterrows():
        cells = []
        for c in cols:
            value = _cell_text(row[c], c)
            if c == "url" and value.startswith("http"):
                cells.append(f'<td><a href="{html.escape(value)}">{html.escape(value)}</a></td>')
            else:
                cells.append(f"<td>{html.escape(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="help-resources"><thead><tr>' + head + "</tr></thead><tbody>"
        + "".join(body) + "</tbody></table>"
    )


def show_help_resources() -> None:
    """Display the help resources table in a notebook."""
    from IPython.display import HTML, display

    display(HTML(help_resources_html()))
