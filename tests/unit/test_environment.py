"""pyproject.toml ranges, the two lock files and environment.yml must agree (issue: pinning)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def parse_lock(text: str, origin: str) -> dict[str, str]:
    """Map canonical package name -> exact version from ``name==version`` lines."""
    pins: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if not match:
            raise AssertionError(f"{origin}:{number}: not an exact pin: {line!r}")
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def environment_pins(env: dict) -> tuple[list[str], dict[str, str]]:
    conda, pip_section = [], []
    for dep in env.get("dependencies", []):
        if isinstance(dep, dict) and "pip" in dep:
            pip_section = dep["pip"]
        else:
            conda.append(str(dep))
    return conda, parse_lock("\n".join(pip_section), "environment.yml pip section")


def disagreements(pyproject: dict, runtime: dict[str, str], test: dict[str, str],
                  env: dict) -> list[str]:
    """Every inconsistency between the four files, each naming the package."""
    problems: list[str] = []
    project = pyproject["project"]
    for origin, reqs, lock in (
        ("runtime", project["dependencies"], runtime),
        ("test", project["dependencies"] + project["optional-dependencies"]["test"], test),
    ):
        for spec in reqs:
            req = Requirement(spec)
            name = canonicalize_name(req.name)
            if name not in lock:
                problems.append(f"{req.name}: in pyproject.toml but missing from the {origin} lock")
            elif not req.specifier.contains(lock[name], prereleases=True):
                problems.append(
                    f"{req.name}: {origin} lock pins {lock[name]}, outside pyproject's range "
                    f"'{req.specifier}'"
                )
    for name, version in runtime.items():
        if name in test and test[name] != version:
            problems.append(f"{name}: runtime lock pins {version} but test lock pins {test[name]}")
        if name not in test:
            problems.append(f"{name}: in the runtime lock but missing from the test lock")
    conda, env_pins = environment_pins(env)
    if "python=3.11" not in conda:
        problems.append("python: environment.yml must ask for python=3.11")
    if "conda-forge" not in env.get("channels", []):
        problems.append("channels: environment.yml must use conda-forge")
    for name, version in runtime.items():
        if env_pins.get(name) != version:
            problems.append(
                f"{name}: environment.yml pins {env_pins.get(name)} but runtime lock pins {version}"
            )
    for name in env_pins.keys() - runtime.keys():
        problems.append(f"{name}: in environment.yml but not in the runtime lock")
    return problems


def load_all(root: Path = ROOT):
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = parse_lock((root / "requirements/runtime.lock").read_text(), "runtime.lock")
    test = parse_lock((root / "requirements/test.lock").read_text(), "test.lock")
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    return pyproject, runtime, test, env


def test_pyproject_locks_and_environment_agree():
    problems = disagreements(*load_all())
    assert not problems, "dependency files disagree:\n" + "\n".join(problems)


@pytest.mark.parametrize("target", ["runtime", "test", "env", "pyproject"])
def test_changing_one_pin_in_one_file_is_caught(target):
    pyproject, runtime, test, env = load_all()
    name = "pandas"
    if target == "runtime":
        runtime = {**runtime, name: "0.0.1"}
    elif target == "test":
        test = {**test, name: "0.0.1"}
    elif target == "env":
        pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
        pip_section[:] = [p if not p.startswith("pandas==") else "pandas==0.0.1"
                          for p in pip_section]
    else:
        deps = pyproject["project"]["dependencies"]
        deps[:] = [d if not d.startswith("pandas") else "pandas>=99" for d in deps]
    problems = disagreements(pyproject, runtime, test, env)
    assert problems and all(name in p for p in problems), problems


def test_installed_versions_match_the_test_lock():
    """The venv the suite runs in is the locked one (make test installs the lock)."""
    from importlib.metadata import PackageNotFoundError, version

    _, _, test, _ = load_all()
    wrong = []
    for name, pinned in test.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            wrong.append(f"{name}: not installed (lock pins {pinned})")
            continue
        if installed != pinned:
            wrong.append(f"{name}: installed {installed}, lock pins {pinned}")
    assert not wrong, "\n".join(wrong)


def test_environment_yml_is_generated_from_the_runtime_lock():
    from scripts import sync_environment_yml
    expected = sync_environment_yml.render(ROOT / "requirements" / "runtime.lock")
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == expected


def test_postbuild_is_executable_strict_and_its_commands_work(tmp_path):
    post = ROOT / "postBuild"
    assert post.stat().st_mode & stat.S_IXUSR, "postBuild must be executable"
    text = post.read_text()
    assert text.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in text
    assert "pip install --no-deps -e ." in text
    # Run it in the local venv (`pip` and `python` resolve to this interpreter), from the
    # repository root as Binder does. The tests run offline, so build without isolation, using the
    # locked setuptools; reinstalling the editable package in place is idempotent.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    # Wrappers, not symlinks: a symlinked venv python outside .venv/bin would not find its
    # pyvenv.cfg and would run as the base interpreter.
    for name, command in (("python", ""), ("pip", " -m pip")):
        (bindir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}"{command} "$@"\n')
        (bindir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}",
           "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"}
    result = subprocess.run(["bash", str(post)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    settings = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json"
    assert settings.read_text() == (ROOT / "config/jupyterlab-overrides.json").read_text()
    import pharmacourse

    assert Path(pharmacourse.__file__).resolve().is_relative_to(ROOT / "src")
