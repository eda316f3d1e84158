"""Course benchmark suite: ``make bench`` (or ``.venv/bin/python scripts/bench.py``).

Imports every ``benchmarks/bench_*.py``, each with a module-level ``ROWS`` list of
(name, callable, baseline callable or None), times each callable (median of repeated runs with
``time.perf_counter``) and prints a table with, where a baseline exists, the baseline's median
and the speed-up, followed by the machine it ran on. No assertions: numbers are for reading.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _median_s(fn: Callable[[], object], repeats: int, budget_s: float) -> tuple[float, int]:
    fn()  # warm-up (imports, caches)
    times = []
    start = time.perf_counter()
    while len(times) < repeats:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if len(times) >= 3 and time.perf_counter() - start > budget_s:
            break
    return statistics.median(times), len(times)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def load_rows(folder: Path) -> list[tuple[str, str, Callable, Callable | None]]:
    if str(folder) not in sys.path:  # the bench files share helpers (benchmarks/_rows.py)
        sys.path.insert(0, str(folder))
    rows = []
    for path in sorted(folder.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, fn, baseline in module.ROWS:
            rows.append((path.stem, name, fn, baseline))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="runs per row (default 15)")
    parser.add_argument("--budget", type=float, default=10.0,
                        help="stop repeating a row after this many seconds (min 3 runs)")
    parser.add_argument("--folder", type=Path, default=ROOT / "benchmarks")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="run only the rows whose file or name contains TEXT (e.g. explorer)")
    args = parser.parse_args(argv)

    import numpy as np

    rows = [row for row in load_rows(args.folder)
            if args.only.lower() in f"{row[0]} {row[1]}".lower()]
    header = f"{'benchmark':<78} {'median':>10} {'runs':>5} {'baseline':>10} {'speed-up':>9}"
    print(header)
    print("-" * len(header))
    for _module, name, fn, baseline in rows:
        med, n = _median_s(fn, args.repeats, args.budget)
        base_txt = ratio_txt = "-"
        if baseline is not None:
            bmed, _ = _median_s(baseline, max(3, args.repeats // 5), args.budget)
            base_txt, ratio_txt = _fmt(bmed), f"{bmed / med:.2g}x"
        print(f"{name:<78} {_fmt(med):>10} {n:>5} {base_txt:>10} {ratio_txt:>9}", flush=True)
    print()
    print(f"machine: {_cpu_model()}; {os.cpu_count()} logical cores; {platform.system()} "
          f"{platform.release()}; Python {platform.python_version()}; numpy {np.__version__}")
    print("median of repeated runs (time.perf_counter); speed-up = baseline median / median")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
