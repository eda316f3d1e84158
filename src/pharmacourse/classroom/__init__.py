"""Tools for instructors: the class report, the live class folder, nbgitpuller links.

::

    python -m pharmacourse.classroom report results/ --out class-report
    python -m pharmacourse.classroom link --hub https://hub.example.org --lesson 03

In Python: ``report(["results/"], "class-report")`` returns the page written;
``class_stats(read_exports([...]))`` the numbers behind it. See docs/instructor-guide.md.
"""

from __future__ import annotations

from pathlib import Path

from pharmacourse.classroom.reading import ClassroomWarning, Learner, read_exports
from pharmacourse.classroom.report import write_report
from pharmacourse.classroom.stats import ClassStats, class_stats

__all__ = ["ClassStats", "ClassroomWarning", "Learner", "class_stats", "read_exports", "report",
           "write_report"]


def report(exports: list[str | Path], out: str | Path, code: str | None = None) -> Path:
    """Read learners' export files or folders (only class ``code``'s, if given) and write
    ``out/index.html``."""
    return write_report(class_stats(read_exports(exports, code)), out)
