"""Generate the repeated parts of the course from course.yml (never edit them by hand).

- the footer of every lesson in notebooks/ (cell id ``nav-footer``): the one-line disclaimer,
  links to the lesson's exercises and solutions, previous / start page / next;
- the footer of every solutions notebook (cell id ``nav-footer``): back to the lesson;
- the course map on the start page, one markdown cell per part (ids ``course-map-part-N``, N a
  key of ``course.PART_NAMES``), so that no text box grows past what a reader takes in at once;
- the course map in README.md, between the ``<!-- course-map:start -->`` and
  ``<!-- course-map:end -->`` markers;
- the ``minutes`` of every written lesson in course.yml, from ``scripts/estimate_minutes.py``
  (rounded up to 5; lessons in preparation keep their planned minutes), and the span of
  lesson minutes in the start page's course-map heading (cell id ``course-map-heading``);
- the course glossary ``notebooks/glossary.md`` from ``glossary/*.yml`` (one file per lesson).

"Previous" and "next" skip lessons that are not written yet. Run by `make notebooks`;
``--check`` reports files that would change and exits 1 (used by the tests).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT))
from pharmacourse import course  # noqa: E402
from scripts import estimate_minutes  # noqa: E402

START = "00-start-here"
HELP_ANCHOR = "Where-to-get-help"  # JupyterLab's id of the start page's "## Where to get help"
HELP_LINK_TEXT = "Where to get help"
README_MARKERS = ("<!-- course-map:start -->", "<!-- course-map:end -->")


def _neighbours(slug: str, written: list[course.Lesson]) -> tuple:
    """(previous, next) core lesson around ``slug``: optional lessons are never on the chain."""
    i = [x.slug for x in written].index(slug)
    before = [x for x in written[:i] if not x.optional]
    after = [x for x in written[i + 1:] if not x.optional]
    return (before[-1] if before else None), (after[0] if after else None)


def _optional_after(slug: str, written: list[course.Lesson]) -> list[course.Lesson]:
    """The optional lessons that follow core lesson ``slug`` on the map (before the next core)."""
    i = [x.slug for x in written].index(slug)
    found = []
    for item in written[i + 1:]:
        if not item.optional:
            break
        found.append(item)
    return found


def lesson_footer(slug: str, written: list[course.Lesson], root: Path) -> str:
    """Markdown for the footer of lesson ``slug`` given the lessons that exist."""
    here = course.lesson(slug)
    prev, nxt = _neighbours(slug, written)
    parts = []
    if prev is not None:
        parts.append(f"[← Previous: {prev.title}]({prev.filename})")
    if slug != START:
        parts.append(f"[Start page]({START}.ipynb)")
    parts.append(f"[{HELP_LINK_TEXT}]({START}.ipynb#{HELP_ANCHOR})")
    if nxt is not None:
        parts.append(f"[Next: {nxt.title} →]({nxt.filename})")
    lines = ["---", ""]
    # exercises/ is generated from solutions/, so both links depend on the solutions notebook.
    if (root / "solutions" / here.filename).exists():
        lines += [
            f"**Practice:** [exercises](../exercises/{here.filename}) · "
            f"[worked solutions](../solutions/{here.filename})",
            "",
        ]
    if here.optional:
        lines += ["*This lesson is optional (going deeper): no later lesson or exercise "
                  "depends on it.*", ""]
    for extra in ([] if here.optional else _optional_after(slug, written)):
        lines += [f"**Going deeper (optional):** [{extra.title}]({extra.filename}), "
                  f"about {extra.minutes} minutes; the next lesson does not need it.", ""]
    lines += [" | ".join(parts), "", f"*{course.DISCLAIMER}*"]
    return "\n".join(lines)


def solutions_footer(slug: str) -> str:
    here = course.lesson(slug)
    return "\n".join([
        "---",
        "",
        f"[Back to the lesson: {here.title}](../notebooks/{here.filename}) | "
        f"[Start page](../notebooks/{START}.ipynb) | "
        f"[{HELP_LINK_TEXT}](../notebooks/{START}.ipynb#{HELP_ANCHOR})",
        "",
        f"*{course.DISCLAIMER}*",
    ])


def set_cell(nb: nbformat.NotebookNode, cell_id: str, source: str, at_end: bool) -> bool:
    """Set markdown cell ``cell_id`` to ``source`` (appended if missing); True if changed."""
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


def glossary_markdown(root: Path) -> str:
    """The merged glossary page from ``glossary/*.yml``; duplicate ids are an error."""
    terms: dict[str, dict] = {}
    for source in sorted((root / "glossary").glob("*.yml")):
        slug = source.stem
        for entry in yaml.safe_load(source.read_text(encoding="utf-8")) or []:
            missing = {"id", "term", "definition"} - entry.keys()
            if missing:
                raise SystemExit(f"{source}: term {entry.get('id', '?')!r} lacks {sorted(missing)}")
            if entry["id"] in terms:
                raise SystemExit(f"{source}: glossary id {entry['id']!r} is defined twice")
            terms[entry["id"]] = {**entry, "lesson": slug}
    lines = [
        "# Glossary",
        "",
        "Terms and key formulas used in the course, with the lesson that introduces each.",
        "Generated by `scripts/nav.py` from `glossary/*.yml`; do not edit by hand.",
        "",
    ]
    for entry in sorted(terms.values(), key=lambda e: e["term"].lower()):
        lesson = course.lesson(entry["lesson"])
        lines += [f'<a id="{entry["id"]}"></a>', "", f"**{entry['term']}**: {entry['definition']}"]
        if entry.get("formula"):
            lines += ["", f"  Formula: {entry['formula']}"]
        lines += ["", f"  *Introduced in:* [{lesson.title}]({lesson.filename})", ""]
    return "\n".join(lines)


MINUTES_ROW = r"(slug: {slug},[^\n]*?minutes: )\d+"
SPAN_SENTENCE = re.compile(r"Each lesson takes [^.]*?including exercises.*?\.(?=\s|$)", re.S)


def course_yml_with_minutes(text: str, minutes: dict[str, int]) -> str:
    """course.yml's text with each listed lesson's ``minutes`` replaced (comments kept)."""
    for slug, value in minutes.items():
        pattern = re.compile(MINUTES_ROW.format(slug=re.escape(slug)))
        if not pattern.search(text):
            raise SystemExit(f"course.yml: no row with 'slug: {slug}, ... minutes: N' on one line")
        text = pattern.sub(lambda m, v=value: f"{m.group(1)}{v}", text)
    return text


def update_minutes(root: Path, check: bool) -> bool:
    """Write each written lesson's estimated minutes into course.yml; True if it changed."""
    minutes = {slug: estimate_minutes.estimate(slug, root).rounded
               for slug in estimate_minutes.written_slugs(root)}
    path = root / "course.yml"
    changed = update_text(path, course_yml_with_minutes(path.read_text(encoding="utf-8"),
                                                        minutes), check)
    if changed and not check:
        course._config.cache_clear()
    return changed


def span_sentence() -> str:
    """The start page's sentence: the span of core lesson minutes (parts 1-3, not optional)."""
    values = [x.minutes for x in course.lessons() if x.part > 0 and not x.optional]
    return (f"Each lesson takes {min(values)}-{max(values)} minutes including exercises, "
            "estimated from its content by `scripts/estimate_minutes.py`.")


def start_heading(nb_path: Path) -> str:
    """The course-map heading cell of the start page with the current span of minutes."""
    nb = nbformat.read(nb_path, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "course-map-heading")
    return SPAN_SENTENCE.sub(lambda _m: span_sentence(), cell.source)


def start_map_cells(root: Path) -> list[tuple[str, str]]:
    """(cell id, markdown) of the start page's course map: a headed table for each part."""
    return [(f"course-map-part-{part}",
             f"### {name}\n\n" + course.course_map_markdown(root=root, parts=[part]))
            for part, name in sorted(course.PART_NAMES.items())
            if any(x.part == part for x in course.lessons())]


def update_text(path: Path, text: str, check: bool) -> bool:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old != text and not check:
        path.write_text(text, encoding="utf-8")
    return old != text


def run(root: Path = ROOT, check: bool = False) -> list[str]:
    """Update every generated part; return the files that changed (or would change).

    A second pass follows a writing pass that changed something: new footers or course-map
    minutes change the words the estimate counts.
    """
    changed = _run_once(root, check)
    if changed and not check:
        changed += [name for name in _run_once(root, check) if name not in changed]
    return changed


def _run_once(root: Path, check: bool) -> list[str]:
    changed: list[str] = []
    if update_minutes(root, check):
        changed.append("course.yml")
    written = [x for x in course.lessons() if x.exists(root=root)]
    for item in written:
        path = root / "notebooks" / item.filename
        edits = [("nav-footer", lesson_footer(item.slug, written, root))]
        if item.slug == START:
            edits[:0] = [("course-map-heading", start_heading(path)), *start_map_cells(root)]
        if update_notebook(path, edits, check):
            changed.append(str(path.relative_to(root)))
    for item in course.lessons():
        path = root / "solutions" / item.filename
        edits = [("nav-footer", solutions_footer(item.slug))]
        if path.exists() and update_notebook(path, edits, check):
            changed.append(str(path.relative_to(root)))
    if update_text(root / "notebooks" / "glossary.md", glossary_markdown(root), check):
        changed.append("notebooks/glossary.md")
    readme = root / "README.md"
    if update_readme(readme, course.course_map_markdown("notebooks/", root=root), check):
        changed.append("README.md")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate navigation and course maps.")
    parser.add_argument("--check", action="store_true",
                        help="report, do not write; exit 1 if stale")
    args = parser.parse_args(argv)
    changed = run(check=args.check)
    for name in changed:
        print(("stale: " if args.check else "updated: ") + name)
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
