"""Binder, as close as this machine allows (no conda, no network; the pins are the same).

Like repo2docker: a fresh environment from environment.yml's pip section ALONE (no test tools, no
.venv), then ``postBuild`` from the repository root, then JupyterLab at the README badge's
``urlpath``; in the browser the start page opens and its quiz widgets render after Run All.

The tests run offline, so the packages come from uv's cache (``uv pip install --offline``), which
``make test``'s install step fills (scripts/install_lock.sh); uv hardlinks from it, so this takes
seconds. Binder's image also has a build backend for postBuild's ``pip install -e .``: the test
adds the test lock's setuptools and wheel, nothing else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from labkit import REPO, LabPage, copy_repo, start_jupyterlab
from test_start_page import binder_path

from scripts.locks import parse_lock, pins_for

# One worker builds the Binder-like environment (a module fixture) and runs both tests on it.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("binder")]

BUILD_TOOLS = ("setuptools", "wheel")


def uv_cache() -> Path:
    """Where make test's install step left uv's cache (the Makefile's UV_CACHE_DIR)."""
    return Path(os.environ.get("UV_CACHE_DIR") or REPO / ".venv" / "uv-cache")


def run(command: list, what: str, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                            timeout=600, **kwargs)
    assert result.returncode == 0, f"{what} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(repository copy, python of a fresh env built the way Binder builds it)."""
    base = tmp_path_factory.mktemp("binder")
    repo = copy_repo(base / "repo")
    environment = yaml.safe_load((repo / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    requirements = base / "binder-requirements.txt"
    requirements.write_text("\n".join(pip_section) + "\n", encoding="utf-8")
    problems: list[str] = []
    test_lock = parse_lock((repo / "requirements/test.lock").read_text(), "test.lock")
    tools = pins_for(test_lock, None, "test.lock", problems)
    build_tools = [f"{name}=={tools[name]}" for name in BUILD_TOOLS]

    venv = base / "env"
    run([sys.executable, "-m", "venv", venv], "python -m venv (with its bundled pip)")
    python = venv / "bin" / "python"
    uv = Path(sys.executable).parent / "uv"
    assert uv.exists(), f"no uv next to {sys.executable}: run `make test` (it installs uv)"
    result = subprocess.run(
        [str(uv), "pip", "install", "--offline", "--quiet", "--python", str(python),
         "-r", str(requirements), *build_tools],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "UV_CACHE_DIR": str(uv_cache())},
    )
    assert result.returncode == 0, (
        f"installing environment.yml's pip section offline from uv's cache {uv_cache()} failed "
        f"(run `make test`: its install step fills that cache):\n{result.stderr}"
    )
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "VIRTUAL_ENV": str(venv), "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"}
    run(["bash", repo / "postBuild"], "postBuild", cwd=repo, env=env)
    return repo, python


def test_binder_env_has_the_pip_section_only_and_postbuild_installed_the_course(binder_env):
    repo, python = binder_env
    check = ("import importlib.util as u, pharmacourse, sys; "
             "print(pharmacourse.__file__); print(u.find_spec('pytest') is None)")
    lines = run([python, "-c", check], "importing the course in the Binder env",
                cwd="/").stdout.split()
    assert Path(lines[0]).resolve().is_relative_to(repo / "src"), lines
    assert lines[1] == "True", "the Binder env must not contain the test tools (pytest)"
    settings = python.parent.parent / "share/jupyter/lab/settings/overrides.json"
    assert settings.read_text() == (repo / "config/jupyterlab-overrides.json").read_text()


def test_binder_url_opens_the_start_page_and_a_widget_renders(binder_env, page, tmp_path):
    repo, python = binder_env
    urlpath = binder_path(repo / "README.md")
    server = start_jupyterlab(repo, tmp_path / "server", python=str(python))
    lab = LabPage(page, server)
    try:
        notebook = urlpath.removeprefix("lab/tree/")
        lab.open(notebook, url_path=urlpath)
        title = page.locator(".jp-NotebookPanel h1").first
        title.wait_for(state="visible")
        assert title.inner_text().strip(), "the start page shows no title"
        active_tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current").first
        assert Path(notebook).name in active_tab.inner_text(), "the start page is not in front"
        lab.run_all()
        assert lab.rendered_widget_outputs() >= 1, lab.state()
        assert lab.widget_failures() == [] and lab.error_outputs() == [], lab.state()
    except BaseException:
        lab.screenshot("binder-start-page")  # only for a failure: it costs seconds of CPU
        raise
    finally:
        page.close()
        server.stop()
