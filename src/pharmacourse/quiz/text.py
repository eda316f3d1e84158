"""Safe text for quiz output: everything is HTML-escaped, bank text gets a tiny markup.

Learner text is only ever passed through :func:`escape`. Bank text (stems, options, feedback,
explanations written by instructors in YAML) goes through :func:`inline`, which escapes it first
and then applies a markdown-like subset, so no raw HTML from any source reaches the page:

- ``**bold**``, ``*italic*``, ```code```
- ``x_{sub}`` and ``x^{sup}`` (t_{1/2}, min^{-1})
"""

from __future__ import annotations

import html
import re

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_SUB = re.compile(r"_\{([^{}]{1,20})\}")
_SUP = re.compile(r"\^\{([^{}]{1,20})\}")

#: Each markup rule, in the order it is applied: (pattern, HTML replacement, plain replacement).
_MARKUP = (
    (_CODE, r"<code>\1</code>", r"\1"),
    (_BOLD, r"<strong>\1</strong>", r"\1"),
    (_ITALIC, r"<em>\1</em>", r"\1"),
    (_SUB, r"<sub>\1</sub>", r"\1"),
    (_SUP, r"<sup>\1</sup>", r"^\1"),
)


def escape(text: object) -> str:
    """HTML-escape any value (learner input, numbers, names) for safe echoing."""
    return html.escape(str(text), quote=True)


def inline(text: str) -> str:
    """Render instructor-written bank text as safe inline HTML (escaped, then tiny markup)."""
    out = escape(text)
    for pattern, as_html, _ in _MARKUP:
        out = pattern.sub(as_html, out)
    return out


def plain(text: str) -> str:
    """Bank text with the markup removed (for text/plain outputs and CSV)."""
    out = text
    for pattern, _, as_plain in _MARKUP:
        out = pattern.sub(as_plain, out)
    return out


def shorten(text: str, limit: int = 60) -> str:
    """Cut long learner text for echoing ("...") so a pasted essay cannot flood the widget."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
