"""scripts/run_tests.sh (what `make test` runs), driven with a stand-in interpreter.

``VPY`` points at a small script that records, for each stage, its arguments and whether
bytecode writing is off, then "passes". Nothing real runs: this checks the script's own logic.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_with_stub(tmp_path: Path, **env: str) -> list[str]:
    log = tmp_path / "calls.txt"
    stub = tmp_path / "python"
    stub.write_text("#!/bin/sh\n"
                    f'echo "DONTWRITE=${{PYTHONDONTWRITEBYTECODE-unset}} $*" >> "{log}"\n')
    stub.chmod(0o755)
    result = subprocess.run(
        ["bash", str(REPO / "scripts/run_tests.sh")], cwd=REPO, capture_output=True, text=True,
        timeout=60, env={**os.environ, "VPY": str(stub), "PHARMACOURSE_OFFLINE": "1",
                         "TEST_WORKERS": "2", **env})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All test stages passed." in result.stdout
    return log.read_text().splitlines()


def test_every_stage_may_write_bytecode_caches(tmp_path: Path) -> None:
    calls = run_with_stub(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert len(calls) == 3, calls  # unit, nbval strict, browser
    assert all(call.startswith("DONTWRITE=unset ") for call in calls), calls


def test_stages_run_in_order_on_the_workers_asked_for(tmp_path: Path) -> None:
    unit, nbval, browser = run_with_stub(tmp_path)
    assert "-n 2 --dist load " in unit and "--ignore=tests/browser" in unit
    assert "--nbval" in nbval and "--dist loadscope" in nbval
    assert browser.endswith("tests/browser") and "--dist loadgroup" in browser
