"""Generate the repeated parts of the course from course.yml (never edit them by hand).

- the footer of every lesson in notebooks/ (cell id ``nav-footer``): the one-line disclaimer,
  links to the lesson's exercises and solutions, previous / start page / next;
- the footer of every solutions notebook (cell id ``nav-footer``): back to the lesson;
- the course map on the start page (the markdown cell with id ``course-map``);
- the course map in README.md, between ``<!-- course-map:start -->`` and ``<!-- course-map:end -->``.

"Previous" and "next" skip lessons that are not written yet. Run by `make notebooks`;
``--check`` reports files that would change and exits 1 (used by the tests).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pharmacourse import course  # noqa: E402

START = "00-start-here"
README_MARKERS = ("<!-- course-map:start -->", "<!-- course-map:end -->")


def lesson_footer(slug: str, written: list[course.Lesson], root: Path) -> str:
    """Markdown for the footer of lesson ``slug`` given the lessons that exist."""
    slugs = [x.slug for x in written]
    i = slugs.index(slug)
    parts = []
    if i > 0:
        prev = written[i - 1]
        parts.append(f"[← Previous: {prev.title}]({prev.filename})")
    if slug != START:
        parts.append(f"[Start page]({START}.ipynb)")
    if i + 1 < len(written):
        nxt = written[i + 1]
        parts.append(f"[Next: {nxt.title} →]({nxt.filename})")
    lines = ["---", ""]
    here = course.lesson(slug)
    # exercises/ is generated from solutions/, so both links depend on the solutions notebook.
    if (root / "solutions" / here.filename).exists():
        lines += [
            f"**Practice:** [exercises](../exercises/{here.filename}) · "
            f"[worked solutions](../solutions/{here.filename})",
            "",
        ]
    lines += [" | ".join(parts), "", f"*{course.DISCLAIMER}*"]
    return "\n".join(lines)


def solutions_footer(slug: str) -> str:
    here = course.lesson(slug)
    return "\n".join([
        "---",
        "",
        f"[Back to the lesson: {here.title}](../notebooks/{here.filename}) | "
        f"[Start page](../notebooks/{START}.ipynb)",
        "",
        f"*{course.DISCLAIMER}*",
    ])


def set_cell(nb: nbformat.NotebookNode, cell_id: str, source: str, at_end: bool) -> bool:
    """Set the markdown cell ``cell_id`` to ``source`` (appending it if missing); True if changed."""
    for cell in nb.cells:
        if cell.get("id") == cell_id:
            if cell.source == source:
                return False
            cell.source = source
            return True
    new = nbformat.v4.new_markdown_cell(source)
    new["id"] = cell_id
    new.metadata["tags"] = [cell_id]
    if at_end:
        nb.cells.append(new)
    else:
        raise SystemExit(f"no cell with id {cell_id!r} to update")
    return True


def update_notebook(path: Path, edits: list[tuple[str, str]], check: bool) -> bool:
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell_id, source in edits:
        changed |= set_cell(nb, cell_id, source, at_end=(cell_id == "nav-footer"))
    if changed and not check:
        nbformat.write(nb, path)
    return changed


def update_readme(path: Path, table: str, check: bool) -> bool:
    text = path.read_text(encoding="utf-8")
    start, end = README_MARKERS
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path}: markers {start} ... {end} not found")
    new = pattern.sub(lambda _m: f"{start}\n{table}\n{end}", text)
    if new != text and not check:
        path.write_text(new, encoding="utf-8")
    return new != text


def run(root: Path = ROOT, check: bool = False) -> list[str]:
    """Update every generated part; return the files that changed (or would change)."""
    written = [x for x in course.lessons() if x.exists(root=root)]
    changed: list[str] = []
    for item in written:
        path = root / "notebooks" / item.filename
        edits = [("nav-footer", lesson_footer(item.slug, written, root))]
        if item.slug == START:
            edits.insert(0, ("course-map", course.course_map_markdown(root=root)))
        if update_notebook(path, edits, check):
            changed.append(str(path.relative_to(root)))
    for item in course.lessons():
        path = root / "solutions" / item.filename
        if path.exists() and update_notebook(path, [("nav-footer", solutions_footer(item.slug))], check):
            changed.append(str(path.relative_to(root)))
    readme = root / "README.md"
    if update_readme(readme, course.course_map_markdown("notebooks/", root=root), check):
        changed.append("README.md")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate navigation and course maps.")
    parser.add_argument("--check", action="store_true", help="report, do not write; exit 1 if stale")
    args = parser.parse_args(argv)
    changed = run(check=args.check)
    for name in changed:
        print(("stale: " if args.check else "updated: ") + name)
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
