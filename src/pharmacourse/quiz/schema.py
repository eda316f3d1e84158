"""Quiz banks: load a YAML file, validate it, and turn it into immutable question objects.

The schema is documented for instructors in ``quizzes/README.md``. Every fault raises one
:class:`QuizBankError` that names the file, the question id and the field, and says how to fix it.
Named functions (``answer: {function: pharmacourse.pk.half_life_h}``) are resolved with importlib
inside the ``pharmacourse.`` namespace only (never ``eval``) and checked at load time; data
lookups (``answer: {data: {...}}``) are checked for shape at load time and resolved at grade time.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pharmacourse.units import ureg

TYPES = ("single", "multiple", "numeric", "parameterised", "prediction")
GRADED_TYPES = ("single", "multiple", "numeric", "parameterised")
DEFAULT_TRIES_BEFORE_REVEAL = 2
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
_NAMESPACE = "pharmacourse."

_COMMON = {"id", "type", "stem", "explanation", "tries_before_reveal"}
_ALLOWED = {
    "single": _COMMON | {"options"},
    "multiple": _COMMON | {"options"},
    "numeric": _COMMON
    | {"unit", "answer", "tolerance", "mistakes", "molar_mass", "feedback_incorrect"},
    "parameterised": _COMMON
    | {"unit", "answer", "tolerance", "mistakes", "molar_mass", "feedback_incorrect",
       "parameters", "seed"},
    "prediction": {"id", "type", "stem", "explanation", "claim", "options"},
}
_OPTION_FIELDS = {"text", "correct", "feedback", "misconception"}
_MISTAKE_FIELDS = {"value", "range", "function", "args", "unit", "tolerance", "feedback"}
_BANK_FIELDS = {"lesson", "title", "tries_before_reveal", "sections"}
_SECTION_FIELDS = {"id", "title", "intro", "questions"}


class QuizBankError(ValueError):
    """A fault in a quiz bank: names the file, the question id and the field."""

    def __init__(self, source: str, message: str, question: str | None = None,
                 field: str | None = None) -> None:
        self.source = source
        self.question = question
        self.field = field
        self.message = message
        where = [str(source)]
        if question:
            where.append(f"question '{question}'")
        if field:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass(frozen=True, eq=False)
class Option:
    text: str
    correct: bool = False
    feedback: str | None = None
    misconception: str | None = None


@dataclass(frozen=True, eq=False)
class Tolerance:
    absolute: float | None = None  # in the question's unit
    relative: float | None = None  # a fraction of the expected value

    def allows(self, value: float, expected: float) -> bool:
        slack = 1e-12 * max(1.0, abs(expected))
        if self.absolute is not None:
            return abs(value - expected) <= self.absolute + slack
        return abs(value - expected) <= (self.relative or 0.0) * abs(expected) + slack

    def describe(self, unit: str) -> str:
        if self.absolute is not None:
            return f"± {self.absolute:g} {unit}"
        return f"± {100 * (self.relative or 0.0):g} %"


@dataclass(frozen=True, eq=False)
class ValueSpec:
    """Where an expected (or mistaken) value comes from: a literal, data/, or a named function."""

    kind: str  # "literal" | "data" | "function"
    value: float | None = None
    unit: str | None = None
    data: Mapping[str, Any] | None = None
    function: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Mistake:
    feedback: str
    value: ValueSpec | None = None
    range: tuple[float, float] | None = None
    unit: str | None = None  # None: the question's unit
    tolerance: Tolerance | None = None  # None: the question's tolerance


@dataclass(frozen=True, eq=False)
class Parameter:
    name: str
    low: float | None = None
    high: float | None = None
    decimals: int = 2
    choices: tuple[float, ...] = ()


@dataclass(frozen=True, eq=False)
class Question:
    id: str
    type: str
    stem: str
    lesson: str
    section: str
    source: str
    explanation: str | None = None
    tries_before_reveal: int = DEFAULT_TRIES_BEFORE_REVEAL
    options: tuple[Option, ...] = ()
    unit: str | None = None
    answer: ValueSpec | None = None
    tolerance: Tolerance | None = None
    mistakes: tuple[Mistake, ...] = ()
    molar_mass: float | str | None = None  # g/mol, or a compound name for pharmacourse.data
    feedback_incorrect: str | None = None
    parameters: tuple[Parameter, ...] = ()
    seed: int = 0
    claim: str | None = None

    @property
    def graded(self) -> bool:
        return self.type in GRADED_TYPES


@dataclass(frozen=True, eq=False)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str | None = None


@dataclass(frozen=True, eq=False)
class Bank:
    lesson: str
    title: str
    source: str
    sections: tuple[Section, ...]

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


# --------------------------------------------------------------------------- YAML loading


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (two ``feedback:`` lines silently lose one)."""


def _mapping_no_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_no_duplicates)


def display_path(path: Path) -> str:
    """A short, stable name for a bank file in messages (relative to the cwd when possible)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def load_bank_file(path: str | Path) -> Bank:
    """Read and validate one bank file; raise :class:`QuizBankError` on any fault."""
    path = Path(path)
    source = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuizBankError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise QuizBankError(source, f"not valid YAML{where}: {problem}") from exc
    return parse_bank(raw, source=source, expected_lesson=path.stem)


# --------------------------------------------------------------------------- validation


class _Ctx:
    def __init__(self, source: str) -> None:
        self.source = source
        self.question: str | None = None

    def fail(self, field: str | None, message: str) -> QuizBankError:
        return QuizBankError(self.source, message, self.question, field)


def _check_fields(ctx: _Ctx, data: Mapping, allowed: set[str], where: str,
                  prefix: str = "") -> None:
    for key in data:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            allowed_list = ", ".join(sorted(allowed))
            extra = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {allowed_list}"
            raise ctx.fail(f"{prefix}{key}", f"unknown field for {where}{extra}")


def _text(ctx: _Ctx, data: Mapping, key: str, *, required: bool, prefix: str = "") -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ctx.fail(prefix + key, "missing; write the text for it")
        return None
    if isinstance(value, bool):
        raise ctx.fail(prefix + key, "YAML read this as true/false; put the text in quotes")
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ctx.fail(prefix + key, "must be non-empty text")
    return value.strip()


def _number(ctx: _Ctx, value: Any, key: str) -> float:
    if isinstance(value, bool):
        raise ctx.fail(key, f"must be a number, got {value!r}")
    if isinstance(value, str):  # PyYAML reads 1.5e3 (no sign in the exponent) as text
        try:
            value = float(value)
        except ValueError:
            raise ctx.fail(key, f"must be a number, got {value!r}") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ctx.fail(key, f"must be a finite number, got {value!r}")
    return float(value)


def _unit(ctx: _Ctx, value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ctx.fail(key, "must be a unit such as 'h', 'ng/mL' or 'dimensionless'")
    try:
        ureg.Unit(value)
    except Exception as exc:  # pint raises several error types for bad units
        raise ctx.fail(key, f"unknown unit {value!r} ({type(exc).__name__})") from None
    return value.strip()


def resolve_function(path: str) -> Callable[..., Any]:
    """Import a callable by dotted path inside the ``pharmacourse.`` namespace (no eval).

    Raises:
        ValueError: if the path is outside the namespace, cannot be imported or is not callable.
    """
    if not isinstance(path, str) or not path.startswith(_NAMESPACE):
        raise ValueError(f"named functions must live in the pharmacourse package, got {path!r}")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+", path):
        raise ValueError(f"{path!r} is not a dotted name like pharmacourse.pk.half_life_h")
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj: Any = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            missing = exc.name or ""
            if module_name == missing or module_name.startswith(missing + "."):
                continue  # try a shorter module path: pharmacourse.pk then pharmacourse
            raise ValueError(f"importing {module_name} failed: {exc}") from exc
        try:
            for attr in parts[cut:]:
                if attr.startswith("_"):
                    raise AttributeError(attr)
                obj = getattr(obj, attr)
        except AttributeError:
            raise ValueError(f"{module_name} has no public attribute "
                             f"{'.'.join(parts[cut:])!r}") from None
        if not callable(obj):
            raise ValueError(f"{path} is not a function")
        return obj
    raise ValueError(f"no module found for {path!r}")


def _value_spec(ctx: _Ctx, raw: Any, key: str, *, default_unit: str | None) -> ValueSpec:
    if isinstance(raw, (int, float, str)) and not isinstance(raw, bool):
        return ValueSpec("literal", value=_number(ctx, raw, key), unit=default_unit)
    if not isinstance(raw, Mapping):
        raise ctx.fail(key, "must be a number, {value: ...}, {data: ...} or {function: ...}")
    kinds = [k for k in ("value", "data", "function") if k in raw]
    if len(kinds) != 1:
        raise ctx.fail(key, "give exactly one of value, data or function")
    kind = kinds[0]
    unit = _unit(ctx, raw["unit"], f"{key}.unit") if "unit" in raw else default_unit
    if kind == "value":
        _check_fields(ctx, raw, {"value", "unit"}, key, f"{key}.")
        return ValueSpec("literal", value=_number(ctx, raw["value"], f"{key}.value"), unit=unit)
    if kind == "function":
        _check_fields(ctx, raw, {"function", "args", "unit"}, key, f"{key}.")
        args = raw.get("args") or {}
        if not isinstance(args, Mapping):
            raise ctx.fail(f"{key}.args", "must be a mapping of argument names to values")
        try:
            resolve_function(raw["function"])
        except ValueError as exc:
            raise ctx.fail(f"{key}.function", str(exc)) from None
        return ValueSpec("function", unit=unit, function=raw["function"], args=dict(args))
    _check_fields(ctx, raw, {"data", "unit"}, key, f"{key}.")
    data = raw["data"]
    if not isinstance(data, Mapping):
        raise ctx.fail(f"{key}.data", "must be {resource: ..., where: {...}, field: ...}")
    _check_fields(ctx, data, {"resource", "where", "field", "unit_field"}, "a data lookup",
                  f"{key}.data.")
    for part in ("resource", "field"):
        if not isinstance(data.get(part), str) or not data[part]:
            raise ctx.fail(f"{key}.data.{part}", "missing; name the data resource and column")
    where = data.get("where") or {}
    if not isinstance(where, Mapping) or not where:
        raise ctx.fail(f"{key}.data.where",
                       "must select exactly one row, e.g. {study_id: tanna2022, parameter: t_half}")
    return ValueSpec("data", unit=unit, data=dict(data))


def _tolerance(ctx: _Ctx, raw: Any, key: str = "tolerance") -> Tolerance:
    if not isinstance(raw, Mapping):
        raise ctx.fail(key, "must be {absolute: 0.5} (in the question's unit) or "
                            "{relative: 0.05} (a fraction)")
    _check_fields(ctx, raw, {"absolute", "relative"}, "a tolerance", f"{key}.")
    if len(raw) != 1:
        raise ctx.fail(key, "give exactly one of absolute or relative")
    if "absolute" in raw:
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
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise ctx.fail(f"options[{i}]", "each option is {text: ..., correct: true/false, "
                                            "feedback: ...}")
        _check_fields(ctx, item, _OPTION_FIELDS, "an option", f"options[{i}].")
        if not isinstance(item.get("correct", False), bool):
            raise ctx.fail(f"options[{i}].correct", "must be true or false")
    n_correct = sum(item.get("correct", False) for item in raw)
    if n_correct == 0:
        raise ctx.fail("options", "no option is marked correct: true")
    if qtype == "single" and n_correct > 1:
        raise ctx.fail("options", f"{n_correct} options are correct; a single-choice question "
                                  "has exactly one (use type: multiple for several)")
    options = []
    for i, item in enumerate(raw, start=1):
        prefix = f"options[{i}]."
        correct = item.get("correct", False)
        text = _text(ctx, item, "text", required=True, prefix=prefix)
        feedback = _text(ctx, item, "feedback", required=not correct, prefix=prefix)
        misconception = _text(ctx, item, "misconception", required=False, prefix=prefix)
        options.append(Option(text, correct, feedback, misconception))
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
        if not isinstance(item, Mapping):
            raise ctx.fail(key, "each mistake is {value: ..., feedback: ...} or "
                                "{range: [low, high], feedback: ...}")
        _check_fields(ctx, item, _MISTAKE_FIELDS, "a mistake", f"{key}.")
        feedback = _text(ctx, item, "feedback", required=True, prefix=f"{key}.")
        m_unit = _unit(ctx, item["unit"], f"{key}.unit") if "unit" in item else None
        tol = (_tolerance(ctx, item["tolerance"], f"{key}.tolerance")
               if "tolerance" in item else None)
        kinds = [k for k in ("value", "range", "function") if k in item]
        if len(kinds) != 1:
            raise ctx.fail(key, "give exactly one of value, range or function")
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
        if not isinstance(spec, Mapping):
            raise ctx.fail(key, "must be {min: ..., max: ..., decimals: ...} or {choices: [...]}")
        _check_fields(ctx, spec, {"min", "max", "decimals", "choices"}, "a parameter", f"{key}.")
        decimals = spec.get("decimals", 2)
        if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 8:
            raise ctx.fail(f"{key}.decimals", "must be a whole number from 0 to 8")
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
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.match(qid):
        raise ctx.fail(f"questions[{index}].id", f"missing or not a valid id ({qid!r}); use "
                                                 "lowercase letters, digits, - and _")
    ctx.question = qid
    qtype = raw.get("type")
    if qtype not in TYPES:
        hint = difflib.get_close_matches(str(qtype), TYPES, n=1)
        extra = f"; did you mean '{hint[0]}'?" if hint else ""
        raise ctx.fail("type", f"unknown type {qtype!r}; use one of {', '.join(TYPES)}{extra}")
    _check_fields(ctx, raw, _ALLOWED[qtype], f"a {qtype} question")
    stem = _text(ctx, raw, "stem", required=True)
    explanation = _text(ctx, raw, "explanation", required=qtype in GRADED_TYPES)
    tries = raw.get("tries_before_reveal", default_tries)
    if isinstance(tries, bool) or not isinstance(tries, int) or tries < 1:
        raise ctx.fail("tries_before_reveal", "must be a whole number of at least 1")
    common: dict[str, Any] = dict(id=qid, type=qtype, stem=stem, lesson=lesson, section=section,
                                  source=ctx.source, explanation=explanation,
                                  tries_before_reveal=tries)
    if qtype in ("single", "multiple"):
        return Question(**common, options=_options(ctx, raw, qtype))
    if qtype == "prediction":
        claim = raw.get("claim")
        if isinstance(claim, bool):
            raise ctx.fail("claim", "YAML read this as true/false; put the claim id in quotes")
        if not isinstance(claim, str) or not _CLAIM_ID.match(claim):
            raise ctx.fail("claim", "missing; give the claim id from data/claims.csv (e.g. d)")
        options = DEFAULT_PREDICTION_OPTIONS
        if "options" in raw:
            opts = raw["options"]
            if (not isinstance(opts, list) or len(opts) < 2
                    or not all(isinstance(o, str) and o.strip() for o in opts)):
                raise ctx.fail("options", "must be a list of at least two texts (in quotes)")
            options = tuple(o.strip() for o in opts)
        return Question(**common, claim=claim, options=tuple(Option(o) for o in options))
    # numeric and parameterised
    if "unit" not in raw:
        raise ctx.fail("unit", "missing; state the unit of the answer ('dimensionless' if none)")
    unit = _unit(ctx, raw["unit"], "unit")
    if "tolerance" not in raw:
        raise ctx.fail("tolerance", "missing; give {absolute: ...} in the question's unit or "
                                    "{relative: 0.05}")
    tolerance = _tolerance(ctx, raw["tolerance"])
    if "answer" not in raw:
        raise ctx.fail("answer", "missing; give a number, {data: ...} or {function: ...}")
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
        seed = raw.get("seed", 0)
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ctx.fail("seed", "must be a whole number")
    answer = _value_spec(ctx, raw["answer"], "answer", default_unit=unit)
    _check_signature(ctx, answer, {p.name for p in params}, "answer.function")
    if answer.unit is not None:
        try:
            ureg.Quantity(1.0, answer.unit).to(unit)
        except Exception:
            if "molar_mass" not in raw:
                raise ctx.fail("answer.unit", f"{answer.unit} cannot be converted to the question's"
                                              f" unit {unit}") from None
    molar_mass: float | str | None = None
    if "molar_mass" in raw:
        mm = raw["molar_mass"]
        if isinstance(mm, Mapping):
            _check_fields(ctx, mm, {"compound"}, "molar_mass", "molar_mass.")
            if not isinstance(mm.get("compound"), str):
                raise ctx.fail("molar_mass.compound", "name the compound, e.g. mitragynine")
            molar_mass = mm["compound"]
        else:
            molar_mass = _number(ctx, mm, "molar_mass")
            if molar_mass <= 0:
                raise ctx.fail("molar_mass", "must be positive (g/mol)")
    mistakes = _mistakes(ctx, raw.get("mistakes"), unit, {p.name for p in params})
    if answer.kind == "literal":
        for i, m in enumerate(mistakes, start=1):
            catches = False
            expected = ureg.Quantity(answer.value, answer.unit).to(unit).magnitude
            if m.range is not None and (m.unit is None or ureg.Unit(m.unit) == ureg.Unit(unit)):
                catches = m.range[0] <= expected <= m.range[1]
            elif m.value is not None and m.value.kind == "literal" and m.unit is None:
                catches = (m.tolerance or tolerance).allows(m.value.value, expected)
            if catches:
                raise ctx.fail(f"mistakes[{i}]", "this mistake would catch the correct answer; "
                                                 "narrow it or change the value")
    return Question(**common, unit=unit, answer=answer, tolerance=tolerance, mistakes=mistakes,
                    molar_mass=molar_mass,
                    feedback_incorrect=_text(ctx, raw, "feedback_incorrect", required=False),
                    parameters=params, seed=seed)


def parse_bank(raw: Any, *, source: str, expected_lesson: str | None = None) -> Bank:
    """Validate a bank already read from YAML (a mapping) and build the :class:`Bank`."""
    ctx = _Ctx(source)
    if not isinstance(raw, Mapping):
        raise ctx.fail(None, "a bank is a mapping with lesson, title and sections")
    _check_fields(ctx, raw, _BANK_FIELDS, "a bank")
    lesson = raw.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        raise ctx.fail("lesson", "missing; give the lesson slug, e.g. 03-dose-response")
    if expected_lesson is not None and lesson != expected_lesson:
        raise ctx.fail("lesson", f"is {lesson!r} but the file is named {expected_lesson}.yml; "
                                 "they must match")
    title = _text(ctx, raw, "title", required=False) or lesson
    default_tries = raw.get("tries_before_reveal", DEFAULT_TRIES_BEFORE_REVEAL)
    if isinstance(default_tries, bool) or not isinstance(default_tries, int) or default_tries < 1:
        raise ctx.fail("tries_before_reveal", "must be a whole number of at least 1")
    sections_raw = raw.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        raise ctx.fail("sections", "give a list of sections, each with id, title and questions")
    sections: list[Section] = []
    seen: dict[str, str] = {}
    for i, sraw in enumerate(sections_raw, start=1):
        ctx.question = None
        if not isinstance(sraw, Mapping):
            raise ctx.fail(f"sections[{i}]", "each section is {id, title, questions}")
        _check_fields(ctx, sraw, _SECTION_FIELDS, "a section", f"sections[{i}].")
        sid = sraw.get("id")
        if not isinstance(sid, str) or not _ID.match(sid):
            raise ctx.fail(f"sections[{i}].id", f"missing or not a valid id ({sid!r})")
        if sid in seen:
            raise ctx.fail(f"sections[{i}].id", f"duplicate id {sid!r} (already used by a "
                                                f"{seen[sid]})")
        seen[sid] = "section"
        stitle = _text(ctx, sraw, "title", required=False, prefix=f"sections[{i}].") or sid
        intro = _text(ctx, sraw, "intro", required=False, prefix=f"sections[{i}].")
        qraw = sraw.get("questions")
        if not isinstance(qraw, list) or not qraw:
            raise ctx.fail(f"sections[{i}].questions", "give a list of at least one question")
        questions = []
        for j, q in enumerate(qraw, start=1):
            ctx.question = None
            question = _question(ctx, q, lesson, sid, default_tries, j)
            if question.id in seen:
                raise ctx.fail("id", f"duplicate id {question.id!r} (already used by a "
                                     f"{seen[question.id]})")
            seen[question.id] = "question"
            questions.append(question)
        sections.append(Section(sid, stitle, tuple(questions), intro))
    return Bank(lesson=lesson, title=title, source=source, sections=tuple(sections))
