"""Pitch mode: the derived case worked out by hand, and the page through AppTest."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from calculators.collaboration import prep_progress, step_progress
from calculators.metrics import compute_metrics
from calculators.model import Collaboration, EstimateBasis, OpiStep
from calculators.pitch import (
    PitchChoices,
    default_cut,
    default_gains,
    default_soft_gains,
    pitch_scenario,
)
from calculators.scenario_file import dump_scenario, load_sample, parse_scenario
from exporters.excel import workbook_bytes
from exporters.excel_import import read_workbook
from tests.conftest import metric, open_page, toilet_at_2026
from ui.safe_text import md


def test_conservative_pitch_of_the_aarhus_toilet(toilet):
    pitch = pitch_scenario(toilet, PitchChoices(["time"], [0]), note="30 % lavere")
    metrics = compute_metrics(pitch)
    # 109,500 · 0.7 = 76,650 a year; 40,000 / 76,650 · 12 = 6.26 months
    assert metrics.annual_net_steady_state == pytest.approx(76_650)
    assert metrics.payback_months == pytest.approx(6.262, abs=1e-3)
    assert pitch.estimate_basis is EstimateBasis.CONSERVATIVE
    assert pitch.sources["realisation"] == "30 % lavere"
    assert len(pitch.soft_gains) == 1


def test_the_municipalitys_own_figures(toilet):
    choices = PitchChoices(["time"], [], hourly_cost=350.0, units=4, organisation="Vejle")
    pitch = pitch_scenario(toilet, choices)
    # 4 · 365 · 350 · 0.7 = 357,700 a year; investment 4 · 40,000
    metrics = compute_metrics(pitch)
    assert metrics.annual_net_steady_state == pytest.approx(357_700)
    assert metrics.total_investment == pytest.approx(160_000)
    assert pitch.organisation == "Vejle"


def test_only_chosen_gains_and_no_cut():
    lifts = load_sample("ceiling_lifts")
    assert default_gains(lifts) == [g.id for g in lifts.gains][:3]
    avoided = next(g.id for g in lifts.gains if g.kind == "avoided_cost")
    pitch = pitch_scenario(lifts, PitchChoices([avoided], [], cut=0.0))
    assert [g.id for g in pitch.gains] == [avoided]
    assert pitch.scale.realisation == lifts.scale.realisation
    assert pitch.estimate_basis == lifts.estimate_basis
    # a new number of units drops the template's staggered roll-out
    assert pitch_scenario(lifts, PitchChoices([avoided], [], units=10)).scale.rollout == []


def test_defaults(toilet):
    assert default_soft_gains(toilet) == [0, 1]
    assert default_cut(toilet) == 0.3
    assert default_cut(load_sample("aarhus_toilet_conservative")) == 0.0


def test_collaboration_survives_a_file_round_trip(toilet):
    data = toilet.model_dump()
    data["collaboration"] = Collaboration(
        prep_municipality=["m1", "m3"], need=OpiStep(status="done", ticked=["need.what.1"]),
    ).model_dump()
    s = type(toilet).model_validate(data)
    assert parse_scenario(dump_scenario(s)) == s
    assert prep_progress(s.collaboration, "municipality") == (2, 5)
    assert step_progress(s.collaboration, "need") == (1, 12)


@pytest.fixture
def pitch_page() -> AppTest:
    return open_page("pitch")


def test_page_hourly_cost_moves_the_kpis(pitch_page):
    assert metric(pitch_page, "Udgifterne dækket efter") == "6,3 mdr."
    field = next(n for n in pitch_page.text_input if n.label.startswith("Kommunens timepris"))
    assert field.value == "300 kr."
    field.input("350").run()
    assert not pitch_page.exception
    # 40,000 / (365 · 350 · 0.7 / 12) = 5.37 months
    assert metric(pitch_page, "Udgifterne dækket efter") == "5,4 mdr."
    assert pitch_page.session_state["scenario"] == load_sample("aarhus_toilet")


def test_page_states_the_price_level_of_its_figures(pitch_page):
    captions = " ".join(c.value for c in pitch_page.caption)
    assert "Beløb i faste priser (P/L 2012)" in captions and "skøn:" not in captions
    pitch_page.session_state["scenario"] = toilet_at_2026()
    pitch_page.run()
    captions = " ".join(c.value for c in pitch_page.caption)
    assert "Beløb i faste priser (P/L 2026)" in captions
    assert "Omregningen bruger indekstal, der er skøn: 2026" in captions


def test_page_checklist_ticks_are_stored_in_the_scenario(pitch_page):
    box = next(c for c in pitch_page.checkbox if c.label.startswith("Hvem i kommunen"))
    box.check().run()
    assert not pitch_page.exception
    assert pitch_page.session_state["scenario"].collaboration.prep_company == ["c2"]
    assert any("(1/5)" in m.value for m in pitch_page.markdown)


def test_page_in_english(pitch_page):
    pitch_page.session_state["lang"] = "en"
    pitch_page.run()
    assert not pitch_page.exception
    assert metric(pitch_page, "Costs covered after") == "6.3 months"
    assert any(c.label.startswith("What is my elevator pitch") for c in pitch_page.checkbox)


def test_page_adopting_the_pitch(pitch_page):
    pitch_page.button(key="pitch_adopt").click().run()
    assert not pitch_page.exception
    adopted = pitch_page.session_state["scenario"]
    assert adopted.scale.realisation == pytest.approx(0.7)
    # the button went to the business-case page, which says what happened
    assert any(m.value == "Pitch-casen er nu den aktuelle business case."
               for m in pitch_page.success)
    assert any(t.value == md(adopted.title) for t in pitch_page.title)
    assert metric(pitch_page, "Udgifterne dækket efter") == "6,3 mdr."
    # back on the pitch: an adopted pitch is conservative already, so it is not cut a second
    # time, and the page says so instead of "no reduction"
    pitch_page.switch_page("pages/pitch.py").run()
    assert metric(pitch_page, "Udgifterne dækket efter") == "6,3 mdr."
    notes = [i.value for i in pitch_page.info]
    assert not any(n.startswith("Ingen nedskrivning") for n in notes)
    assert any("allerede et konservativt skøn (realiseringsgrad 70 %)" in n for n in notes)


def test_exported_pitch_file_reads_back_equal(toilet):
    pitch = pitch_scenario(toilet, PitchChoices(["time"], [1], hourly_cost=320.0,
                                                organisation="Vejle"), note="note")
    assert parse_scenario(dump_scenario(pitch)) == pitch


def test_pitch_workbook_opens_and_carries_the_pitch(toilet):
    pitch = pitch_scenario(toilet, PitchChoices(["time"], [0], organisation="Vejle"))
    data = workbook_bytes(pitch, "da")
    assert load_workbook(io.BytesIO(data)).sheetnames
    back = read_workbook(data)
    assert back.organisation == "Vejle" and back.scale.realisation == pytest.approx(0.7)


def test_page_offers_json_and_excel(pitch_page):
    keys = {button.proto.id for button in pitch_page.main.get("download_button")}
    assert len(keys) == 2
