"""Quiz banks: load a YAML file, validate it, and turn it into immutable question objects.

The schema is documented for instructors in ``quizzes/README.md``. Every fault raises one
:class:`QuizBankError` that names the file, the question id and the field, and says how to fix it.
Named functions (``answer: {function: pharmacourse.pk.half_life_h}``) are resolved with importlib
inside the ``pharmacourse.`` namespace only (never ``eval``) and checked at load time; data
lookups (``answer: {data: {...}}``) are checked for shape at load time and resolved at grade time.
"""

from __future__ import annotations

import contextlib
import difflib
import inspect
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pharmacourse import units
from pharmacourse.quiz.bankfile import display_path, read_yaml  # noqa: F401 - re-exported
from pharmacourse.quiz.model import (  # noqa: F401 - re-exported: the public home of the types
    DEFAULT_TRIES_BEFORE_REVEAL,
    GRADED_TYPES,
    TYPES,
    Bank,
    Mistake,
    Option,
    Parameter,
    Question,
    QuizBankError,
    Section,
    Tolerance,
    ValueSpec,
    resolve_function,
)

#: Options offered for a prediction when the bank lists none (the verdict words of the claim list).
DEFAULT_PREDICTION_OPTIONS = (
    "Supported",
    "Partly supported",
    "Not supported or contradicted",
    "I don't know yet",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CLAIM_ID = re.compile(r"^[a-z0-9_-]{1,20}$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

_COMMON = {"id", "type", "stem", "explanation", "tries_before_reveal", "lint_ok"}
_NUMERIC = _COMMON | {"unit", "answer", "tolerance", "mistakes", "molar_mass", "feedback_incorrect"}
ORDERS = ("shuffle", "fixed")
#: The fields each kind of mapping may have, keyed by its name in ``quizzes/schema.json``'s
#: ``$defs`` (a test checks that the schema lists exactly these).
FIELDS: dict[str, set[str]] = {
    "bank": {"lesson", "title", "tries_before_reveal", "sections"},
    "section": {"id", "title", "intro", "questions"},
    "single": _COMMON | {"options", "order"},
    "multiple": _COMMON | {"options", "order"},
    "numeric": _NUMERIC,
    "parameterised": _NUMERIC | {"parameters", "seed"},
    "prediction": {"id", "type", "stem", "explanation", "claim", "options", "lint_ok"},
    "option": {"id", "text", "correct", "feedback", "misconception", "last"},
    "mistake": {"value", "range", "function", "args", "unit", "tolerance", "feedback"},
    "tolerance": {"absolute", "relative"},
    "parameter": {"min", "max", "decimals", "choices"},
    "literal": {"value", "unit"},
    "function": {"function", "args", "unit"},
    "data": {"data", "unit"},
    "lookup": {"resource", "where", "field", "unit_field"},
    "compound": {"compound"},
}
_AT_LEAST_1 = "must be a whole number of at least 1"


# --------------------------------------------------------------------------- YAML loading


def load_bank_file(path: str | Path) -> Bank:
    """Read and validate one bank file; raise :class:`QuizBankError` on any fault."""
    raw, source = read_yaml(Path(path))
    return parse_bank(raw, source=source, expected_lesson=Path(path).stem)


# --------------------------------------------------------------------------- validation


class _Ctx:
    def __init__(self, source: str) -> None:
        self.source = source
        self.question: str | None = None

    def fail(self, field: str | None, message: str) -> QuizBankError:
        return QuizBankError(self.source, message, self.question, field)


def _fields(ctx: _Ctx, raw: Any, key: str, allowed: set[str], where: str,
            hint: str = "") -> Mapping:
    """``raw`` must be a mapping (else ``hint``) whose fields are all in ``allowed``."""
    if not isinstance(raw, Mapping):
        raise ctx.fail(key or None, hint)
    for name in raw:
        if name not in allowed:
            close = difflib.get_close_matches(str(name), sorted(allowed), n=1)
            extra = (f"did you mean '{close[0]}'?" if close
                     else f"allowed: {', '.join(sorted(allowed))}")
            raise ctx.fail(f"{key}.{name}" if key else str(name),
                           f"unknown field for {where}; {extra}")
    return raw


def _one_of(ctx: _Ctx, raw: Mapping, kinds: tuple[str, ...], key: str) -> str:
    found = [k for k in kinds if k in raw]
    if len(found) != 1:
        raise ctx.fail(key, f"give exactly one of {', '.join(kinds[:-1])} or {kinds[-1]}")
    return found[0]


def _id(ctx: _Ctx, value: Any, key: str, how: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ctx.fail(key, f"missing or not a valid id ({value!r}); {how}")
    return value


def _require(ctx: _Ctx, raw: Mapping, key: str, how: str) -> Any:
    if key not in raw:
        raise ctx.fail(key, f"missing; {how}")
    return raw[key]


def _text(ctx: _Ctx, data: Mapping, key: str, *, required: bool, prefix: str = "") -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ctx.fail(prefix + key, "missing; write the text for it")
        return None
    if isinstance(value, bool):
        raise ctx.fail(prefix + key, "YAML read this as true/false; put the text in quotes")
    value = str(value) if isinstance(value, (int, float)) else value
    if not isinstance(value, str) or not value.strip():
        raise ctx.fail(prefix + key, "must be non-empty text")
    return value.strip()


def _number(ctx: _Ctx, value: Any, key: str) -> float:
    number = math.nan  # PyYAML reads 1.5e3 (no sign in the exponent) as text: accept it
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        with contextlib.suppress(ValueError, OverflowError):
            number = float(value)
    if not math.isfinite(number):
        raise ctx.fail(key, f"must be a number (finite), got {value!r}")
    return number


def _choice(ctx: _Ctx, value: Any, choices: tuple[str, ...], key: str) -> str:
    if value not in choices:
        hint = difflib.get_close_matches(str(value), choices, n=1)
        extra = f"; did you mean '{hint[0]}'?" if hint else ""
        raise ctx.fail(key, f"unknown {key} {value!r}; use one of {', '.join(choices)}{extra}")
    return value


def _whole(ctx: _Ctx, value: Any, key: str, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ctx.fail(key, message)
    return value


def _unit(ctx: _Ctx, value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ctx.fail(key, "must be a unit such as 'h', 'ng/mL' or 'dimensionless'")
    try:
        units.ureg.Unit(value)
    except Exception as exc:  # pint raises several error types for bad units
        raise ctx.fail(key, f"unknown unit {value!r} ({type(exc).__name__})") from None
    return value.strip()


def _value_spec(ctx: _Ctx, raw: Any, key: str, *, default_unit: str | None) -> ValueSpec:
    if isinstance(raw, (int, float, str)) and not isinstance(raw, bool):
        return ValueSpec("literal", value=_number(ctx, raw, key), unit=default_unit)
    if not isinstance(raw, Mapping):
        raise ctx.fail(key, "must be a number, {value: ...}, {data: ...} or {function: ...}")
    kind = _one_of(ctx, raw, ("value", "data", "function"), key)
    unit = _unit(ctx, raw["unit"], f"{key}.unit") if "unit" in raw else default_unit
    if kind == "value":
        _fields(ctx, raw, key, FIELDS["literal"], key)
        return ValueSpec("literal", value=_number(ctx, raw["value"], f"{key}.value"), unit=unit)
    if kind == "function":
        _fields(ctx, raw, key, FIELDS["function"], key)
        args = raw.get("args") or {}
        if not isinstance(args, Mapping):
            raise ctx.fail(f"{key}.args", "must be a mapping of argument names to values")
        try:
            resolve_function(raw["function"])
        except ValueError as exc:
            raise ctx.fail(f"{key}.function", str(exc)) from None
        return ValueSpec("function", unit=unit, function=raw["function"], args=dict(args))
    _fields(ctx, raw, key, FIELDS["data"], key)
    data = _fields(ctx, raw["data"], f"{key}.data", FIELDS["lookup"], "a data lookup",
                   "must be {resource: ..., where: {...}, field: ...}")
    for part in ("resource", "field"):
        if not isinstance(data.get(part), str) or not data[part]:
            raise ctx.fail(f"{key}.data.{part}", "missing; name the data resource and column")
    where = data.get("where") or {}
    if not isinstance(where, Mapping) or not where:
        raise ctx.fail(f"{key}.data.where",
                       "must select exactly one row, e.g. {study_id: tanna2022, parameter: t_half}")
    return ValueSpec("data", unit=unit, data=dict(data))


def _tolerance(ctx: _Ctx, raw: Any, key: str = "tolerance") -> Tolerance:
    _fields(ctx, raw, key, FIELDS["tolerance"], "a tolerance",
            "must be {absolute: 0.5} (in the question's unit) or {relative: 0.05} (a fraction)")
    if _one_of(ctx, raw, ("absolute", "relative"), key) == "absolute":
        value = _number(ctx, raw["absolute"], f"{key}.absolute")
        if value < 0:
            raise ctx.fail(f"{key}.absolute", "must not be negative")
        return Tolerance(absolute=value)
    value = _number(ctx, raw["relative"], f"{key}.relative")
    if not 0 <= value < 1:
        raise ctx.fail(f"{key}.relative", "must be a fraction between 0 and 1 (0.05 means 5 %)")
    return Tolerance(relative=value)


def _options(ctx: _Ctx, data: Mapping, qtype: str) -> tuple[Option, ...]:
    raw = data.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        raise ctx.fail("options", "give a list of at least two options")
    ids: dict[str, str] = {}
    for i, item in enumerate(raw, start=1):
        key = f"options[{i}]"
        _fields(ctx, item, key, FIELDS["option"], "an option",
                "each option is {id: ..., text: ..., correct: true/false, feedback: ...}")
        for flag in ("correct", "last"):
            if not isinstance(item.get(flag, False), bool):
                raise ctx.fail(f"{key}.{flag}", "must be true or false")
        oid = _id(ctx, item.get("id"), f"{key}.id", "give the option a short slug such as "
                  "occupancy (scripts/add_option_ids.py adds them)")
        _unique(ctx, ids, oid, "an option of this question", f"{key}.id")
    n_correct = sum(item.get("correct", False) for item in raw)
    if n_correct == 0:
        raise ctx.fail("options", "no option is marked correct: true")
    if qtype == "single" and n_correct > 1:
        raise ctx.fail("options", f"{n_correct} options are correct; a single-choice question "
                                  "has exactly one (use type: multiple for several)")
    if sum(item.get("last", False) for item in raw) > 1:
        raise ctx.fail("options", "only one option can be pinned with last: true")
    options = [Option(oid, _text(ctx, item, "text", required=True, prefix=f"options[{i}].") or "",
                      item.get("correct", False),
                      _text(ctx, item, "feedback", required=not item.get("correct", False),
                            prefix=f"options[{i}]."),
                      _text(ctx, item, "misconception", required=False, prefix=f"options[{i}]."),
                      item.get("last", False))
               for i, (oid, item) in enumerate(zip(ids, raw, strict=True), start=1)]
    texts = [o.text for o in options]
    for text in texts:
        if texts.count(text) > 1:
            raise ctx.fail("options", f"option text {text!r} appears twice")
    return tuple(options)


def _mistakes(ctx: _Ctx, raw: Any, unit: str, param_names: set[str]) -> tuple[Mistake, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ctx.fail("mistakes", "must be a list of {value|range|function, feedback}")
    out = []
    for i, item in enumerate(raw, start=1):
        key = f"mistakes[{i}]"
        _fields(ctx, item, key, FIELDS["mistake"], "a mistake", "each mistake is {value: ..., "
                "feedback: ...} or {range: [low, high], feedback: ...}")
        feedback = _text(ctx, item, "feedback", required=True, prefix=f"{key}.")
        m_unit = _unit(ctx, item["unit"], f"{key}.unit") if "unit" in item else None
        tol = (_tolerance(ctx, item["tolerance"], f"{key}.tolerance")
               if "tolerance" in item else None)
        _one_of(ctx, item, ("value", "range", "function"), key)
        if "range" in item:
            rng = item["range"]
            if not isinstance(rng, list) or len(rng) != 2:
                raise ctx.fail(f"{key}.range", "must be [low, high]")
            low, high = (_number(ctx, v, f"{key}.range") for v in rng)
            if low > high:
                raise ctx.fail(f"{key}.range", f"low {low:g} is above high {high:g}")
            out.append(Mistake(feedback, range=(low, high), unit=m_unit, tolerance=tol))
            continue
        if "function" in item:
            spec_raw = {"function": item["function"], "args": item.get("args") or {}}
            spec = _value_spec(ctx, spec_raw, key, default_unit=m_unit or unit)
            _check_signature(ctx, spec, param_names, f"{key}.function")
        else:
            spec = _value_spec(ctx, item["value"], f"{key}.value", default_unit=m_unit or unit)
        out.append(Mistake(feedback, value=spec, unit=m_unit, tolerance=tol))
    return tuple(out)


def _parameters(ctx: _Ctx, raw: Any) -> tuple[Parameter, ...]:
    if not isinstance(raw, Mapping) or not raw:
        raise ctx.fail("parameters", "give at least one parameter, e.g. "
                                     "{k_per_h: {min: 0.05, max: 0.3, decimals: 3}}")
    out = []
    for name, spec in raw.items():
        key = f"parameters.{name}"
        if not isinstance(name, str) or not name.isidentifier():
            raise ctx.fail(key, "parameter names must be Python identifiers like k_per_h")
        _fields(ctx, spec, key, FIELDS["parameter"], "a parameter",
                "must be {min: ..., max: ..., decimals: ...} or {choices: [...]}")
        decimals = _whole(ctx, spec.get("decimals", 2), f"{key}.decimals", 0, 8,
                          "must be a whole number from 0 to 8")
        if "choices" in spec:
            choices = spec["choices"]
            if not isinstance(choices, list) or not choices:
                raise ctx.fail(f"{key}.choices", "must be a non-empty list of numbers")
            values = tuple(_number(ctx, c, f"{key}.choices") for c in choices)
            out.append(Parameter(name, decimals=decimals, choices=values))
            continue
        if "min" not in spec or "max" not in spec:
            raise ctx.fail(key, "give min and max (or choices)")
        low = _number(ctx, spec["min"], f"{key}.min")
        high = _number(ctx, spec["max"], f"{key}.max")
        if low > high:
            raise ctx.fail(key, f"min {low:g} is above max {high:g}")
        out.append(Parameter(name, low=low, high=high, decimals=decimals))
    return tuple(out)


def _check_signature(ctx: _Ctx, spec: ValueSpec, param_names: set[str], key: str) -> None:
    if spec.kind != "function":
        return
    fn = resolve_function(spec.function or "")
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):  # pragma: no cover - builtins without signature
        return
    names = set(spec.args) | param_names
    try:
        sig.bind(**dict.fromkeys(names, 1.0))
    except TypeError as exc:
        raise ctx.fail(key, f"{spec.function} cannot be called with "
                            f"{sorted(names) or 'no arguments'}: {exc}") from None


def _question(ctx: _Ctx, raw: Any, lesson: str, section: str, default_tries: int,
              index: int) -> Question:
    if not isinstance(raw, Mapping):
        raise ctx.fail(f"questions[{index}]", "each question is a mapping with id, type, stem...")
    qid = ctx.question = _id(ctx, raw.get("id"), f"questions[{index}].id",
                             "use lowercase letters, digits, - and _")
    qtype = _choice(ctx, raw.get("type"), TYPES, "type")
    _fields(ctx, raw, "", FIELDS[qtype], f"a {qtype} question")
    stem = _text(ctx, raw, "stem", required=True)
    explanation = _text(ctx, raw, "explanation", required=qtype in GRADED_TYPES)
    tries = _whole(ctx, raw.get("tries_before_reveal", default_tries), "tries_before_reveal",
                   1, 10**6, _AT_LEAST_1)
    common: dict[str, Any] = dict(id=qid, type=qtype, stem=stem, lesson=lesson, section=section,
                                  source=ctx.source, explanation=explanation,
                                  tries_before_reveal=tries)
    if qtype in ("single", "multiple"):
        return Question(**common, options=_options(ctx, raw, qtype),
                        order=_choice(ctx, raw.get("order", "shuffle"), ORDERS, "order"))
    if qtype == "prediction":
        claim = raw.get("claim")
        if isinstance(claim, bool):
            raise ctx.fail("claim", "YAML read this as true/false; put the claim id in quotes")
        if not isinstance(claim, str) or not _CLAIM_ID.match(claim):
            raise ctx.fail("claim", "missing; give the claim id from data/claims.csv (e.g. d)")
        opts = raw.get("options", DEFAULT_PREDICTION_OPTIONS)
        if not isinstance(opts, (list, tuple)) or len(opts) < 2 or not all(
                isinstance(o, str) and o.strip() for o in opts):
            raise ctx.fail("options", "must be a list of at least two texts (in quotes)")
        return Question(**common, claim=claim, order="fixed",
                        options=tuple(Option(o.strip(), o.strip()) for o in opts))
    # numeric and parameterised
    unit = _unit(ctx, _require(ctx, raw, "unit", "state the unit of the answer ('dimensionless'"
                                                   " if none)"), "unit")
    tolerance = _tolerance(ctx, _require(ctx, raw, "tolerance", "give {absolute: ...} in the "
                                         "question's unit or {relative: 0.05}"))
    _require(ctx, raw, "answer", "give a number, {data: ...} or {function: ...}")
    params: tuple[Parameter, ...] = ()
    seed = 0
    if qtype == "parameterised":
        params = _parameters(ctx, raw.get("parameters"))
        names = {p.name for p in params}
        for found in _PLACEHOLDER.findall(stem):
            if found not in names:
                raise ctx.fail("stem", f"placeholder {{{found}}} is not a parameter")
        if not isinstance(raw["answer"], Mapping) or "function" not in raw["answer"]:
            raise ctx.fail("answer", "a parameterised answer must be {function: pharmacourse...}"
                                     " that takes the parameters as keyword arguments")
        seed = _whole(ctx, raw.get("seed", 0), "seed", -2**63, 2**63, "must be a whole number")
    answer = _value_spec(ctx, raw["answer"], "answer", default_unit=unit)
    _check_signature(ctx, answer, {p.name for p in params}, "answer.function")
    if answer.unit is not None:
        try:
            units.ureg.Quantity(1.0, answer.unit).to(unit)
        except Exception:
            if "molar_mass" not in raw:
                raise ctx.fail("answer.unit", f"{answer.unit} cannot be converted to the question's"
                                              f" unit {unit}") from None
    molar_mass: float | str | None = None
    if "molar_mass" in raw:
        mm = raw["molar_mass"]
        if isinstance(mm, Mapping):
            _fields(ctx, mm, "molar_mass", FIELDS["compound"], "molar_mass")
            if not isinstance(mm.get("compound"), str):
                raise ctx.fail("molar_mass.compound", "name the compound, e.g. mitragynine")
            molar_mass = mm["compound"]
        else:
            molar_mass = _number(ctx, mm, "molar_mass")
            if molar_mass <= 0:
                raise ctx.fail("molar_mass", "must be positive (g/mol)")
    mistakes = _mistakes(ctx, raw.get("mistakes"), unit, {p.name for p in params})
    for i, m in enumerate(mistakes if answer.kind == "literal" else (), start=1):
        expected = units.ureg.Quantity(answer.value, answer.unit).to(unit).magnitude
        same_unit = m.unit is None or units.ureg.Unit(m.unit) == units.ureg.Unit(unit)
        if (m.range is not None and same_unit
                and m.range[0] <= expected <= m.range[1]) or (
                m.value is not None and m.value.kind == "literal" and m.unit is None
                and (m.tolerance or tolerance).allows(m.value.value, expected)):
            raise ctx.fail(f"mistakes[{i}]", "this mistake would catch the correct answer; "
                                             "narrow it or change the value")
    return Question(**common, unit=unit, answer=answer, tolerance=tolerance, mistakes=mistakes,
                    molar_mass=molar_mass,
                    feedback_incorrect=_text(ctx, raw, "feedback_incorrect", required=False),
                    parameters=params, seed=seed)


def _unique(ctx: _Ctx, seen: dict[str, str], new_id: str, kind: str, key: str) -> None:
    if new_id in seen:
        raise ctx.fail(key, f"duplicate id {new_id!r} (already used by {seen[new_id]})")
    seen[new_id] = kind


def parse_bank(raw: Any, *, source: str, expected_lesson: str | None = None) -> Bank:
    """Validate a bank already read from YAML (a mapping) and build the :class:`Bank`."""
    ctx = _Ctx(source)
    _fields(ctx, raw, "", FIELDS["bank"], "a bank", "a bank is a mapping with lesson, title and "
            "sections")
    lesson = raw.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        raise ctx.fail("lesson", "missing; give the lesson slug, e.g. 03-dose-response")
    if expected_lesson is not None and lesson != expected_lesson:
        raise ctx.fail("lesson", f"is {lesson!r} but the file is named {expected_lesson}.yml; "
                                 "they must match")
    title = _text(ctx, raw, "title", required=False) or lesson
    default_tries = _whole(ctx, raw.get("tries_before_reveal", DEFAULT_TRIES_BEFORE_REVEAL),
                           "tries_before_reveal", 1, 10**6, _AT_LEAST_1)
    sections_raw = raw.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        raise ctx.fail("sections", "give a list of sections, each with id, title and questions")
    sections: list[Section] = []
    seen: dict[str, str] = {}
    for i, sraw in enumerate(sections_raw, start=1):
        ctx.question = None
        _fields(ctx, sraw, f"sections[{i}]", FIELDS["section"], "a section",
                "each section is {id, title, questions}")
        sid = _id(ctx, sraw.get("id"), f"sections[{i}].id", "use lowercase letters, digits, - "
                  "and _")
        _unique(ctx, seen, sid, "a section", f"sections[{i}].id")
        stitle = _text(ctx, sraw, "title", required=False, prefix=f"sections[{i}].") or sid
        intro = _text(ctx, sraw, "intro", required=False, prefix=f"sections[{i}].")
        qraw = sraw.get("questions")
        if not isinstance(qraw, list) or not qraw:
            raise ctx.fail(f"sections[{i}].questions", "give a list of at least one question")
        questions = []
        for j, q in enumerate(qraw, start=1):
            ctx.question = None
            question = _question(ctx, q, lesson, sid, default_tries, j)
            _unique(ctx, seen, question.id, "a question", "id")
            questions.append(question)
        sections.append(Section(sid, stitle, tuple(questions), intro))
    return Bank(lesson=lesson, title=title, source=source, sections=tuple(sections))
