"""The immutable objects a quiz bank becomes: :class:`Bank` > :class:`Section` > :class:`Question`.

Built only by :mod:`pharmacourse.quiz.schema` (which validates the YAML first); read by grading,
rendering and the widgets. Options are keyed by their ``id``, never by their position.
:func:`resolve_function` turns a bank's named function into a callable (never ``eval``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

TYPES = ("single", "multiple", "numeric", "parameterised", "prediction")
GRADED_TYPES = ("single", "multiple", "numeric", "parameterised")
DEFAULT_TRIES_BEFORE_REVEAL = 2
_NAMESPACE = "pharmacourse."


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
    id: str  # the stable key of scores and progress (survives reordering and typo fixes)
    text: str
    correct: bool = False
    feedback: str | None = None
    misconception: str | None = None
    last: bool = False  # pinned last when the options are shuffled ("none of these")


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
    order: str = "shuffle"  # "shuffle" (per learner) or "fixed" (authored order, e.g. a scale)

    @property
    def graded(self) -> bool:
        return self.type in GRADED_TYPES

    def option(self, option_id: str) -> Option:
        """The option with this id (``KeyError`` if none)."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


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
