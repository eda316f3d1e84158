"""Re-execute notebooks top to bottom in a fresh kernel and store normalised outputs.

This is the only way notebooks in notebooks/ and solutions/ are saved (`make notebooks`), so the
stored outputs always equal a fresh run and nbval can compare them strictly.

Normalisation:
- kernelspec is ``python3`` (display name "Python 3 (ipykernel)");
- no execution timing metadata, no widget state in the notebook metadata;
- the widget-view mime type is removed from stored outputs: every course widget (quiz, explorer)
  also emits a static ``text/html`` or ``image/png`` rendering and a stable ``text/plain`` line,
  which is what GitHub, nbviewer and an un-run JupyterLab show (a stored widget view would show
  as a raw ``VBox(children=...`` repr, see docs/architecture.md).

Usage: python scripts/execute_notebooks.py [PATH ...]   (folders or .ipynb files)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip run-dependent metadata and widget views from an executed notebook (in place)."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data is not None and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not data:
                    continue
            kept.append(out)
        cell.outputs = kept
    return nb


def execute(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in place; return the wall time in seconds.

    The kernel sees an empty, temporary quiz-progress folder, so stored outputs never contain the
    progress or predictions of whoever ran `make notebooks` (and equal what the tests see).
    """
    with tempfile.TemporaryDirectory(prefix="pharmacourse-progress-") as progress:
        old = os.environ.get("PHARMACOURSE_PROGRESS_DIR")
        os.environ["PHARMACOURSE_PROGRESS_DIR"] = progress
        try:
            return _execute(path, timeout)
        finally:
            if old is None:
                os.environ.pop("PHARMACOURSE_PROGRESS_DIR", None)
            else:
                os.environ["PHARMACOURSE_PROGRESS_DIR"] = old


def _execute(path: Path, timeout: int) -> float:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    normalise(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def collect(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(p.glob("*.ipynb")))
        elif p.suffix == ".ipynb" and p.exists():
            found.append(p)
        else:
            raise SystemExit(f"not a notebook or folder: {raw}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["notebooks", "solutions"])
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    notebooks = collect(args.paths)
    if not notebooks:
        print("no notebooks to execute")
        return 0
    for path in notebooks:
        seconds = execute(path, args.timeout)
        print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
