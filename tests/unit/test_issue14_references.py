"""Issue 14, lessons 00-04: the data rows and references the review asked to correct."""

from __future__ import annotations

from pathlib import Path

import nbformat

from pharmacourse import data

ROOT = Path(__file__).resolve().parents[2]


def _lesson_text(slug: str) -> str:
    nb = nbformat.read(ROOT / "notebooks" / f"{slug}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells)


def test_speciofoline_is_a_binding_result_not_a_functional_one():
    receptors = data.load("receptor_pharmacology")
    row = receptors[receptors["compound"] == "speciofoline"].iloc[0]
    assert row["measure"] == "binding" and row["result"] == "no measurable binding"
    assert "captured" not in f"{row['species']} {row['system']}"


def test_lesson_03_cites_only_studies_with_a_reference_row():
    text = _lesson_text("03-dose-response")
    assert "Reanmongkol" in text and '"reanmongkol2007"' in text
    ref = data.references("reanmongkol2007").iloc[0]
    assert (ref["year"], ref["volume_pages"]) == (2007, "29(Suppl 1):39-48")
    # a study whose publication year could not be verified is not cited inline without a row
    assert "Sabetghadam" not in text and "ddr.21052" not in text


def test_completed_citations():
    todd = data.format_reference("todd2020")
    assert todd.startswith("Todd DA, Kellogg JJ,") and "*Scientific Reports 10(1):19158*" in todd
    assert data.format_reference("biochem2022").startswith("Stahl EL, Bohn LM (2022). Low intrinsic")
    rogers = data.references("rogers2021").iloc[0]
    assert (rogers["pmcid"], int(rogers["pmid"])) == ("PMC8721145", 34987402)
    prevalence = data.load("prevalence")
    nmurx = prevalence[prevalence["survey"] == "NMURx online panel"]
    assert set(nmurx["n_respondents"]) == {59714} and nmurx["ci95_low"].notna().all()
