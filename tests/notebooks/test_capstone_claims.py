"""The capstone gives the final verdict on every claim: its notebook reviews each id of
data/claims.csv, with the lessons that built each verdict."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .test_claim_thread import lesson_events

ROOT = Path(__file__).resolve().parents[2]
CAPSTONE = ROOT / "notebooks" / "10-capstone.ipynb"


def test_the_capstone_reviews_every_claim() -> None:
    with open(ROOT / "data" / "claims.csv", newline="", encoding="utf-8") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    events, unreadable = lesson_events(CAPSTONE, ROOT / "quizzes")
    assert not unreadable
    assert {claim for kind, claim, _ in events if kind == "review"} == ids
    assert not [e for e in events if e[0] == "predict"], "the capstone asks no new prediction"


def test_the_final_table_shows_the_lessons_behind_each_verdict() -> None:
    cells = json.loads(CAPSTONE.read_text(encoding="utf-8"))["cells"]
    reviews = ["".join(c["source"]) for c in cells
               if c["cell_type"] == "code" and "claim_review" in "".join(c["source"])]
    assert reviews and all("with_lessons=True" in src for src in reviews)
