"""The browser stage's own test grouping (tests/browser/grouping.py): tests of a one-worker
module run on one worker, in a real pytest-xdist run, and those modules go first.

pytest-xdist's ``--dist loadgroup`` ignores ``xdist_group`` marks on pytest 9.2
(pytest-dev/pytest-xdist#1386); this is the workaround, checked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BROWSER = Path(__file__).resolve().parents[1] / "browser"
sys.path.insert(0, str(BROWSER))

from grouping import ONE_WORKER_MODULES, group_of, order  # noqa: E402


def test_one_worker_modules_are_exactly_the_marked_ones() -> None:
    marked = {p.name for p in BROWSER.glob("test_*.py")
              if re.search(r"xdist_group\(", p.read_text(encoding="utf-8"))}
    assert marked == set(ONE_WORKER_MODULES)


def test_group_of_and_order() -> None:
    ids = ["tests/browser/test_notebooks.py::t[chromium-a]", "tests/browser/test_binder.py::b",
           "tests/browser/test_site.py::s1[chromium]", "tests/browser/test_site.py::s2@site"]
    assert group_of(ids[2]) == group_of(ids[3]) == "module:test_site.py"
    assert group_of(ids[0]) == ids[0]
    assert order(ids) == [ids[2], ids[3], ids[1], ids[0]]


CONFTEST = f"""
import sys
sys.path.insert(0, {str(BROWSER)!r})
from grouping import make_scheduler

def pytest_xdist_make_scheduler(config, log):
    return make_scheduler(config, log)
"""

TESTS = """
import os, pathlib
import pytest

@pytest.mark.parametrize("i", range(6))
def test_one(i):
    out = pathlib.Path(os.environ["GROUPING_OUT"])
    with out.open("a") as f:
        f.write(f"{__name__} {os.environ['PYTEST_XDIST_WORKER']}\\n")
"""


def test_a_one_worker_module_runs_on_one_worker(tmp_path: Path) -> None:
    """test_site.py's six tests share a worker while test_other.py's spread (without the
    workaround, xdist 3.8 on pytest 9.2 spreads both: measured, see the module docstring)."""
    (tmp_path / "conftest.py").write_text(CONFTEST)
    mark = "import pytest\npytestmark = pytest.mark.xdist_group('site')\n"
    (tmp_path / "test_site.py").write_text(mark + TESTS)
    (tmp_path / "test_other.py").write_text(TESTS)
    out = tmp_path / "workers.txt"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q",
         "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "GROUPING_OUT": str(out), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
             "PYTEST_PLUGINS": "xdist.plugin"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.split() for line in out.read_text().splitlines()]
    assert len(lines) == 12, lines
    assert len({worker for module, worker in lines if module == "test_site"}) == 1, lines
