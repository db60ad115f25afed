"""The decision summary PDF: produced, readable, and the KPIs are in its text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from exporters.pdf_charts import nice_ticks
from exporters.pdf_report import decision_pdf, sources
from tests.conftest import make_scenario


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 3
    return "\n".join(page.extract_text() for page in reader.pages)


def test_danish_summary_holds_the_aarhus_figures(toilet):
    data = decision_pdf(toilet, "da")
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("BESLUTNINGSOPLÆG", "Skal vi investere 40.000 kr.", "4,4 mdr.",
                     "1.055.000 kr.", "870.668 kr.", "365 timer", "0,19 årsværk",
                     "fuldtidsstillinger i plejen", "Selvhjulpenhed og værdighed",
                     "Tjent hjem efter 4,4 mdr.", "Side 1 af",
                     "VTV-profil: blandet – gennemsnit 3,4 af 5", "118,9 mdr. (bedst–værst)"):
        assert expected in text, expected


def test_english_summary(toilet):
    text = pdf_text(decision_pdf(toilet, "en"))
    for expected in ("DECISION SUMMARY", "4.4 months", "DKK 1,055,000", "DKK 870,668",
                     "0.19 full-time care workers", "Optimistic estimate"):
        assert expected in text, expected


def test_a_case_that_never_pays_back_still_renders():
    lossy = make_scenario(gains=[{"id": "t", "name": "Lidt tid", "quantity": 0.01,
                                  "period": "day", "hourly_cost": 300.0}],
                          risks=[], soft_gains=[], sources={})
    text = pdf_text(decision_pdf(lossy, "da"))
    # 10 · 0.01 · 365 · 300 − 40,000
    assert "Nettotab over 10 år: 29.050 kr." in text
    assert "Ikke inden for horisonten" in text


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
