"""The class report: ``DIR/index.html`` (plain static HTML, readable offline) with PNG figures.

Every text that came from a learner file is HTML-escaped; every figure has alt text that says
what it shows; learners appear only as a count (the report shows no names at all).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path

from matplotlib.ticker import MaxNLocator

from pharmacourse.classroom.stats import ClassStats, QuestionStats
from pharmacourse.plots import figure_png, new_figure, series_style
from pharmacourse.quiz.text import inline

_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.45}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;
padding:.3rem .5rem;text-align:left;vertical-align:top}img{max-width:100%}
.note{color:#444}"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f} %"


Save = Callable[[str, bytes], str]  # (file name, PNG bytes) -> the img's src


def _lesson_figure(lesson: str, rows: list[QuestionStats], save: Save) -> tuple[str, str]:
    fig, (ax,) = new_figure(7.0, 0.5 + 0.4 * max(len(rows), 2))
    shares = [100 * (q.first_try_share or 0.0) for q in rows]
    ax.barh(range(len(rows)), shares, color=series_style(0)["color"])
    ax.set_yticks(range(len(rows)), [q.question_id for q in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("learners right at the first try (%)")
    src = save(f"first-try-{lesson}.png", figure_png(fig))
    alt = (f"Bar chart, lesson {lesson}: share of learners right at the first try per question. "
           + "; ".join(f"{q.question_id} {_pct(q.first_try_share)}" for q in rows))
    return src, alt


def _claim_figure(claim, save: Save) -> tuple[str, str]:  # noqa: ANN001 - ClaimStats
    choices = claim.choices()
    fig, (ax,) = new_figure(7.0, 0.6 + 0.5 * max(len(choices), 2))
    ys = range(len(choices))
    ax.barh([y - 0.2 for y in ys], [claim.first[c] for c in choices], height=0.4,
            label="first prediction", **{"color": series_style(0)["color"]})
    ax.barh([y + 0.2 for y in ys], [claim.latest[c] for c in choices], height=0.4,
            label="latest prediction", hatch="//", **{"color": series_style(1)["color"]})
    ax.set_yticks(list(ys), [c[:40] for c in choices])
    ax.invert_yaxis()
    ax.set_xlabel("learners")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    src = save(f"claim-{claim.claim}.png", figure_png(fig))
    alt = (f"Bar chart, claim {claim.claim}: learners per prediction, first and latest. "
           + "; ".join(f"{c}: first {claim.first[c]}, latest {claim.latest[c]}"
                       for c in choices))
    return src, alt


def _img(name: str, alt: str) -> str:
    return f'<img src="{_e(name)}" alt="{_e(alt)}">'


def _wrong_cell(q: QuestionStats) -> str:
    if not q.wrong:
        return "–"
    items = []
    for w in q.wrong[:3]:
        label = {"misconception field": "misconception", "feedback": "its feedback",
                 "mistake feedback": "the bank's feedback"}.get(w.source, "")
        named = f" <em>{label}: {inline(w.misconception)}</em>" if w.misconception else ""
        text = f"{inline(w.text)} [{_e(w.option_id)}]" if w.from_bank else f"“{_e(w.text)}”"
        items.append(f"<li>{text} × {w.count}{named}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def render_html(stats: ClassStats, save: Save | None = None) -> str:
    """The report page; ``save`` stores each figure and returns its ``src`` (default: embedded
    as a data URI, for the live notebook view)."""
    save = save or (lambda _name, png: "data:image/png;base64," + base64.b64encode(png).decode())
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>Class report</title><style>{_CSS}</style></head><body>",
             "<h1>Class report: what did the class get wrong?</h1>",
             f"<p>{stats.learners} learner file(s) read. Self-reported practice data for "
             "teaching, never for grades. Learners are not named.</p>"]
    if stats.skipped_rows:
        parts.append(f"<p class=\"note\">{stats.skipped_rows} row(s) skipped (not in the "
                     "export's shape, or of a lesson or question not in the banks).</p>")
    parts.append("<h2>Completion per lesson</h2><table><tr><th>lesson</th><th>graded questions"
                 "</th><th>learners active</th><th>learners who answered every question</th>"
                 "</tr>")
    for ls in stats.lessons:
        parts.append(f"<tr><td>{_e(ls.lesson)} {_e(ls.title)}</td><td>{ls.graded}</td>"
                     f"<td>{ls.active}</td><td>{ls.complete}</td></tr>")
    parts.append("</table><h2>Questions</h2>")
    lessons = sorted({q.lesson for q in stats.questions})
    for lesson in lessons:
        rows = [q for q in stats.questions if q.lesson == lesson]
        parts.append(f"<h3>{_e(lesson)}</h3>{_img(*_lesson_figure(lesson, rows, save))}")
        parts.append("<table><tr><th>question</th><th>right at first try</th><th>learners</th>"
                     "<th>attempts</th><th>reveals</th><th>most chosen wrong answers</th></tr>")
        for q in rows:
            parts.append(f"<tr><td><strong>{_e(q.question_id)}</strong><br>"
                         f"<small>{inline(q.stem)}</small></td>"
                         f"<td>{_pct(q.first_try_share)} ({q.first_try_right} of {q.first_tries})"
                         f"</td><td>{q.learners}</td><td>{q.attempts}</td><td>{q.reveals}</td>"
                         f"<td>{_wrong_cell(q)}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Claims: how the class moved</h2>")
    if not stats.claims:
        parts.append("<p>No predictions yet.</p>")
    for claim in stats.claims:
        parts.append(f"<h3>Claim {_e(claim.claim)}</h3><p>{_e(claim.text)}</p>"
                     f"{_img(*_claim_figure(claim, save))}")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_report(stats: ClassStats, out: str | Path) -> Path:
    """Write ``out/index.html`` and its PNG figures; return the path of the page."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    def save(name: str, png: bytes) -> str:
        (out / name).write_bytes(png)
        return name

    page = out / "index.html"
    page.write_text(render_html(stats, save), encoding="utf-8")
    return page
