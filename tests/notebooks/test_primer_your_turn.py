"""The primer's "your turn" cells: untouched they say "Not answered yet"; with a right answer
typed in place of the ``...`` every self-check says "Right"."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
PRIMER = ROOT / "notebooks" / "00a-python-primer.ipynb"

ANSWERS = {  # cell id -> (placeholder line, a learner's right answer)
    "your-turn-1-code": (
        "oh_half_lives = ...",
        'oh_half_lives = half_lives[half_lives["analyte"] == "7-hydroxymitragynine"]',
    ),
    "your-turn-2-code": ('in_days["value_d"] = ...', 'in_days["value_d"] = in_days["value"] / 24'),
    "your-turn-3-code": (
        "...  # your plot here",
        'ax.barh(medians["analyte"], medians["value"]); ax.set_xlabel("Median half-life (h)"); '
        'ax.set_ylabel("Alkaloid"); ax.set_title("Tanna 2022")  # your plot here',
    ),
    "your-turn-4-code": (
        "oh_median = ...",
        "oh_median = pk.query(\"study_id == 'tanna2022' and analyte == '7-hydroxymitragynine' "
        "and parameter == 't_half' and statistic == 'median'\")[\"value\"].item()",
    ),
}


def _feedback(cell: nbformat.NotebookNode) -> str:
    return "\n".join(o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", []))


def test_stored_primer_says_not_answered_yet() -> None:
    nb = nbformat.read(PRIMER, as_version=4)
    cells = {c.get("id"): c for c in nb.cells}
    for cell_id in ANSWERS:
        assert "Not answered yet" in _feedback(cells[cell_id]), cell_id


def test_right_answers_pass_every_self_check(tmp_path: Path) -> None:
    nb = nbformat.read(PRIMER, as_version=4)
    cells = {c.get("id"): c for c in nb.cells}
    for cell_id, (placeholder, answer) in ANSWERS.items():
        assert placeholder in cells[cell_id].source, cell_id
        cells[cell_id].source = cells[cell_id].source.replace(placeholder, answer)
    NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(PRIMER.parent)}}
    ).execute()
    for cell_id in ANSWERS:
        assert "Right" in _feedback(cells[cell_id]), (cell_id, _feedback(cells[cell_id]))
