"""A bank linter: give-aways a learner could use without reading the lesson.

``python -m pharmacourse.quiz lint [BANK.yml ...]`` (no files: every bank in the quiz folder)
reports, per bank, the file, the question id and the reason:

1. **The key is the longest option.** Across the linted single-choice questions, the correct
   option is the strictly longest more often than chance allows: a one-sided exact test against
   1/number-of-options (a Poisson-binomial tail, computed exactly with :func:`math.comb`) at
   p < :data:`ALPHA`, applied once there are :data:`MIN_QUESTIONS` such questions. Per bank the
   count is reported as information. Any correct option more than :data:`MAX_RATIO` times as long
   as the longest wrong one is a finding of its own. The same test runs on the other tail: a
   writer who shortens every key to avoid the first give-away creates the opposite one, so the
   key may not be the strictly shortest option more often than chance allows either.
2. **A numeric answer in plain sight.** The expected answer (a number within the stated tolerance,
   in the answer's unit) appears in the question's stem or options, or in the stored text outputs
   of the two code cells above the cell of ``notebooks/<lesson>.ipynb`` that shows the question.
3. **Options.** A wrong option without feedback; two options with the same text.
4. **A lesson that is not written.** A feedback or explanation naming a lesson ("lesson 06")
   whose notebook does not exist yet (the course map lists it as *in preparation*): say
   "a later lesson".

A question is waived with ``lint_ok: <reason>`` in the bank (the reason is printed). The linter
reads banks with ``yaml.safe_load``; the expected value of a numeric answer comes from the quiz
engine itself (so it checks what the learner is graded against).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from pharmacourse.quiz.text import plain

ALPHA = 0.01
MIN_QUESTIONS = 10
MAX_RATIO = 1.6
WAIVER = "lint_ok"
CELLS_ABOVE = 2

# a number, not part of a name (CYP3A4, 7-OH, 5-HT): no letter or dot just before, no "-x" after
_NUMBER = re.compile(r"(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
                     r"(?![\w.]|-[A-Za-z])(\s*%)?")
# "section 7" names a place, it is not a value
_LABEL = re.compile(r"\b(?:section|lesson|figure|table|exercise|part|cell|step)s?\s*$",
                    re.IGNORECASE)
_LESSON_REF = re.compile(r"\blessons?\s+(\d{2}[a-z]?(?:\s*(?:,|and|or|&|-|–)\s*\d{2}[a-z]?)*)",
                         re.IGNORECASE)
_SHOW = re.compile(r"""quiz\.show\(\s*["']([^"']+)["']\s*(?:,\s*["']([^"']+)["'])?\s*\)""")
_TAG = re.compile(r"<[^>]+>")
_ROW_LABEL = re.compile(r"<th[^>]*>\s*-?\d+\s*</th>")  # a table's row index (0, 1, 2) is no value


@dataclass
class Finding:
    source: str
    question: str
    reason: str

    def __str__(self) -> str:
        where = f", question {self.question!r}" if self.question else ""
        return f"{self.source}{where}: {self.reason}"


@dataclass
class BankReport:
    source: str
    findings: list[Finding] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    # (question id, number of options, key is the strictly longest option) per single question
    singles: list[tuple[str, int, bool]] = field(default_factory=list)
    # (question id, number of options, key is the strictly shortest option) per single question
    shortest: list[tuple[str, int, bool]] = field(default_factory=list)

    def add(self, question: str, reason: str) -> None:
        self.findings.append(Finding(self.source, question, reason))


# --------------------------------------------------------------------------- statistics


def longest_key_p_value(n_options: Sequence[int], hits: int) -> float:
    """P(X >= hits) where X counts questions whose key is longest by chance (exact).

    Question i has ``n_options[i]`` options; by chance its key is the longest with probability
    1/n_i. X is Poisson-binomial: per group of equal n it is Binomial(m, 1/n) (pmf from
    :func:`math.comb`, in exact fractions); the groups are convolved.
    """
    pmf = [Fraction(1)]
    for n in sorted(set(n_options)):
        m = sum(1 for x in n_options if x == n)
        p = Fraction(1, max(n, 1))
        group = [math.comb(m, k) * p**k * (1 - p) ** (m - k) for k in range(m + 1)]
        out = [Fraction(0)] * (len(pmf) + m)
        for i, a in enumerate(pmf):
            for k, b in enumerate(group):
                out[i + k] += a * b
        pmf = out
    return float(sum(pmf[max(hits, 0):], Fraction(0)))


# --------------------------------------------------------------------------- bank walking


def _questions(raw: Any) -> Iterator[tuple[str, Mapping]]:
    """(section id, question mapping) for every question of a raw bank."""
    for section in raw.get("sections") or [] if isinstance(raw, Mapping) else []:
        if isinstance(section, Mapping):
            for q in section.get("questions") or []:
                if isinstance(q, Mapping):
                    yield str(section.get("id", "")), q


def _length(text: Any) -> int:
    return len(" ".join(plain(str(text or "")).split()))


def _norm(text: Any) -> str:
    return " ".join(plain(str(text or "")).casefold().split())


def _options(q: Mapping) -> list[Mapping]:
    return [o for o in q.get("options") or [] if isinstance(o, Mapping)]


def _check_options(report: BankReport, qid: str, q: Mapping) -> None:
    options = _options(q)
    seen: set[str] = set()
    for i, opt in enumerate(options, start=1):
        if q.get("type") in ("single", "multiple") and not opt.get("correct") \
                and not str(opt.get("feedback") or "").strip():
            report.add(qid, f"wrong option {i} ({_short(opt.get('text'))}) has no feedback")
        key = _norm(opt.get("text"))
        if key in seen:
            report.add(qid, f"two options have the same text ({_short(opt.get('text'))})")
        seen.add(key)
    if q.get("type") != "single" or len(options) < 2:
        return
    keys = [_length(o.get("text")) for o in options if o.get("correct")]
    wrong = [_length(o.get("text")) for o in options if not o.get("correct")]
    if len(keys) != 1 or not wrong:
        return
    report.singles.append((qid, len(options), keys[0] > max(wrong)))
    report.shortest.append((qid, len(options), keys[0] < min(wrong)))
    if keys[0] > MAX_RATIO * max(wrong):
        report.add(qid, f"the correct option is {keys[0] / max(wrong):.3f}x as long as the "
                        f"longest wrong one (limit {MAX_RATIO}x): balance the lengths")


def _short(text: Any, limit: int = 40) -> str:
    text = " ".join(str(text or "").split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _feedback_texts(q: Mapping) -> Iterator[tuple[str, str]]:
    for key in ("explanation", "feedback_incorrect"):
        if q.get(key):
            yield key, str(q[key])
    for i, opt in enumerate(_options(q), start=1):
        if opt.get("feedback"):
            yield f"options[{i}].feedback", str(opt["feedback"])
    for i, m in enumerate(q.get("mistakes") or [], start=1):
        if isinstance(m, Mapping) and m.get("feedback"):
            yield f"mistakes[{i}].feedback", str(m["feedback"])


def unwritten_lessons(root: Path) -> set[str]:
    """Lesson numbers of ``root/course.yml`` whose notebook does not exist (in preparation)."""
    path = root / "course.yml"
    if not path.exists():
        from pharmacourse import course

        root, path = course.ROOT, course.ROOT / "course.yml"
    rows = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("lessons") or []
    out = set()
    for row in rows:
        written = (root / "notebooks" / f"{row.get('slug')}.ipynb").exists()
        if not written or str(row.get("status", "")).lower() in ("in preparation", "planned"):
            out.add(str(row.get("number")))
    return out


def _check_lesson_refs(report: BankReport, qid: str, q: Mapping, unwritten: set[str]) -> None:
    for where, text in _feedback_texts(q):
        for match in _LESSON_REF.finditer(plain(text)):
            missing = sorted(set(re.findall(r"\d{2}[a-z]?", match.group(1))) & unwritten)
            if missing:
                report.add(qid, f"{where} sends the learner to lesson {', '.join(missing)}, which "
                                "is not written yet: say \"a later lesson\"")


# --------------------------------------------------------------------------- numbers


def numbers_in(text: str, percent: bool | None = None) -> list[float]:
    """Every number written in ``text`` (thousands commas and a minus sign understood).

    ``percent``: True keeps only numbers written with "%", False drops them, None keeps all.
    """
    out = []
    for match in _NUMBER.finditer(text):
        if _LABEL.search(text[max(0, match.start() - 12):match.start()]):
            continue
        if percent is not None and bool(match.group(1)) != percent and match.group(1):
            continue
        token = match.group(0).removesuffix(match.group(1) or "").replace(",", "")
        token = token.replace("−", "-")
        try:
            out.append(float(token))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
    return out


def _within(value: float, expected: float, tolerance: Mapping) -> bool:
    slack = 1e-9 * max(1.0, abs(expected))
    if tolerance.get("absolute") is not None:
        return abs(value - expected) <= float(tolerance["absolute"]) + slack
    return abs(value - expected) <= float(tolerance.get("relative") or 0) * abs(expected) + slack


def _output_text(output: Mapping) -> str:
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return "".join(text) if isinstance(text, list) else str(text)
    data = output.get("data") or {}

    def get(kind: str) -> str:
        value = data.get(kind, "")
        return "".join(value) if isinstance(value, list) else str(value)

    if "text/html" in data:
        return html.unescape(_TAG.sub(" ", _ROW_LABEL.sub(" ", get("text/html"))))
    if "text/markdown" in data:
        return get("text/markdown")
    if any(k.startswith("image/") for k in data):
        return ""  # the text/plain of a figure is "<Figure size 640x480 ...>"
    return get("text/plain")


def cells_above(notebook: Path, lesson: str, section: str, question: str) -> list[str] | None:
    """Stored text outputs of the code cells just above the cell that shows ``question``.

    None if no cell shows it (the question is not displayed in the lesson).
    """
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return None
    code = [c for c in cells if c.get("cell_type") == "code"]
    for i, cell in enumerate(code):
        for match in _SHOW.finditer("".join(cell.get("source", ""))):
            if match.group(1) == lesson and match.group(2) in (None, section, question):
                above = [c for c in code[max(0, i - CELLS_ABOVE):i]  # another quiz's preview
                         if not _SHOW.search("".join(c.get("source", "")))]  # is no give-away
                return [_output_text(o) for c in above for o in c.get("outputs", [])]
    return None


def _expected_values(raw: Mapping, source: str, report: BankReport) -> dict[str, float]:
    """Question id -> expected answer in its unit, as the engine grades (numeric questions)."""
    from pharmacourse.quiz.grading import expected_quantity
    from pharmacourse.quiz.schema import QuizBankError, parse_bank

    def strip(node: Any) -> Any:
        if isinstance(node, Mapping):
            return {k: strip(v) for k, v in node.items() if k != WAIVER}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    try:
        bank = parse_bank(strip(raw), source=source)
    except QuizBankError as exc:
        report.add("", f"does not validate, numeric answers not checked: {exc}")
        return {}
    out = {}
    for q in bank.questions.values():
        if q.type == "numeric":
            try:
                out[q.id] = float(expected_quantity(q).to(q.unit).magnitude)
            except Exception as exc:  # a broken data lookup is the validator's job
                report.add(q.id, f"expected answer cannot be computed: {exc}")
    return out


def _check_number(report: BankReport, qid: str, q: Mapping, expected: float,
                  above: list[str] | None) -> None:
    tolerance = q.get("tolerance") if isinstance(q.get("tolerance"), Mapping) else {}
    places = [("its stem", str(q.get("stem", "")))]
    places += [(f"option {i}", str(o.get("text", ""))) for i, o in enumerate(_options(q), 1)]
    places += [("the stored output of the cells above its quiz cell", t) for t in above or []]
    percent = None if q.get("unit") in ("percent", "%") else False  # "68 %" is not 68 h
    for where, text in places:
        hits = [v for v in numbers_in(plain(text), percent) if _within(v, expected, tolerance)]
        if hits:
            report.add(qid, f"the answer {expected:.4g} {q.get('unit', '')} appears in {where} "
                            f"(as {hits[0]:g}): ask for a step the learner must take")
            return


# --------------------------------------------------------------------------- driver


def lint_bank(path: Path, unwritten: set[str] | None = None) -> BankReport:
    """Lint one bank file; never raises on a bad bank (that is a finding)."""
    path = Path(path)
    from pharmacourse.quiz.schema import display_path

    report = BankReport(display_path(path))
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        report.add("", f"cannot be read as YAML: {exc}")
        return report
    if not isinstance(raw, Mapping):
        report.add("", "is not a bank (a mapping with lesson and sections)")
        return report
    root = path.resolve().parent.parent
    unwritten = unwritten_lessons(root) if unwritten is None else unwritten
    lesson = str(raw.get("lesson", path.stem))
    notebook = root / "notebooks" / f"{lesson}.ipynb"
    numeric = any(q.get("type") == "numeric" for _, q in _questions(raw))
    expected = _expected_values(raw, report.source, report) if numeric else {}
    for section, q in _questions(raw):
        qid = str(q.get("id", "?"))
        if q.get(WAIVER):
            report.info.append(f"question {qid!r} waived: {q[WAIVER]}")
            continue
        _check_options(report, qid, q)
        _check_lesson_refs(report, qid, q, unwritten)
        if qid in expected:
            above = cells_above(notebook, lesson, section, qid) if notebook.exists() else None
            _check_number(report, qid, q, expected[qid], above)
    longest = sum(1 for _, _, hit in report.singles if hit)
    if report.singles:
        chance = sum(1 / n for _, n, _ in report.singles)
        report.info.append(f"the key is the longest option in {longest} of {len(report.singles)} "
                           f"single-choice questions (chance: {chance:.1f})")
    return report


def lint(paths: Iterable[Path]) -> tuple[list[BankReport], list[tuple[bool, str]]]:
    """Lint banks; return the per-bank reports and the course-wide lines (failed?, text).

    The length test runs across all ``paths`` together (the course, when linting every bank).
    """
    reports = [lint_bank(Path(p)) for p in paths]
    course: list[tuple[bool, str]] = []
    for word, singles, advice in (
            ("longest", [s for r in reports for s in r.singles],
             "shorten keys or lengthen distractors"),
            ("shortest", [s for r in reports for s in r.shortest],
             "lengthen keys or shorten distractors")):
        if len(singles) < MIN_QUESTIONS:
            continue
        hits = sum(1 for _, _, hit in singles if hit)
        p = longest_key_p_value([n for _, n, _ in singles], hits)
        line = (f"the key is the {word} option in {hits} of {len(singles)} single-choice "
                f"questions (chance: {sum(1 / n for _, n, _ in singles):.1f}; one-sided exact "
                f"p = {p:.2g})")
        failed = p < ALPHA
        course.append((failed, f"{line} < {ALPHA}: {advice}" if failed else f"{line} >= {ALPHA}"))
    return reports, course


def main(paths: Sequence[Path], out: Any = None, err: Any = None) -> int:
    """The ``lint`` command: print every report; exit status 1 on any finding."""
    import sys

    out, err = out or sys.stdout, err or sys.stderr
    if not paths:
        print("no banks found", file=err)
        return 1
    reports, course = lint(paths)
    for report in reports:
        status = "FAIL" if report.findings else "ok  "
        print(f"{status} {report.source}", file=out)
        for line in report.info:
            print(f"       {line}", file=out)
        for finding in report.findings:
            print(f"  - {finding}", file=out)
    for failed, line in course:
        print(f"{'FAIL' if failed else 'ok  '} course: {line}", file=out)
    return 1 if any(f for f, _ in course) or any(r.findings for r in reports) else 0
