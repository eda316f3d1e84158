"""Room to grow: no module or script may become the one long file that every lesson edits."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500


def too_long(paths: list[Path], root: Path, limit: int = LIMIT) -> list[str]:
    """The files (relative to ``root``) with more than ``limit`` lines, each with its count."""
    out = []
    for path in paths:
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > limit:
            out.append(f"{path.relative_to(root)}: {n} lines (limit {limit}); split it by topic")
    return out


def test_no_source_or_script_file_is_above_the_limit():
    files = sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "scripts").rglob("*.py"))
    assert len(files) > 10, "found almost no Python files: wrong root?"
    assert too_long(files, ROOT) == []


def test_the_size_check_names_a_long_file(tmp_path):
    (tmp_path / "big.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "small.py").write_text("x = 1\n" * LIMIT)
    paths = sorted(tmp_path.glob("*.py"))
    assert too_long(paths, tmp_path) == [f"big.py: {LIMIT + 1} lines (limit {LIMIT}); split it by topic"]
