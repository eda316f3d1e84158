"""The doctor: every check passes in the built venv, and each check, broken on purpose, fails
with one line that names the problem and the fix."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest

from pharmacourse import doctor


def _one(name: str) -> tuple[bool, str]:
    (result,) = doctor.run({name: doctor.CHECKS[name]})
    return result[1], result[2]


def test_all_checks_pass_in_the_built_venv(capsys: pytest.CaptureFixture) -> None:
    assert doctor.main() == 0
    out = capsys.readouterr().out
    assert "PROBLEM" not in out and out.count("\nok") + out.startswith("ok") == 6


def test_an_unsupported_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(doctor.CHECKS, "python", lambda: doctor.check_python((3, 10, 4)))
    passed, message = _one("python")
    assert not passed and "Python 3.10.4 is not supported" in message and "3.11-3.14" in message
    assert doctor.check_python((3, 14, 0)) == "Python 3.14.0"


def test_packages_missing_or_at_other_versions(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    lock = tmp_path / "runtime.lock"
    lock.write_text("# comment\nnumpy==0.0.1\nnot-a-real-package-xyz==1.0\n"
                    'tomli==9.9 ; python_version < "3.0"\n'  # a marker that does not apply
                    f'pyyaml=={importlib.metadata.version("pyyaml")} ; '
                    'python_version >= "3.11" \\\n'
                    "    --hash=sha256:0000\n",  # pip-compile style continuation lines
                    encoding="utf-8")
    assert set(doctor.locked_packages(lock)) == {"numpy", "not-a-real-package-xyz", "pyyaml"}
    monkeypatch.setitem(doctor.CHECKS, "packages", lambda: doctor.check_packages(lock))
    passed, message = _one("packages")
    assert not passed and message.startswith("2 package(s) differ from runtime.lock")
    assert "numpy is " in message and "the lock says 0.0.1" in message
    assert "not-a-real-package-xyz is not installed" in message and "make lab" in message
    assert "tomli" not in message


def test_a_missing_or_disabled_widgets_extension(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(doctor.CHECKS, "widgets", lambda: doctor.check_widgets([str(tmp_path)],
                                                                               []))
    passed, message = _one("widgets")
    assert not passed and "widgets extension" in message and "not installed" in message
    ext = tmp_path / "data" / doctor.WIDGETS_EXTENSION
    ext.mkdir(parents=True)
    (ext / "package.json").write_text("{}", encoding="utf-8")
    (tmp_path / "cfg" / "labconfig").mkdir(parents=True)
    (tmp_path / "cfg" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {doctor.WIDGETS_EXTENSION: True}}), encoding="utf-8")
    monkeypatch.setitem(doctor.CHECKS, "widgets", lambda: doctor.check_widgets(
        [str(tmp_path / "data")], [str(tmp_path / "cfg")]))
    passed, message = _one("widgets")
    assert not passed and "disabled" in message and "jupyter labextension enable" in message


def test_a_kernel_that_does_not_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(doctor.CHECKS, "kernel", lambda: doctor.check_kernel("no-such-kernel"))
    passed, message = _one("kernel")
    assert not passed and "'no-such-kernel' kernel does not start" in message
    assert "make lab" in message


def test_an_unwritable_progress_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")  # a file where the folder should be
    monkeypatch.setitem(doctor.CHECKS, "progress", lambda: doctor.check_progress(blocker / "p"))
    passed, message = _one("progress")
    assert not passed and "is not writable" in message and "PHARMACOURSE_PROGRESS_DIR" in message


def test_course_data_that_does_not_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from pharmacourse import data

    def broken(name: str) -> None:
        raise FileNotFoundError(f"data/{name}.csv")

    monkeypatch.setattr(data, "load", broken)
    passed, message = _one("data")
    assert not passed and "course data does not load" in message
    assert "git checkout -- data" in message


def test_the_exit_code_is_non_zero_with_a_problem(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr(doctor, "CHECKS", {"python": lambda: doctor.check_python((2, 7, 18)),
                                           "data": doctor.check_data})
    assert doctor.main() == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("PROBLEM python") and lines[1].startswith("ok      data")
    assert "1 problem(s)" in lines[-1]
