"""Every relative link in every notebook and markdown file resolves to a file in the repo."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def tracked(pattern: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                          pattern], cwd=ROOT, capture_output=True, text=True, check=True)
    return sorted(ROOT / line for line in out.stdout.splitlines() if (ROOT / line).exists())


def markdown_texts(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return [path.read_text(encoding="utf-8")]


def has_anchor(path: Path, anchor: str) -> bool:
    """True if a markdown file defines ``anchor`` (an explicit ``id=`` or a heading's slug)."""
    text = path.read_text(encoding="utf-8")
    if re.search(rf'id="{re.escape(anchor)}"', text):
        return True
    slugs = {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
             for h in re.findall(r"^#+\s+(.*)$", text, flags=re.M)}
    return anchor in slugs


def broken_links(path: Path) -> list[str]:
    broken = []
    for text in markdown_texts(path):
        text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks are not links
        for target in LINK.findall(text):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue  # http:, https:, mailto:, in-page anchors
            file_part, _, anchor = target.split("?", 1)[0].partition("#")
            linked = path.parent / file_part
            if not linked.exists():
                broken.append(target)
            elif anchor and linked.suffix == ".md" and not has_anchor(linked, anchor):
                broken.append(target)
    return broken


FILES = tracked("*.ipynb") + tracked("*.md")


def test_link_checker_finds_a_broken_link(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("x")
    (tmp_path / "glossary.md").write_text('<a id="kd"></a>\n## Report an error\n')
    page.write_text("[ok](there.md) [web](https://example.org) [gone](missing.ipynb#x) [a](#top) "
                    "[kd](glossary.md#kd) [ki](glossary.md#ki) [r](glossary.md#report-an-error)")
    assert broken_links(page) == ["missing.ipynb#x", "glossary.md#ki"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    assert not broken_links(path), f"{path.relative_to(ROOT)}: broken links {broken_links(path)}"
