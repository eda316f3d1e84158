"""Build src/pharmacourse/exercise_keys.json (and exercise_figures.json) from solutions/keys/.

Each key module's ``keys()`` returns its lesson's plain keys (format: solutions/README.md, "Answer
keys"); its optional ``figures()`` returns the hidden parameters of its read-the-plot figures
(drawn by ``pharmacourse.exercise_figures``). A new lesson adds its module and nothing here
changes. ``--check`` exits 1 if either JSON is out of step.
Run: ``.venv/bin/python scripts/build_exercise_keys.py [--check]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KEYS_PATH = REPO / "src" / "pharmacourse" / "exercise_keys.json"
FIGURES_PATH = REPO / "src" / "pharmacourse" / "exercise_figures.json"
KEYS_DIR = REPO / "solutions" / "keys"
sys.path[:0] = [str(REPO / "src"), str(KEYS_DIR)]  # pharmacourse.checks; the keys' _keylib

from pharmacourse.checks import encode_key  # noqa: E402  (the registry's storage format)
from pharmacourse.exercise_figures import encode_figures  # noqa: E402


def key_modules(folder: Path = KEYS_DIR) -> list[Path]:
    """Every lesson's key module, ``NN-slug.py`` (files starting with ``_`` are helpers)."""
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


def _modules(folder: Path):
    for path in key_modules(folder):
        spec = importlib.util.spec_from_file_location("keys_" + path.stem.replace("-", "_"), path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield path, module


def _merge(merged: dict, path: Path, entries: dict, what: str) -> None:
    lesson = path.stem.split("-")[0]
    for exercise_id, entry in entries.items():
        if exercise_id.split(".")[0] != lesson or exercise_id in merged:
            raise ValueError(f"{path}: {what} {exercise_id} is defined twice or is not in "
                             f"lesson {lesson}; each lesson's keys go in its own module")
        merged[exercise_id] = entry


def keys(folder: Path = KEYS_DIR) -> dict[str, dict]:
    """Every exercise key of every lesson, before encoding (expected values in plain text)."""
    merged: dict[str, dict] = {}
    for path, module in _modules(folder):
        if not callable(getattr(module, "keys", None)):
            raise ValueError(f"{path}: a key module must define keys() -> dict of exercise keys")
        _merge(merged, path, module.keys(), "exercise")
    return merged


def figures(folder: Path = KEYS_DIR) -> dict[str, dict]:
    """Hidden figure parameters of every lesson (the modules' optional ``figures()``)."""
    merged: dict[str, dict] = {}
    for path, module in _modules(folder):
        if callable(getattr(module, "figures", None)):
            _merge(merged, path, module.figures(), "figure")
    return merged


def encoded(folder: Path = KEYS_DIR) -> dict:
    """The JSON document: expected values encoded, mistakes of choice exercises hashed."""
    out = {i: encode_key(i, spec) for i, spec in sorted(keys(folder).items())}
    about = ("Answer keys of the exercise self-checks, written by scripts/build_exercise_keys.py "
             "(do not edit). Expected values are obfuscated against accidental reading, not "
             "secured: see pharmacourse.checks.")
    return {"about": about, "format_version": 1, "exercises": out}


def render(folder: Path = KEYS_DIR) -> str:
    return json.dumps(encoded(folder), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_figures(folder: Path = KEYS_DIR) -> str:
    about = ("Hidden parameters of the read-the-plot exercise figures, written by "
             "scripts/build_exercise_keys.py from solutions/keys/ (do not edit); obfuscated "
             "against accidental reading, not secured: see pharmacourse.exercise_figures.")
    document = {"about": about, "format_version": 1, "figures": encode_figures(figures(folder))}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the JSON is out of step")
    outputs = [(KEYS_PATH, render()), (FIGURES_PATH, render_figures())]
    if parser.parse_args(argv).check:
        stale = [p for p, text in outputs
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for path, _ in outputs:
            name = path.relative_to(REPO)
            print(f"{name} is out of step: run {Path(__file__).name}" if path in stale
                  else f"{name} in step")
        return 1 if stale else 0
    for path, text in outputs:
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
