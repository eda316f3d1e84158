"""Exercise machinery: the solutions -> exercises generator and the self-checks.

Generator tests run on small synthetic notebooks; check tests run on the real registry
(src/pharmacourse/exercise_keys.json) against the plain values of the key-building script.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pharmacourse import checks
from pharmacourse.units import Q_, ureg

REPO = Path(__file__).resolve().parents[2]


from scripts import build_exercise_keys as bk  # noqa: E402  (the repo root is on sys.path)
from scripts import make_exercises as mx  # noqa: E402

KEYS = bk.keys()  # plain (unencoded) keys: expected values and known wrong answers
TITLE = "# Exercises for lesson 99\n\n**Worked solutions (instructor/self-study version)**"


def _nb(*cells):
    nb = new_notebook(cells=[new_markdown_cell(TITLE), *cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


# --- generator ---------------------------------------------------------------------------------


def test_code_region_becomes_placeholder_keeping_context_lines():
    src = "x = 2\n### BEGIN SOLUTION\ny = x * 3\nanswer = y + 1\n### END SOLUTION\nprint('done')"
    out = mx.make_exercise(_nb(new_code_cell(src), new_code_cell("check('9', answer)")), "t")
    assert out.cells[1].source == "x = 2\nanswer = ...  # your answer here\nprint('done')"


def test_explicit_placeholder_name_wins_without_a_check():
    explicit = "### BEGIN SOLUTION placeholder=cmax\nanswer = 3\n### END SOLUTION"
    out = mx.make_exercise(_nb(new_code_cell(explicit)), "t.ipynb")
    assert out.cells[1].source == "cmax = ...  # your answer here"


def test_placeholder_is_the_name_the_check_reads_not_the_last_assignment():
    # exercise 04.5's bug: the region ended with `peak = ...`, the check read `answer`
    src = "### BEGIN SOLUTION\nanswer = 3.0\npeak = 7\n### END SOLUTION"
    out = mx.make_exercise(_nb(new_code_cell(src), new_code_cell('check("99.1", answer)')), "t")
    assert out.cells[1].source == "answer = ...  # your answer here"
    same_cell = "### BEGIN SOLUTION\nx = 1\nt_half_h = 2\n### END SOLUTION\ncheck('99.1', x)"
    out = mx.make_exercise(_nb(new_code_cell(same_cell)), "t")
    assert out.cells[1].source == "x = ...  # your answer here\ncheck('99.1', x)"


def test_placeholder_without_check_is_the_one_assigned_name_at_region_indent():
    src = (
        "### BEGIN SOLUTION\n"
        "for i in range(3):\n"
        "    answer = i\n"
        "t_half_h: float = 45.0\n"
        "### END SOLUTION"
    )
    out = mx.make_exercise(_nb(new_code_cell(src)), "t.ipynb")
    assert out.cells[1].source == "t_half_h = ...  # your answer here"


@pytest.mark.parametrize(("cells", "message"), [
    ([new_code_cell("### BEGIN SOLUTION\na = 1\nb = 2\n### END SOLUTION")], "ambiguous"),
    ([new_code_cell("### BEGIN SOLUTION\nprint(42)\n### END SOLUTION")], "ambiguous"),
    ([new_code_cell("### BEGIN SOLUTION\npeak = 1\n### END SOLUTION"),
      new_code_cell("check('99.1', answer)")], "reads 'answer'"),
    ([new_code_cell("### BEGIN SOLUTION placeholder=x\nanswer = 1\n### END SOLUTION"),
      new_code_cell("check('99.1', answer)")], "placeholder=x"),
])
def test_a_placeholder_the_check_cannot_read_is_refused(cells, message):
    with pytest.raises(mx.ExerciseSourceError, match=re.escape(message)) as err:
        mx.make_exercise(_nb(*cells), "99-bad.ipynb")
    assert "99-bad.ipynb: cell 1" in str(err.value) and "line 1" in str(err.value)


def test_function_body_region_raises_not_implemented_and_the_check_says_not_answered(monkeypatch):
    src = (
        "def odds(p):\n"
        "    ### BEGIN SOLUTION\n"
        "    return p / (1 - p)\n"
        "    ### END SOLUTION\n"
        "check('99.1', odds)"
    )
    out = mx.make_exercise(_nb(new_code_cell(src)), "t.ipynb")
    assert out.cells[1].source == (
        "def odds(p):\n    raise NotImplementedError  # your code here\ncheck('99.1', odds)"
    )
    key = {"kind": "quantity", "unit": "", "expected": checks.encode_number("99.1", 0.25),
           "tolerance": {"abs": 1e-9}, "format": "a function of p", "hint": "h", "mistakes": [],
           "call": [0.2]}
    monkeypatch.setitem(checks.load_keys(), "99.1", key)
    namespace = {}
    exec(out.cells[1].source.split("\ncheck")[0], namespace)  # the learner's untouched cell
    assert checks.check("99.1", namespace["odds"], show=False).status == "not-answered"
    assert checks.check("99.1", lambda p: ..., show=False).status == "not-answered"
    assert checks.check("99.1", lambda p: 1 / 0, show=False).status == "not-answered"
    assert checks.check("99.1", lambda p: p / (1 - p), show=False).correct
    assert checks.check("99.1", lambda p: p, show=False).status == "incorrect"


@pytest.mark.parametrize("begin", [
    "### BEGIN SOLUTION", "# BEGIN SOLUTION", "## BEGIN SOLUTION", "###BEGIN SOLUTION",
    "#### begin solution", "### BEGIN SOLUTION  # the model answer", "  ### BEGIN  SOLUTION",
])
@pytest.mark.parametrize("end", ["### END SOLUTION", "#END SOLUTION", "## end solution # done"])
def test_marker_spellings_nbgrader_accepts_are_markers(begin, end):
    src = f"if True:\n{begin}\n  answer = 41 + 1\n{end}\ncheck('99.1', answer)"
    if not begin.startswith(" "):
        src = f"{begin}\nanswer = 41 + 1\n{end}\ncheck('99.1', answer)"
    out = mx.make_exercise(_nb(new_code_cell(src)), "t.ipynb")
    assert "41" not in out.cells[1].source
    assert out.cells[1].source.endswith("answer = ...  # your answer here\ncheck('99.1', answer)")


@pytest.mark.parametrize("begin", ["BEGIN SOLUTION", "### BEGIN SOLUTION", "# begin solution"])
def test_markdown_markers_need_no_hash(begin):
    md = f"**Your answer:**\n{begin}\nBecause.\nEND SOLUTION"
    out = mx.make_exercise(_nb(new_markdown_cell(md)), "t.ipynb")
    assert out.cells[1].source == "**Your answer:**\n*Write your answer here.*"


@pytest.mark.parametrize(("line", "message"), [
    ("## BEGIN SOLUTON", "looks like a solution marker"),
    ("### BEGIN_SOLUTION", "looks like a solution marker"),
    ("### BEGINSOLUTION", "looks like a solution marker"),
    ("### BEGIN SOLUTION here", "looks like a solution marker"),
    ("### BEGIN SOLUTION placeholder=", "looks like a solution marker"),
    ("print('### BEGIN SOLUTION')", "looks like a solution marker"),
    ("### END SOLUTIN", "looks like a solution marker"),
    ("BEGIN SOLUTION", "is not a comment"),
])
def test_lookalike_markers_are_refused_naming_notebook_cell_and_line(line, message):
    src = f"x = 1\n{line}\nanswer = 2\n### END SOLUTION\ncheck('99.1', answer)"
    with pytest.raises(mx.ExerciseSourceError, match=re.escape(message)) as err:
        mx.make_exercise(_nb(new_code_cell(src)), "99-bad.ipynb")
    assert "99-bad.ipynb: cell 1" in str(err.value) and "line 2" in str(err.value)


def test_ordinary_prose_about_beginnings_is_not_a_marker():
    md = "Begin solving at the end, solutions follow.\n### BEGIN SOLUTION\nx\n### END SOLUTION"
    out = mx.make_exercise(_nb(new_markdown_cell(md)), "t.ipynb")
    assert out.cells[1].source.startswith("Begin solving at the end, solutions follow.")


def test_crlf_and_cr_line_endings_are_markers_too():
    src = "x = 1\r\n### BEGIN SOLUTION\r\nanswer = 42\r\n### END SOLUTION\r\ncheck('99.1', answer)"
    out = mx.make_exercise(_nb(new_code_cell(src), new_markdown_cell("a\rb")), "t.ipynb")
    assert out.cells[1].source == "x = 1\nanswer = ...  # your answer here\ncheck('99.1', answer)"
    assert "42" not in out.cells[1].source and out.cells[2].source == "a\nb"


def test_leak_guard_refuses_an_exercise_holding_solution_text(monkeypatch, tmp_path):
    src = "### BEGIN SOLUTION\nanswer = 6 * 7\n### END SOLUTION\ncheck('9', answer)"
    nb = _nb(new_code_cell(src))
    sol = tmp_path / "solutions"
    sol.mkdir()
    nbformat.write(nb, sol / "99-leak.ipynb")
    # a broken scrubber that keeps the region's body: the guard must stop it
    monkeypatch.setattr(mx, "scrub_lines", lambda lines, regions, replace: lines[1:2] + lines[3:])
    with pytest.raises(mx.ExerciseSourceError, match="refusing to write") as err:
        mx.make_exercise(nb, "99-leak.ipynb")
    assert "answer = 6 * 7" in str(err.value) and "99-leak.ipynb: cell 1" in str(err.value)
    with pytest.raises(mx.ExerciseSourceError):
        mx.generate(sol, tmp_path / "exercises")
    assert not (tmp_path / "exercises" / "99-leak.ipynb").exists()


def test_comparison_is_not_an_assignment():
    src = "### BEGIN SOLUTION\nresult = 1\nresult == 2\nx <= 3\n### END SOLUTION"
    out = mx.make_exercise(_nb(new_code_cell(src)), "t.ipynb")
    assert out.cells[1].source == "result = ...  # your answer here"


def test_markdown_region_and_title_rule():
    md = "**Your answer:**\n\n### BEGIN SOLUTION\nBecause sampling was short.\n### END SOLUTION\n"
    out = mx.make_exercise(_nb(new_markdown_cell(md)), "t.ipynb")
    assert out.cells[1].source == "**Your answer:**\n\n*Write your answer here.*\n"
    assert mx.EXERCISE_TITLE in out.cells[0].source
    assert mx.SOLUTION_TITLE not in out.cells[0].source


def test_outputs_cleared_ids_and_metadata_kept_input_untouched():
    cell = new_code_cell("### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION", execution_count=3)
    cell.outputs = [new_output("stream", name="stdout", text="1\n")]
    cell.metadata["tags"] = ["keep-me"]
    nb = _nb(cell)
    nb.metadata["custom"] = {"a": 1}
    out = mx.make_exercise(nb, "t.ipynb")
    assert out.cells[1].outputs == [] and out.cells[1].execution_count is None
    assert out.cells[1].id == cell.id and out.cells[1].metadata["tags"] == ["keep-me"]
    assert out.metadata["custom"] == {"a": 1}
    assert nb.cells[1].outputs and nb.cells[1].execution_count == 3  # not modified in place


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([new_code_cell("answer = 1")], "no '### BEGIN SOLUTION'"),
        ([new_code_cell("### BEGIN SOLUTION\nanswer = 1")], "without '### END SOLUTION'"),
        ([new_code_cell("answer = 1\n### END SOLUTION")], "without a begin"),
        (
            [new_code_cell("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION")],
            "nested",
        ),
    ],
)
def test_marker_errors_name_the_notebook(cells, message):
    with pytest.raises(mx.ExerciseSourceError, match=re.escape(message)) as err:
        mx.make_exercise(_nb(*cells), "99-bad.ipynb")
    assert "99-bad.ipynb" in str(err.value)


def test_missing_title_phrase_is_an_error():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Exercises"),
            new_code_cell("### BEGIN SOLUTION\n### END SOLUTION"),
        ]
    )
    with pytest.raises(mx.ExerciseSourceError, match="title rule"):
        mx.make_exercise(nb, "t.ipynb")


def test_generate_is_deterministic_and_check_detects_edits(tmp_path):
    sol, ex = tmp_path / "solutions", tmp_path / "exercises"
    sol.mkdir()
    nbformat.write(
        _nb(new_code_cell("### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION")), sol / "99-x.ipynb"
    )
    mx.generate(sol, ex)
    first = (ex / "99-x.ipynb").read_bytes()
    mx.generate(sol, ex)
    assert (ex / "99-x.ipynb").read_bytes() == first
    assert mx.check(sol, ex) == []
    edited = nbformat.read(ex / "99-x.ipynb", as_version=4)
    edited.cells[1].source = "answer = 1"
    nbformat.write(edited, ex / "99-x.ipynb")
    problems = mx.check(sol, ex)
    assert len(problems) == 1 and "99-x.ipynb" in problems[0]
    (ex / "99-y.ipynb").write_bytes(first)
    assert any("99-y.ipynb" in p for p in mx.check(sol, ex))
    assert mx.main(["--solutions", str(sol), "--exercises", str(ex), "--check"]) == 1


# --- checks: the registry ----------------------------------------------------------------------


def test_registry_json_is_in_step_with_the_key_script():
    assert bk.KEYS_PATH.read_text(encoding="utf-8") == bk.render(), (
        "src/pharmacourse/exercise_keys.json is stale: run scripts/build_exercise_keys.py"
    )
    assert checks.exercise_ids() == sorted(KEYS)


def _readable_text(node) -> str:
    """Every human-readable string of the key file, without the obfuscated values and hashes.

    Encoded values (base64) and SHA-256 digests are random-looking strings: searching them for a
    number gives false alarms (a digest may begin with "200"), so only prose fields are searched.
    """
    if isinstance(node, dict):
        return " ".join(_readable_text(v) for k, v in node.items()
                        if k not in {"expected", "choice_hash", "hashes", "salt"}
                        and not str(k).endswith(("_hash", "_sha256", "_b64")))
    if isinstance(node, list):
        return " ".join(_readable_text(v) for v in node)
    if isinstance(node, str) and re.fullmatch(r"[0-9a-f]{64}|[A-Za-z0-9+/]{11}=", node):
        return ""
    return str(node)


def test_readable_text_skips_digests_but_keeps_prose():
    entry = {"expected": "IUuxWIjj/zk=", "hint": "the answer is 37.8 h",
             "wrong": ["200" + "a" * 61]}
    assert "37.8" in _readable_text(entry)
    assert "IUux" not in _readable_text(entry) and "200" not in _readable_text(entry)


def test_registry_does_not_store_expected_values_in_plain_text():
    text = _readable_text(json.loads(checks.KEYS_PATH.read_text(encoding="utf-8")))
    for exercise_id, spec in KEYS.items():
        if spec["kind"] == "quantity":
            for shown in _renderings(spec["value"]):
                assert not re.search(rf"(?<![\d.]){re.escape(shown)}(?!\d)", text), exercise_id
        else:  # the options list names every option; nothing else may name the answer
            entry = dict(checks.load_keys()[exercise_id])
            entry.pop("options"), entry.pop("format")
            assert spec["choice"] not in json.dumps(entry).casefold(), exercise_id


def _renderings(value: float) -> set[str]:
    """How the expected value could be written, to 3-5 significant digits."""
    out = {f"{value:.{n}f}" for n in range(1, 5)} | {f"{value:.{n}g}" for n in range(3, 6)}
    return {s for s in out if len(s.replace(".", "").lstrip("0")) >= 3}


def _correct_answer(spec):
    return spec["value"] if spec["kind"] == "quantity" else spec["choice"]


@pytest.mark.parametrize("exercise_id", sorted(KEYS))
def test_expected_answer_passes(exercise_id):
    result = checks.check(exercise_id, _correct_answer(KEYS[exercise_id]), show=False)
    assert result.correct, result.text
    assert "check-correct" in result.html and "check-feedback" in result.html


@pytest.mark.parametrize("exercise_id", sorted(KEYS))
def test_each_known_mistake_fails_with_its_hint_and_hides_the_answer(exercise_id):
    spec = KEYS[exercise_id]
    if spec["kind"] == "quantity":
        wrong = [((lo + hi) / 2, hint) for lo, hi, hint in spec["mistakes"]]
    else:
        wrong = list(spec["choice_mistakes"])
    assert wrong, f"{exercise_id}: register at least one common mistake"
    for answer, hint in wrong:
        result = checks.check(exercise_id, answer, show=False)
        assert result.status == "incorrect", (exercise_id, answer)
        assert result.hint == hint
        assert "check-incorrect" in result.html
        _assert_hides_expected(exercise_id, spec, result)
    far_answer = _far_answer(spec)
    if far_answer is None:  # every wrong option has its own hint
        return
    far = checks.check(exercise_id, far_answer, show=False)
    assert far.status == "incorrect" and far.hint == spec["hint"]
    assert "Re-read" in far.hint  # the general hint points back to a section
    _assert_hides_expected(exercise_id, spec, far)


def _far_answer(spec):
    if spec["kind"] == "quantity":
        for factor in (7.3, 0.37, 13.1, 0.11, 29.0):
            candidate = spec["value"] * factor + 11
            tol = spec["tolerance"]
            allowed = tol["abs"] if "abs" in tol else tol["rel"] * abs(spec["value"])
            if abs(candidate - spec["value"]) <= 3 * allowed:  # not far: next factor
                continue
            if not any(lo <= candidate <= hi for lo, hi, _ in spec["mistakes"]):
                return candidate
        raise AssertionError("no far answer outside the mistake windows")
    others = [o for o in spec["options"] if o != spec["choice"]]
    return next((o for o in others if o not in dict(spec["choice_mistakes"])), None)


def _assert_hides_expected(exercise_id, spec, result):
    shown = result.text + result.html + repr(result)
    if spec["kind"] == "quantity":
        for s in _renderings(spec["value"]):
            assert not re.search(rf"(?<![\d.]){re.escape(s)}(?!\d)", shown), (exercise_id, s)
    else:
        assert spec["choice"] not in shown.casefold(), exercise_id


@pytest.mark.parametrize("exercise_id", sorted(KEYS))
@pytest.mark.parametrize("answer", [None, ..., True, [1.0, 2.0], {"a": 1}, float("nan"), ""])
def test_unanswered_or_wrong_type_says_not_answered(exercise_id, answer):
    result = checks.check(exercise_id, answer, show=False)
    assert result.status == "not-answered", (answer, result.text)
    assert "Not answered yet" in result.text and "check-not-answered" in result.html


def test_units_are_converted_and_plain_numbers_use_the_stated_unit():
    t_half_h = KEYS["04.1"]["value"]
    assert checks.check("04.1", Q_(t_half_h * 60, "min"), show=False).correct
    assert checks.check("04.1", f"{t_half_h / 24:.5f} d", show=False).correct
    assert checks.check("04.1", f"{t_half_h}", show=False).correct
    other_registry = pint_quantity_from_other_registry(t_half_h, "hour")
    assert checks.check("04.1", other_registry, show=False).correct
    wrong_dim = checks.check("04.1", Q_(3, "mg"), show=False)
    assert wrong_dim.status == "not-answered" and "not a time" in wrong_dim.message
    assert checks.check("04.1", "forty hours", show=False).status == "not-answered"


def pint_quantity_from_other_registry(value, unit):
    import pint

    return pint.UnitRegistry().Quantity(value, unit)


def test_numpy_and_pandas_scalars_are_accepted():
    import numpy as np
    import pandas as pd

    value = KEYS["04.2"]["value"]
    assert checks.check("04.2", np.float64(value), show=False).correct
    assert checks.check("04.2", pd.Series([value]), show=False).correct
    assert checks.check("04.2", np.array([value, value]), show=False).status == "not-answered"


def test_choice_normalisation_and_options():
    choice = KEYS["04.3"]["choice"]
    assert checks.check("04.3", f"  '{choice.upper()}' ", show=False).correct
    assert checks.check("04.3", "no-such-study", show=False).status == "not-answered"


def test_set_answers_ignore_order_and_duplicates(monkeypatch):
    key = {
        "kind": "choices",
        "options": ["a", "b", "c"],
        "expected_hash": checks.hash_choice("99.1", {"a", "c"}),
        "format": "a set of option letters",
        "hint": "Re-read section 1.",
        "mistakes": [{"hash": checks.hash_choice("99.1", {"a"}), "hint": "Only half of it."}],
    }
    monkeypatch.setitem(checks.load_keys(), "99.1", key)
    assert checks.check("99.1", ["c", "A", "a"], show=False).correct
    assert checks.check("99.1", {"a"}, show=False).hint == "Only half of it."
    assert checks.check("99.1", {"b"}, show=False).hint == "Re-read section 1."
    assert checks.check("99.1", "a", show=False).status == "not-answered"


def test_unknown_id_lists_known_ids():
    with pytest.raises(checks.UnknownExerciseError, match="04.1"):
        checks.check("99.99", 1, show=False)


def test_repr_is_short_and_stable():
    result = checks.check("04.1", 1.0, show=False)
    assert repr(result) == "CheckResult('04.1', 'incorrect')"
    assert "0x" not in repr(result)


def test_check_prints_feedback_outside_ipython(capsys):
    checks.check("04.1", ..., show=True)
    assert "Not answered yet (04.1)" in capsys.readouterr().out


def test_encoding_round_trips():
    for value in (0.0, 37.78, -1e-9, 1e12):
        assert checks._decode_number("04.1", checks.encode_number("04.1", value)) == value


def test_encode_key_hides_the_value_and_refuses_a_mistake_window_over_the_answer():
    spec = {"kind": "quantity", "unit": "h", "value": 37.78, "tolerance": {"abs": 0.5},
            "mistakes": [(0.05, 0.06, "That is k.")]}
    entry = checks.encode_key("99.1", spec)
    assert "value" not in entry and checks._decode_number("99.1", entry["expected"]) == 37.78
    assert entry["mistakes"] == [{"low": 0.05, "high": 0.06, "hint": "That is k."}]
    overlapping = dict(spec, mistakes=[(38.0, 40.0, "Too close.")])  # 38.0 is within 0.5 h
    with pytest.raises(ValueError, match=r"99\.1: mistake window 38\.0-40\.0 overlaps"):
        checks.encode_key("99.1", overlapping)


@pytest.mark.parametrize(
    "exercise_id", sorted(i for i, spec in KEYS.items() if spec["kind"] == "quantity")
)
def test_tolerance_boundary(exercise_id):
    spec = KEYS[exercise_id]
    tol = spec["tolerance"]
    allowed = tol["abs"] if "abs" in tol else tol["rel"] * abs(spec["value"])
    for sign in (-1, 1):
        inside = checks.check(exercise_id, spec["value"] + sign * 0.99 * allowed, show=False)
        outside = checks.check(exercise_id, spec["value"] + sign * 1.01 * allowed, show=False)
        assert inside.correct and outside.status == "incorrect", (exercise_id, sign)


_T_HALF = KEYS["04.1"]["value"]


@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
        st.floats(min_value=_T_HALF - 2, max_value=_T_HALF + 2),
    )
)
def test_quantity_grading_matches_the_tolerance(value):
    spec = KEYS["04.1"]
    result = checks.check("04.1", value, show=False)
    within = abs(value - spec["value"]) <= spec["tolerance"]["abs"] * (1 + 1e-9)
    assert result.correct == within
    assert result.status in ("correct", "incorrect")


@given(st.text(max_size=30))
def test_arbitrary_text_never_raises(text):
    for exercise_id in sorted(KEYS):
        result = checks.check(exercise_id, text, show=False)
        assert result.status in ("correct", "incorrect", "not-answered")


@given(st.floats(min_value=1e-3, max_value=1e4), st.sampled_from(["s", "min", "h", "d", "week"]))
def test_any_time_unit_converts_consistently(hours, unit):
    direct = checks.check("04.1", hours, show=False).status
    converted = checks.check("04.1", Q_(hours, "h").to(unit), show=False).status
    assert direct == converted or math.isclose(
        abs(hours - KEYS["04.1"]["value"]), KEYS["04.1"]["tolerance"]["abs"], rel_tol=1e-6
    )


def test_registry_units_parse():
    for spec in KEYS.values():
        if spec["kind"] == "quantity":
            ureg.Quantity(1, spec["unit"] or "dimensionless")
