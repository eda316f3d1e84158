"""Build the offline static site of the course into ``_site/`` (``make site``).

Reads the stored notebooks (notebooks/, exercises/, solutions/); never executes one. Each page is
nbconvert's ``basic`` body inside the course's own page shell (``scripts/site_template/``):
navigation, a skip link, landmarks and a local stylesheet. Figures get their caption as alt
text, quizzes are rendered from the banks with the answers in ``<details>``, explorers show
their preview with a Binder link (see :mod:`pharmacourse.site`). Maths is typeset in the
browser by MathJax 2 copied from the ``jupyter-server-mathjax`` package (no CDN); where that
package is missing the maths stays as TeX source and the build says so.

Usage: ``python scripts/build_site.py [--out _site]``. Open ``_site/index.html`` in a browser.
"""

from __future__ import annotations

import argparse
import html
import shutil
import string
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from pygments.formatters import HtmlFormatter

from pharmacourse import course
from pharmacourse.site import markdown_plain, prepare, rewrite_links, scrollable_tables

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "site_template"
FOLDERS = ("notebooks", "exercises", "solutions")
FOLDER_LABEL = {"notebooks": "Lesson", "exercises": "Exercises", "solutions": "Worked solutions"}

MATHJAX_CONFIG = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]],
            displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]], processEscapes: true},
  "HTML-CSS": {availableFonts: ["STIX-Web"], preferredFont: "STIX-Web", webFont: "STIX-Web",
               imageFont: null,
               // MathJax's blank test font is url('about:blank'), a request that fails on
               // file:// pages; local() gives the same fallback without any request.
               styles: {"@font-face": {"font-family": "MathJax_Blank",
                                       src: "local('MathJax_Blank')"}}},
  messageStyle: "none",
  menuSettings: {assistiveMML: true}
});
MathJax.Hub.Register.StartupHook("End", function () {
  document.documentElement.setAttribute("data-mathjax", "done");
});
</script>
<script src="{root}assets/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"></script>"""


def mathjax_source() -> Path | None:
    """The MathJax 2 folder shipped by ``jupyter-server-mathjax``, or None if not installed."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        return None
    folder = Path(jupyter_server_mathjax.__file__).parent / "static"
    return folder if (folder / "MathJax.js").exists() else None


def page_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first level-1 heading as plain text."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return markdown_plain(line[2:])
    return fallback


def shell(title: str, body: str, depth: int, nav_extra: str = "", footer_nav: str = "",
          maths: bool = False) -> str:
    """A whole page: the course's template filled in (``depth`` folders below the site root)."""
    root = "../" * depth
    page = string.Template((TEMPLATE / "page.html").read_text(encoding="utf-8"))
    return page.substitute(
        title=html.escape(title), root=root, body=scrollable_tables(body), nav_extra=nav_extra,
        footer_nav=footer_nav, disclaimer=html.escape(course.DISCLAIMER),
        mathjax=MATHJAX_CONFIG.replace("{root}", root) if maths else "",
        issues=html.escape(course.issues_url()))


def lesson_nav(slug: str, folder: str, written: list[course.Lesson]) -> tuple[str, str]:
    """(links beside the page title, previous/next links) for one lesson page."""
    item = course.lesson(slug)
    here = [f'<a href="../notebooks/{slug}.html">Lesson</a>']
    if item.exercises:
        here += [f'<a href="../exercises/{slug}.html">Exercises</a>',
                 f'<a href="../solutions/{slug}.html">Worked solutions</a>']
    here.append(f'<a href="{html.escape(course.binder_url(f"{folder}/{slug}.ipynb"))}">'
                "Run it on Binder</a>")
    index = [x.slug for x in written].index(slug)
    steps = []
    if index > 0:
        prev = written[index - 1]
        steps.append(f'<a rel="prev" href="../notebooks/{prev.slug}.html">'
                     f"← Previous lesson: {html.escape(prev.title)}</a>")
    if index + 1 < len(written):
        nxt = written[index + 1]
        steps.append(f'<a rel="next" href="../notebooks/{nxt.slug}.html">'
                     f"Next lesson: {html.escape(nxt.title)} →</a>")
    return " · ".join(here), " · ".join(steps)


def index_body(written: list[course.Lesson]) -> str:
    """The home page: the course map with each lesson's pages."""
    rows = []
    for item in course.lessons():
        if item in written:
            name = f'<a href="notebooks/{item.slug}.html">{html.escape(item.title)}</a>'
            practice = (f'<a href="exercises/{item.slug}.html">exercises</a>, '
                        f'<a href="solutions/{item.slug}.html">solutions</a>'
                        if item.exercises else "")
        else:
            name, practice = f"{html.escape(item.title)} <em>(in preparation)</em>", ""
        rows.append(f"<tr><td>{item.number}</td><td>{name}</td><td>{html.escape(item.learn)}"
                    f"</td><td>{item.minutes}</td><td>{practice}</td></tr>")
    return (
        "<h1>Pharmacology basics, with kratom as the case study</h1>"
        "<p>This is the read-only edition of the course: every lesson with its stored outputs, "
        "quizzes with the answers folded away, exercises and worked solutions. To run the code, "
        "answer the quizzes with feedback and move the explorers' sliders, open the course in "
        f'JupyterLab (<code>make lab</code>) or <a href="{html.escape(course.binder_url())}">'
        "on Binder</a>.</p>"
        "<h2>Course map</h2>"
        '<table class="course-map"><caption>Lessons in order, with the minutes each takes'
        "</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Lesson</th>"
        "<th scope=\"col\">What you'll learn</th><th scope=\"col\">Minutes</th>"
        "<th scope=\"col\">Practice</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        '<h2>Also here</h2><ul><li><a href="notebooks/glossary.html">Glossary</a> of terms and '
        'key formulas</li><li><a href="help.html">Help resources</a> (verified services)</li>'
        "</ul>")


def site_files(written: list[course.Lesson]) -> set[str]:
    """Every page of the site, as repository-relative ``.html`` paths."""
    pages = {"index.html", "help.html", "notebooks/glossary.html"}
    for item in written:
        pages.add(f"notebooks/{item.slug}.html")
        if item.exercises:
            pages.update({f"exercises/{item.slug}.html", f"solutions/{item.slug}.html"})
    return pages


def build(out: Path) -> dict[str, int]:
    """Write the site into ``out`` (emptied first); return the number of pages per kind."""
    if out.exists():
        shutil.rmtree(out)
    (out / "assets").mkdir(parents=True)
    shutil.copy(TEMPLATE / "site.css", out / "assets" / "site.css")
    with open(out / "assets" / "site.css", "a", encoding="utf-8") as fh:
        fh.write(HtmlFormatter(style="xcode").get_style_defs(".highlight"))
    mathjax = mathjax_source()
    if mathjax is not None:
        shutil.copytree(mathjax, out / "assets" / "mathjax")
    else:
        print("jupyter-server-mathjax is not installed: maths is shown as TeX source",
              file=sys.stderr)
    written = [x for x in course.lessons() if x.exists()]
    pages = site_files(written)
    github = f"https://github.com/{course.repository()}/blob/main"
    exporter = HTMLExporter(template_name="basic")  # headings keep their ids
    counts = {"index": 1, "help": 1, "glossary": 1}
    for folder in FOLDERS:
        for item in written:
            source = ROOT / folder / item.filename
            if folder != "notebooks" and not item.exercises:
                continue
            page = f"{folder}/{item.slug}.ipynb"
            nb = prepare(nbformat.read(source, as_version=4), page, github,
                         course.binder_url(page), pages)
            body, _ = exporter.from_notebook_node(nb)
            title = f"{page_title(nb, item.title)} ({FOLDER_LABEL[folder].lower()})"
            nav_extra, footer_nav = lesson_nav(item.slug, folder, written)
            target = out / folder / f"{item.slug}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(shell(title, body, 1, nav_extra, footer_nav,
                                    maths=mathjax is not None), encoding="utf-8")
            counts[folder] = counts.get(folder, 0) + 1
    glossary_md = rewrite_links((ROOT / "notebooks" / "glossary.md").read_text(encoding="utf-8"),
                                "notebooks/glossary.md", github, pages)
    (out / "notebooks" / "glossary.html").write_text(
        shell("Glossary", markdown2html_mistune(glossary_md), 1), encoding="utf-8")
    (out / "help.html").write_text(shell(
        "Help resources", "<h1>Help resources</h1><p>Services listed in the course's data "
        "(<code>data/help_resources.csv</code>), with the date each entry was last checked.</p>"
        + course.help_resources_html(), 0), encoding="utf-8")
    (out / "index.html").write_text(shell("Course map", index_body(written), 0),
                                    encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site", help="output folder")
    args = parser.parse_args(argv)
    counts = build(args.out)
    total = sum(counts.values())
    detail = ", ".join(f"{k}: {v}" for k, v in counts.items())
    print(f"site: {total} pages in {args.out} ({detail}); open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
