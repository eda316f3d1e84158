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
- ``lab``: a ``labkit.LabPage`` on the worker's JupyterLab page (``lab_tab``: one page per
  worker, reused across tests; documents closed after each test; replaced after a failure).

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
from grouping import make_scheduler, order
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


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadgroup``: group by module ourselves (``grouping.py``: xdist's own grouping
    is silently broken on pytest 9.2)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    return make_scheduler(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The one-worker groups first (``grouping.order``); every worker collects the same order."""
    by_id = {item.nodeid: item for item in items}
    items[:] = [by_id[nodeid] for nodeid in order([item.nodeid for item in items])]


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


@pytest.fixture(scope="session")
def lab_tab(browser, browser_context_args: dict) -> Iterator[dict]:
    """One JupyterLab page per worker, kept across tests: loading JupyterLab costs ~5 s of CPU,
    paid once instead of once per test. ``lab`` closes its documents after each test and
    drops the page after a failure (the next test then loads a fresh one)."""
    tab: dict = {"context": None, "page": None}
    yield tab
    if tab["context"] is not None:
        tab["context"].close()


@pytest.fixture
def lab(lab_tab: dict, browser, browser_context_args: dict, lab_server: LabServer,
        request: pytest.FixtureRequest) -> Iterator[LabPage]:
    """A page on the session's JupyterLab (the worker's page, reused); after the test its
    documents are closed without saving and its kernels stopped.

    If the test failed, the screenshots it asked for (``LabPage.keep_screenshot``) are taken
    before the page closes; a failed test that asked for none gets one named after it. A page
    that saw a failure is not reused.
    """
    if lab_tab["page"] is None or lab_tab["page"].is_closed():
        lab_tab["context"] = browser.new_context(**browser_context_args)
        lab_tab["page"] = lab_tab["context"].new_page()
    lab = LabPage(lab_tab["page"], lab_server)
    yield lab
    lab.detach()
    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    if failed:
        if not lab.pending_screenshots:
            lab.keep_screenshot(f"FAILED-{re.sub(r'[^A-Za-z0-9.-]+', '-', request.node.name)}")
        lab.take_pending_screenshots()
    else:
        lab.pending_screenshots.clear()
        try:
            lab.close_documents()
        except Exception:  # noqa: BLE001 - a page that cannot close its documents is replaced
            failed = True
    if failed:
        lab_tab["context"].close()
        lab_tab["context"] = lab_tab["page"] = None
    lab_server.shutdown_kernels()
