"""Options are shown shuffled per learner (stable for that learner), and never leak the key by
position: neither in the live quiz nor in the stored static preview. Driven through the
documented driver (``section.shown_options``, ``section.answer``), derandomised (seeds 0..N)."""

from __future__ import annotations

import math
import os
import random
from collections import Counter
from pathlib import Path

import pytest

from pharmacourse import quiz
from pharmacourse.quiz import learner
from pharmacourse.quiz.render import shown_options, static_html
from pharmacourse.quiz.widgets import QuizSection

REPO = Path(__file__).resolve().parents[2]
BANKS = sorted((REPO / "quizzes").glob("*.yml"))


def _options(n: int, **first: object) -> list[dict]:
    out = [{"id": f"o{i}", "text": f"option {i}", "feedback": f"not {i}"} for i in range(n)]
    out[0] = {"id": "o0", "text": "option 0", "correct": True, **first}
    return out


BANK = {
    "lesson": "99-order",
    "sections": [{"id": "s", "title": "Order", "questions": [
        {"id": "four", "type": "single", "stem": "Which?", "explanation": "x",
         "options": _options(4)},
        {"id": "scale", "type": "single", "stem": "How much?", "explanation": "x",
         "order": "fixed", "options": _options(4)},
        {"id": "pinned", "type": "multiple", "stem": "Which ones?", "explanation": "x",
         "options": [*_options(4),
                     {"id": "none", "text": "None of these", "last": True, "feedback": "no"}]},
        {"id": "num", "type": "numeric", "stem": "How long?", "explanation": "x", "unit": "h",
         "answer": 12, "tolerance": {"absolute": 0.1}},
        {"id": "guess", "type": "prediction", "stem": "Guess?", "claim": "d"},
    ]}],
}
Q = quiz.parse_bank(BANK, source="order").questions
LEARNERS = range(400)


def _section(seed: int | None, questions=None) -> QuizSection:
    return QuizSection("99-order", "s", "Order", questions or list(Q.values()), learner_seed=seed)


def test_the_correct_options_position_is_spread_over_all_positions() -> None:
    where = Counter(shown_options(Q["four"], seed).index(Q["four"].option("o0"))
                    for seed in LEARNERS)
    expected = len(LEARNERS) / 4
    # Binomial(400, 1/4): sd ~ 8.7; 4 sd either side. Seeds are fixed: the counts never vary.
    assert sorted(where) == [0, 1, 2, 3]
    assert all(abs(where[p] - expected) < 4 * math.sqrt(expected * 0.75) for p in range(4)), where
    orders = Counter(tuple(o.id for o in shown_options(Q["four"], seed)) for seed in LEARNERS)
    assert len(orders) == 24  # every permutation of 4 options occurs


def test_the_same_learner_sees_the_same_order_every_time(progress_dir: Path) -> None:
    a, b = _section(None), _section(None)  # the seed comes from the learner's progress folder
    assert (progress_dir / learner.SEED_FILE).is_file()
    for qid in ("four", "pinned"):
        assert a.shown_options(qid) == b.shown_options(qid)
    seed = learner.learner_seed()
    assert a.shown_options("four") == _section(seed).shown_options("four")
    assert [o.id for o in a.widget("four").options] == [
        value for _label, value in a.widget("four").input.options]  # the radios, in that order


def test_two_learners_usually_see_different_orders(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    draws = random.Random(2026)  # the seeds new learners draw, derandomised
    monkeypatch.setattr(learner.secrets, "randbelow", draws.randrange)
    seen = set()
    for i in range(12):  # twelve fresh learners, each with their own progress folder
        monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(tmp_path / f"learner-{i}"))
        seen.add(tuple(_section(None, [Q["four"]]).shown_options("four")))
    assert len(seen) >= 4


def test_order_fixed_and_last_true_hold_for_every_learner() -> None:
    for seed in range(100):
        assert [o.id for o in shown_options(Q["scale"], seed)] == ["o0", "o1", "o2", "o3"]
        assert shown_options(Q["pinned"], seed)[-1].id == "none"
        assert shown_options(Q["guess"], seed) == Q["guess"].options
    firsts = Counter(shown_options(Q["pinned"], seed)[0].id for seed in range(100))
    assert set(firsts) == {"o0", "o1", "o2", "o3"}  # the others are still shuffled
    assert [o.id for o in shown_options(Q["scale"])] == ["o0", "o1", "o2", "o3"]  # preview too
    assert shown_options(Q["pinned"])[-1].id == "none"


def test_the_driver_answers_by_option_id_whatever_the_order(progress_dir: Path) -> None:
    for seed in range(6):
        section = _section(seed)
        assert sorted(section.shown_options("four")) == ["o0", "o1", "o2", "o3"]
        wrong = section.answer("four", "o2")
        assert wrong.status == "incorrect" and wrong.feedback == ("not 2",)
        assert section.answer("four", "o0").correct
        assert section.answer("pinned", ["o0", "none"]).feedback == ("no",)
        assert section.answer("pinned", ["o0"]).correct
        assert section.answer("num", "720 min").correct
        assert section.answer("guess", "Supported").status == "recorded"
    state = quiz.store.read("99-order")["questions"]
    assert state["four"]["last_answer"] == "o0" and state["pinned"]["last_answer"] == "o0"
    assert "Score: 3 of 4 correct" in section.score.value
    assert section.answer("four", None).status == "invalid"
    with pytest.raises(ValueError, match="no option 'o9'; options: o0, o1, o2, o3"):
        section.answer("four", "o9")


def _correct_first(question, seed: int | None) -> bool:
    return shown_options(question, seed)[0].correct


def _choice_questions() -> list:
    return [q for path in BANKS for q in quiz.load_bank_file(path).questions.values()
            if q.type in ("single", "multiple")]


def test_eight_fresh_learners_rarely_see_the_key_first(progress_dir: Path) -> None:
    pairs = first = 0
    for path in BANKS:
        bank = quiz.load_bank_file(path)
        questions = [q for q in bank.questions.values() if q.type in ("single", "multiple")]
        if not questions:
            continue
        for seed in range(8):
            section = QuizSection(bank.lesson, "all", bank.title, questions, learner_seed=seed)
            for q in questions:
                shown = section.shown_options(q.id)
                first += q.option(shown[0]).correct
                pairs += 1
                right = [o.id for o in q.options if o.correct]
                assert section.answer(q.id, right if q.type == "multiple" else right[0]).correct
    print(f"correct option shown first: {first} of {pairs} (question, learner) pairs")
    assert pairs >= 8 * 40
    assert first / pairs <= 0.45, (first, pairs)


def test_stored_previews_do_not_put_the_key_first_more_often_than_chance() -> None:
    questions = _choice_questions()
    first = sum(_correct_first(q, None) for q in questions)
    chance = [sum(o.correct for o in q.options) / len(q.options) for q in questions]
    mean, sd = sum(chance), math.sqrt(sum(p * (1 - p) for p in chance))
    print(f"static previews: key first in {first} of {len(questions)} (chance {mean:.1f})")
    assert first <= mean + 2 * sd, (first, mean, sd)
    # the preview is what static_html lists, and it is the same on every call (nbval strict)
    for q in questions[:10]:
        html = static_html(q.lesson, q.id, [q])
        items = [line for line in html.splitlines() if line.startswith("<li>")]
        assert items[0].endswith(f"{quiz.render.inline(shown_options(q)[0].text)}</li>")
        assert html == static_html(q.lesson, q.id, [q])


def test_the_learner_seed_is_kept_and_survives_a_corrupt_or_unwritable_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "progress"
    monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(folder))
    seed = learner.learner_seed()
    assert (folder / learner.SEED_FILE).read_text() == f"{seed}\n"
    assert learner.learner_seed() == seed
    assert [p.name for p in folder.iterdir()] == [learner.SEED_FILE]  # no temporary file left
    (folder / learner.SEED_FILE).write_text("garbage")
    fresh = learner.learner_seed()
    assert learner.learner_seed() == fresh and (folder / learner.SEED_FILE).read_text().strip()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(blocked / "progress"))
    once = learner.learner_seed()  # cannot be saved: kept for this session
    assert learner.learner_seed() == once
    assert "learner-seed" not in " ".join(os.listdir(tmp_path))


def test_the_order_travels_with_a_progress_download(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Binder sessions are temporary: a learner who downloads their progress and loads it into a
    new session (another progress folder) sees the options in the order they saw before."""
    from pharmacourse.quiz import exchange

    first, second = tmp_path / "session-1", tmp_path / "session-2"
    monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(first))
    before = _section(None).shown_options("four")
    seed = learner.learner_seed()
    saved = exchange.bundle()
    assert saved["learner_seed"] == seed
    monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(second))
    monkeypatch.setattr(learner.secrets, "randbelow", lambda n: (seed + 1) % n)  # another draw
    assert learner.learner_seed() != seed  # the new session drew its own seed first
    exchange.merge_bundle(saved)
    assert learner.learner_seed() == seed
    assert _section(None).shown_options("four") == before
    for bad in (True, -1, "12", 10**13, 1.5):
        assert learner.restore_seed(bad) is False
    assert learner.learner_seed() == seed
