"""axe-core audits for the browser tests, with the script shipped by ``axe-playwright-python``.

Nothing is downloaded: the package carries ``axe.min.js``. :func:`audit` runs axe on a page
(optionally limited to some elements and excluding others) and returns the violations;
:func:`table` formats them as the markdown table the tests print; :func:`blocking` keeps the
serious and critical ones, which must be zero in course content.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")
_AXE = Axe()


def audit(page, include: list[str] | None = None, exclude: list[str] | None = None,
          where: str = "") -> list[dict]:
    """The page's axe violations, each as a row: where, rule, impact, count, help, example."""
    context: dict | None = None
    if include or exclude:
        context = {}
        if include:
            context["include"] = [[s] for s in include]
        if exclude:
            context["exclude"] = [[s] for s in exclude]
    result = _AXE.run(page, context=context)
    rows = []
    for v in result.response["violations"]:
        example = v["nodes"][0]["target"] if v["nodes"] else ""
        rows.append({"where": where, "rule": v["id"], "impact": v.get("impact") or "",
                     "count": len(v["nodes"]), "help": v["help"], "example": str(example)[:80]})
    return rows


def table(rows: list[dict]) -> str:
    """The violations as a markdown table (or a line saying there are none)."""
    if not rows:
        return "axe: no violations"
    head = "| where | rule | impact | nodes | help | example |\n|---|---|---|---|---|---|"
    body = "\n".join(f"| {r['where']} | {r['rule']} | {r['impact']} | {r['count']} | "
                     f"{r['help']} | `{r['example']}` |" for r in rows)
    return f"{head}\n{body}"


def blocking(rows: list[dict]) -> list[dict]:
    """Violations of serious or critical impact."""
    return [r for r in rows if r["impact"] in BLOCKING]
