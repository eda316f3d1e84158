"""A lesson's first cell pays only for what it uses: pint and scipy load on first use.

Each check runs in a fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _run(code: str, **env: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, **env}, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


LESSON_IMPORTS = ("import pharmacourse.data, pharmacourse.quiz, pharmacourse.pk, pharmacourse.pharmacodynamics, "
                  "pharmacourse.nca, pharmacourse.plots, pharmacourse.explorers, pharmacourse.units")


def test_the_lessons_imports_load_neither_pint_nor_scipy() -> None:
    loaded = _run(f"import json, sys; {LESSON_IMPORTS}; "
                  "print(json.dumps([m for m in ('pint', 'scipy') if m in sys.modules]))")
    assert loaded == []


def test_the_registry_is_built_on_first_use_and_its_definitions_are_cached(tmp_path: Path) -> None:
    code = ("import json; from pharmacourse import units; from pharmacourse.quiz import grade, load;"
            "q = units.Q_(12, 'h'); print(json.dumps([q.to('min').magnitude,"
            " units.ureg is units._registry()]))")
    assert _run(code, PHARMACOURSE_CACHE_DIR=str(tmp_path)) == [720.0, True]
    cached = [p for p in (tmp_path / "pharmacourse" / "pint").rglob("*") if p.is_file()
              and p.name != ".writable"]
    assert cached, "pint wrote no cache of its parsed definitions"
    assert _run(code, PHARMACOURSE_CACHE_DIR=str(tmp_path)) == [720.0, True]  # read back


def test_an_unwritable_cache_folder_is_skipped_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    code = ("import json; from pharmacourse import units;"
            "print(json.dumps([units._cache_dir() is None, units.Q_(1, 'd').to('h').magnitude]))")
    assert _run(code, PHARMACOURSE_CACHE_DIR=str(blocker)) == [True, 24.0]


def test_probit_functions_still_work_with_scipy_loaded_on_use() -> None:
    from pharmacourse import pharmacodynamics

    assert abs(float(pharmacodynamics.quantal_fraction_responding(7.0, 7.0, 2.0)) - 0.5) < 1e-12
