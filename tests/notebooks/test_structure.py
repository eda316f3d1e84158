"""Stored notebooks must be what `make notebooks` writes, so nbval strict really compares them.

Cells with no execution count or no stored outputs are never compared by nbval (they silently
behave like --nbval-lax), so these tests fail on them, on stored errors, on out-of-order counts,
on a kernelspec other than python3, and on widget views or raw widget reprs left in outputs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORED = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb")])
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RAW_REPR = re.compile(r"\b(VBox|HBox|Box|Output|Tab|Accordion|GridBox)\(children=")


def structure_problems(nb: dict) -> list[str]:
    """Everything that would make nbval compare less than it seems to, for one notebook."""
    problems = []
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"kernelspec is {kernel!r}, not 'python3'")
    if "widgets" in nb.get("metadata", {}):
        problems.append("widget state stored in notebook metadata")
    counts = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code" or not "".join(cell.get("source", "")).strip():
            continue
        where = f"code cell {index} ({cell.get('id', '?')})"
        if cell.get("execution_count") is None:
            problems.append(f"{where}: no execution count (run `make notebooks`)")
        else:
            counts.append(cell["execution_count"])
        if "execution" in cell.get("metadata", {}):
            problems.append(f"{where}: execution timing metadata stored")
        outputs = cell.get("outputs", [])
        tags = cell.get("metadata", {}).get("tags", [])
        if not outputs and "no-output" not in tags:
            problems.append(f"{where}: no stored output, nbval would compare nothing "
                            "(end with a displayed value, or tag the cell 'no-output')")
        for out in outputs:
            if out.get("output_type") == "error":
                problems.append(f"{where}: stored error {out.get('ename')}")
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                problems.append(f"{where}: stored widget view (use `make notebooks`)")
            text = "".join(data.get("text/plain", "")) + "".join(out.get("text", ""))
            if RAW_REPR.search(text):
                problems.append(f"{where}: raw widget repr stored: {text[:60]!r}")
    if counts != sorted(counts) or len(set(counts)) != len(counts):
        problems.append(f"execution counts out of order: {counts}")
    return problems


def test_structure_check_catches_each_fault():
    good = {"metadata": {"kernelspec": {"name": "python3"}}, "cells": [
        {"cell_type": "code", "source": "1", "execution_count": 1, "metadata": {},
         "outputs": [{"output_type": "execute_result", "data": {"text/plain": "1"}}]}]}
    assert structure_problems(good) == []
    faults = {
        "kernelspec": lambda nb: nb["metadata"].update(kernelspec={"name": "py311"}),
        "no execution count": lambda nb: nb["cells"][0].update(execution_count=None),
        "no stored output": lambda nb: nb["cells"][0].update(outputs=[]),
        "stored error": lambda nb: nb["cells"][0]["outputs"].append(
            {"output_type": "error", "ename": "ValueError"}),
        "out of order": lambda nb: nb["cells"].insert(0, {**nb["cells"][0], "execution_count": 2}),
        "widget view": lambda nb: nb["cells"][0]["outputs"][0]["data"].update(
            {WIDGET_VIEW: {"model_id": "x"}}),
        "raw widget repr": lambda nb: nb["cells"][0]["outputs"][0]["data"].update(
            {"text/plain": "VBox(children=(HTML(value='q'),))"}),
    }
    for words, damage in faults.items():
        nb = json.loads(json.dumps(good))
        damage(nb)
        found = structure_problems(nb)
        assert any(words in p for p in found), (words, found)


def test_there_are_stored_notebooks():
    assert (ROOT / "notebooks" / "00-start-here.ipynb") in STORED


@pytest.mark.parametrize("path", STORED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stored_notebook_is_fully_executed_and_normalised(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    problems = structure_problems(nb)
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_generated_navigation_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "nav.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, "run `make notebooks`:\n" + result.stdout + result.stderr
