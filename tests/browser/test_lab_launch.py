"""JupyterLab starts headless the way ``make lab`` starts it, and serves the widgets extension.

No browser needed: plain HTTP against a server started from the course's venv, serving a
temporary copy of the repository, stopped by its process id.
"""

from __future__ import annotations

import html
import json
import re
import socket

from labkit import copy_repo, source_repo

START = "notebooks/00-start-here.ipynb"
WIDGETS = "@jupyter-widgets/jupyterlab-manager"


def _start_notebook() -> str:
    makefile = source_repo() / "Makefile"
    if makefile.is_file():
        found = re.search(r"^START\s*:?=\s*(\S+)", makefile.read_text(), re.M)
        if found:
            return found.group(1)
    return START


def _page_config(page: str) -> dict:
    found = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found, "the JupyterLab page carries no jupyter-config-data"
    return json.loads(html.unescape(found.group(1)))


def test_lab_serves_start_page_and_widgets_extension(tmp_path, start_lab) -> None:
    start = _start_notebook()
    root = copy_repo(tmp_path / "repo")
    server = start_lab(
        root, minimal=True, extra_args=[f"--LabApp.default_url=/lab/tree/{start}"]
    )

    # The start notebook exists in what the server serves, and / leads to it (as `make lab`).
    status, _body, _ = server.get(f"api/contents/{start}?content=0")
    assert status == 200, f"{start} is not served (HTTP {status})"
    request = f"?token={server.token}"
    status, body, ctype = server.get(f"lab/tree/{start}{request}")
    assert status == 200 and "text/html" in ctype, f"/lab/tree/{start}: HTTP {status} {ctype}"
    config = _page_config(body.decode("utf-8"))

    # The widgets extension is installed, enabled, and its JavaScript entry point is served.
    federated = {ext["name"]: ext for ext in config.get("federated_extensions", [])}
    assert WIDGETS in federated, f"{WIDGETS} is not installed; found {sorted(federated)}"
    disabled = config.get("disabledExtensions", [])
    disabled = disabled if isinstance(disabled, list) else [k for k, v in disabled.items() if v]
    assert not any(d == WIDGETS or d.startswith(WIDGETS + ":") for d in disabled), (
        f"{WIDGETS} is disabled: {disabled}"
    )
    entry = federated[WIDGETS]["load"]
    status, script, ctype = server.get(f"lab/extensions/{WIDGETS}/{entry}")
    assert status == 200 and "javascript" in ctype and len(script) > 1000, (
        f"{WIDGETS}/{entry}: HTTP {status}, {ctype}, {len(script)} bytes"
    )

    # Stopped by its pid: the process is gone and the port is free again.
    pid, port = server.pid, server.port
    server.stop()
    assert server.process.returncode is not None, f"JupyterLab (pid {pid}) still runs"
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"


def test_make_lab_recipe_serves_the_start_page(tmp_path) -> None:
    """`make lab` itself (its recipe and flags, e.g. --allow-root as root), not a copy of it.

    The install step is skipped (`-o` marks the runtime stamp as up to date) and the interpreter
    is this test run's, so the test needs no network; the server is started in its own process
    group and stopped through make's process id.
    """
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from labkit import free_port

    make = shutil.which("make")
    assert make, "make is required to run `make lab`"
    repo = source_repo()
    port, token = free_port(), "make-lab-test-token"
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
                f"--ServerApp.port_retries=0 --IdentityProvider.token={token} "
                "--LanguageServerManager.autodetect=False")
    log_path = tmp_path / "make-lab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [make, "--no-print-directory", "-o", ".venv/.installed-runtime", "lab",
             f"VPY={sys.executable}", f"LAB_ARGS={lab_args}"],
            cwd=repo, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}",
                                            timeout=5) as answer:
                    status = answer.status
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)  # polling interval of a state wait
        log_text = log_path.read_text(errors="replace")
        assert status == 200, f"`make lab` did not start JupyterLab:\n{log_text[-3000:]}"
        # The root URL lands on the start page, as the README promises.
        opener = urllib.request.build_opener(urllib.request.HTTPRedirectHandler())
        with opener.open(f"http://127.0.0.1:{port}/?token={token}", timeout=30) as answer:
            assert answer.geturl().split("?")[0].endswith(f"/lab/tree/{_start_notebook()}")
        assert f"token={token}" in log_text, "`make lab` must print the URL with its token"
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=15)
                break
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue
    assert process.poll() is not None, f"`make lab` (pid {process.pid}) still runs"
