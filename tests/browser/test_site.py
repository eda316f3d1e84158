"""The static site (``make site``) read from ``file://`` with the network blocked.

The site is built into a temporary folder from the stored notebooks, and every page is opened
once (the module fixture ``visit``), with all the checks below. Every page must load with
no failed request and no request leaving the machine (any non-``file:`` URL is aborted and
counted), every ``<img>`` must carry real alt text, every internal link must resolve (file and
``#anchor``), no raw widget repr may appear, and axe-core must find no serious or critical
violation (the others are printed as a table).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from axekit import audit, blocking, table

from pharmacourse.site import NBCONVERT_PLACEHOLDER
from scripts import build_site

#: What a widget or an object looks like when a page shows its repr instead of a rendering.
RAW_REPR = re.compile(
    r"\b(VBox|HBox|Box|Output|Button|RadioButtons|Checkbox|FloatSlider|IntSlider|Dropdown|"
    r"FileUpload|Text|HTML|Label)\((children|value|layout|description|options|outputs)="
    r"|application/vnd\.jupyter\.widget|Loading widget|<IPython\.core\.display|<Figure size"
    r"|\bwidget-view\b")

#: MathJax (on lesson pages) marks the page when its first typesetting has finished.
WAIT_MATHJAX = ("() => !window.MathJax || "
                "document.documentElement.getAttribute('data-mathjax') === 'done'")


# One worker builds the site (a module fixture) and runs every site test on it (grouping.py).
pytestmark = pytest.mark.xdist_group("site")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "_site"
    build_site.build(out)
    return out


def pages_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def open_offline(context, path: Path) -> tuple[object, list[str], list[str]]:
    """A new page on ``path`` with every non-file request aborted; (page, blocked, failed)."""
    page = context.new_page()
    blocked: list[str] = []
    failed: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda req: failed.append(f"{req.url} ({req.failure})"))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(WAIT_MATHJAX)
    return page, blocked, failed


@functools.cache
def anchors_of(target: Path) -> frozenset[str]:
    """The ids and names a page defines (read once per page, however many links point in)."""
    text = target.read_text(encoding="utf-8")
    # nbconvert percent-encodes some heading ids; the browser matches either form
    return frozenset(unquote(html.unescape(m))
                     for m in re.findall(r'\b(?:id|name)="([^"]*)"', text))


def link_problem(href: str, site: Path) -> str | None:
    """Why an internal link does not resolve, or None."""
    url = urlparse(href)
    if url.scheme != "file":
        return None
    target = Path(unquote(url.path))
    if not target.is_file():
        return f"{href}: no such file"
    if not target.resolve().is_relative_to(site.resolve()):
        return f"{href}: outside the site"
    if url.fragment and unquote(url.fragment) not in anchors_of(target):
        return f"{href}: no element with id {unquote(url.fragment)!r}"
    return None


@dataclass
class Visit:
    """What one pass over every page found: load problems, images checked, axe rows."""
    pages: int = 0
    images: int = 0
    problems: list[str] = field(default_factory=list)
    axe_rows: list[dict] = field(default_factory=list)


@pytest.fixture(scope="module")
def visit(site: Path, browser, browser_context_args: dict) -> Visit:
    """Every page opened once, offline: its requests, images, links and text are checked and
    axe audits it (two tests read the result; loading each page twice cost a minute)."""
    context = browser.new_context(**browser_context_args)
    found = Visit()
    try:
        for path in pages_of(site):
            name = path.relative_to(site).as_posix()
            page, blocked, failed = open_offline(context, path)
            found.pages += 1
            found.problems += [f"{name}: request left the machine: {u}" for u in blocked]
            found.problems += [f"{name}: failed request: {u}" for u in failed]
            alts = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt'))")
            found.images += len(alts)
            for alt in alts:
                if not (alt or "").strip() or NBCONVERT_PLACEHOLDER in alt:
                    found.problems.append(f"{name}: an <img> with alt {alt!r}")
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                why = link_problem(href, site)
                if why:
                    found.problems.append(f"{name}: broken link {why}")
            text = page.inner_text("body")
            for match in RAW_REPR.finditer(text):
                found.problems.append(f"{name}: raw repr {match.group(0)!r}")
            found.axe_rows += audit(page, where=name)
            page.close()
    finally:
        context.close()
    return found


def test_site_pages_load_offline_with_alt_text_and_working_links(visit: Visit) -> None:
    assert visit.pages >= 10, f"the site has only {visit.pages} pages"
    print(f"\nsite: {visit.pages} pages, {visit.images} images checked offline")
    assert not visit.problems, "\n".join(visit.problems)
    assert visit.images > 0, "no image on the whole site: the figures are missing"


def test_site_quizzes_fold_the_answers(site: Path, context) -> None:
    page, _, _ = open_offline(context, site / "notebooks" / "03-dose-response.html")
    details = page.locator("section.quiz-site details")
    assert details.count() >= 10
    first = details.first
    assert not first.evaluate("d => d.open"), "an answer is shown before the learner asks"
    first.locator("summary").focus()
    page.keyboard.press("Enter")  # the answer opens from the keyboard
    assert first.evaluate("d => d.open")
    assert "Answer" in first.inner_text()
    page.close()


def test_site_has_no_serious_or_critical_axe_violation(visit: Visit) -> None:
    assert visit.pages >= 10, f"the site has only {visit.pages} pages"
    print("\n" + table(visit.axe_rows))
    assert not blocking(visit.axe_rows), "serious or critical axe violations:\n" + table(
        blocking(visit.axe_rows))
