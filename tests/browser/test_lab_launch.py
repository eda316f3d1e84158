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
        root, minimal=True, extra_args=[f"--ServerApp.default_url=/lab/tree/{start}"]
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
