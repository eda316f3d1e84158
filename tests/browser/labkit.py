"""Helpers for the browser tests: start/stop JupyterLab, drive it like a learner.

Used by ``conftest.py`` (fixtures) and the ``test_*.py`` files. See ``conftest.py`` for the
environment knobs. Waiting is always on a state (kernel idle, every prompt numbered, an element
visible), never a fixed sleep; timeouts are generous because CI has 2 shared cores.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PHARMACOURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("PHARMACOURSE_ARTIFACTS", REPO / ".artifacts" / "browser"))
#: ``PHARMACOURSE_SCREENSHOTS=all`` takes every ``keep_screenshot`` at once, also when the test
#: passes (to look at every lesson); by default they are taken only for a test that fails.
SCREENSHOTS_ALWAYS = os.environ.get("PHARMACOURSE_SCREENSHOTS", "") == "all"

#: Milliseconds. Generous: a kernel start plus a lesson's imports take ~10 s on 2 busy cores.
TIMEOUT_MS = 60_000
RUN_ALL_TIMEOUT_MS = 300_000
SERVER_START_TIMEOUT_S = 90

#: Folders never copied into the server's temporary repository.
_COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    ".artifacts",
    "__pycache__",
    ".ipynb_checkpoints",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "test-results",
    "*.egg-info",
    "_build",
    "_site",
)

#: JupyterLab user settings that remove pop-ups and the kernel dialog (see toolchain notes).
_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "autoStartDefaultKernel": True,
        "windowingMode": "none",
    },
    # A long Run All must never be autosaved over the copy that a later test opens "as stored".
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# --------------------------------------------------------------------------------------------
# Notebook discovery (at run time: a new lesson is covered without editing the tests)
# --------------------------------------------------------------------------------------------
def source_repo() -> Path:
    """The folder whose copy the server serves (the repository unless overridden)."""
    return Path(os.environ.get("PHARMACOURSE_BROWSER_REPO", REPO)).resolve()


def discover_notebooks() -> list[str]:
    """Every ``notebooks/*.ipynb``, as paths relative to the repository root, sorted."""
    folder = source_repo() / "notebooks"
    return sorted(
        f"notebooks/{p.name}" for p in folder.glob("*.ipynb") if not p.name.startswith(".")
    )


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------
def require_browser() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0", "false", "no")


# --------------------------------------------------------------------------------------------
# JupyterLab server
# --------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab serving ``root`` (a temporary copy of the repository)."""

    process: subprocess.Popen
    port: int
    token: str
    root: Path
    progress_dir: Path
    log_path: Path
    extra: dict = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """``path`` (e.g. ``lab/tree/x.ipynb?reset``) with the token added."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes, str]:
        """HTTP GET with the token in a header; returns (status, body, content type)."""
        request = urllib.request.Request(
            f"{self.base_url}/{path.lstrip('/')}", headers={"Authorization": f"token {self.token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers.get("Content-Type", "")

    def request(self, method: str, path: str, timeout: float = 30) -> int:
        """Any HTTP method with the token; returns the status."""
        request = urllib.request.Request(
            f"{self.base_url}/{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def shutdown_kernels(self) -> None:
        """Stop every kernel (each test starts its own; idle ones would pile up in memory)."""
        status, body, _ = self.get("api/sessions")
        if status == 200:
            for session in json.loads(body):
                self.request("DELETE", f"api/sessions/{session['id']}")
        status, body, _ = self.get("api/kernels")
        if status == 200:
            for kernel in json.loads(body):
                self.request("DELETE", f"api/kernels/{kernel['id']}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM the server by its pid (it shuts its kernels down), then kill its group."""
        stop_process(self.process)


def stop_process(process: subprocess.Popen, grace_s: float = 15) -> None:
    if process.poll() is None:
        try:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            pass
    # The server ran in its own session (start_new_session=True): its process group id is its
    # pid, so this reaches kernels it failed to stop, and nothing else.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def copy_repo(destination: Path, source: Path | None = None) -> Path:
    """Copy the repository (without venv, git and caches) to ``destination``."""
    shutil.copytree(source or source_repo(), destination, ignore=_COPY_IGNORE, symlinks=True)
    return destination


def start_jupyterlab(
    root: Path,
    workdir: Path,
    *,
    extra_args: list[str] | None = None,
    quiet_settings: bool = True,
    minimal: bool = False,
    timeout_s: float = SERVER_START_TIMEOUT_S,
    python: str | None = None,
) -> LabServer:
    """Start ``sys.executable -m jupyterlab`` serving ``root``; wait until it answers.

    ``workdir`` receives the log, the user settings, the workspaces and the progress folder.
    ``minimal=True`` starts it the way ``make lab`` does (no test-only settings, workspaces or
    news switches: only address, token and root folder).
    ``python`` runs JupyterLab from another environment (default: this one, ``sys.executable``).
    On any failure the process is stopped before the error propagates.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    settings_dir = workdir / "lab-user-settings"
    workspaces_dir = workdir / "lab-workspaces"
    progress_dir = workdir / "progress"
    for folder in (settings_dir, workspaces_dir, progress_dir):
        folder.mkdir(exist_ok=True)
    if quiet_settings and not minimal:
        for relative, values in _LAB_SETTINGS.items():
            target = settings_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))

    env = dict(os.environ)
    python = python or sys.executable
    venv_bin = str(Path(python).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    # Kernels inherit this environment: they import the package from the copy being served
    # (so a deliberately broken copy is what runs) and keep quiz progress in a private folder.
    src = root / "src"
    if src.is_dir():
        env["PYTHONPATH"] = str(src) + (
            os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
        )
    env["PHARMACOURSE_PROGRESS_DIR"] = str(progress_dir)
    env.pop("MPLBACKEND", None)
    env["PYTHONUNBUFFERED"] = "1"

    last_error = ""
    for _attempt in range(3):  # a free port can be taken between choosing and binding it
        port = free_port()
        token = secrets.token_hex(24)
        command = [
            python,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            # jupyter-lsp would otherwise look for language servers with npm at start-up.
            "--LanguageServerManager.autodetect=False",
            *(
                []
                if minimal
                else [
                    f"--LabApp.user_settings_dir={settings_dir}",
                    f"--LabApp.workspaces_dir={workspaces_dir}",
                    "--LabApp.news_url=None",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                ]
            ),
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            *(extra_args or []),
        ]
        log_path = workdir / f"jupyterlab-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command,
                cwd=root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = LabServer(process, port, token, root, progress_dir, log_path)
        try:
            if _wait_until_answers(server, timeout_s):
                return server
        except BaseException:
            server.stop()
            raise
        last_error = server.log_tail()
        server.stop()
    raise RuntimeError(f"JupyterLab did not start; last log lines:\n{last_error}")


def _wait_until_answers(server: LabServer, timeout_s: float) -> bool:
    """Poll ``/api/status`` until it answers 200 (True) or the process exits (False)."""
    deadline = time.monotonic() + timeout_s
    delay = 0.1
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            status, _body, _type = server.get("api/status", timeout=5)
            if status == 200:
                return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(delay)  # polling interval of a state wait, not a fixed wait
        delay = min(delay * 1.5, 1.0)
    raise TimeoutError(
        f"JupyterLab did not answer within {timeout_s:.0f} s; log:\n{server.log_tail()}"
    )


# --------------------------------------------------------------------------------------------
# Driving JupyterLab like a learner
# --------------------------------------------------------------------------------------------
#: Text that must never be visible: a broken or missing widget manager, a raw widget repr.
WIDGET_FAILURES = re.compile(
    r"Error displaying widget|Loading widget\.\.\.|Failed to load model class|"
    r"model not found|(?:VBox|HBox|Box|GridBox|Tab|Accordion)\(children=",
)

#: JavaScript that returns every visible output a learner would read as an error.
_JS_ERROR_OUTPUTS = """
() => Array.from(document.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
    .map(el => el.innerText.trim()).filter(t => t.length > 0)
"""

#: JavaScript that describes every figure: <img> outputs and explorer plots.
_JS_FIGURES = """
async () => {
  const imgs = Array.from(document.querySelectorAll(
      '.jp-OutputArea-output img, .jp-RenderedImage img, img.explorer-plot, .explorer-plot img'));
  const out = [];
  for (const img of imgs) {
    if (!img.complete) {
      await new Promise(r => { img.onload = r; img.onerror = r; setTimeout(r, 20000); });
    }
    let distinct = 0;
    if (img.naturalWidth > 0 && img.naturalHeight > 0) {
      const c = document.createElement('canvas');
      const w = Math.min(img.naturalWidth, 400), h = Math.min(img.naturalHeight, 400);
      c.width = w; c.height = h;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0, w, h);
      const data = ctx.getImageData(0, 0, w, h).data;
      const seen = new Set();
      for (let i = 0; i < data.length && seen.size < 3; i += 4 * 7) {
        seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      distinct = seen.size;
    }
    out.push({src: (img.getAttribute('src') || '').slice(0, 60), width: img.naturalWidth,
              height: img.naturalHeight, distinct: distinct});
  }
  return out;
}
"""

#: JavaScript (needs ``--LabApp.expose_app_in_browser``): the current notebook's model, read
#: only: how many code cells have run and how many outputs are widget views.
_JS_NOTEBOOK_MODEL = """
() => {
  const app = window.jupyterapp;
  if (!app) return null;
  const panel = app.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return null;
  const cells = panel.content.model.cells;
  let code = 0, executed = 0, widgetOutputs = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    code++;
    if (cell.executionCount !== null && cell.executionCount !== undefined) executed++;
    const outputs = cell.outputs;
    for (let j = 0; j < outputs.length; j++) {
      const data = outputs.get(j).data || {};
      if ('application/vnd.jupyter.widget-view+json' in data) widgetOutputs++;
    }
  }
  return {code, executed, widgetOutputs};
}
"""

_JS_STARTED = """
() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
        .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))
      || document.querySelectorAll('.jp-CodeCell').length === 0
"""

_JS_ALL_RUN = """
() => {
  const status = Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
      .map(e => e.textContent).join(' ');
  if (!/\\|\\s*Idle/.test(status)) return false;
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
      .map(p => p.textContent);
  if (prompts.some(t => t.includes('*'))) return false;
  // Done when every cell has run, or when an error stopped Run All (later cells stay [ ]).
  return prompts.every(t => /\\[\\d+\\]/.test(t)) || document.querySelector(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]') !== null;
}
"""


class LabPage:
    """A Playwright page on the session's JupyterLab, with learner-level actions."""

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server
        page.set_default_timeout(TIMEOUT_MS)
        self.console_errors: list[str] = []
        self._on_page_error = lambda exc: self.console_errors.append(str(exc))
        page.on("pageerror", self._on_page_error)
        self.pending_screenshots: list[tuple[str, object]] = []

    def detach(self) -> None:
        """Stop recording the page's errors (the page lives on for the next test)."""
        self.page.remove_listener("pageerror", self._on_page_error)

    # -- opening ---------------------------------------------------------------------------
    def open(self, path: str, url_path: str | None = None) -> None:
        """Open ``path`` (relative to the served root); its kernel ready.

        If this page already shows this server's JupyterLab with no document and no dialog
        open (the ``lab`` fixture reuses one page per worker and closes every document after a
        test), the notebook opens as a double click in the file browser opens it
        (``docmanager:open``): loading JupyterLab again costs ~5 s of CPU. Otherwise the page
        loads ``url_path`` (default ``lab/tree/<path>``, e.g. a Binder ``urlpath``) on a fresh
        workspace, with one retry at most (a cold server can drop the first load).
        """
        if url_path is None and self._lab_is_ready():
            self.page.evaluate(
                "async path => { await window.jupyterapp.commands.execute("
                "'docmanager:open', {path, factory: 'Notebook'}); return true; }", path)
            self._wait_opened(path)
            return
        target = url_path or f"lab/tree/{path}"
        url = self.server.url(target + ("&" if "?" in target else "?") + "reset")
        try:
            self._load(url, path)
        except Exception:
            self._load(url, path)

    def _lab_is_ready(self) -> bool:
        if not self.page.url.startswith(self.server.base_url + "/lab"):
            return False
        return bool(self.page.evaluate(
            "() => !!(window.jupyterapp && window.jupyterapp.started !== undefined)"
            " && !document.querySelector('.jp-Dialog, .jp-NotebookPanel')"))

    def close_documents(self) -> None:
        """Close every document without saving (a test's changes never reach the copy) and
        wait until none is left in the page."""
        self.page.evaluate(
            """() => {
                 const app = window.jupyterapp;
                 if (!app) return;
                 for (const w of Array.from(app.shell.widgets('main'))) {
                   if (w.context && w.context.model) w.context.model.dirty = false;
                   w.dispose();
                 }
               }""")
        self.page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')")

    def _load(self, url: str, path: str) -> None:
        self.page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        self._wait_opened(path)

    def _wait_opened(self, path: str) -> None:
        self.page.locator(".jp-NotebookPanel").first.wait_for(state="visible")
        expected = _count_cells(self.server.root / path)
        if expected:
            self.page.wait_for_function(
                "n => document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length >= n",
                arg=expected,
            )
        self.wait_kernel_idle()

    def wait_kernel_idle(self, timeout_ms: int = TIMEOUT_MS) -> None:
        """The status bar says ``| Idle`` (the execution indicator lies during start-up)."""
        self.page.locator(
            ".jp-StatusBar-TextItem", has_text=re.compile(r"\|\s*Idle")
        ).first.wait_for(state="visible", timeout=timeout_ms)

    # -- actions ---------------------------------------------------------------------------
    def menu(self, top: str, item: str) -> None:
        self.page.locator(
            ".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(top)}$")
        ).click()
        self.page.locator(
            ".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")
        ).click()

    def run_all(self) -> None:
        """Clear every output, Run All, and wait until every code cell has run and all is idle.

        If Run All has visibly not started within 30 s (no cell queued or numbered: a Run All
        that reached the kernel too early), it is issued once more.
        """
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))"
            ".every(p => !/\\[\\d+\\]/.test(p.textContent))"
        )
        self.wait_kernel_idle()
        for attempt in (1, 2):
            self.menu("Run", "Run All Cells")
            try:
                self.page.wait_for_function(_JS_STARTED, timeout=30_000, polling=200)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise AssertionError(f"Run All did not start twice: {self.state()}") from None
        try:
            self.page.wait_for_function(_JS_ALL_RUN, timeout=RUN_ALL_TIMEOUT_MS, polling=250)
        except PlaywrightTimeoutError:
            shot = self.screenshot(f"TIMEOUT-{int(time.time())}")
            raise AssertionError(
                f"Run All did not finish within {RUN_ALL_TIMEOUT_MS // 1000} s: {self.state()} "
                f"(screenshot {shot}; server log tail:\n{self.server.log_tail(15)})"
            ) from None
        # Widget views render asynchronously after the kernel is idle.
        self.page.wait_for_function(
            "() => !/Loading widget\\.\\.\\./.test(document.body.innerText)", timeout=TIMEOUT_MS
        )

    def state(self) -> str:
        """Kernel status, prompts and dialogs, for failure messages."""
        return str(
            self.page.evaluate(
                """() => ({
                  status: Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
                    .map(e => e.textContent).filter(t => /\\|/.test(t)).join(' '),
                  prompts: Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
                    .map(p => p.textContent.replace(':', '')).join(''),
                  dialogs: Array.from(document.querySelectorAll('.jp-Dialog'))
                    .map(d => d.innerText.slice(0, 200)),
                })"""
            )
        )

    # -- what the learner sees ---------------------------------------------------------------
    def notebook_text(self) -> str:
        return self.page.locator(".jp-NotebookPanel").first.inner_text()

    def widget_failures(self) -> list[str]:
        return sorted(set(WIDGET_FAILURES.findall(self.notebook_text())))

    def error_outputs(self) -> list[str]:
        return self.page.evaluate(_JS_ERROR_OUTPUTS)

    def figures(self) -> list[dict]:
        return self.page.evaluate(_JS_FIGURES)

    def model_summary(self) -> dict | None:
        return self.page.evaluate(_JS_NOTEBOOK_MODEL)

    def rendered_widget_outputs(self) -> int:
        """Outputs rendered by the widget manager (a live ipywidgets view inside)."""
        return self.page.evaluate(
            """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
               .filter(el => !el.parentElement.closest('.jupyter-widgets'))
               .filter(el => Array.from(el.children)
                 .some(c => c.classList.contains('jupyter-widgets')))
               .length"""
        )

    @staticmethod
    def artifact_path(name: str) -> Path:
        """Where a screenshot called ``name`` goes (folder kept out of git)."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        return ARTIFACTS / f"{name}.png"

    def keep_screenshot(self, name: str, element=None) -> Path:
        """Where ``screenshot(name, element)`` goes; taken when the test fails (``lab`` fixture).

        A whole-lesson screenshot costs seconds of CPU (a 16000 px tall page, PNG-encoded) and
        nobody reads it when the test passes; ``PHARMACOURSE_SCREENSHOTS=all`` takes it now.
        """
        if SCREENSHOTS_ALWAYS:
            return self.screenshot(name, element)
        self.pending_screenshots.append((name, element))
        return self.artifact_path(name)

    def take_pending_screenshots(self) -> None:
        """The screenshots ``keep_screenshot`` promised (the page as it is now, at the failure)."""
        for name, element in self.pending_screenshots:
            try:
                self.screenshot(name, element)
            except Exception as error:  # noqa: BLE001 - a closed page must not hide the failure
                print(f"screenshot {name} not taken: {error}")
        self.pending_screenshots.clear()

    def screenshot(self, name: str, element=None) -> Path:
        """Screenshot of the whole notebook, or of ``element`` (a locator), to the artifacts.

        The viewport first grows to the notebook's full height (capped), so nothing is cut
        off by JupyterLab's own scrolling; it is restored afterwards.
        """
        target = self.artifact_path(name)
        # How much taller than the visible notebook area the content is (last cell's bottom).
        extra = self.page.evaluate(
            """() => {
                 const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
                 const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Cell');
                 if (!outer || !cells.length) return 0;
                 const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
                 const top = outer.getBoundingClientRect().top;
                 return Math.max(0, bottom - top + outer.scrollTop - outer.clientHeight + 40);
               }"""
        )
        viewport = self.page.viewport_size or {"width": 1280, "height": 900}
        tall = {"width": viewport["width"], "height": int(min(viewport["height"] + extra, 16000))}
        self.page.set_viewport_size(tall)
        try:
            self.page.evaluate(
                "() => { const o = document.querySelector("
                "'.jp-NotebookPanel .jp-WindowedPanel-outer'); if (o) o.scrollTop = 0; }"
            )
            if element is None:
                self.page.screenshot(path=str(target), full_page=False)
                # Taller than the cap: further parts (name-2.png, ...), scrolling the notebook.
                for part in range(2, 10):
                    scrolled = self.page.evaluate(
                        """() => {
                             const o = document.querySelector(
                               '.jp-NotebookPanel .jp-WindowedPanel-outer');
                             if (!o) return false;
                             const before = o.scrollTop;
                             o.scrollTop = before + o.clientHeight - 60;
                             return o.scrollTop > before;
                           }"""
                    )
                    if not scrolled:
                        break
                    self.page.screenshot(path=str(target.with_name(f"{name}-{part}.png")))
            else:
                element.screenshot(path=str(target))
        finally:
            self.page.set_viewport_size(viewport)
        return target


def _count_cells(notebook: Path) -> int:
    try:
        return len(json.loads(notebook.read_text(encoding="utf-8")).get("cells", []))
    except (OSError, ValueError):
        return 0


def artifact_name(path: str, suffix: str) -> str:
    return f"{Path(path).stem}-{suffix}"
