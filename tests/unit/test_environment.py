"""pyproject.toml ranges, the two lock files and environment.yml must agree (issue: pinning)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from scripts.locks import parse_lock, pins_for

ROOT = Path(__file__).resolve().parents[2]


PLATFORMS = {  # marker values of the platforms learners use
    "linux": {"sys_platform": "linux", "os_name": "posix", "platform_system": "Linux"},
    "windows": {"sys_platform": "win32", "os_name": "nt", "platform_system": "Windows"},
    "macos": {"sys_platform": "darwin", "os_name": "posix", "platform_system": "Darwin"},
}
BINDER_PYTHON = "3.11"  # environment.yml's python: the version tested here


def supported_pythons(pyproject: dict) -> list[str]:
    """The minor versions pyproject's requires-python admits, e.g. ['3.11', ..., '3.14']."""
    spec = SpecifierSet(pyproject["project"]["requires-python"])
    return [f"3.{minor}" for minor in range(6, 30) if spec.contains(f"3.{minor}.0")]


def environments(pythons: list[str]) -> list[tuple[str, dict[str, str]]]:
    """(label, marker environment) for each Python (first and a late patch) on each platform."""
    envs = []
    for minor in pythons:
        for patch in ("0", "99"):
            for platform, values in PLATFORMS.items():
                env = {**default_environment(), **values, "python_version": minor,
                       "python_full_version": f"{minor}.{patch}",
                       "implementation_name": "cpython",
                       "platform_python_implementation": "CPython"}
                envs.append((f"Python {minor}.{patch} on {platform}", env))
    return envs


def environment_pins(env_yml: dict) -> tuple[list[str], list]:
    conda, pip_section = [], []
    for dep in env_yml.get("dependencies", []):
        if isinstance(dep, dict) and "pip" in dep:
            pip_section = dep["pip"]
        else:
            conda.append(str(dep))
    return conda, parse_lock("\n".join(pip_section), "environment.yml pip section")


def disagreements(pyproject: dict, runtime: list, test: list, env_yml: dict) -> list[str]:
    """Every inconsistency between the four files, each naming the package and the Python."""
    problems: list[str] = []
    project = pyproject["project"]
    conda, env_entries = environment_pins(env_yml)
    for label, env in environments(supported_pythons(pyproject)):
        found: list[str] = []
        rt = pins_for(runtime, env, "the runtime lock", found)
        ts = pins_for(test, env, "the test lock", found)
        for origin, reqs, lock in (
            ("runtime", project["dependencies"], rt),
            ("test", project["dependencies"] + project["optional-dependencies"]["test"], ts),
        ):
            for spec in reqs:
                req = Requirement(spec)
                name = canonicalize_name(req.name)
                if req.marker is not None and not req.marker.evaluate(env):
                    continue
                if name not in lock:
                    found.append(
                        f"{req.name}: in pyproject.toml but missing from the {origin} lock")
                elif not req.specifier.contains(lock[name], prereleases=True):
                    found.append(f"{req.name}: {origin} lock pins {lock[name]}, outside "
                                 f"pyproject's range '{req.specifier}'")
        for name, version in rt.items():
            if name not in ts:
                found.append(f"{name}: in the runtime lock but missing from the test lock")
            elif ts[name] != version:
                found.append(f"{name}: runtime lock pins {version} but test lock pins {ts[name]}")
        if env["python_version"] == BINDER_PYTHON:
            yml = pins_for(env_entries, env, "environment.yml", found)
            for name in rt.keys() | yml.keys():
                if yml.get(name) != rt.get(name):
                    found.append(f"{name}: environment.yml pins {yml.get(name)} but the runtime "
                                 f"lock pins {rt.get(name)}")
        problems += [f"{p} ({label})" for p in found]
    if f"python={BINDER_PYTHON}" not in conda:
        problems.append(f"python: environment.yml must ask for python={BINDER_PYTHON}")
    if "conda-forge" not in env_yml.get("channels", []):
        problems.append("channels: environment.yml must use conda-forge")
    return list(dict.fromkeys(problems))


def load_all(root: Path = ROOT):
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = parse_lock((root / "requirements/runtime.lock").read_text(), "runtime.lock")
    test = parse_lock((root / "requirements/test.lock").read_text(), "test.lock")
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    return pyproject, runtime, test, env


def test_pyproject_locks_and_environment_agree():
    problems = disagreements(*load_all())
    assert not problems, "dependency files disagree:\n" + "\n".join(problems[:40])


def test_supported_pythons_are_311_to_314_in_metadata_and_classifiers():
    pyproject, *_ = load_all()
    pythons = supported_pythons(pyproject)
    assert pythons == ["3.11", "3.12", "3.13", "3.14"]
    classifiers = {c.rsplit(" :: ", 1)[-1] for c in pyproject["project"]["classifiers"]
                   if c.startswith("Programming Language :: Python :: 3.")}
    assert classifiers == set(pythons)


def _swap(entries, name: str, version: str, python: str):
    """Pin ``name`` to ``version`` on one Python, keeping the old pin on the others."""
    out = []
    for n, v, m in entries:
        if n == name:
            assert m is None, f"{name} has a marker already"
            out += [(n, v, Marker(f"python_version != '{python}'")),
                    (n, version, Marker(f"python_version == '{python}'"))]
        else:
            out.append((n, v, m))
    return out


@pytest.mark.parametrize("target", ["runtime", "test", "env", "pyproject"])
def test_changing_one_pin_in_one_file_is_caught(target):
    pyproject, runtime, test, env = load_all()
    name = "pandas"
    if target == "runtime":
        runtime = [(n, "0.0.1" if n == name else v, m) for n, v, m in runtime]
    elif target == "test":
        test = [(n, "0.0.1" if n == name else v, m) for n, v, m in test]
    elif target == "env":
        pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
        pip_section[:] = [p if not p.startswith("pandas==") else "pandas==0.0.1"
                          for p in pip_section]
    else:
        deps = pyproject["project"]["dependencies"]
        deps[:] = [d if not d.startswith("pandas") else "pandas>=99" for d in deps]
    problems = disagreements(pyproject, runtime, test, env)
    assert problems and all(name in p for p in problems), problems


@pytest.mark.parametrize("python", ["3.12", "3.14"])
def test_a_pin_that_differs_on_one_python_names_package_and_version(python):
    pyproject, runtime, test, env = load_all()
    problems = disagreements(pyproject, runtime, _swap(test, "scipy", "1.0.0", python), env)
    assert problems and all("scipy" in p and f"Python {python}." in p for p in problems), problems
    dropped = [(n, v, Marker(f"python_version != '{python}'") if n == "numpy" else m)
               for n, v, m in runtime]
    problems = disagreements(pyproject, dropped, test, env)
    assert any("numpy: in pyproject.toml but missing from the runtime lock "
               f"(Python {python}.0 on linux)" == p for p in problems), problems


def test_installed_versions_match_the_test_lock():
    """The venv the suite runs in is the locked one (make test installs the lock)."""
    from importlib.metadata import PackageNotFoundError, version

    _, _, test, _ = load_all()
    wrong = []
    for name, pinned in pins_for(test, None, "the test lock", wrong).items():
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


def test_readme_names_the_tested_python_and_the_untested_ones():
    """README: tested = environment.yml's Python; the others 'resolved but untested'."""
    pyproject, *_ = load_all()
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"**tested on Python {BINDER_PYTHON}**" in readme
    untested = [v for v in supported_pythons(pyproject) if v != BINDER_PYTHON]
    listed = ", ".join(untested[:-1]) + " and " + untested[-1]
    assert f"Python **{listed} are resolved but untested**" in readme, listed
