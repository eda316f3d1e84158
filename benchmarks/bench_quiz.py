"""Quiz timings for ``make bench``: build + display a 10-question quiz, grade one answer.

Aims (issue 7): a quiz section appears in well under 0.2 s; grading takes far below 1 ms.
Each row is (name, callable, baseline_or_None); the baseline is a reference operation timed the
same way (None: no meaningful reference). Run alone: ``python benchmarks/bench_quiz.py``.
"""

from __future__ import annotations

import os
import tempfile
import timeit

import ipywidgets

os.environ.setdefault("PHARMACOURSE_PROGRESS_DIR", tempfile.mkdtemp(prefix="bench-quiz-"))

from pharmacourse.quiz import bank_path, grade, load, load_bank_file, parse_bank  # noqa: E402
from pharmacourse.quiz.render import shown_options  # noqa: E402
from pharmacourse.quiz.widgets import QuizSection  # noqa: E402


def _ten_questions() -> list:
    questions = []
    for i in range(10):
        kind = ("single", "multiple", "numeric", "parameterised", "prediction")[i % 5]
        q: dict = {"id": f"q{i}", "type": kind, "stem": f"Question {i}: which one?",
                   "explanation": "Because."}
        if kind in ("single", "multiple"):
            q["options"] = [{"id": f"o{j}", "text": f"option {j}", "correct": j == 0,
                             "feedback": f"not option {j}"} for j in range(4)]
        elif kind == "prediction":
            q["claim"] = "d"
            del q["explanation"]
        else:
            q.update(unit="h", tolerance={"relative": 0.02},
                     mistakes=[{"value": 17.3, "feedback": "forgot ln 2"}])
            if kind == "numeric":
                q["answer"] = 12
            else:
                q["stem"] = "k = {k_per_h} per hour: t1/2?"
                q["parameters"] = {"k_per_h": {"min": 0.05, "max": 0.5, "decimals": 2}}
                q["answer"] = {"function": "pharmacourse.quiz.examples.half_life_h"}
                q["mistakes"] = [{"function": "pharmacourse.quiz.examples.forgot_ln2_h",
                                  "feedback": "forgot ln 2"}]
        questions.append(q)
    bank = {"lesson": "99-bench", "sections": [{"id": "all", "questions": questions}]}
    return list(parse_bank(bank, source="bench").questions.values())


QUESTIONS = _ten_questions()
NUMERIC = next(q for q in QUESTIONS if q.type == "numeric")
SINGLE = next(q for q in QUESTIONS if q.type == "single")
BANK_04 = bank_path("04-single-dose-pk")


def build_and_display_10_questions() -> None:
    section = QuizSection("99-bench", "all", "Bench", QUESTIONS)
    section._repr_mimebundle_()


def plain_vbox_of_10_html() -> None:
    """Reference: the cheapest widget tree of comparable size."""
    ipywidgets.VBox([ipywidgets.HTML(f"q{i}") for i in range(40)])._repr_mimebundle_()


def load_bank_cached() -> None:
    load("00-start-here")


def grade_numeric_other_unit() -> None:
    grade(NUMERIC, "720 min")


def grade_numeric_mistake() -> None:
    grade(NUMERIC, "17.3 h")


def grade_single() -> None:
    grade(SINGLE, "o1")


def grade_power_tower() -> None:
    """Refused before pint sees it (pint would compute 9**9**9 exactly and hang)."""
    grade(NUMERIC, "1 h^9^9^9")


def validate_bank_04() -> None:
    """What a lesson pays on its first quiz cell: read and validate one bank (no cache)."""
    load_bank_file(BANK_04)


def shuffle_options_one_learner() -> None:
    shown_options(SINGLE, 12345)


ROWS = [
    ("quiz: build + display 10 questions", build_and_display_10_questions, plain_vbox_of_10_html),
    ("quiz: load a bank (cached)", load_bank_cached, None),
    ("quiz: grade numeric '720 min'", grade_numeric_other_unit, None),
    ("quiz: grade numeric, mistake matched", grade_numeric_mistake, None),
    ("quiz: grade single choice", grade_single, None),
    ("quiz: grade a power tower '1 h^9^9^9'", grade_power_tower, None),
    ("quiz: validate bank 04 (uncached)", validate_bank_04, None),
    ("quiz: shuffle one question's options", shuffle_options_one_learner, None),
]


if __name__ == "__main__":
    for name, fn, baseline in ROWS:
        fn()  # warm up (imports, caches)
        runs = 20 if "build" in name or "validate" in name else 2000
        best = min(timeit.repeat(fn, number=runs, repeat=5)) / runs
        line = f"{name:45s} {best * 1e3:9.3f} ms"
        if baseline is not None:
            baseline()
            ref = min(timeit.repeat(baseline, number=runs, repeat=5)) / runs
            line += f"   (baseline {ref * 1e3:.3f} ms)"
        print(line)
