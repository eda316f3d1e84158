"""A lesson's own files: the anatomy of a lesson on disk, and answer keys that stay independent.

Two contracts (docs/architecture.md, "Anatomy of a lesson on disk"):
- every written lesson of course.yml has the files of ``course.LESSON_FILES``;
- a key module in solutions/keys/ imports only the standard library, numpy, scipy, pandas and
  its helper ``_keylib``, never ``pharmacourse``: a key computed with the model it checks could
  not catch a bug in that model.
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

import pytest

from pharmacourse import course
from scripts import build_exercise_keys as bk  # (the repo root is on sys.path)

ROOT = Path(__file__).resolve().parents[2]
KEY_SOURCES = sorted((ROOT / "solutions" / "keys").glob("*.py"))
ALLOWED = {"numpy", "scipy", "pandas", "_keylib"}
RULE = "a key module may import only the standard library, numpy, scipy, pandas and _keylib"


def forbidden_imports(source: str, filename: str) -> list[str]:
    """Each import in ``source`` that a key module may not make, as 'file:line: what and why'."""
    problems = []
    for node in ast.walk(ast.parse(source, filename)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            problems.append(f"{filename}:{node.lineno}: relative import "
                            f"'from {'.' * node.level}{node.module or ''}'; {RULE}")
        elif isinstance(node, ast.ImportFrom):
            names = [node.module]
        elif isinstance(node, ast.Call) and (
            getattr(node.func, "id", None) == "__import__"
            or getattr(node.func, "attr", None) == "import_module"
        ):
            problems.append(f"{filename}:{node.lineno}: dynamic import; {RULE}")
        for name in names:
            top = name.split(".")[0]
            if top not in ALLOWED and top not in sys.stdlib_module_names:
                problems.append(f"{filename}:{node.lineno}: imports {name!r}; {RULE}")
    return problems


# --- answer keys -------------------------------------------------------------------------------


def test_key_modules_import_neither_pharmacourse_nor_anything_outside_the_allowed_set():
    assert len(KEY_SOURCES) >= 2, "solutions/keys/ holds no key module: nothing would be checked"
    problems = [p for path in KEY_SOURCES
                for p in forbidden_imports(path.read_text(encoding="utf-8"),
                                           str(path.relative_to(ROOT)))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("source", "named"), [
    ("import pharmacourse", "'pharmacourse'"),
    ("import math\nfrom pharmacourse.pk import concentration_oral", "'pharmacourse.pk'"),
    ("from pharmacourse import pk", "'pharmacourse'"),
    ("import numpy as np\nimport requests", "'requests'"),
    ("from . import helper", "relative import"),
    ("import importlib\nimportlib.import_module('pharmacourse')", "dynamic import"),
    ("pk = __import__('pharmacourse.pk')", "dynamic import"),
])
def test_import_checker_names_the_module_line_and_import(source, named):
    problems = forbidden_imports(source, "solutions/keys/99-bad.py")
    assert len(problems) == 1, problems
    assert problems[0].startswith("solutions/keys/99-bad.py:") and named in problems[0]
    assert RULE in problems[0]


def test_import_checker_accepts_the_allowed_imports():
    source = ("from __future__ import annotations\nimport math\nfrom pathlib import Path\n"
              "import numpy as np\nimport pandas as pd\nfrom scipy.integrate import quad\n"
              "from _keylib import around\n")
    assert forbidden_imports(source, "ok.py") == []


def test_keylib_points_keys_at_the_course_data_folder():
    import _keylib  # importable like in a key module: the builder put solutions/keys on sys.path

    assert _keylib.DATA_DIR == ROOT / "data" and (_keylib.DATA_DIR / "datapackage.json").exists()
    assert _keylib.around(100.0, 0.01) == (99.0, 101.0) and _keylib.around(-2.0) == (-2.03, -1.97)


def _write(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")


KEY = '{"title": "t", "kind": "choice", "choice": "a", "options": ["a", "b"], "format": "f", ' \
      '"hint": "h", "explain": "e", "choice_mistakes": [("b", "not b")]}'


def test_builder_reads_every_key_module_and_skips_helpers(tmp_path):
    _write(tmp_path, "98-one.py", f"def keys():\n    return {{'98.1': {KEY}}}\n")
    _write(tmp_path, "99-two.py", f"def keys():\n    return {{'99.1': {KEY}, '99.2': {KEY}}}\n")
    _write(tmp_path, "_helper.py", "raise RuntimeError('a helper is not a key module')\n")
    assert sorted(bk.keys(tmp_path)) == ["98.1", "99.1", "99.2"]
    assert sorted(bk.encoded(tmp_path)["exercises"]) == ["98.1", "99.1", "99.2"]


@pytest.mark.parametrize(("files", "message"), [
    ({"99-x.py": f"def keys():\n    return {{'98.1': {KEY}}}\n"},
     "99-x.py: exercise 98.1 is defined twice or is not in lesson 99"),
    ({"99-a.py": f"def keys():\n    return {{'99.1': {KEY}}}\n",
      "99-b.py": f"def keys():\n    return {{'99.1': {KEY}}}\n"},
     "99-b.py: exercise 99.1 is defined twice"),
    ({"99-x.py": "KEYS = {}\n"}, "99-x.py: a key module must define keys()"),
])
def test_builder_refuses_a_key_outside_its_lesson_twice_or_missing(tmp_path, files, message):
    for name, body in files.items():
        _write(tmp_path, name, body)
    with pytest.raises(ValueError, match=re.escape(message)):
        bk.keys(tmp_path)


# --- anatomy of a lesson on disk ---------------------------------------------------------------


def _written() -> list[course.Lesson]:
    return [x for x in course.lessons() if x.exists()]


def test_every_written_lesson_has_its_files():
    written = _written()
    assert any(x.exercises for x in written), "no written lesson with exercises: nothing checked"
    problems = [p for lesson in written for p in lesson.missing_files()]
    assert not problems, "\n".join(problems)


def test_a_lesson_marked_without_exercises_has_none():
    for lesson in _written():
        if not lesson.exercises:
            assert not (ROOT / "solutions" / lesson.filename).exists(), (
                f"lesson {lesson.slug} has solutions/{lesson.filename} but course.yml says "
                "'exercises: false': remove that flag so its exercise files are checked"
            )


def _copy_lesson(lesson: course.Lesson, root: Path) -> None:
    for item in course.LESSON_FILES:
        target = root / item.path(lesson.slug)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / item.path(lesson.slug), target)


@pytest.mark.parametrize("item", course.LESSON_FILES, ids=lambda f: f.pattern)
def test_missing_file_check_names_the_lesson_and_the_file(tmp_path, item):
    lesson = next(x for x in _written() if x.exercises)
    _copy_lesson(lesson, tmp_path)
    assert lesson.missing_files(root=tmp_path) == []
    (tmp_path / item.path(lesson.slug)).unlink()
    assert lesson.missing_files(root=tmp_path) == [
        f"lesson {lesson.slug}: missing {item.path(lesson.slug)} ({item.what})"
    ]


def test_a_lesson_without_exercises_needs_only_notebook_bank_and_glossary(tmp_path):
    lesson = course.Lesson("99", "99-test", "Test", 10, 1, "nothing", exercises=False)
    for item in course.LESSON_FILES:
        if not item.exercises_only:
            (tmp_path / item.path(lesson.slug)).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / item.path(lesson.slug)).write_text("x")
    assert lesson.missing_files(root=tmp_path) == []
    with_exercises = course.Lesson("99", "99-test", "Test", 10, 1, "nothing")
    missing = with_exercises.missing_files(root=tmp_path)
    assert [m.split(" missing ")[1].split(" (")[0] for m in missing] == [
        "solutions/99-test.ipynb", "exercises/99-test.ipynb", "solutions/keys/99-test.py"
    ]


def test_every_lesson_file_uses_a_course_slug():
    slugs = {x.slug for x in course.lessons()}
    for item in course.LESSON_FILES:
        folder = ROOT / Path(item.pattern).parent
        for path in folder.glob("*" + Path(item.pattern).suffix):
            # helpers such as solutions/keys/_keylib.py; the instructors' course page README.md
            if not path.name.startswith("_") and path.name != "README.md":
                assert path.stem in slugs, f"{path.relative_to(ROOT)}: not a slug in course.yml"


def test_architecture_doc_shows_the_anatomy_list():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    match = re.search(r"^## Anatomy of a lesson on disk\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, "docs/architecture.md needs a section '## Anatomy of a lesson on disk'"
    rows = re.findall(r"^\| `([^`]+)` \| (.+?) \| (.+?) \|$", match.group(1), re.M)
    assert rows == [(f.pattern, f.what, "lessons with exercises" if f.exercises_only
                     else "every lesson") for f in course.LESSON_FILES], (
        "the table in docs/architecture.md and course.LESSON_FILES differ: update both"
    )
