"""Generate the learner exercise notebooks (exercises/) from the worked solutions (solutions/).

Single source: each lesson's exercises are written once, in ``solutions/NN-slug.ipynb``, with
nbgrader's markers. This script scrubs the solutions out and writes ``exercises/NN-slug.ipynb``.
Nobody edits ``exercises/`` by hand; ``--check`` (used by the tests and CI) fails when a committed
exercise notebook differs from what this script would write.

The rules (also in solutions/README.md):

Markers
    A marker is a line of its own: optional indentation, one or more ``#``, optional spaces,
    ``BEGIN SOLUTION`` or ``END SOLUTION`` (any case, one or more spaces between the words),
    then optionally ``placeholder=NAME`` (begin marker of a code cell only) and optionally a
    trailing comment (``# ...``). So ``### BEGIN SOLUTION``, ``# BEGIN SOLUTION``,
    ``###BEGIN SOLUTION``, ``## begin solution  # why`` are all markers (nbgrader accepts each of
    them too). In markdown cells the ``#`` are optional (``BEGIN SOLUTION`` alone is a marker).
    Refused, with an error naming notebook, cell and line:
    * a line that looks like a marker but is not one: a misspelling (``## BEGIN SOLUTON``),
      ``BEGIN_SOLUTION``, the marker inside code (``print("### BEGIN SOLUTION")``), text after
      the marker that is not a comment (``### BEGIN SOLUTION here``), a code-cell marker without
      ``#`` (not a comment: it would not even run);
    * unbalanced or nested markers, and a solutions notebook without any marker.
    Line endings: CRLF and CR are read like LF; the exercise is written with LF.

Code cells
    The lines from the begin marker to the end marker (both included) are replaced by one line
    with the indentation of the begin marker:

    * ``NAME = ...  # your answer here`` (``...`` is Python's Ellipsis, so the notebook still runs
      and the check cell reports "not answered yet"). NAME is the variable the check reads: the
      second argument of the first ``check("ID", NAME)`` after the region (later in the same
      cell, or in a following cell before the next solution region). The region must assign
      that name; ``placeholder=NAME`` on the begin marker must agree with it. Without a check
      after the region, NAME is ``placeholder=NAME`` or the one name the region assigns at its
      own indentation; anything else is ambiguous and an error.
    * ``raise NotImplementedError  # your code here`` when the region is the body of a ``def``
      (a function-writing exercise): the check is given the function and reports "not answered
      yet" while it raises NotImplementedError (or returns ``...``).

Markdown cells
    The region is replaced by ``*Write your answer here.*`` (the model answer stays in the
    solutions notebook only).

Title line
    The first cell of every solutions notebook must contain the phrase
    ``Worked solutions (instructor/self-study version)``; the exercise version replaces it by
    ``Learner version; check your answers with the check cells``.

Leak guard
    Before anything is written, every line that occurs only inside solution regions is looked
    for in the generated notebook; if one is there (or anything marker-like), nothing is written
    and the error names the notebook, cell and line.

Everything else
    Cell ids, cell metadata and notebook metadata are kept; outputs and execution counts are
    cleared. Output is deterministic: the same input gives the same bytes.

Usage::

    python scripts/make_exercises.py            # regenerate exercises/ from solutions/
    python scripts/make_exercises.py --check    # exit 1, naming each notebook that is out of step
"""

from __future__ import annotations

import argparse
import copy
import difflib
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS_DIR = REPO / "solutions"
EXERCISES_DIR = REPO / "exercises"

MARKER_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<hashes>#*)[ \t]*(?P<kind>BEGIN|END)[ \t]+SOLUTION(?![\w])"
    r"(?:[ \t]+placeholder=(?P<name>[A-Za-z_]\w*))?(?P<rest>.*)$",
    re.IGNORECASE,
)
TRAILING_OK_RE = re.compile(r"^[ \t]*(?:#.*)?$")
# Anything that reads like begin/end + a word close to "solution" (for the "looks like" rule).
SUSPECT_RE = re.compile(r"(?i)(?<![a-z])(begin|end)[\s_\-]*([a-z]+)")
# A simple assignment at the start of a (dedented) line: name = ..., name: T = ..., name += ...
ASSIGN_RE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*(?::[^=]+)?(?:[-+*/%@&|^]|//|\*\*|>>|<<)?=(?!=)")
CHECK_RE = re.compile(r"""\bcheck\(\s*["'](?P<id>[^"']+)["']\s*,\s*(?P<arg>[A-Za-z_]\w*)\s*[,)]""")
DEF_RE = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]")
NEWLINES_RE = re.compile(r"\r\n|\r|\n")

SOLUTION_TITLE = "Worked solutions (instructor/self-study version)"
EXERCISE_TITLE = "Learner version; check your answers with the check cells"
MARKDOWN_PLACEHOLDER = "*Write your answer here.*"
PLACEHOLDER_COMMENT = "# your answer here"
FUNCTION_PLACEHOLDER = "raise NotImplementedError  # your code here"


class ExerciseSourceError(ValueError):
    """A solutions notebook breaks the marker rules (the message names notebook and cell)."""


@dataclass
class Marker:
    kind: str  # "begin" or "end"
    indent: str
    name: str | None


@dataclass
class Region:
    begin: int  # line index of the begin marker
    end: int  # line index of the end marker
    indent: str
    explicit: str | None


def _where(notebook_name: str, index: int, cell: nbformat.NotebookNode) -> str:
    cell_id = cell.get("id", "?")
    return f"{notebook_name}: cell {index} (id {cell_id!r}, {cell.cell_type})"


def split_lines(source: str) -> list[str]:
    """Lines of a cell source; CRLF and CR count as line ends like LF."""
    return NEWLINES_RE.split(source)


def _looks_like_marker(line: str) -> bool:
    for match in SUSPECT_RE.finditer(line):
        word = match.group(2).lower()
        if difflib.SequenceMatcher(None, word, "solution").ratio() >= 0.75:
            return True
    return False


def marker(line: str, cell_type: str, where: str) -> Marker | None:
    """The marker on ``line`` (None for an ordinary line); refuse what only looks like one."""
    match = MARKER_RE.match(line)
    if match and TRAILING_OK_RE.match(match.group("rest")):
        kind = match.group("kind").lower()
        if cell_type == "code" and not match.group("hashes"):
            raise ExerciseSourceError(
                f"{where}: {line.strip()!r} is not a comment: write '### {kind.upper()} SOLUTION'"
            )
        if kind == "end" and match.group("name"):
            raise ExerciseSourceError(f"{where}: placeholder= belongs on the BEGIN marker")
        if cell_type != "code" and match.group("name"):
            raise ExerciseSourceError(f"{where}: placeholder= is for code cells only")
        return Marker(kind, match.group("indent"), match.group("name"))
    if match or _looks_like_marker(line):
        raise ExerciseSourceError(
            f"{where}: {line.strip()!r} looks like a solution marker but is not one; a marker is "
            "a line of its own: '### BEGIN SOLUTION' [placeholder=NAME] [# comment] or "
            "'### END SOLUTION' [# comment] (see scripts/make_exercises.py)"
        )
    return None


def find_regions(lines: list[str], cell_type: str, where: str) -> list[Region]:
    """The solution regions of one cell, checked for balance and nesting."""
    regions: list[Region] = []
    open_at: Marker | None = None
    start = 0
    for i, line in enumerate(lines):
        found = marker(line, cell_type, f"{where}: line {i + 1}")
        if found is None:
            continue
        if found.kind == "begin":
            if open_at is not None:
                raise ExerciseSourceError(
                    f"{where}: line {i + 1}: nested '### BEGIN SOLUTION' (close the first region)"
                )
            open_at, start = found, i
        else:
            if open_at is None:
                raise ExerciseSourceError(
                    f"{where}: line {i + 1}: '### END SOLUTION' without a begin"
                )
            regions.append(Region(start, i, open_at.indent, open_at.name))
            open_at = None
    if open_at is not None:
        raise ExerciseSourceError(
            f"{where}: line {start + 1}: '### BEGIN SOLUTION' without '### END SOLUTION'"
        )
    return regions


def assigned_names(region: list[str], indent: str) -> list[str]:
    """Targets of the simple assignments at the region's own indentation, in order."""
    names = []
    for line in region:
        if not line.startswith(indent):
            continue
        rest = line[len(indent) :]
        if rest[:1] in (" ", "\t"):  # deeper indentation: inside a block of the region
            continue
        match = ASSIGN_RE.match(rest)
        if match:
            names.append(match.group("name"))
    return names


def _inside_def(lines: list[str], region: Region) -> bool:
    """True when the region is (part of) the body of a ``def``."""
    if not region.indent:
        return False
    for line in reversed(lines[: region.begin]):
        if not line.strip():
            continue
        stripped = line[: len(line) - len(line.lstrip())]
        if len(stripped) < len(region.indent):
            return bool(DEF_RE.match(line))
    return False


def placeholder_line(lines: list[str], region: Region, check_arg: str | None, where: str) -> str:
    """The line that replaces a code region (the rules in the module docstring)."""
    if _inside_def(lines, region):
        return f"{region.indent}{FUNCTION_PLACEHOLDER}"
    names = assigned_names(lines[region.begin + 1 : region.end], region.indent)
    at = f"{where}: line {region.begin + 1}"
    if check_arg:
        if region.explicit and region.explicit != check_arg:
            raise ExerciseSourceError(
                f"{at}: placeholder={region.explicit} but the check after the region reads "
                f"{check_arg!r}"
            )
        if check_arg not in names and not region.explicit:
            raise ExerciseSourceError(
                f"{at}: the check after the region reads {check_arg!r}, but the region assigns "
                f"{sorted(set(names)) or 'nothing'}; assign {check_arg} in the region"
            )
        name = check_arg
    elif region.explicit:
        name = region.explicit
    elif len(set(names)) == 1:
        name = names[0]
    else:
        raise ExerciseSourceError(
            f"{at}: ambiguous placeholder: no check() follows the region and it assigns "
            f"{sorted(set(names)) or 'nothing'}; add placeholder=NAME to the begin marker"
        )
    return f"{region.indent}{name} = ...  {PLACEHOLDER_COMMENT}"


def scrub_lines(lines: list[str], regions: list[Region], replace) -> list[str]:
    out: list[str] = []
    i = 0
    for region in regions:
        out.extend(lines[i : region.begin])
        out.append(replace(region))
        i = region.end + 1
    out.extend(lines[i:])
    return out


def _next_check_arg(cells, index: int, after_line: int, regions_of) -> str | None:
    """Argument name of the first check() after a region, before the next region."""
    for j in range(index, len(cells)):
        if cells[j].cell_type != "code":
            continue
        lines = split_lines(cells[j].source)
        start = after_line + 1 if j == index else 0
        stop = len(lines)
        later = [r.begin for r in regions_of[j] if r.begin >= start]
        if later:
            stop = later[0]
        for line in lines[start:stop]:
            match = CHECK_RE.search(line)
            if match:
                return match.group("arg")
        if later:
            return None
    return None


def _leak_guard(solution, exercise, regions_of, notebook_name: str) -> None:
    """Refuse an exercise that holds a solution-only line or anything marker-like."""
    inside, outside = set(), set()
    for cell, regions in zip(solution.cells, regions_of, strict=True):
        lines = split_lines(cell.source)
        in_region = set()
        for r in regions:
            in_region.update(range(r.begin, r.end + 1))
        for k, line in enumerate(lines):
            (inside if k in in_region else outside).add(line.strip())
    solution_only = inside - outside - {""}
    for index, cell in enumerate(exercise.cells):
        for k, line in enumerate(split_lines(cell.source)):
            if line.strip() in solution_only or "SOLUTION" in line.upper() and (
                MARKER_RE.match(line) or _looks_like_marker(line)
            ):
                raise ExerciseSourceError(
                    f"{_where(notebook_name, index, cell)}: line {k + 1}: refusing to write the "
                    f"exercise: solution text {line.strip()!r} would be in it"
                )


def make_exercise(nb: nbformat.NotebookNode, notebook_name: str) -> nbformat.NotebookNode:
    """Return the learner version of a solutions notebook (the input is not modified)."""
    solution = nb
    nb = copy.deepcopy(nb)
    if not nb.cells or SOLUTION_TITLE not in nb.cells[0].source:
        raise ExerciseSourceError(
            f"{notebook_name}: the first cell must contain {SOLUTION_TITLE!r} (the title rule); "
            "the exercise version replaces it"
        )
    regions_of = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type in ("code", "markdown"):
            where = _where(notebook_name, index, cell)
            regions_of.append(find_regions(split_lines(cell.source), cell.cell_type, where))
        else:
            regions_of.append([])
    if not any(regions_of):
        raise ExerciseSourceError(
            f"{notebook_name}: no '### BEGIN SOLUTION' / '### END SOLUTION' marker; a solutions "
            "notebook needs at least one solution region"
        )
    for index, cell in enumerate(nb.cells):
        lines, regions = split_lines(cell.source), regions_of[index]
        where = _where(notebook_name, index, cell)
        if cell.cell_type == "code":
            def replace(region, lines=lines, index=index, where=where):
                arg = _next_check_arg(nb.cells, index, region.end, regions_of)
                return placeholder_line(lines, region, arg, where)
        else:
            def replace(region):
                return MARKDOWN_PLACEHOLDER
        if regions or "\r" in cell.source:
            cell.source = "\n".join(scrub_lines(lines, regions, replace))
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.cells[0].source = nb.cells[0].source.replace(SOLUTION_TITLE, EXERCISE_TITLE)
    _leak_guard(solution, nb, regions_of, notebook_name)
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
