"""Generate the learner exercise notebooks (exercises/) from the worked solutions (solutions/).

Single source: each lesson's exercises are written once, in ``solutions/NN-slug.ipynb``, with
nbgrader's markers. This script scrubs the solutions out and writes ``exercises/NN-slug.ipynb``.
Nobody edits ``exercises/`` by hand; ``--check`` (used by the tests and CI) fails when a committed
exercise notebook differs from what this script would write.

The rules (also in solutions/README.md):

Code cells
    The lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION`` (both marker lines included) are
    replaced by one line ``NAME = ...  # your answer here`` (``...`` is Python's Ellipsis, so the
    notebook still runs and the check cell reports "not answered yet"). The line keeps the
    indentation of the ``### BEGIN SOLUTION`` line. Lines before and after the region are kept.
    NAME is chosen as follows:

    1. an explicit name on the begin marker: ``### BEGIN SOLUTION placeholder=t_half_h``;
    2. otherwise the target of the *last* simple assignment (``name = ...``, ``name: T = ...``,
       ``name += ...``) at the region's own indentation level;
    3. otherwise ``answer``.

Markdown cells
    The lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION`` are replaced by
    ``*Write your answer here.*`` (the model answer stays in the solutions notebook only).

Title line
    The first cell of every solutions notebook must contain the phrase
    ``Worked solutions (instructor/self-study version)``; the exercise version replaces it by
    ``Learner version; check your answers with the check cells``. A solutions notebook without the
    phrase is an error, so the two versions can always be told apart at a glance.

Everything else
    Cell ids, cell metadata and notebook metadata are kept; outputs and execution counts are
    cleared. A solutions notebook without any marker, or with unbalanced/nested markers, is an
    error naming the notebook and the cell. Output is deterministic: the same input gives the same
    bytes.

Usage::

    python scripts/make_exercises.py            # regenerate exercises/ from solutions/
    python scripts/make_exercises.py --check    # exit 1, naming each notebook that is out of step
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import tempfile
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS_DIR = REPO / "solutions"
EXERCISES_DIR = REPO / "exercises"

BEGIN_RE = re.compile(
    r"^(?P<indent>[ \t]*)### BEGIN SOLUTION(?:[ \t]+placeholder=(?P<name>\w+))?[ \t]*$"
)
END_RE = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
# A simple assignment at the start of a (dedented) line: name = ..., name: T = ..., name += ...
ASSIGN_RE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*(?::[^=]+)?(?:[-+*/%@&|^]|//|\*\*|>>|<<)?=(?!=)")

SOLUTION_TITLE = "Worked solutions (instructor/self-study version)"
EXERCISE_TITLE = "Learner version; check your answers with the check cells"
MARKDOWN_PLACEHOLDER = "*Write your answer here.*"
PLACEHOLDER_COMMENT = "# your answer here"


class ExerciseSourceError(ValueError):
    """A solutions notebook breaks the marker rules (the message names notebook and cell)."""


def _where(notebook_name: str, index: int, cell: nbformat.NotebookNode) -> str:
    cell_id = cell.get("id", "?")
    return f"{notebook_name}: cell {index} (id {cell_id!r}, {cell.cell_type})"


def placeholder_name(region: list[str], indent: str, explicit: str | None) -> str:
    """Name of the variable the learner must assign, by the rule in the module docstring."""
    if explicit:
        return explicit
    name = "answer"
    for line in region:
        if not line.startswith(indent):
            continue
        rest = line[len(indent) :]
        if rest[:1] in (" ", "\t"):  # deeper indentation: inside a block of the region
            continue
        match = ASSIGN_RE.match(rest)
        if match:
            name = match.group("name")
    return name


def scrub_source(source: str, cell_type: str, where: str) -> tuple[str, int]:
    """Return (scrubbed source, number of solution regions) for one cell's source."""
    lines = source.split("\n")
    out: list[str] = []
    regions = 0
    i = 0
    while i < len(lines):
        begin = BEGIN_RE.match(lines[i])
        if END_RE.match(lines[i]):
            raise ExerciseSourceError(f"{where}: line {i + 1}: '### END SOLUTION' without a begin")
        if not begin:
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not END_RE.match(lines[j]):
            if BEGIN_RE.match(lines[j]):
                raise ExerciseSourceError(
                    f"{where}: line {j + 1}: nested '### BEGIN SOLUTION' (close the first region)"
                )
            j += 1
        if j == len(lines):
            raise ExerciseSourceError(
                f"{where}: line {i + 1}: '### BEGIN SOLUTION' without '### END SOLUTION'"
            )
        region = lines[i + 1 : j]
        indent = begin.group("indent")
        if cell_type == "code":
            name = placeholder_name(region, indent, begin.group("name"))
            out.append(f"{indent}{name} = ...  {PLACEHOLDER_COMMENT}")
        else:
            out.append(MARKDOWN_PLACEHOLDER)
        regions += 1
        i = j + 1
    return "\n".join(out), regions


def make_exercise(nb: nbformat.NotebookNode, notebook_name: str) -> nbformat.NotebookNode:
    """Return the learner version of a solutions notebook (the input is not modified)."""
    nb = copy.deepcopy(nb)
    if not nb.cells or SOLUTION_TITLE not in nb.cells[0].source:
        raise ExerciseSourceError(
            f"{notebook_name}: the first cell must contain {SOLUTION_TITLE!r} (the title rule); "
            "the exercise version replaces it"
        )
    nb.cells[0].source = nb.cells[0].source.replace(SOLUTION_TITLE, EXERCISE_TITLE)
    total = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type in ("code", "markdown"):
            cell.source, n = scrub_source(
                cell.source, cell.cell_type, _where(notebook_name, index, cell)
            )
            total += n
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    if total == 0:
        raise ExerciseSourceError(
            f"{notebook_name}: no '### BEGIN SOLUTION' / '### END SOLUTION' marker; a solutions "
            "notebook needs at least one solution region"
        )
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """The exact text written to disk (nbformat's JSON, one trailing newline)."""
    return nbformat.writes(nb, version=4).rstrip("\n") + "\n"


def solution_notebooks(solutions_dir: Path) -> list[Path]:
    return sorted(p for p in solutions_dir.glob("*.ipynb") if not p.name.startswith("."))


def generate(solutions_dir: Path, exercises_dir: Path) -> list[Path]:
    """Write exercises_dir/NAME.ipynb for every solutions_dir/NAME.ipynb; return the paths."""
    exercises_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for src in solution_notebooks(solutions_dir):
        nb = nbformat.read(src, as_version=4)
        text = render(make_exercise(nb, src.name))
        dest = exercises_dir / src.name
        dest.write_text(text, encoding="utf-8", newline="\n")
        written.append(dest)
    return written


def check(solutions_dir: Path, exercises_dir: Path) -> list[str]:
    """Regenerate into a temporary folder; return one problem line per notebook out of step."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="pharmacourse-exercises-") as tmp:
        fresh_dir = Path(tmp)
        generate(solutions_dir, fresh_dir)
        fresh = {p.name for p in fresh_dir.glob("*.ipynb")}
        committed = (
            {p.name for p in exercises_dir.glob("*.ipynb")} if exercises_dir.is_dir() else set()
        )
        for name in sorted(fresh - committed):
            problems.append(f"exercises/{name}: missing (run make exercises)")
        for name in sorted(committed - fresh):
            problems.append(f"exercises/{name}: has no solutions/{name} (generated files only)")
        for name in sorted(fresh & committed):
            want = (fresh_dir / name).read_bytes()
            have = (exercises_dir / name).read_bytes()
            if want != have:
                problems.append(
                    f"exercises/{name}: differs from what solutions/{name} generates "
                    "(edit the solutions notebook, then run make exercises)"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--solutions", type=Path, default=SOLUTIONS_DIR)
    parser.add_argument("--exercises", type=Path, default=EXERCISES_DIR)
    parser.add_argument(
        "--check", action="store_true", help="report out-of-step notebooks, write nothing"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check(args.solutions, args.exercises)
            for line in problems:
                print(line, file=sys.stderr)
            if not problems:
                count = len(solution_notebooks(args.solutions))
                print(f"exercises in step with {count} solutions notebook(s)")
            return 1 if problems else 0
        for path in generate(args.solutions, args.exercises):
            print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    except ExerciseSourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
