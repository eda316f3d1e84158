"""The claim thread: ``data/claims.csv`` ``revisited_in`` and the lessons agree.

"A lesson reviews a claim" means one of its code cells calls ``quiz.claim_review([...])`` with
it; "asks for a prediction" means a cell shows (``quiz.show``) a bank section or question holding
a ``prediction`` question on that claim. The test fails when a written lesson listed in
``revisited_in`` does not review the claim, when a lesson reviews a claim that does not list it
(the capstone, lesson 10, is exempt), or when a prediction is asked after a review of the same
claim (earlier in the lesson, or in an earlier lesson).
"""

from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CAPSTONE = "10"
Event = tuple[str, str, int]  # (kind "review"|"predict", claim id, code cell index)


def _call_args(source: str, attribute: str) -> list[list[ast.expr]]:
    """The positional arguments of every ``quiz.<attribute>(...)`` call in a cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [node.args for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == attribute and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "quiz"]


def _prediction_claims(bank: Path) -> dict[str | None, list[tuple[str, str]]]:
    """Section id -> [(question id, claim)] of the bank's prediction questions."""
    raw = yaml.safe_load(bank.read_text(encoding="utf-8")) if bank.exists() else {}
    out: dict[str | None, list[tuple[str, str]]] = {}
    for section in (raw or {}).get("sections", []):
        for q in section.get("questions", []):
            if q.get("type") == "prediction":
                out.setdefault(section["id"], []).append((q["id"], str(q["claim"])))
    return out


def lesson_events(notebook: Path, banks: Path) -> tuple[list[Event], list[str]]:
    """Reviews and predictions of one lesson in cell order, and the calls that cannot be read."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    events: list[Event] = []
    unreadable = []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        for args in _call_args(source, "show"):
            values = [a.value for a in args if isinstance(a, ast.Constant)]
            if not values:
                continue
            predictions = _prediction_claims(banks / f"{values[0]}.yml")
            item = values[1] if len(values) > 1 else None
            for section, questions in predictions.items():
                for qid, claim in questions:
                    if item in (None, section, qid):
                        events.append(("predict", claim, index))
        for args in _call_args(source, "claim_review"):
            try:
                ids = ast.literal_eval(args[0])
            except (ValueError, IndexError):
                unreadable.append(f"cell {index}: claim_review needs a literal list of claim ids")
                continue
            events += [("review", str(cid), index) for cid in ids]
    return events, unreadable


def thread_problems(routes: dict[str, set[str]], written: list[str],
                    events: dict[str, list[Event]]) -> list[str]:
    """Every disagreement between the routes (claim -> lessons) and the lessons' events.

    ``written``: lesson numbers with a notebook, in course order; ``events``: per lesson.
    """
    problems = []
    reviewed_before: dict[str, str] = {}  # claim -> the first lesson that reviewed it
    for lesson in written:
        lesson_events_ = events.get(lesson, [])
        reviews = {claim for kind, claim, _ in lesson_events_ if kind == "review"}
        for claim, lessons in sorted(routes.items()):
            if lesson in lessons and lesson != CAPSTONE and claim not in reviews:
                problems.append(f"lesson {lesson} is listed in claim {claim}'s revisited_in "
                                "but never calls quiz.claim_review with it")
        for claim in sorted(reviews):
            if claim not in routes:
                problems.append(f"lesson {lesson} reviews claim {claim}, not in data/claims.csv")
            elif lesson not in routes[claim] and lesson != CAPSTONE:
                problems.append(f"lesson {lesson} reviews claim {claim}, whose revisited_in "
                                f"({';'.join(sorted(routes[claim]))}) does not list it")
        for kind, claim, index in lesson_events_:
            if kind == "predict" and claim in reviewed_before:
                problems.append(f"lesson {lesson} (cell {index}) asks for a prediction on claim "
                                f"{claim} after lesson {reviewed_before[claim]} reviewed it")
            elif kind == "review":
                reviewed_before.setdefault(claim, f"{lesson} (cell {index})")
    return problems


def test_synthetic_thread_problems_are_each_found() -> None:
    routes = {"a": {"01"}, "b": {"02", "05"}, "c": {"02"}}
    events = {"01": [("predict", "a", 1), ("review", "a", 5), ("review", "c", 6)],
              "02": [("predict", "a", 2), ("predict", "c", 3)],
              "10": [("review", "a", 1), ("review", "b", 2)]}
    problems = thread_problems(routes, ["01", "02", "10"], events)
    assert problems == [
        "lesson 01 reviews claim c, whose revisited_in (02) does not list it",
        "lesson 02 is listed in claim b's revisited_in but never calls quiz.claim_review with it",
        "lesson 02 is listed in claim c's revisited_in but never calls quiz.claim_review with it",
        "lesson 02 (cell 2) asks for a prediction on claim a after lesson 01 (cell 5) reviewed it",
        "lesson 02 (cell 3) asks for a prediction on claim c after lesson 01 (cell 6) reviewed it",
    ]  # lesson 05 is not written; the capstone needs no listing


def test_the_claim_thread_agrees_with_the_lessons() -> None:
    with open(ROOT / "data" / "claims.csv", newline="", encoding="utf-8") as handle:
        routes = {row["id"]: {x for x in (row["revisited_in"] or "").split(";") if x}
                  for row in csv.DictReader(handle)}
    course = yaml.safe_load((ROOT / "course.yml").read_text(encoding="utf-8"))["lessons"]
    written, events, unreadable = [], {}, []
    for lesson in course:
        notebook = ROOT / "notebooks" / f"{lesson['slug']}.ipynb"
        if notebook.exists():
            written.append(str(lesson["number"]))
            events[str(lesson["number"])], bad = lesson_events(notebook, ROOT / "quizzes")
            unreadable += [f"{notebook.name} {b}" for b in bad]
    assert not unreadable
    assert any(kind == "predict" for evs in events.values() for kind, _, _ in evs)
    assert not thread_problems(routes, written, events)
