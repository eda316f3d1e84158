"""What a class got wrong: per-question, per-claim and per-lesson figures from learners' rows.

Misconceptions are named from the bank: an option's ``misconception`` field where the bank has
one, else the first sentence of its feedback (``source`` says which).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

from pharmacourse.classroom.reading import ClassroomWarning, Learner

CHOSEN_SEPARATOR = "|"


@dataclass
class WrongChoice:
    option_id: str
    text: str
    misconception: str
    source: str  # "misconception field" | "feedback" | "" (typed answer or unknown option)
    count: int
    from_bank: bool = True  # False: the text is what a learner typed (untrusted)


@dataclass
class QuestionStats:
    lesson: str
    question_id: str
    qtype: str
    stem: str
    learners: int = 0  # learners who tried or revealed it
    first_try_right: int = 0
    first_tries: int = 0  # learners with a first attempt
    attempts: int = 0
    reveals: int = 0
    wrong: list[WrongChoice] = field(default_factory=list)

    @property
    def first_try_share(self) -> float | None:
        return self.first_try_right / self.first_tries if self.first_tries else None


@dataclass
class ClaimStats:
    claim: str
    first: Counter = field(default_factory=Counter)
    latest: Counter = field(default_factory=Counter)
    text: str = ""  # the claim (data/claims.csv)
    options: list[str] = field(default_factory=list)  # the prediction's options, in bank order

    def choices(self) -> list[str]:
        """The options in the bank's order, then any other recorded choice."""
        seen = set(self.first) | set(self.latest)
        return [o for o in self.options if o in seen] + sorted(seen - set(self.options))


def _claim_texts() -> dict[str, str]:
    try:
        from pharmacourse import data

        table = data.load("claims")
        return dict(zip(table["id"].astype(str), table["claim"].astype(str), strict=True))
    except Exception:  # the report goes on without the claims' wording
        return {}


@dataclass
class LessonStats:
    lesson: str
    title: str
    graded: int
    active: int = 0  # learners with any row in the lesson
    complete: int = 0  # learners who tried or revealed every graded question


@dataclass
class ClassStats:
    learners: int
    questions: list[QuestionStats]
    claims: list[ClaimStats]
    lessons: list[LessonStats]
    skipped_rows: int


def first_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return (match.group(1) if match else text)[:200]


def option_label(option) -> tuple[str, str]:  # noqa: ANN001 - a quiz Option
    """(the misconception an option targets, where the name comes from)."""
    if getattr(option, "misconception", None):
        return option.misconception, "misconception field"
    if getattr(option, "feedback", None):
        return first_sentence(option.feedback), "feedback"
    return "", ""


def _bank(lesson: str, cache: dict):  # noqa: ANN202
    if lesson not in cache:
        from pharmacourse import quiz

        try:
            cache[lesson] = quiz.load(lesson)
        except Exception as exc:  # an unknown lesson in a learner file: no bank to read
            warnings.warn(f"rows of lesson {lesson!r} skipped: {str(exc)[:200]}",
                          ClassroomWarning, stacklevel=3)
            cache[lesson] = None
    return cache[lesson]


def _wrong_keys(question, chosen: str) -> list[str]:  # noqa: ANN001
    if question.type == "numeric" and question.mistakes:
        # a typed number that matches one of the bank's typical mistakes is counted as that
        # mistake (parameterised questions are not: the export does not keep the drawn numbers)
        from pharmacourse.quiz import grade

        matched = grade(question, chosen).mistake
        return [f"mistake:{matched}" if matched else chosen]
    if question.type == "multiple":
        correct = {o.id for o in question.options if o.correct}
        picked = [c for c in chosen.split(CHOSEN_SEPARATOR) if c]
        # a wrongly ticked option, or a correct one left out ("missed: ...")
        return ([c for c in picked if c not in correct]
                + [f"missed:{c}" for c in sorted(correct - set(picked))])
    return [chosen]


def _question_stats(bank, qid: str, rows_by_learner: list[list[dict]]) -> QuestionStats:  # noqa: ANN001
    q = bank.questions[qid]
    st = QuestionStats(bank.lesson, qid, q.type, q.stem)
    wrong: Counter = Counter()
    for rows in rows_by_learner:
        if not rows:
            continue
        st.learners += 1
        attempts = sorted((r for r in rows if r["kind"] == "attempt"), key=lambda r: r["attempt"])
        st.attempts += len(attempts)
        st.reveals += any(r["kind"] == "reveal" for r in rows)
        if attempts:
            st.first_tries += 1
            first = attempts[0]
            st.first_try_right += bool(first["attempt"] == 1 and first["correct"]
                                       and not first["revealed"])
        for r in attempts:
            if not r["correct"]:
                wrong.update(_wrong_keys(q, r["chosen"]))
    options = {o.id: o for o in q.options}
    for key, count in wrong.most_common(5):
        if key.startswith("mistake:"):
            n = int(key.removeprefix("mistake:"))
            st.wrong.append(WrongChoice(f"mistake {n}", f"typical mistake {n} of the bank",
                                        first_sentence(q.mistakes[n - 1].feedback),
                                        "mistake feedback", count))
            continue
        missed = key.startswith("missed:")
        option = options.get(key.removeprefix("missed:"))
        if option is None:
            st.wrong.append(WrongChoice(key, key, "", "", count, from_bank=False))
            continue
        name, source = option_label(option)
        text = f"left out: {option.text}" if missed else option.text
        st.wrong.append(WrongChoice(option.id, text, name, source, count))
    return st


def class_stats(learners: list[Learner]) -> ClassStats:
    """Aggregate learners' rows against the banks (rows of unknown lessons or questions are
    skipped with a warning)."""
    banks: dict = {}
    per_question: dict[tuple[str, str], list[list[dict]]] = {}
    claims: dict[str, ClaimStats] = {}
    lesson_rows: dict[str, list[set[str]]] = {}
    skipped = sum(learner.skipped_rows for learner in learners)
    for i, learner in enumerate(learners):
        preds: dict[str, list[dict]] = {}
        for row in learner.rows:
            bank = _bank(row["lesson"], banks)
            if bank is None:
                skipped += 1
                continue
            if row["kind"] in ("attempt", "reveal"):
                q = bank.questions.get(row["question_id"])
                if q is None or not q.graded:
                    skipped += 1
                    continue
                slots = per_question.setdefault((bank.lesson, q.id), [[] for _ in learners])
                slots[i].append(row)
                seen = lesson_rows.setdefault(bank.lesson, [set() for _ in learners])
                seen[i].add(q.id)
            elif row["kind"] == "prediction":
                preds.setdefault(row["claim"], []).append(row)
                q = bank.questions.get(row["question_id"])
                if q is not None and q.type == "prediction" and row["claim"] not in claims:
                    claims[row["claim"]] = ClaimStats(row["claim"],
                                                      options=[o.text for o in q.options])
                lesson_rows.setdefault(bank.lesson, [set() for _ in learners])[i].add("")
        for claim, rows in preds.items():
            rows.sort(key=lambda r: (r["attempt"] or 0, r["time"]))
            cs = claims.setdefault(claim, ClaimStats(claim))
            cs.first[rows[0]["chosen"]] += 1
            cs.latest[rows[-1]["chosen"]] += 1
    texts = _claim_texts()
    for cs in claims.values():
        cs.text = texts.get(cs.claim, "")
    questions = []
    for bank in sorted((b for b in banks.values() if b is not None), key=lambda b: b.lesson):
        for qid in bank.questions:
            if (bank.lesson, qid) in per_question:
                questions.append(_question_stats(bank, qid, per_question[(bank.lesson, qid)]))
    lessons = []
    for lesson, seen in sorted(lesson_rows.items()):
        bank = banks[lesson]
        graded = {q.id for q in bank.questions.values() if q.graded}
        ls = LessonStats(lesson, bank.title, len(graded))
        ls.active = sum(1 for s in seen if s)
        ls.complete = sum(1 for s in seen if s and graded <= s)
        lessons.append(ls)
    return ClassStats(len(learners), questions, [claims[c] for c in sorted(claims)], lessons,
                      skipped)
