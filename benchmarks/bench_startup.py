"""Start-up cost of a lesson, for ``make bench`` (issue 19, "Faster start, same outputs").

Row 1 (always): the import a lesson's first cell pays, i.e. numpy, pandas, matplotlib.pyplot and
ipywidgets plus every ``pharmacourse`` module that a notebook's import cell names (read from
``notebooks/*.ipynb`` at run time), against the stack alone. Each in a fresh interpreter, the two
alternating (order swapped every pair), several pairs; prints the medians and the ratio
course/stack. Goal: at most 1.3x (the course adds at most ~0.3 s per notebook).

Row 2 (opt-in, ``PHARMACOURSE_BENCH_NBVAL=1``: about 1-2 minutes): nbval over every notebook of
``notebooks/`` and ``solutions/`` against the same number of notebooks that only import the stack.
For information only: it grows with the content (1.98x when issue 19 was filed).

``bench.py`` imports this file too: ``ROWS`` is empty because these rows time whole processes,
not a callable. Run: ``.venv/bin/python benchmarks/bench_startup.py [--pairs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.bench import _cpu_model, _fmt  # noqa: E402

ROWS: list = []  # see the module docstring
STACK = ["numpy", "pandas", "matplotlib.pyplot", "ipywidgets"]
GOAL = 1.3
_FROM = re.compile(r"^from (pharmacourse(?:\.\w+)*) import \(?([\w, ]+)", re.M)


def lesson_imports(folder: Path = ROOT / "notebooks") -> list[str]:
    """Every pharmacourse module a notebook's import cell (first code cell with one) names."""
    modules: set[str] = set()
    for path in sorted(folder.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        first = next((c for c in code if _FROM.search(c)), "")
        for package, names in _FROM.findall(first):
            for name in filter(None, (n.strip() for n in names.split(","))):
                candidate = f"{package}.{name}"
                where = ROOT / "src" / Path(*candidate.split("."))
                is_module = where.is_dir() or where.with_suffix(".py").is_file()
                modules.add(candidate if is_module else package)  # else a function or class
    return sorted(modules)


def _run_import(modules: list[str]) -> float:
    code = "import " + ", ".join(modules)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("MPLBACKEND", None)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - t0


def import_row(pairs: int) -> tuple[float, float, float, list[str]]:
    """(course median s, stack median s, ratio, course modules), fresh processes, alternating."""
    course = STACK + lesson_imports()
    _run_import(course)  # warm the file cache and .pyc files once
    stack_t, course_t = [], []
    for i in range(pairs):
        order = ((stack_t, STACK), (course_t, course))
        for times, modules in order if i % 2 == 0 else order[::-1]:
            times.append(_run_import(modules))
    c, s = statistics.median(course_t), statistics.median(stack_t)
    return c, s, c / s, course[len(STACK):]


def _nbval(paths: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                    "--nbval-current-env", "--nbval-sanitize-with",
                    str(ROOT / "tests/nbval_sanitize.cfg"), *paths],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def nbval_row() -> tuple[float, float, int]:
    """(course nbval s, import-only nbval s, notebooks): whole course vs same number of stubs."""
    notebooks = sorted(str(p) for d in ("notebooks", "solutions")
                       for p in (ROOT / d).glob("*.ipynb"))
    with tempfile.TemporaryDirectory(prefix="bench-import-only-") as tmp:
        stub = {"cells": [{"cell_type": "code", "execution_count": None, "id": "imports",
                           "metadata": {}, "outputs": [],
                           "source": "import " + ", ".join(STACK)}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
        stubs = []
        for i in range(len(notebooks)):
            path = Path(tmp) / f"import-only-{i:02d}.ipynb"
            path.write_text(json.dumps(stub))
            stubs.append(str(path))
        return _nbval(notebooks), _nbval(stubs), len(notebooks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7, help="alternating pairs (default 7)")
    args = parser.parse_args(argv)
    header = f"{'benchmark':<78} {'median':>10} {'runs':>5} {'baseline':>10} {'ratio':>9}"
    print(header)
    print("-" * len(header))
    c, s, ratio, modules = import_row(args.pairs)
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"{'lesson first-cell import (stack + course) vs stack alone, fresh processes':<78} "
          f"{_fmt(c):>10} {args.pairs:>5} {_fmt(s):>10} {ratio:>8.2f}x")
    print(f"  course modules: {', '.join(modules)}; goal <= {GOAL}x: {verdict} it")
    if os.environ.get("PHARMACOURSE_BENCH_NBVAL") == "1":
        course_s, stubs_s, n = nbval_row()
        print(f"{f'nbval, all {n} notebooks vs {n} import-only notebooks (information)':<78} "
              f"{_fmt(course_s):>10} {1:>5} {_fmt(stubs_s):>10} {course_s / stubs_s:>8.2f}x")
    else:
        print("  (whole-course nbval row skipped: takes 1-2 min; PHARMACOURSE_BENCH_NBVAL=1 "
              "make bench to include it)")
    print()
    print(f"machine: {_cpu_model()}; {os.cpu_count()} logical cores; Python "
          f"{sys.version.split()[0]}; ratio = median / baseline median (lower is better)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
