"""Browser tests: a real JupyterLab, driven by Playwright in Debian's Chromium.

Fixtures
- ``browser_type_launch_args`` (overrides pytest-playwright's): Debian's Chromium at
  ``/usr/bin/chromium`` with flags that keep it quiet and offline (no browser downloads here).
  Where no Chromium exists every browser test is skipped with a clear message, unless
  ``REQUIRE_BROWSER=1`` (set by ``.ci/run``), in which case they fail.
- ``lab_server`` (session): JupyterLab started from the course's venv (``sys.executable``) on a
  free loopback port with a random token, serving a temporary copy of the repository (tests
  never change tracked notebooks), with news pop-ups, update checks and workspace restore off.
  Always stopped by its process id, even when a test fails.
- ``start_lab``: a factory for extra servers, each stopped after the test.
- ``lab``: a ``labkit.LabPage`` on the test's Playwright ``page``.

Environment knobs (all optional)
- ``REQUIRE_BROWSER=1``: a missing Chromium fails instead of skipping.
- ``PHARMACOURSE_CHROMIUM``: another Chromium binary (default ``/usr/bin/chromium``).
- ``PHARMACOURSE_BROWSER_REPO``: serve a copy of this folder instead of the repository (to try
  the tests against a deliberately broken copy).
- ``PHARMACOURSE_ARTIFACTS``: where screenshots go (default ``<repo>/.artifacts/browser``).
- ``PHARMACOURSE_SCREENSHOTS=all``: keep every lesson's screenshots, also of passing tests (by
  default a test's screenshots are taken only when it fails: each costs seconds of CPU).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from labkit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    LabPage,
    LabServer,
    copy_repo,
    require_browser,
    start_jupyterlab,
)


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright 0.10 defines its session fixture ``base_url`` as a method, which pytest 9
    # warns about once per run; harmless here (we never use base_url). The root pytest.ini
    # filter (".*base_url.*") misses it: the message starts on another line.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods"
        ":pytest.PytestRemovedIn10Warning",
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        message = (
            f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium) "
            "or set PHARMACOURSE_CHROMIUM; never `playwright install` (downloads are blocked)"
        )
        if require_browser():
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "timeout": TIMEOUT_MS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """One JupyterLab for the session, serving a temporary copy of the repository.

    ``expose_app_in_browser`` lets tests *read* the notebook model (how many widget views the
    kernel sent); every action still goes through menus, clicks and keys like a learner's.
    """
    base = tmp_path_factory.mktemp("jupyterlab")
    root = copy_repo(base / "repo")
    server = start_jupyterlab(
        root, base / "server", extra_args=["--LabApp.expose_app_in_browser=True"]
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_lab(tmp_path: Path) -> Iterator[Callable[..., LabServer]]:
    """Factory for extra JupyterLab servers; every server it starts is stopped afterwards."""
    started: list[LabServer] = []

    def _start(root: Path, **kwargs) -> LabServer:
        server = start_jupyterlab(root, tmp_path / f"server-{len(started)}", **kwargs)
        started.append(server)
        return server

    try:
        yield _start
    finally:
        for server in started:
            server.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def lab(page, lab_server: LabServer, request: pytest.FixtureRequest) -> Iterator[LabPage]:
    """The test's page on the session's JupyterLab; its kernels are stopped afterwards.

    If the test failed, the screenshots it asked for (``LabPage.keep_screenshot``) are taken
    before the page closes; a failed test that asked for none gets one named after it.
    """
    lab = LabPage(page, lab_server)
    yield lab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        if not lab.pending_screenshots:
            lab.keep_screenshot(f"FAILED-{re.sub(r'[^A-Za-z0-9.-]+', '-', request.node.name)}")
        lab.take_pending_screenshots()
    page.close()
    lab_server.shutdown_kernels()
