"""Pure grading: ``grade(question, response) -> Result``. No widgets, no files, no kernel.

Learner input is untrusted: whatever it is (empty, text in a number field, nan, inf, a huge or
unicode string, ``10**400``, a numpy array, a unit of the wrong dimension), :func:`grade` returns
a :class:`Result` with a short message and never raises. Numbers are parsed with a strict regular
expression (never ``float()`` on raw text, which accepts "1_000", "nan" and non-ASCII digits) and
units with the course's single pint registry, so "12 h", "720 min" and "0.5 d" compare equal.
Before pint sees a unit, its length, its exponents (at most two digits) and its powers (never a
power of a power: pint would compute ``h^9^9^9`` exactly and hang the kernel) are bounded.
Choices are answered by option id (or exact text), never by position.
"""

from __future__ import annotations

import functools
import importlib
import math
import numbers
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pharmacourse import units
from pharmacourse.quiz.model import Mistake, Option, Question, ValueSpec, resolve_function
from pharmacourse.quiz.text import shorten

if TYPE_CHECKING:  # pragma: no cover - pint is imported on first use (see pharmacourse.units)
    import pint

CORRECT, INCORRECT, INVALID, RECORDED, ERROR = (
    "correct", "incorrect", "invalid", "recorded", "error")
ICONS = {CORRECT: "✔", INCORRECT: "✘", INVALID: "⚠", RECORDED: "✎", ERROR: "⚠"}
MAX_ANSWER_CHARS = 80
MAX_CHOICES = 1000  # a multiple-select response with more items is refused, never cut

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPER_RUN = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_NUMBER = re.compile(
    r"""^(?P<num>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?)
        (?:\s*[x×*]\s*10\s*(?:\^|\*\*)\s*(?P<exp>[+-]?[0-9]{1,4}))?
        \s*(?P<unit>.*)$""",
    re.X,
)
_UNIT_OK = re.compile(r"^[A-Za-zμΩ°%()/*.^ 0-9-]{1,40}$")
_POWER = r"(?:\^|\*\*)"
#: A power whose exponent is not a small plain number, a power of a power, or of a group.
_BAD_POWER = re.compile(rf"{_POWER}\s*(?![-+]?\d{{1,2}}(?:\.\d+)?(?![\d.]))"
                        rf"|{_POWER}\s*[-+]?[\d.]+\s*{_POWER}|\)\s*{_POWER}")
#: The widget shows an invalid result as "Check your input: " + its message.
_CHECK_INPUT = "That answer cannot be read; type a number and a unit, for example 12 h."
_DIMENSION_WORDS = {
    "[time]": "a time",
    "1 / [time]": "a rate (per unit of time)",
    "[mass]": "a mass",
    "[substance]": "an amount of substance",
    "[length] ** 3": "a volume",
    "[mass] / [length] ** 3": "a mass concentration (such as ng/mL)",
    "[substance] / [length] ** 3": "an amount concentration (such as nmol/L)",
    "[mass] / [substance]": "a molar mass",
    "[length] ** 3 / [time]": "a clearance (volume per time)",
    "[length] ** 3 / [mass]": "a volume per body mass",
    "[mass] / [mass]": "a ratio",
    "[mass] * [time] / [length] ** 3": "an exposure (AUC, concentration × time)",
    "dimensionless": "a plain number (no unit)",
    "[length]": "a length",
    "[temperature]": "a temperature",
}


class InvalidAnswer(ValueError):
    """The learner's input cannot be graded; the message is shown to them."""


@dataclass(frozen=True)
class Result:
    """The outcome of grading one response.

    Attributes:
        status: ``correct``, ``incorrect``, ``invalid`` (not counted as a try), ``recorded``
            (an ungraded prediction) or ``error`` (the bank cannot be checked, e.g. data missing).
        message: a short headline in plain text (may echo learner text: escape before display).
        feedback: bank texts (option feedback, mistake feedback) in the bank's inline markup.
        explanation: the question's explanation, given with a correct answer.
    """

    status: str
    message: str
    feedback: tuple[str, ...] = ()
    explanation: str | None = None
    mistake: int | None = None  # 1-based index of the matched ``mistakes:`` entry
    value: float | None = None  # a numeric answer, in the question's unit

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def counts_as_try(self) -> bool:
        return self.status in (CORRECT, INCORRECT)

    @property
    def icon(self) -> str:
        return ICONS[self.status]


@dataclass(frozen=True)
class ParsedAnswer:
    quantity: pint.Quantity
    unit_given: bool
    text: str = field(default="")


# --------------------------------------------------------------------------- parameters


def draw_parameters(question: Question, seed: int | None = None) -> dict[str, float]:
    """Draw the numbers of a parameterised question, reproducibly from ``seed``.

    The same (question id, seed) always gives the same numbers; values are rounded to the
    parameter's ``decimals`` so that the learner sees exactly the numbers that are graded.
    """
    if not question.parameters:
        return {}
    seed = question.seed if seed is None else seed
    rng = random.Random(f"{question.lesson}/{question.id}/{seed}")
    out: dict[str, float] = {}
    for p in question.parameters:
        value = rng.choice(p.choices) if p.choices else rng.uniform(p.low, p.high)  # type: ignore[arg-type]
        value = round(float(value), p.decimals)
        out[p.name] = int(value) if p.decimals == 0 else value
    return out


def format_parameter(question: Question, name: str, value: float) -> str:
    decimals = next((p.decimals for p in question.parameters if p.name == name), 2)
    return f"{value:.{decimals}f}"


# --------------------------------------------------------------------------- expected values


def _data_module() -> Any:
    return importlib.import_module("pharmacourse.data")


def _lookup_data(spec: ValueSpec) -> pint.Quantity:
    data = dict(spec.data or {})
    resource, column, where = data["resource"], data["field"], dict(data.get("where") or {})
    try:
        frame = _data_module().load(resource)
    except Exception as exc:
        raise LookupError(f"data resource {resource!r} could not be loaded: {exc}") from exc
    mask = None
    for key, wanted in where.items():
        if key not in frame.columns:
            raise LookupError(f"data resource {resource!r} has no column {key!r}")
        hit = frame[key].astype(str) == str(wanted)
        mask = hit if mask is None else mask & hit
    rows = frame[mask] if mask is not None else frame
    if len(rows) != 1:
        raise LookupError(f"data lookup in {resource!r} where {where} matched {len(rows)} rows, "
                          "not exactly 1")
    if column not in rows.columns:
        raise LookupError(f"data resource {resource!r} has no column {column!r}")
    value = float(rows.iloc[0][column])
    unit_field = data.get("unit_field") or ("unit" if "unit" in rows.columns else None)
    unit = None
    if unit_field and unit_field in rows.columns:
        unit = str(rows.iloc[0][unit_field])
    if not unit:
        unit = (getattr(frame, "attrs", {}) or {}).get("units", {}).get(column) or spec.unit
    return units.ureg.Quantity(value, unit)


def value_of(spec: ValueSpec, params: Mapping[str, float] | None = None) -> pint.Quantity:
    """The quantity a :class:`ValueSpec` stands for (literal, data lookup or named function)."""
    if spec.kind == "literal":
        return units.ureg.Quantity(spec.value, spec.unit)
    if spec.kind == "data":
        return _lookup_data(spec)
    fn = resolve_function(spec.function or "")
    result = fn(**{**dict(spec.args), **dict(params or {})})
    if isinstance(result, _pint().Quantity):
        return units.ureg.Quantity(result.magnitude, str(result.units))
    return units.ureg.Quantity(float(result), spec.unit)


@functools.lru_cache(maxsize=512)
def _expected_cached(question: Question, params: tuple) -> pint.Quantity:
    q = value_of(question.answer, dict(params))  # type: ignore[arg-type]
    return units.ureg.Quantity(_convert(q, question.unit, question), question.unit)


def expected_quantity(question: Question,
                      params: Mapping[str, float] | None = None) -> pint.Quantity:
    """The correct answer of a numeric question, in the question's unit."""
    return _expected_cached(question, tuple(sorted((params or {}).items())))


def _molar_mass(question: Question) -> float | None:
    mm = question.molar_mass
    if mm is None or isinstance(mm, float):
        return mm
    return float(_data_module().molar_mass(mm))


def _pint() -> Any:
    """The pint module, imported on first use (never at import: see pharmacourse.units)."""
    import pint

    return pint


def _dimensionality_error() -> type[Exception]:
    return _pint().DimensionalityError


def _convert(q: pint.Quantity, unit: str | None, question: Question) -> float:
    """Magnitude of ``q`` in ``unit``; via the molar mass for nmol/L <-> ng/mL if one is given."""
    try:
        return float(q.to(unit).magnitude)
    except _dimensionality_error():
        mm = _molar_mass(question)
        if mm is None:
            raise
        with units.ureg.context("chemistry", mw=mm * units.ureg("g/mol")):
            return float(q.to(unit).magnitude)


# --------------------------------------------------------------------------- parsing


def describe_dimension(q: pint.Quantity | pint.Unit) -> str:
    dim = str(q.dimensionality)
    return _DIMENSION_WORDS.get(dim, f"a quantity of dimension {dim}")


def parse_answer(text: Any, default_unit: str | None) -> ParsedAnswer:
    """Parse learner text such as "12 h", "720 min", "3.5e2 ng/mL" or "1.2 × 10^3 nmol/L".

    A bare number is read in ``default_unit``. Raises :class:`InvalidAnswer` with a short message.
    """
    if isinstance(text, bool) or text is None:
        raise InvalidAnswer("Type an answer first.")
    if isinstance(text, numbers.Real):  # int, float and numpy scalars; 10**400 overflows
        try:
            value = float(text)
        except (OverflowError, ValueError, TypeError):
            value = math.inf
        if not math.isfinite(value):
            raise InvalidAnswer("Type a finite number of ordinary size (not nan or infinity).")
        return ParsedAnswer(units.ureg.Quantity(value, default_unit), False,
                            shorten(str(value), 40))
    if not isinstance(text, str):
        raise InvalidAnswer("Type a number, for example 12 h.")
    raw = text.strip()
    if not raw:
        raise InvalidAnswer("Type an answer first.")
    if len(raw) > MAX_ANSWER_CHARS:
        raise InvalidAnswer(f"That answer is too long; type a number and a unit "
                            f"(at most {MAX_ANSWER_CHARS} characters).")
    norm = _SUPER_RUN.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), raw)
    norm = unicodedata.normalize("NFKC", norm)
    norm = norm.replace("−", "-").replace("·", "*").replace("⋅", "*").replace("µ", "μ")
    if "," in norm:
        raise InvalidAnswer("Use a point for decimals and no thousands separators "
                            "(12700 or 0.5, not 12,700 or 0,5).")
    m = _NUMBER.match(norm)
    if not m:
        low = norm.lower()
        if re.match(r"^[+-]?(nan|inf|infinity)\b", low):
            raise InvalidAnswer("Type a finite number (not nan or infinity).")
        raise InvalidAnswer("Start with a number, then the unit, for example 12 h.")
    exponent = int(m.group("exp")) if m.group("exp") else 0
    try:
        value = float(m.group("num")) * 10.0 ** exponent
    except OverflowError:
        value = math.inf
    if not math.isfinite(value) or (value != 0 and abs(value) < 1e-300):
        raise InvalidAnswer("That number is too large or too small to check; "
                            "type an ordinary number.")
    unit_text = m.group("unit").strip()
    if not unit_text:
        return ParsedAnswer(units.ureg.Quantity(value, default_unit), False, raw)
    if _BAD_POWER.search(unit_text):
        raise InvalidAnswer("Powers of units are small whole numbers, one at a time (m^3, h^-1); "
                            "type a number and a unit, for example 12 h.")
    if not _UNIT_OK.match(unit_text) or re.search(r"[0-9]{3,}", unit_text):
        raise InvalidAnswer("The unit is not one I know; try h, min, d, ng/mL, nmol/L, mg or L.")
    try:
        unit = units.ureg.parse_units(unit_text.replace("^", "**"))
    except Exception:  # pint raises many types (UndefinedUnitError, TokenError, ...)
        raise InvalidAnswer("The unit is not one I know; try h, min, d, ng/mL, nmol/L, "
                            "mg or L.") from None
    return ParsedAnswer(units.ureg.Quantity(value, unit), True, raw)


# --------------------------------------------------------------------------- grading


def grade(question: Question, response: Any, params: Mapping[str, float] | None = None) -> Result:
    """Grade one response to one question. Never raises for any learner ``response``.

    Responses: single choice and prediction: the option ``id`` (or its exact text); multiple
    select: an iterable of option ids (duplicates count once); numeric and parameterised: the
    text typed (or a number). Positions are never used: the options are shown shuffled.
    ``params`` are the drawn numbers of a parameterised question (default:
    :func:`draw_parameters` with the question's seed).
    """
    try:
        if getattr(response, "ndim", None) == 0 and callable(getattr(response, "item", None)):
            response = response.item()  # a 0-d numpy array stands for its one value
        if question.type in ("single", "prediction"):
            return _grade_single(question, response)
        if question.type == "multiple":
            return _grade_multiple(question, response)
        if question.type == "parameterised" and params is None:
            params = draw_parameters(question)
        return _grade_numeric(question, response, params or {})
    except InvalidAnswer as exc:
        return Result(INVALID, str(exc))
    except Exception:  # a safety net: learner input must never reach the notebook as an error
        return Result(INVALID, _CHECK_INPUT)


def _choice(question: Question, response: Any) -> Option:
    """The option a response names, by id or by exact text."""
    if response is None or (isinstance(response, str) and not response.strip()):
        raise InvalidAnswer("Choose an option first.")
    if isinstance(response, str):
        wanted = response.strip()
        for option in question.options:
            if wanted in (option.id, option.text):
                return option
    raise InvalidAnswer("Choose one of the options shown.")


def _grade_single(question: Question, response: Any) -> Result:
    option = _choice(question, response)
    if question.type == "prediction":
        return Result(RECORDED, f"Prediction saved: {option.text}.",
                      explanation=question.explanation)
    if option.correct:
        extra = (option.feedback,) if option.feedback else ()
        return Result(CORRECT, "Correct.", extra, question.explanation)
    return Result(INCORRECT, "Not yet.", (option.feedback or "",))


def _grade_multiple(question: Question, response: Any) -> Result:
    if response is None or isinstance(response, (str, bytes, Mapping)) or not isinstance(
            response, Iterable):
        raise InvalidAnswer("Tick at least one option.")
    items: list[Any] = []
    try:
        for item in response:  # a 0-d numpy array raises TypeError here
            items.append(item)
            if len(items) > MAX_CHOICES:
                raise InvalidAnswer("Tick each option at most once.")
    except TypeError:
        raise InvalidAnswer("Tick at least one option.") from None
    chosen = {_choice(question, item).id for item in items}  # a set: duplicates count once
    if not chosen:
        raise InvalidAnswer("Tick at least one option.")
    correct = {o.id for o in question.options if o.correct}
    wrong = [o for o in question.options if o.id in chosen - correct]  # in authored order
    if not wrong and chosen == correct:
        return Result(CORRECT, "Correct: you ticked every correct option and no wrong one.",
                      (), question.explanation)
    feedback = tuple(o.feedback or "" for o in wrong)
    missing = len(correct - chosen)
    if wrong and missing:
        message = (f"Not yet: {len(wrong)} ticked option(s) are wrong, and at least one correct "
                   "option is still unticked.")
    elif wrong:
        message = f"Not yet: {len(wrong)} ticked option(s) are wrong."
    else:
        message = ("Not yet: everything you ticked is right, but at least one correct option "
                   "is missing.")
    return Result(INCORRECT, message, feedback)


def _mistake_match(question: Question, mistake: Mistake, parsed: ParsedAnswer,
                   params: Mapping[str, float]) -> bool:
    unit = mistake.unit or question.unit
    try:
        learner = _convert(parsed.quantity, unit, question)
    except _dimensionality_error():
        return False
    if mistake.range is not None:
        return mistake.range[0] <= learner <= mistake.range[1]
    expected = _convert(value_of(mistake.value, params), unit, question)  # type: ignore[arg-type]
    tolerance = mistake.tolerance or question.tolerance
    return tolerance.allows(learner, expected)  # type: ignore[union-attr]


def _grade_numeric(question: Question, response: Any, params: Mapping[str, float]) -> Result:
    parsed = parse_answer(response, question.unit)
    try:
        expected = expected_quantity(question, params).magnitude
    except Exception as exc:  # a fault of the bank or data/, not of the learner
        reason = shorten(str(exc), 160)
        return Result(ERROR, f"This question cannot be checked right now ({reason})."
                             " Please tell the course maintainers.")
    try:
        learner = _convert(parsed.quantity, question.unit, question)
    except _dimensionality_error():
        learner = None
    except Exception:  # e.g. offset units in odd combinations
        raise InvalidAnswer("That unit cannot be converted; try the unit the question "
                            "states.") from None
    if learner is not None and not math.isfinite(learner):
        raise InvalidAnswer("That number is too large to check; type an ordinary number.")
    if learner is not None and question.tolerance.allows(learner, expected):  # type: ignore[union-attr]
        return Result(CORRECT, "Correct.", (), question.explanation, value=learner)
    for i, mistake in enumerate(question.mistakes, start=1):
        try:
            hit = _mistake_match(question, mistake, parsed, params)
        except Exception:  # a failing mistake function must not hide the generic feedback
            hit = False
        if hit:
            return Result(INCORRECT, "Not yet.", (mistake.feedback,), mistake=i, value=learner)
    if learner is None:
        wanted = units.ureg.Unit(question.unit)
        raise InvalidAnswer(
            f"That unit gives {describe_dimension(parsed.quantity)}, but this question asks for "
            f"{describe_dimension(wanted)} (in {question.unit}).")
    generic = question.feedback_incorrect or (
        "Check the formula and the unit, then try again.")
    return Result(INCORRECT, "Not yet.", (generic,), value=learner)


def answer_text(question: Question, params: Mapping[str, float] | None = None) -> str:
    """The correct answer in plain words (for "Show answer"), in the bank's inline markup."""
    if question.type == "single":
        return next(o.text for o in question.options if o.correct)
    if question.type == "multiple":
        return "; ".join(o.text for o in question.options if o.correct)
    if question.type == "prediction":
        return ""
    if question.type == "parameterised" and params is None:
        params = draw_parameters(question)
    value = expected_quantity(question, params).magnitude
    return f"{value:.4g} {question.unit} (accepted: {question.tolerance.describe(question.unit)})"  # type: ignore[union-attr]
