"""The CI workflows, `make test-latest` and its report (issue 19, the drift lane)."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import latest_report

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The ``on:`` mapping (YAML 1.1 reads a bare ``on`` key as True)."""
    on = workflow.get("on", workflow.get(True))
    return {name: None for name in on} if isinstance(on, list) else dict(on or {})


def set_triggers(workflow: dict, on: dict) -> None:
    workflow.pop("on", None)
    workflow[True] = on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def workflow_problems(test: dict, drift: dict) -> list[str]:
    """What a hosted runner would do wrong with these two workflows."""
    problems = []
    on = triggers(test)
    for event in ("push", "pull_request"):
        if event not in on:
            problems.append(f"test.yml: not run on {event}")
    if not re.search(r"^sudo -E\b.*\bbash \.ci/run$", runs(test), re.M):
        problems.append("test.yml: no step runs `sudo -E ... bash .ci/run`")
    crons = [entry.get("cron", "") for entry in triggers(drift).get("schedule") or []]
    monthly = [c for c in crons if re.fullmatch(r"\d+ \d+ \d+ \* \*", c.strip())]
    if not monthly:
        problems.append(f"drift.yml: no monthly schedule (cron 'M H D * *'), has {crons}")
    if not re.search(r"\bmake test-latest$", runs(drift), re.M):
        problems.append("drift.yml: no step runs `make test-latest`")
    uploads = [s for s in steps(drift) if str(s.get("uses", "")).startswith(
        "actions/upload-artifact@")]
    if not any(s.get("with", {}).get("path", "").rstrip("/") == ".artifacts/test-latest"
               and s.get("if") == "always()" for s in uploads):
        problems.append("drift.yml: the report (.artifacts/test-latest) is not always uploaded")
    for name, workflow in (("test.yml", test), ("drift.yml", drift)):
        for job in workflow["jobs"].values():
            if job.get("runs-on") != "ubuntu-latest":
                problems.append(f"{name}: runs on {job.get('runs-on')}, not ubuntu-latest")
            pythons = [s["with"]["python-version"] for s in job.get("steps", [])
                       if str(s.get("uses", "")).startswith("actions/setup-python@")]
            if pythons != ["3.11"]:
                problems.append(f"{name}: sets up Python {pythons}, not the tested 3.11")
    return problems


def test_workflows_run_make_test_on_push_and_pr_and_test_latest_monthly():
    assert workflow_problems(load("test.yml"), load("drift.yml")) == []


@pytest.mark.parametrize("break_it, expected", [
    (lambda t, d: set_triggers(t, {"push": None}), "not run on pull_request"),
    (lambda t, d: set_triggers(d, {"schedule": [{"cron": "0 5 * * 1"}]}), "no monthly schedule"),
    (lambda t, d: steps(d)[-1].update({"if": "failure()"}), "not always uploaded"),
    (lambda t, d: steps(t)[2].update({"run": "make test"}), "sudo -E"),
    (lambda t, d: steps(d)[2].update({"run": "make test"}), "make test-latest"),
])
def test_a_broken_workflow_is_caught(break_it, expected):
    test, drift = copy.deepcopy(load("test.yml")), copy.deepcopy(load("drift.yml"))
    break_it(test, drift)
    problems = workflow_problems(test, drift)
    assert any(expected in p for p in problems), problems


def test_the_unshare_fallback_for_ubuntu_24_04_is_documented():
    text = (WORKFLOWS / "test.yml").read_text()
    assert "kernel.apparmor_restrict_unprivileged_userns=0" in text


def test_test_latest_is_its_own_target_and_never_writes_the_venv_or_locks():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^test-latest:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "scripts/test_latest.sh" in recipe.group(1)
    test_recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "latest" not in test_recipe
    script = (ROOT / "scripts/test_latest.sh").read_text()
    assert "venv=.venv-latest" in script and "VPY=$venv/bin/python" in script
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"(>|rm -rf|-o)\s*\S*(requirements/|\.venv(?!-latest)\b)", code), \
        "test_latest.sh writes into .venv or the locks"
    assert "out=.artifacts/test-latest" in script  # what drift.yml uploads


NBVAL_LOG = """\
== nbval strict: notebooks solutions
___________________ notebooks/04-single-dose-pk.ipynb::Cell 12 ___________________
Notebook cell execution failed
Cell 12: Cell outputs differ

Input:
nca.table(result)

Traceback:
 mismatch 'text/plain'

 assert reference_output == test_output failed:

  'Cmax 12.5 ng/mL' == 'Cmax np.float64(12.5) ng/mL'
  - Cmax np.float64(12.5) ng/mL
  + Cmax 12.5 ng/mL
___________________ tests/unit/test_pk.py::test_half_life ___________________
AssertionError: 3 != 4
=========================== short test summary info ============================
FAILED notebooks/04-single-dose-pk.ipynb::Cell 12
FAILED tests/unit/test_pk.py::test_half_life - AssertionError: 3 != 4
== stage times
      41.0 s  unit and structure tests
FAILED stages:
  - unit and structure tests (exit 1)
"""


def test_report_lists_failures_changed_outputs_and_moved_packages():
    lock = "# header\npandas==3.1.1\nnumpy==2.4.6\npywinpty==3.1.2 ; os_name == 'nt'\nsix==1.17.0\n"
    freeze = "numpy==2.5.0\npandas==3.1.1\nnewdep==1.0\n-e file:///repo\n"
    report = latest_report.render(NBVAL_LOG, freeze, lock)
    assert "RED: 2 failing test(s)" in report and "FAILED stages" not in report
    assert "- FAILED tests/unit/test_pk.py::test_half_life - AssertionError: 3 != 4" in report
    assert "- notebooks/04-single-dose-pk.ipynb::Cell 12" in report
    assert "mismatch 'text/plain'" in report and "np.float64(12.5)" in report
    assert "test_pk.py::test_half_life\n      " not in report  # a test failure is no output change
    assert "- numpy: 2.4.6 -> 2.5.0" in report
    assert "- newdep: new, 1.0" in report and "- six: gone (lock pins 1.17.0)" in report
    assert "pandas" not in report.split("## Packages")[1] and "pywinpty" not in report
    assert "41.0 s  unit and structure tests" in report


def test_a_green_run_says_the_pins_may_move():
    report = latest_report.render("== stage times\n", "numpy==2.4.6\n", "numpy==2.4.6\n")
    assert "GREEN" in report and "## Failed tests (0)\n\n- none" in report
    assert "## Packages that moved from requirements/test.lock (0)\n\n- none" in report


def test_report_reads_real_nbval_output(tmp_path):
    """The parser against nbval's own failure text (a format change would hide every drift)."""
    cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {},
            "source": "print('dose 2 mg')",
            "outputs": [{"name": "stdout", "output_type": "stream", "text": "dose 1 mg\n"}]}
    notebook = {"cells": [cell], "nbformat": 4, "nbformat_minor": 5,
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}}}
    (tmp_path / "drift.ipynb").write_text(json.dumps(notebook))
    # Only nbval's plugin: the others (hypothesis, playwright, xdist) cost seconds to import.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "nbval", "--nbval", "--nbval-current-env",
         "--color=no", "-rfE", "-p", "no:cacheprovider", "-c", "/dev/null", "--rootdir",
         str(tmp_path), "drift.ipynb"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.returncode == 1, result.stdout + result.stderr
    changed = latest_report.changed_outputs(result.stdout)
    assert [cell for cell, _ in changed] == ["drift.ipynb::Cell 0"], result.stdout
    diff = "\n".join(changed[0][1])
    assert "mismatch 'stdout'" in diff and "dose 1 mg" in diff and "dose 2 mg" in diff, diff
    failed = latest_report.failed_tests(result.stdout)
    assert len(failed) == 1 and failed[0].startswith("FAILED drift.ipynb::Cell 0"), failed
