"""The decision summary PDF: produced, readable, and the KPIs are in its text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from calculators.scenario_file import load_sample, sample_names
from exporters.deck import Stamp, sources
from exporters.pdf_charts import nice_ticks
from exporters.pdf_report import decision_pdf
from tests.conftest import make_scenario, toilet_at_2026

STAMP = Stamp(date(2026, 12, 1), "Anne Holm", 3, 7)


def pdf_text(data: bytes) -> str:
    """The document's words in reading order, one space apart (card titles wrap)."""
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 3
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_danish_summary_holds_the_aarhus_figures(toilet):
    data = decision_pdf(toilet, "da", STAMP)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("BESLUTNINGSOPLÆG", "Skal vi investere 40.000 kr.", "4,4 mdr.",
                     "1.055.000 kr.", "870.668 kr.", "365 t. = 0,19 årsværk",
                     "Selvhjulpenhed og værdighed", "Dækket efter 4,4 mdr.", "Side 1 af",
                     "Budgetvirkning", "Samlet værdi inkl. frigjort tid",
                     "Ikke inden for horisonten", "Tjent hjem efter Ikke inden for horisonten",
                     "Budgetvirkning over 10 år -40.000 kr.",
                     "Hjemtaget pr. år 0 t. = 0,00 årsværk",
                     "VTV-profil: blandet – gennemsnit 3,4 af 5", "118,9 mdr. (bedst–værst)"):
        assert expected in text, expected


def test_each_fact_once_on_two_planned_pages(toilet):
    first, second = pages(decision_pdf(toilet, "da", STAMP))  # exactly two pages
    text = first + second
    assert text.count("0,19") == 1  # FTE: once (365 / 1,924)
    assert text.count("Optimistisk skøn") == 1
    assert text.count("870.668") == 1 and text.count("1.055.000 kr.") == 1
    # page 1 ends with the money/time split; page 2 starts with soft gains and ends signed
    assert "Frigjort tid bliver i enheden" in first and "Bløde gevinster" not in first
    assert second.lstrip().startswith("Bløde gevinster")
    assert second.index("Om tallene") < second.index("Beslutning:") < second.index(
        "Dato og underskrift:")


def test_author_version_and_date_of_the_figures(toilet):
    first = pages(decision_pdf(toilet, "da", STAMP))[0]
    assert "Tal pr. 1.12.2026" in first and "version 3 i biblioteket (Anne Holm)" in first
    unsaved = pages(decision_pdf(toilet, "en"))[0]
    assert f"Figures as of {date.today().day} " in unsaved and "not saved in the library" in (
        " ".join(unsaved.split()))


def test_the_fact_line_states_the_price_level(toilet):
    first = " ".join(pages(decision_pdf(toilet, "da", STAMP))[0].split())
    assert "(Anne Holm) · Beløb i faste priser (P/L 2012)" in first and "skøn:" not in first
    first = " ".join(pages(decision_pdf(toilet_at_2026(), "en", STAMP))[0].split())
    assert ("Amounts in constant prices (2026 price level) · The conversion uses index figures "
            "that are estimates: 2026") in first


def test_english_summary(toilet):
    text = pdf_text(decision_pdf(toilet, "en"))
    for expected in ("DECISION SUMMARY", "4.4 months", "DKK 1,055,000", "DKK 870,668",
                     "365 h = 0.19 FTE", "Optimistic estimate", "Date and signature:"):
        assert expected in text, expected


def test_a_case_that_never_pays_back_still_renders():
    lossy = make_scenario(gains=[{"id": "t", "name": "Lidt tid", "quantity": 0.01,
                                  "period": "day", "hourly_cost": 300.0}],
                          risks=[], soft_gains=[], sources={})
    text = pdf_text(decision_pdf(lossy, "da"))
    # 10 · 0.01 · 365 · 300 − 40,000
    assert "Netto over 10 år, samlet -29.050 kr." in text
    assert "Ikke inden for horisonten" in text


def test_both_tracks_with_half_the_hours_taken_out_from_year_two():
    """By hand: 12 + 40,000 / (54,750 / 12) = 20.77 months; 9 · 54,750 − 40,000 = 452,750 kr;
    −40,000 + Σ_{k=2..10} 54,750 / 1.035^k = 362,436 kr."""
    plan = make_scenario(gains=[{"id": "t", "name": "Tid", "quantity": 1.0, "period": "day",
                                 "hourly_cost": 300.0, "budget_shares": [0.0, 0.5]}])
    text = pdf_text(decision_pdf(plan, "en"))
    for expected in ("Budget effect Pays back after 20.8 months",
                     "Budget effect over 10 years DKK 452,750",
                     "Net present value, budget (3.5 %) DKK 362,436",
                     "Budget effect a year in operation DKK 54,750",
                     "Taken out a year 183 h = 0.09 FTE",  # 182.5 h / 1,924 h
                     "Total value incl. released time Costs covered after 4.4 months",
                     "Pays back after 20.8 months", "Covered after 4.4 months",
                     "DKK 54,750 reaches the municipality's budget (50 %)"):
        assert expected in text, expected


def test_sources_once_each(toilet):
    assert len(sources(toilet)) == 2


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (-40_000, 1_055_000, [0, 500_000, 1_000_000]),
    (-3, 12, [0, 5, 10]),
    (0, 0, [0]),
])
def test_nice_ticks(low, high, ticks):
    assert nice_ticks(low, high) == ticks


def test_long_text_and_glyphs_outside_the_font_do_not_break_it():
    odd = make_scenario(title="Toilet 🚽 漢字 " + "x" * 400,
                        risks=[{"text": "=SUM(A1) 😀 " * 40, "level": "large"}])
    text = pdf_text(decision_pdf(odd, "da"))
    assert "=SUM(A1)" in text and "4,4 mdr." in text


@pytest.mark.parametrize("name", [*sample_names(), "toilet_at_2026"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_sample_fits_its_two_pages(name, lang):
    case = toilet_at_2026() if name == "toilet_at_2026" else load_sample(name)
    first, second = pages(decision_pdf(case, lang, STAMP))
    soft, signed = {"da": ("Bløde gevinster", "Dato og underskrift:"),
                    "en": ("Soft gains", "Date and signature:")}[lang]
    assert second.lstrip().startswith(soft) and signed in second


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_text_runs_out_of_its_cell(monkeypatch, lang):
    """Every one-line cell is at least as wide as its text and every word of a wrapped cell
    fits its width (else fpdf2 breaks the word inside), so no card's title or value runs into
    the next card."""
    overflows: list[str] = []
    cell, multi_cell = FPDF.cell, FPDF.multi_cell

    def too_wide(pdf: FPDF, w: float | None, text: str, words: bool) -> bool:
        parts = text.split() if words else [text]
        return bool(w) and any(pdf.get_string_width(part) > w + 0.01 for part in parts)

    def measured(pdf: FPDF, w: float | None = None, h: float | None = None, text: str = "",
                 *args, **kwargs):
        if too_wide(pdf, w, text, words=False):
            overflows.append(text)
        return cell(pdf, w, h, text, *args, **kwargs)

    def wrapped(pdf: FPDF, w: float, h: float | None = None, text: str = "", *args, **kwargs):
        if too_wide(pdf, w, text, words=True):
            overflows.append(text)
        return multi_cell(pdf, w, h, text, *args, **kwargs)

    monkeypatch.setattr(FPDF, "cell", measured)
    monkeypatch.setattr(FPDF, "multi_cell", wrapped)
    for name in sample_names():
        decision_pdf(load_sample(name), lang, STAMP)
    assert overflows == []
