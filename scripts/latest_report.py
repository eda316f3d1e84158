"""Summarise a `make test-latest` run: failed tests, changed stored outputs, moved packages.

``latest_report.py PYTEST_LOG FREEZE LOCK`` prints Markdown. PYTEST_LOG is the output of
scripts/run_tests.sh (pytest with ``--color=no -rfE``), FREEZE the ``pip freeze`` of .venv-latest,
LOCK requirements/test.lock (its markers are evaluated for the interpreter running this script).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.locks import parse_lock, pins_for  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SECTION = re.compile(r"^_{3,} (.+?) _{3,}$")
DIFF_LINES = 6  # nbval's first differing lines kept per cell


def failed_tests(log: str) -> list[str]:
    """``FAILED``/``ERROR`` lines of pytest's short summaries, without the duplicates."""
    found = [m.group(0) for m in re.finditer(r"^(?:FAILED|ERROR) \S+\.(?:py|ipynb)\b.*$", log,
                                             re.M)]
    return list(dict.fromkeys(found))


def changed_outputs(log: str) -> list[tuple[str, list[str]]]:
    """(notebook::Cell N, first differing lines) for each nbval 'Cell outputs differ' failure."""
    changes, current, lines = [], None, []
    for raw in log.splitlines() + ["___ end ___"]:
        line = ANSI.sub("", raw)
        header = SECTION.match(line)
        if header:
            if current and any("Cell outputs differ" in x for x in lines):
                start = next((i for i, x in enumerate(lines)
                              if "mismatch" in x or "output fields" in x or "dissimilar" in x), 0)
                diff = [x.rstrip() for x in lines[start:] if x.strip()][:DIFF_LINES]
                changes.append((current, diff))
            current, lines = (header.group(1) if ".ipynb" in header.group(1) else None), []
        elif current:
            lines.append(line)
    return changes


def moved_packages(freeze: str, lock: str) -> list[str]:
    """'name: locked -> installed' for each package whose version differs, plus new/missing."""
    problems: list[str] = []
    locked = pins_for(parse_lock(lock, "test.lock"), None, "test.lock", problems)
    exact = "\n".join(line for line in freeze.splitlines() if "==" in line)  # not `-e ...`
    installed = pins_for(parse_lock(exact, "pip freeze"), None, "pip freeze", problems)
    rows = [f"{n}: {locked[n]} -> {installed[n]}" for n in sorted(locked.keys() & installed.keys())
            if locked[n] != installed[n]]
    rows += [f"{n}: new, {installed[n]}" for n in sorted(installed.keys() - locked.keys())]
    rows += [f"{n}: gone (lock pins {locked[n]})" for n in sorted(locked.keys() - installed.keys())]
    return rows + problems


def render(log: str, freeze: str, lock: str) -> str:
    failed = failed_tests(log)
    changed = changed_outputs(log)
    moved = moved_packages(freeze, lock)
    stages = re.findall(r"^  \s*[\d.]+ s  .+$", log, re.M)
    verdict = "GREEN: the pins may move (make lock UPGRADE=1)" if not failed else \
        f"RED: {len(failed)} failing test(s); keep the pins, fix or cap the ranges first"
    out = ["# make test-latest report", "", f"**{verdict}**", "",
           f"## Failed tests ({len(failed)})", ""]
    out += [f"- {x}" for x in failed] or ["- none"]
    out += ["", f"## Stored outputs that changed ({len(changed)} cells)", ""]
    for cell, diff in changed:
        out.append(f"- {cell}")
        out += [f"      {x}" for x in diff]
    if not changed:
        out.append("- none")
    out += ["", f"## Packages that moved from requirements/test.lock ({len(moved)})", ""]
    out += [f"- {x}" for x in moved] or ["- none"]
    if stages:
        out += ["", "## Stage times", "", "```", *stages, "```"]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    log, freeze, lock = (Path(a).read_text(encoding="utf-8", errors="replace") for a in argv)
    print(render(log, freeze, lock), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
