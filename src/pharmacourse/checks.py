"""Self-checks for the exercises: ``check("04.2", answer)`` says right / not yet, with a hint.

Every exercise notebook ends each exercise with a check cell::

    check("04.2", answer)

The check looks the exercise id up in a registry (``exercise_keys.json`` next to this module,
built by ``scripts/build_exercise_keys.py`` from each lesson's ``solutions/keys/NN-slug.py``),
compares the learner's answer with the stored value and shows feedback in the notebook: an icon
*and* words (never colour alone), in an HTML block with CSS classes ``check-feedback`` plus one
of ``check-correct``, ``check-incorrect`` or ``check-not-answered``. The feedback never shows the
expected value; a wrong answer gets a hint that points back to a section of the lesson, and a
known common mistake gets its own hint.

Answers
    * numeric exercises (``kind: "quantity"``) state a unit and a tolerance. A plain number
      (int, float, numpy scalar, a one-element array or Series) is read in the stated unit; a pint
      quantity (``Q_(2.5, "d")``) or a string (``"2.5 d"``, ``"150 h"``) is converted, so a
      half-life asked in hours is also accepted in minutes or days when it is right. Strings are
      parsed by pint's own expression parser, never by ``eval``.
    * ``kind: "choice"``: one string (a study id, an option label), compared after normalising
      (case, surrounding spaces and quotes ignored).
    * ``kind: "choices"``: a set (or list/tuple) of strings, order and duplicates ignored.
    * a function (function-writing exercises, key entry ``call``: the arguments): the check
      calls it and grades its value; one that raises NotImplementedError (the untouched
      placeholder body) or returns ``...`` / None is "not answered yet".
    * ``None``, the untouched ``...`` placeholder, a wrong type, an unreadable string, NaN or a
      quantity of the wrong dimension give a "Not answered yet" message that says what is expected.

Storage of the expected values
    Expected numbers are stored as base64 of the IEEE-754 bytes XOR-ed with a hash of the
    exercise id; expected choices only as a salted SHA-256 of the normalised text. This is
    obfuscation against *accidental* reading (a learner scrolling through the package or the JSON
    does not see the answer), not security: anyone who reads this module can decode a number.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import numbers
import struct
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pint

from pharmacourse.units import Q_, ureg

__all__ = [
    "CheckResult",
    "UnknownExerciseError",
    "check",
    "describe",
    "encode_key",
    "encode_number",
    "exercise_ids",
    "hash_choice",
    "load_keys",
    "normalise_choice",
]

#: The registry file, built by scripts/build_exercise_keys.py from solutions/keys/ (never by hand).
KEYS_PATH = Path(__file__).with_name("exercise_keys.json")

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ANSWERED = "not-answered"

_ICONS = {CORRECT: "\u2714", INCORRECT: "\u2718", NOT_ANSWERED: "?"}
_LABELS = {CORRECT: "Right", INCORRECT: "Not yet", NOT_ANSWERED: "Not answered yet"}

_DIMENSION_NAMES = {
    "[time]": "a time",
    "[mass]": "a mass",
    "[length] ** 3": "a volume",
    "[mass] / [length] ** 3": "a mass concentration",
    "[substance] / [length] ** 3": "an amount concentration",
    "1 / [time]": "a rate (per unit time)",
    "[length] ** 3 / [time]": "a clearance (volume per time)",
    "[mass] * [time] / [length] ** 3": "an exposure (concentration x time)",
    "[substance] * [time] / [length] ** 3": "an exposure (concentration x time)",
    "dimensionless": "a plain number (no unit)",
}


class UnknownExerciseError(KeyError):
    """The exercise id is not in the registry (the message lists the known ids)."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0]) if self.args else ""


# --- storage helpers (shared with scripts/build_exercise_keys.py) ----------------------------


def _mask(exercise_id: str) -> bytes:
    return hashlib.sha256(f"pharmacourse-check:{exercise_id}".encode()).digest()[:8]


def encode_number(exercise_id: str, value: float) -> str:
    """Obfuscate an expected number for the registry (see the module docstring: not security)."""
    packed = struct.pack(">d", float(value))
    return base64.b64encode(
        bytes(a ^ b for a, b in zip(packed, _mask(exercise_id), strict=True))
    ).decode()


def _decode_number(exercise_id: str, token: str) -> float:
    raw = base64.b64decode(token.encode())
    return struct.unpack(">d", bytes(a ^ b for a, b in zip(raw, _mask(exercise_id), strict=True)))[
        0
    ]


def normalise_choice(text: str) -> str:
    """Case-fold, trim spaces and quotes, and collapse inner whitespace of a text answer."""
    return " ".join(text.strip().strip("'\"`").strip().casefold().split())


def hash_choice(exercise_id: str, answer: str | set[str] | list[str] | tuple[str, ...]) -> str:
    """Salted SHA-256 of a normalised text answer (a set of strings: sorted, joined by '|')."""
    if isinstance(answer, str):
        text = normalise_choice(answer)
    else:
        text = "|".join(sorted({normalise_choice(item) for item in answer}))
    return hashlib.sha256(f"{exercise_id}\x1f{text}".encode()).hexdigest()


def encode_key(exercise_id: str, spec: dict[str, Any]) -> dict[str, Any]:
    """One registry entry from a plain key of solutions/keys/ (format: solutions/README.md).

    The expected value is encoded (a choice: hashed, with its known wrong options); a mistake
    window that overlaps the tolerance around the answer raises ValueError naming the exercise.
    """
    entry = {k: v for k, v in spec.items() if k not in ("value", "choice", "choice_mistakes")}
    if spec["kind"] == "quantity":
        expected, tol = spec["value"], spec["tolerance"]
        entry["expected"] = encode_number(exercise_id, expected)
        allowed = tol["abs"] if "abs" in tol else tol["rel"] * abs(expected)
        entry["mistakes"] = []
        for lo, hi, hint in spec["mistakes"]:
            if lo <= expected + allowed and hi >= expected - allowed:
                raise ValueError(f"{exercise_id}: mistake window {lo}-{hi} overlaps the answer")
            entry["mistakes"].append({"low": round(lo, 6), "high": round(hi, 6), "hint": hint})
    else:
        entry["expected_hash"] = hash_choice(exercise_id, spec["choice"])
        entry["mistakes"] = [{"hash": hash_choice(exercise_id, wrong), "hint": hint}
                             for wrong, hint in spec["choice_mistakes"]]
    return entry


@cache
def _cached_keys(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return data["exercises"]


def load_keys(path: str | Path | None = None) -> dict[str, Any]:
    """The registry: exercise id -> key entry (as stored; expected values stay encoded)."""
    return _cached_keys(str(path or KEYS_PATH))


def exercise_ids() -> list[str]:
    """All registered exercise ids, sorted."""
    return sorted(load_keys())


def _key(exercise_id: str) -> dict[str, Any]:
    keys = load_keys()
    if exercise_id not in keys:
        known = ", ".join(sorted(keys)) or "(none)"
        raise UnknownExerciseError(
            f"no self-check is registered for exercise {exercise_id!r}; known ids: {known}. "
            "Add it to the lesson's solutions/keys/NN-slug.py and run "
            "scripts/build_exercise_keys.py."
        )
    return keys[exercise_id]


def describe(exercise_id: str) -> str:
    """The answer format of an exercise in words (never the expected value)."""
    key = _key(exercise_id)
    return key["format"]


# --- the result ------------------------------------------------------------------------------


@dataclass(eq=False)
class CheckResult:
    """Outcome of one check. ``status`` is 'correct', 'incorrect' or 'not-answered'."""

    exercise_id: str
    status: str
    message: str
    hint: str = ""
    _pending_display: bool = field(default=False, repr=False)

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def answered(self) -> bool:
        return self.status != NOT_ANSWERED

    @property
    def text(self) -> str:
        """Plain-text feedback (icon, words, message, hint)."""
        parts = [
            f"{_ICONS[self.status]} {_LABELS[self.status]} ({self.exercise_id}): {self.message}"
        ]
        if self.hint:
            parts.append(f"Hint: {self.hint}")
        return "\n".join(parts)

    @property
    def html(self) -> str:
        """HTML feedback block with classes ``check-feedback`` and ``check-<status>``."""
        hint = (
            f'<div class="check-hint"><strong>Hint:</strong> {html.escape(self.hint)}</div>'
            if self.hint
            else ""
        )
        return (
            f'<div class="check-feedback check-{self.status}" role="status" '
            f'data-exercise="{html.escape(self.exercise_id)}">'
            f'<span class="check-icon" aria-hidden="true">{_ICONS[self.status]}</span> '
            f"<strong>{_LABELS[self.status]}</strong> "
            f'<span class="check-id">({html.escape(self.exercise_id)})</span>: '
            f"{html.escape(self.message)}{hint}</div>"
        )

    def __repr__(self) -> str:
        return f"CheckResult({self.exercise_id!r}, {self.status!r})"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"text/plain": self.text, "text/html": self.html}

    def _ipython_display_(self) -> None:
        # check() has already shown this feedback; when the same object is then the cell's
        # value, IPython calls this hook: show nothing so the feedback appears once.
        if self._pending_display:
            self._pending_display = False
            return
        _publish(self)

    def show(self) -> None:
        """Display the feedback (again)."""
        _publish(self)


def _publish(result: CheckResult) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        print(result.text)
        return
    if get_ipython() is None:
        print(result.text)
        return
    display(result._repr_mimebundle_(), raw=True)


# --- reading answers -------------------------------------------------------------------------


class _NotAnswered(Exception):
    """The answer cannot be compared; the message says why and what is expected."""


def _dimension_name(unit: str) -> str:
    dims = str(ureg.Quantity(1, unit).dimensionality) if unit else "dimensionless"
    return _DIMENSION_NAMES.get(dims, f"a quantity with dimension {dims}")


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def _scalar(answer: Any) -> Any:
    """Unwrap one-element arrays / Series / lists to their single item."""
    size = getattr(answer, "size", None)
    if (
        size is not None
        and not isinstance(answer, str | numbers.Number)
        and hasattr(answer, "item")
    ):
        if size != 1:
            raise _NotAnswered(f"got {type(answer).__name__} with {size} values; give one value")
        return answer.item() if not hasattr(answer, "iloc") else answer.iloc[0]
    return answer


def _read_quantity(answer: Any, key: dict[str, Any]) -> float:
    """The answer's magnitude in the key's unit, or raise _NotAnswered."""
    unit = key["unit"]
    if isinstance(answer, pint.Quantity) and not isinstance(
        getattr(answer, "magnitude", None), str
    ):
        magnitude = _scalar(answer.magnitude)
        if not isinstance(magnitude, numbers.Real):
            raise _NotAnswered(f"the quantity holds {type(magnitude).__name__}, not one number")
        answer = Q_(float(magnitude), str(answer.units))  # also re-homes other registries
    else:
        answer = _scalar(answer)
    if isinstance(answer, bool):
        raise _NotAnswered(f"got {answer!r} (True/False), not a number")
    if isinstance(answer, str):
        text = answer.strip()
        if not text:
            raise _NotAnswered("got an empty string")
        try:
            answer = float(text)
        except ValueError:
            try:
                answer = ureg.Quantity(text)
            except Exception as err:  # pint raises several error types on bad input
                raise _NotAnswered(f"could not read {text!r} as a number with a unit") from err
    if isinstance(answer, pint.Quantity):
        try:
            value = float(answer.to(unit or "dimensionless").magnitude)
        except pint.DimensionalityError as err:
            raise _NotAnswered(
                f"{_fmt(float(answer.magnitude))} {answer.units:~} is not {_dimension_name(unit)}"
            ) from err
    elif isinstance(answer, numbers.Real):
        value = float(answer)
    else:
        raise _NotAnswered(f"got {type(answer).__name__}, not a number")
    if not math.isfinite(value):
        raise _NotAnswered(f"got {value}, not a finite number")
    return value


def _read_choice(answer: Any, key: dict[str, Any]) -> str | frozenset[str]:
    options = [normalise_choice(o) for o in key.get("options", [])]
    if key["kind"] == "choice":
        if not isinstance(answer, str) or not normalise_choice(answer):
            raise _NotAnswered(f"got {type(answer).__name__}, not a text answer")
        items = [answer]
    else:
        if isinstance(answer, str):
            raise _NotAnswered("got one string; give a set of strings, e.g. {'a', 'b'}")
        if not isinstance(answer, set | frozenset | list | tuple) or not answer:
            raise _NotAnswered(f"got {type(answer).__name__}, not a set of strings")
        items = list(answer)
        if not all(isinstance(item, str) for item in items):
            raise _NotAnswered("every item of the set must be a string")
    unknown = [item for item in items if options and normalise_choice(item) not in options]
    if unknown:
        raise _NotAnswered(
            f"{unknown[0]!r} is not one of the options ({', '.join(key['options'])})"
        )
    if key["kind"] == "choice":
        return normalise_choice(answer)
    return frozenset(normalise_choice(item) for item in items)


def _call_answer(function: Any, key: dict[str, Any]) -> Any:
    """The value of a function-writing answer: the function called with the key's ``call``.

    A function that is not written yet (it raises NotImplementedError, or returns ``...`` or
    None) is "not answered"; any other error it raises is reported, never re-raised, so the
    learner's kernel keeps running.
    """
    if "call" not in key:
        raise _NotAnswered("got a function; give the value it computes")
    try:
        return function(*key["call"])
    except NotImplementedError as err:
        raise _NotAnswered(
            "your function is not written yet (it raises NotImplementedError): replace that "
            "line with your code"
        ) from err
    except Exception as err:  # the learner's code: report, never crash the kernel
        raise _NotAnswered(
            f"calling your function with {tuple(key['call'])!r} raised "
            f"{type(err).__name__}: {err}"
        ) from err


def _grade_quantity(exercise_id: str, key: dict[str, Any], answer: Any) -> CheckResult:
    value = _read_quantity(answer, key)
    expected = _decode_number(exercise_id, key["expected"])
    tol = key["tolerance"]
    allowed = tol["abs"] if "abs" in tol else tol["rel"] * abs(expected)
    unit = key["unit"]
    shown = f"{_fmt(value)} {unit}".strip()
    if abs(value - expected) <= allowed * (1 + 1e-9):
        return CheckResult(
            exercise_id,
            CORRECT,
            f"your answer, read as {shown}, is right. {key.get('explain', '')}".strip(),
        )
    for mistake in key.get("mistakes", []):
        if mistake["low"] <= value <= mistake["high"]:
            return CheckResult(
                exercise_id, INCORRECT, f"your answer was read as {shown}.", mistake["hint"]
            )
    return CheckResult(exercise_id, INCORRECT, f"your answer was read as {shown}.", key["hint"])


def _grade_choice(exercise_id: str, key: dict[str, Any], answer: Any) -> CheckResult:
    read = _read_choice(answer, key)
    digest = hash_choice(exercise_id, read if isinstance(read, str) else set(read))
    shown = repr(read) if isinstance(read, str) else "{" + ", ".join(map(repr, sorted(read))) + "}"
    if digest == key["expected_hash"]:
        return CheckResult(
            exercise_id,
            CORRECT,
            f"your answer, read as {shown}, is right. {key.get('explain', '')}".strip(),
        )
    for mistake in key.get("mistakes", []):
        if digest == mistake["hash"]:
            return CheckResult(
                exercise_id, INCORRECT, f"your answer was read as {shown}.", mistake["hint"]
            )
    return CheckResult(exercise_id, INCORRECT, f"your answer was read as {shown}.", key["hint"])


def grade(exercise_id: str, answer: Any) -> CheckResult:
    """Compare ``answer`` with the registered key; no display (see :func:`check`)."""
    key = _key(exercise_id)
    if callable(answer) and not isinstance(answer, pint.Quantity | type):
        try:
            answer = _call_answer(answer, key)
        except _NotAnswered as err:
            return CheckResult(exercise_id, NOT_ANSWERED, f"{err}. Expected: {key['format']}.")
    if answer is None or answer is Ellipsis:
        return CheckResult(
            exercise_id,
            NOT_ANSWERED,
            f"replace the ... in the exercise cell with your answer: {key['format']}.",
        )
    try:
        if key["kind"] == "quantity":
            return _grade_quantity(exercise_id, key, answer)
        if key["kind"] in ("choice", "choices"):
            return _grade_choice(exercise_id, key, answer)
    except _NotAnswered as err:
        return CheckResult(exercise_id, NOT_ANSWERED, f"{err}. Expected: {key['format']}.")
    raise ValueError(f"exercise_keys.json: {exercise_id}: unknown kind {key['kind']!r}")


def check(exercise_id: str, answer: Any, *, show: bool = True) -> CheckResult:
    """Check an exercise answer and show the feedback; return the :class:`CheckResult`.

    Args:
        exercise_id: the id printed in the exercise, e.g. ``"04.2"``.
        answer: the learner's answer (a number in the stated unit, a pint quantity, a string
            such as ``"2.5 d"``, or text/set answers for choice exercises).
        show: display the feedback (HTML in a notebook, text elsewhere).

    Returns:
        A result with ``.status`` ('correct' / 'incorrect' / 'not-answered'), ``.correct``,
        ``.message`` and ``.hint``; its repr is short and never contains the expected value.
    """
    result = grade(exercise_id, answer)
    if show:
        _publish(result)
        _mark_pending(result)
    return result


_PENDING: list[CheckResult] = []
_HOOKED: set[int] = set()


def _mark_pending(result: CheckResult) -> None:
    """Suppress the second rendering when the result is also the cell's value (same cell only)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return
    if id(shell) not in _HOOKED:
        shell.events.register("post_run_cell", _clear_pending)
        _HOOKED.add(id(shell))
    result._pending_display = True
    _PENDING.append(result)


def _clear_pending(*_args: Any) -> None:
    for result in _PENDING:
        result._pending_display = False
    _PENDING.clear()
