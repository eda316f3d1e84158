"""Quiz banks: every bank in the repository validates, and each kind of fault names itself."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pharmacourse import quiz
from pharmacourse.quiz import QuizBankError, load_bank_file, resolve_function

REPO = Path(__file__).resolve().parents[2]
BANKS = sorted((REPO / "quizzes").glob("*.yml"))


def test_the_repository_has_banks() -> None:
    assert BANKS, "no quiz banks found under quizzes/"
    assert (REPO / "quizzes" / "00-start-here.yml") in BANKS


@pytest.mark.parametrize("path", BANKS, ids=[p.stem for p in BANKS])
def test_every_bank_in_the_repository_validates(path: Path) -> None:
    bank = load_bank_file(path)
    assert bank.lesson == path.stem
    assert bank.questions
    for question in bank.questions.values():
        if question.graded:
            assert question.explanation, question.id


def test_the_schema_documents_an_example_of_every_type() -> None:
    readme = (REPO / "quizzes" / "README.md").read_text(encoding="utf-8")
    examples = [yaml.safe_load(block.split("```", 1)[0])
                for block in readme.split("```yaml\n")[1:]]
    documented = set()
    for example in examples:
        if isinstance(example, dict) and "sections" in example:
            bank = quiz.parse_bank(example, source="README example")
            documented |= {q.type for q in bank.questions.values()}
    assert documented == set(quiz.schema.TYPES)


BASE = {
    "lesson": "99-test",
    "title": "Test bank",
    "sections": [{
        "id": "main",
        "title": "Main",
        "questions": [
            {"id": "pick", "type": "single", "stem": "Pick one", "explanation": "Because.",
             "options": [{"id": "right", "text": "right", "correct": True},
                         {"id": "wrong", "text": "wrong", "feedback": "Tempting, but no."}]},
            {"id": "many", "type": "multiple", "stem": "Pick all", "explanation": "Because.",
             "options": [{"id": "a", "text": "a", "correct": True},
                         {"id": "b", "text": "b", "correct": True},
                         {"id": "c", "text": "c", "feedback": "Not c."}]},
            {"id": "num", "type": "numeric", "stem": "How long?", "explanation": "Because.",
             "unit": "h", "answer": 12, "tolerance": {"absolute": 0.5},
             "mistakes": [{"value": 0.0578, "unit": "1/h", "feedback": "That is k."}]},
            {"id": "par", "type": "parameterised", "stem": "k = {k_per_h} per hour; t1/2?",
             "explanation": "ln 2 / k.", "unit": "h",
             "parameters": {"k_per_h": {"min": 0.05, "max": 0.5, "decimals": 2}},
             "answer": {"function": "pharmacourse.quiz.examples.half_life_h"},
             "tolerance": {"relative": 0.02}},
            {"id": "guess", "type": "prediction", "stem": "Natural means safe?", "claim": "d"},
        ],
    }],
}


def write_bank(tmp_path: Path, data: dict | str, name: str = "99-test") -> Path:
    path = tmp_path / f"{name}.yml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def q(data: dict, qid: str) -> dict:
    return next(x for x in data["sections"][0]["questions"] if x["id"] == qid)


def test_the_base_bank_is_valid(tmp_path: Path) -> None:
    bank = load_bank_file(write_bank(tmp_path, BASE))
    assert [x.type for x in bank.questions.values()] == [
        "single", "multiple", "numeric", "parameterised", "prediction"]


def _set(qid: str, key: str, value: object):
    def change(d: dict) -> None:
        q(d, qid)[key] = value
    return change


def _drop(qid: str, key: str):
    def change(d: dict) -> None:
        del q(d, qid)[key]
    return change


def _dup_id(d: dict) -> None:
    q(d, "many")["id"] = "pick"


def _no_correct(d: dict) -> None:
    for option in q(d, "pick")["options"]:
        option["correct"] = False


def _two_correct_single(d: dict) -> None:
    q(d, "pick")["options"][1]["correct"] = True


def _wrong_without_feedback(d: dict) -> None:
    del q(d, "pick")["options"][1]["feedback"]


def _mistake_catches_answer(d: dict) -> None:
    q(d, "num")["mistakes"] = [{"value": 12.2, "feedback": "oops"}]


def _lesson_mismatch(d: dict) -> None:
    d["lesson"] = "03-dose-response"


def _option(qid: str, index: int, key: str, value: object):
    def change(d: dict) -> None:
        q(d, qid)["options"][index][key] = value
    return change


def _drop_option_id(d: dict) -> None:
    del q(d, "many")["options"][2]["id"]


def _two_last(d: dict) -> None:
    for option in q(d, "many")["options"][1:]:
        option["last"] = True


FAULTS = [
    # (fault, question id or None, field, words of the message)
    (_set("pick", "type", "singel"), "pick", "type", "unknown type 'singel'"),
    (_no_correct, "pick", "options", "no option is marked correct"),
    (_two_correct_single, "pick", "options", "exactly one"),
    (_wrong_without_feedback, "pick", "options[2].feedback", "missing"),
    (_dup_id, "pick", "id", "duplicate id 'pick'"),
    (_drop("num", "tolerance"), "num", "tolerance", "missing"),
    (_drop("num", "unit"), "num", "unit", "missing"),
    (_set("num", "unit", "hourz"), "num", "unit", "unknown unit 'hourz'"),
    (_set("num", "tolerence", {"absolute": 1}), "num", "tolerence", "did you mean 'tolerance'"),
    (_set("num", "tolerance", {"relative": 5}), "num", "tolerance.relative", "fraction"),
    (_set("num", "answer", {"function": "os.system"}), "num", "answer.function",
     "must live in the pharmacourse package"),
    (_set("num", "answer", {"function": "pharmacourse.quiz.examples.no_such"}), "num",
     "answer.function", "no public attribute 'no_such'"),
    (_set("num", "answer", {"function": "pharmacourse.units.ureg.Quantity.__class__"}), "num",
     "answer.function", "no public attribute"),
    (_set("num", "answer", {"function": "pharmacourse.quiz.examples.half_life_h(1)"}), "num",
     "answer.function", "not a dotted name"),
    (_set("num", "answer", {"data": {"resource": "human_pk", "field": "value"}}), "num",
     "answer.data.where", "exactly one row"),
    (_set("num", "answer", "twelve"), "num", "answer", "must be a number"),
    (_set("num", "answer", {"value": 5, "unit": "kg"}), "num", "answer.unit",
     "cannot be converted"),
    (_mistake_catches_answer, "num", "mistakes[1]", "catch the correct answer"),
    (_set("num", "mistakes", [{"value": 3}]), "num", "mistakes[1].feedback", "missing"),
    (_set("par", "stem", "k = {k} per hour"), "par", "stem", "placeholder {k}"),
    (_set("par", "answer", {"function": "pharmacourse.quiz.examples.days_to_hours"}), "par",
     "answer.function", "cannot be called"),
    (_set("par", "answer", 3), "par", "answer", "must be {function"),
    (_set("par", "parameters", {"k_per_h": {"min": 2, "max": 1}}), "par",
     "parameters.k_per_h", "above max"),
    (_drop("guess", "claim"), "guess", "claim", "missing"),
    (_set("guess", "claim", True), "guess", "claim", "in quotes"),
    (_set("pick", "stem", True), "pick", "stem", "in quotes"),
    (_drop("pick", "explanation"), "pick", "explanation", "missing"),
    (_set("pick", "tries_before_reveal", 0), "pick", "tries_before_reveal", "at least 1"),
    (_lesson_mismatch, None, "lesson", "file is named 99-test.yml"),
    (_drop_option_id, "many", "options[3].id", "missing or not a valid id (None)"),
    (_option("many", 1, "id", "a"), "many", "options[2].id", "duplicate id 'a' (already used"),
    (_option("pick", 0, "id", "Right Answer"), "pick", "options[1].id", "short slug"),
    (_option("pick", 1, "feedbak", "x"), "pick", "options[2].feedbak", "did you mean 'feedback'"),
    (_two_last, "many", "options", "only one option can be pinned with last: true"),
    (_option("pick", 1, "last", "yes"), "pick", "options[2].last", "true or false"),
    (_set("many", "ordre", "fixed"), "many", "ordre", "did you mean 'order'"),
    (_set("many", "order", "random"), "many", "order", "unknown order 'random'; use"),
]
#: Faults only the loader can see (pint units, names inside the package, the answer caught by a
#: mistake, placeholders, ids across questions, the file name): quizzes/schema.json accepts them.
SEMANTIC = {"unknown unit 'hourz'", "no public attribute 'no_such'", "no public attribute",
            "cannot be converted",
            "catch the correct answer", "placeholder {k}", "cannot be called", "above max",
            "file is named 99-test.yml", "duplicate id 'pick'",
            "duplicate id 'a' (already used"}


@pytest.mark.parametrize("fault,qid,field,words", FAULTS,
                         ids=[f"{f[2]}:{f[3][:24]}" for f in FAULTS])
def test_each_fault_raises_one_clear_error(tmp_path: Path, fault, qid, field, words) -> None:
    data = copy.deepcopy(BASE)
    fault(data)
    path = write_bank(tmp_path, data)
    with pytest.raises(QuizBankError) as info:
        load_bank_file(path)
    err = info.value
    message = str(err)
    assert "99-test.yml" in message
    assert err.field == field and f"field '{field}'" in message
    assert err.question == qid
    if qid:
        assert f"question '{qid}'" in message
    assert words in message


def test_yaml_syntax_errors_and_duplicate_keys_name_the_line(tmp_path: Path) -> None:
    path = write_bank(tmp_path, "lesson: 99-test\nsections: [\n")
    with pytest.raises(QuizBankError, match=r"99-test\.yml.*not valid YAML at line"):
        load_bank_file(path)
    path = write_bank(tmp_path, "lesson: 99-test\nlesson: 99-test\nsections: []\n")
    with pytest.raises(QuizBankError, match="duplicate key 'lesson'"):
        load_bank_file(path)


def test_a_missing_bank_lists_the_known_ones() -> None:
    with pytest.raises(QuizBankError,
                       match="no quiz bank for lesson 'no-such-lesson'.*00-start-here"):
        quiz.load("no-such-lesson")


def test_named_functions_never_leave_the_package() -> None:
    half_life = resolve_function("pharmacourse.quiz.examples.half_life_h")
    assert half_life(1.0) == pytest.approx(0.693, 1e-3)
    for bad in ("builtins.eval", "pharmacourse_evil.x", "pharmacourse.quiz.examples._private",
                "pharmacourse.quiz.examples.half_life_h; import os", "pharmacourse.__version__"):
        with pytest.raises(ValueError):
            resolve_function(bad)


def test_the_command_line_validates_and_fails(tmp_path: Path) -> None:
    good = subprocess.run([sys.executable, "-m", "pharmacourse.quiz", "validate",
                           str(REPO / "quizzes" / "00-start-here.yml")],
                          capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stderr
    assert "ok" in good.stdout
    data = copy.deepcopy(BASE)
    _no_correct(data)
    bad = subprocess.run([sys.executable, "-m", "pharmacourse.quiz", "validate",
                          str(write_bank(tmp_path, data))],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "question 'pick', field 'options'" in bad.stderr


# ----------------------------------------------------------------------------- quizzes/schema.json

SCHEMA_PATH = REPO / "quizzes" / "schema.json"


@pytest.fixture(scope="module")
def validator():
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", BANKS, ids=[p.stem for p in BANKS])
def test_every_bank_validates_against_the_published_schema(validator, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n"), path.name
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in validator.iter_errors(yaml.safe_load(text))]
    assert errors == [], errors


def test_the_readme_example_validates_against_the_published_schema(validator) -> None:
    readme = (REPO / "quizzes" / "README.md").read_text(encoding="utf-8")
    banks = [yaml.safe_load(block.split("```", 1)[0]) for block in readme.split("```yaml\n")[1:]]
    banks = [b for b in banks if isinstance(b, dict) and "sections" in b]
    assert banks and all(validator.is_valid(b) for b in banks)


def test_the_schema_and_the_loader_allow_the_same_fields() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    for name, fields in quiz.schema.FIELDS.items():
        assert set(defs[name]["properties"]) == fields, name
        assert defs[name]["additionalProperties"] is False, name
    assert schema["$ref"] == "#/$defs/bank"
    assert defs["single"]["properties"]["type"]["enum"] == list(quiz.schema.TYPES)
    assert defs["single"]["properties"]["order"]["enum"] == list(quiz.schema.ORDERS)
    assert defs["id"]["pattern"] == quiz.schema._ID.pattern
    assert defs["prediction"]["properties"]["claim"]["pattern"] == quiz.schema._CLAIM_ID.pattern
    assert [c["then"]["$ref"] for c in defs["question"]["allOf"]] == [
        f"#/$defs/{t}" for t in quiz.schema.TYPES]


@pytest.mark.parametrize("fault,qid,field,words", FAULTS,
                         ids=[f"{f[2]}:{f[3][:24]}" for f in FAULTS])
def test_the_schema_rejects_every_structural_fault_the_loader_rejects(
        validator, fault, qid, field, words) -> None:
    data = copy.deepcopy(BASE)
    fault(data)
    rejected = not validator.is_valid(data)
    assert rejected == (words not in SEMANTIC), (words, "schema rejects" if rejected else
                                                 "schema accepts")


@pytest.mark.parametrize("where,typo", [("question", "tolerence"), ("option", "feedbak"),
                                        ("question", "ordre")])
def test_a_misspelt_field_fails_the_schema_and_the_loader_naming_it(
        validator, tmp_path: Path, where: str, typo: str) -> None:
    data = copy.deepcopy(BASE)
    target = q(data, "num" if typo == "tolerence" else "many")
    if where == "option":
        target = target["options"][2]
    target[typo] = "x"
    messages = [e.message for e in validator.iter_errors(data)]
    messages += [c.message for e in validator.iter_errors(data) for c in e.context or ()]
    assert any(f"'{typo}' was unexpected" in m for m in messages), messages
    with pytest.raises(QuizBankError, match=f"{typo}.*did you mean"):
        load_bank_file(write_bank(tmp_path, data))


def test_a_lint_waiver_is_accepted_by_the_loader_and_the_schema(tmp_path: Path, validator) -> None:
    data = copy.deepcopy(BASE)
    q(data, "pick")["lint_ok"] = "the long key is a quoted definition"
    q(data, "guess")["lint_ok"] = "a prediction"
    assert validator.is_valid(data)
    load_bank_file(write_bank(tmp_path, data))
    q(data, "pick")["lint_ok"] = 3  # a waiver must say why
    assert not validator.is_valid(data)
