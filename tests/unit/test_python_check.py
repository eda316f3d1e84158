"""`make lab`/`make test` on an unsupported Python stop with one clear line.

scripts/check_python.py runs before the venv is made; a fake interpreter plays the old Python.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import check_python

ROOT = Path(__file__).resolve().parents[2]


def fake_interpreter(tmp_path: Path, version: tuple) -> Path:
    """An executable that runs a script like this Python would if it were ``version``."""
    shim = tmp_path / "pretend.py"
    shim.write_text(
        "import runpy, sys\n"
        f"sys.version_info = {version!r}\n"
        "sys.argv = sys.argv[1:]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    exe = tmp_path / f"python{version[0]}.{version[1]}"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{shim}" "$@"\n')
    exe.chmod(0o755)
    return exe


@pytest.mark.parametrize("version", [(2, 7, 18, "final", 0), (3, 10, 14, "final", 0),
                                     (3, 15, 0, "alpha", 1)])
def test_make_on_an_unsupported_python_stops_with_one_line(tmp_path, version):
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "venv", f"VENV={venv}",
         f"PYTHON={fake_interpreter(tmp_path, version)}"],
        capture_output=True, text=True, timeout=60, env={**os.environ, "MAKEFLAGS": ""},
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert "needs Python 3.11 to 3.14" in line
    assert f"this is Python {version[0]}.{version[1]}.{version[2]}" in line
    for how in ("uv python install 3.12", "py -3.12", "conda create"):
        assert how in line
    assert not venv.exists(), "nothing may be created on an unsupported Python"


@pytest.mark.parametrize("minor", [11, 12, 13, 14])
def test_supported_pythons_pass_silently(tmp_path, minor):
    exe = fake_interpreter(tmp_path, (3, minor, 0, "final", 0))
    result = subprocess.run([str(exe), str(ROOT / "scripts/check_python.py")],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_range_comes_from_pyproject():
    text = (ROOT / "pyproject.toml").read_text()
    assert check_python.supported_range(text) == ((3, 11), (3, 15))
    assert check_python.message((3, 16, 0), (3, 11), (3, 17)) is None
    with pytest.raises(ValueError, match="requires-python"):
        check_python.supported_range('requires-python = ">=3.11"')
