"""Root test configuration: isolate every run from the developer's home folder.

Imported by pytest before any test module (and before nbval starts kernels), so the environment
variables set here reach Jupyter, IPython, matplotlib, Chromium and the course's own progress
files. Each pytest run gets one fresh temporary home; tests that need a private folder use
``tmp_path`` or the ``progress_dir`` fixture.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_RUN_HOME = Path(tempfile.mkdtemp(prefix="pharmacourse-test-home-"))

_ISOLATED = {
    "HOME": _RUN_HOME,
    "JUPYTER_CONFIG_DIR": _RUN_HOME / "jupyter-config",
    "JUPYTER_DATA_DIR": _RUN_HOME / "jupyter-data",
    "JUPYTER_RUNTIME_DIR": _RUN_HOME / "jupyter-runtime",
    "IPYTHONDIR": _RUN_HOME / "ipython",
    "MPLCONFIGDIR": _RUN_HOME / "matplotlib",
    "XDG_CONFIG_HOME": _RUN_HOME / "xdg-config",
    "XDG_CACHE_HOME": _RUN_HOME / "xdg-cache",
    "XDG_DATA_HOME": _RUN_HOME / "xdg-data",
    # The course's own state: quiz progress and predictions (see pharmacourse.quiz.store).
    "PHARMACOURSE_PROGRESS_DIR": _RUN_HOME / "pharmacourse-progress",
}
for _name, _path in _ISOLATED.items():
    _path.mkdir(parents=True, exist_ok=True)
    os.environ[_name] = str(_path)
# Kernels started by nbval must find the course's venv kernel, not a user-installed one.
os.environ.pop("MPLBACKEND", None)  # breaks stored figure outputs under nbval (toolchain notes)
os.environ.pop("PHARMACOURSE_SEED", None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: real-browser test (Playwright + Chromium)")
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # pragma: no cover - hypothesis is in the test lock
        return
    settings.register_profile(
        "ci",
        deadline=None,
        derandomize=True,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", deadline=None, max_examples=100)
    settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_RUN_HOME, ignore_errors=True)


@pytest.fixture
def progress_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty quiz-progress folder for one test."""
    folder = tmp_path / "progress"
    folder.mkdir()
    monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(folder))
    return folder
