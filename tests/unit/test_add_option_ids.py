"""scripts/add_option_ids.py: ids from the option text, unique per question, the bank's text
kept as written (comments, folding, quoting), idempotent, and loadable afterwards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from pharmacourse.quiz import load_bank_file
from scripts import add_option_ids as script  # noqa: E402  (the repo root is on sys.path)

REPO = Path(__file__).resolve().parents[2]

BANK = """\
# yaml-language-server: $schema=schema.json
# A comment that must survive.
lesson: 99-ids
sections:
  - id: s
    questions:
      - id: kd
        type: single
        stem: Which?
        explanation: Kd is where half the receptors are bound.
        options:
          # the right one
          - text: "At 10 nM, **half** of the receptors are occupied"
            correct: true
          - text: >-
              At 10 nM the ligand gives half
              of its maximal effect
            feedback: Occupancy is not effect.   # trailing comment
          - text: At 10 nM, half of the receptors are occupied (at equilibrium)
            feedback: Same words, so the id needs more of them.
          - {text: "None of these", last: true, feedback: "One is right."}
      - id: kept
        type: multiple
        stem: Which ones?
        explanation: Because.
        options:
          - id: half
            text: Half of the receptors
            correct: true
          - text: Half
            feedback: No.
      - id: number
        type: numeric
        stem: How long?
        unit: h
        answer: 12
        tolerance: {absolute: 1}
        explanation: Because.
"""


def test_ids_come_from_the_text_and_are_unique_within_a_question() -> None:
    assert script.make_id("At 10 nM, **half** of the receptors are occupied", set()) == (
        "10-nm-half")
    assert script.make_id("The dose", set()) == "dose"
    assert script.make_id("The dose", {"dose"}) == "dose-2"
    assert script.make_id("A B C D E", {"b-c-d", "b-c-d-e"}) == "b-c-d-2"
    assert script.make_id("%", set()) == "option"


def test_the_bank_text_is_kept_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    new = script.add_ids(BANK)
    assert script.add_ids(new) == new  # idempotent
    assert "# A comment that must survive." in new and "# trailing comment" in new
    assert "          # the right one\n          - id: 10-nm-half\n" in new
    assert '            text: "At 10 nM, **half** of the receptors are occupied"\n' in new
    assert "            text: >-\n              At 10 nM the ligand gives half\n" in new
    assert '- {id: none, text: "None of these", last: true' in new
    data = yaml.safe_load(new)
    kd, kept = (q["options"] for q in data["sections"][0]["questions"][:2])
    assert [o["id"] for o in kd] == ["10-nm-half", "10-nm-ligand", "10-nm-half-receptors",
                                     "none"]
    assert [o["id"] for o in kept] == ["half", "half-2"]  # the written id is reserved
    original = yaml.safe_load(BANK)["sections"][0]["questions"][2]
    assert data["sections"][0]["questions"][2] == original  # a numeric question is untouched
    path = tmp_path / "99-ids.yml"
    path.write_text(new, encoding="utf-8")
    load_bank_file(path)  # valid for the loader


def test_a_bank_without_the_schema_line_gets_it_once() -> None:
    bare = BANK.replace(script.HEADER, "")
    new = script.add_ids(bare)
    assert new.startswith(script.HEADER + "# A comment that must survive.\n")
    assert new == script.add_ids(BANK) and script.add_ids(new) == new


def test_the_command_line_edits_in_place_and_leaves_banks_with_ids_alone(tmp_path: Path) -> None:
    path = tmp_path / "99-ids.yml"
    path.write_text(BANK, encoding="utf-8")
    run = [sys.executable, str(REPO / "scripts" / "add_option_ids.py"), str(path)]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "added ids" in first.stdout
    after = path.read_text(encoding="utf-8")
    second = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "unchanged" in second.stdout and path.read_text(encoding="utf-8") == after


def test_every_bank_in_the_repository_already_has_its_ids() -> None:
    for path in sorted((REPO / "quizzes").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert script.add_ids(text) == text, path.name
