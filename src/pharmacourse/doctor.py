"""Check a learner's or a lab machine's setup before class: ``python -m pharmacourse.doctor``
(or ``make doctor``).

Checks the Python version, the locked packages (``requirements/runtime.lock``, environment
markers honoured), the JupyterLab widgets extension, that a kernel starts and imports the
course, that the progress folder is writable and that the course data loads. Prints one line
per check (``ok`` or ``PROBLEM`` with the fix) and exits 0 only if every check passed.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "runtime.lock"
SUPPORTED = ((3, 11), (3, 14))  # oldest and newest minor version the course supports
WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
KERNEL_TIMEOUT_S = 60.0
MAX_PACKAGE_LINES = 8
SETUP = "make lab (or the README's route for your system)"


class Problem(Exception):
    """A failed check: the message says what is wrong and how to fix it."""


def check_python(version: tuple[int, ...] = sys.version_info[:3]) -> str:
    low, high = SUPPORTED
    shown = ".".join(map(str, version))
    if not low <= tuple(version[:2]) <= high:
        raise Problem(f"Python {shown} is not supported (the course needs "
                      f"{low[0]}.{low[1]}-{high[0]}.{high[1]}): install a supported Python, "
                      f"delete .venv and run {SETUP} again")
    return f"Python {shown}"


def locked_packages(lock: Path = LOCK) -> dict[str, str]:
    """``{name: version}`` of the lock's lines that apply here (environment markers evaluated)."""
    from packaging.markers import Marker
    from packaging.requirements import Requirement

    pins = {}
    for number, line in enumerate(lock.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split(" #", 1)[0].strip().rstrip("\\").strip()  # pip-compile style
        if not line or line.startswith(("#", "-")):
            continue
        try:
            req = Requirement(line)
        except Exception as exc:
            raise Problem(f"{lock.name} line {number} cannot be read ({exc}): restore it with "
                          "git checkout -- requirements") from None
        if req.marker is not None and not Marker(str(req.marker)).evaluate():
            continue
        spec = next((s for s in req.specifier if s.operator == "=="), None)
        if spec is not None:
            pins[req.name] = spec.version
    return pins


def check_packages(lock: Path = LOCK,
                   version_of: Callable[[str], str] = importlib.metadata.version) -> str:
    if not lock.is_file():
        raise Problem(f"{lock} is missing: run the doctor from a complete copy of the course")
    pins = locked_packages(lock)
    wrong = []
    for name, want in sorted(pins.items()):
        try:
            have = version_of(name)
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{name} is not installed (lock: {want})")
            continue
        if have != want:
            wrong.append(f"{name} is {have}, the lock says {want}")
    if wrong:
        more = len(wrong) - MAX_PACKAGE_LINES
        listed = "; ".join(wrong[:MAX_PACKAGE_LINES]) + (f"; and {more} more" if more > 0 else "")
        raise Problem(f"{len(wrong)} package(s) differ from {lock.name}: {listed}. Fix: run "
                      f"{SETUP} (it installs exactly the lock: pip install -r "
                      "requirements/runtime.lock)")
    return f"{len(pins)} locked packages at the lock's versions"


def check_widgets(data_paths: list[str] | None = None,
                  config_paths: list[str] | None = None) -> str:
    from jupyter_core.paths import jupyter_config_path, jupyter_path

    found = [Path(p) / WIDGETS_EXTENSION / "package.json"
             for p in (data_paths if data_paths is not None else jupyter_path("labextensions"))]
    if not any(f.is_file() for f in found):
        raise Problem(f"the JupyterLab widgets extension ({WIDGETS_EXTENSION}) is not "
                      "installed, so quizzes and explorers will not show: run "
                      f"{SETUP} (it installs jupyterlab_widgets from the lock)")
    for folder in (config_paths if config_paths is not None else jupyter_config_path()):
        page = Path(folder) / "labconfig" / "page_config.json"
        try:
            disabled = json.loads(page.read_text(encoding="utf-8")).get("disabledExtensions")
        except (OSError, ValueError, AttributeError):
            continue
        off = (disabled.get(WIDGETS_EXTENSION) if isinstance(disabled, dict)
               else isinstance(disabled, list) and WIDGETS_EXTENSION in disabled)
        if off:
            raise Problem(f"the widgets extension is disabled in {page}: run "
                          f"jupyter labextension enable {WIDGETS_EXTENSION}")
    return "JupyterLab widgets extension installed and enabled"


def check_kernel(kernel_name: str = "python3", timeout_s: float = KERNEL_TIMEOUT_S) -> str:
    from jupyter_client.manager import start_new_kernel

    try:
        km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=timeout_s)
    except Exception as exc:
        raise Problem(f"a '{kernel_name}' kernel does not start ({type(exc).__name__}: "
                      f"{str(exc)[:120]}): run {SETUP}, which installs the kernel into .venv"
                      ) from None
    try:
        reply = kc.execute_interactive("import pharmacourse", timeout=timeout_s,
                                       output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            raise Problem(f"the '{kernel_name}' kernel starts but cannot import pharmacourse "
                          f"(it runs another Python?): run {SETUP} and open the course with "
                          "make lab")
    except TimeoutError:
        raise Problem(f"the '{kernel_name}' kernel did not answer within {timeout_s:g} s: "
                      "close other notebooks or restart the machine, then try again") from None
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return f"a '{kernel_name}' kernel starts and imports pharmacourse"


def check_progress(folder: Path | None = None) -> str:
    from pharmacourse.quiz.store import ENV_VAR, progress_dir

    folder = folder or progress_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        raise Problem(f"the quiz progress folder {folder} is not writable "
                      f"({exc.strerror or exc}): set {ENV_VAR} to a folder you can write, "
                      "or fix its permissions") from None
    return f"progress folder {folder} is writable"


def check_data() -> str:
    from pharmacourse import data

    try:
        names = data.available()
        for name in names:
            data.load(name)
    except Exception as exc:
        raise Problem(f"the course data does not load ({type(exc).__name__}: {str(exc)[:160]})"
                      ": restore the data/ folder with git checkout -- data (or download the "
                      "course again)") from None
    return f"course data loads ({len(names)} tables)"


CHECKS: dict[str, Callable[[], str]] = {
    "python": check_python, "packages": check_packages, "widgets": check_widgets,
    "kernel": check_kernel, "progress": check_progress, "data": check_data}


def run(checks: dict[str, Callable[[], str]] | None = None) -> list[tuple[str, bool, str]]:
    """Run every check; ``(name, passed, message)`` per check, never raising."""
    results = []
    for name, check in (checks or CHECKS).items():
        try:
            results.append((name, True, check()))
        except Problem as exc:
            results.append((name, False, str(exc)))
        except Exception as exc:  # a check that breaks is a problem too, with its cause
            results.append((name, False, f"the check itself failed ({type(exc).__name__}: "
                                         f"{str(exc)[:160]}): run {SETUP}"))
    return results


def main() -> int:
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    results = run()
    for name, passed, message in results:
        print(f"{'ok' if passed else 'PROBLEM':8}{name:10}{message}")
    bad = sum(not passed for _, passed, _ in results)
    print("All checks passed: ready for class." if not bad else
          f"{bad} problem(s): fix the line(s) marked PROBLEM, then run the doctor again.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
