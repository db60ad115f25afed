"""Meeting mode through AppTest: every slide, both languages, no editing widgets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from storage import Library
from tests.conftest import open_page


@pytest.fixture(autouse=True)
def empty_library(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SCENARIO_DB_PATH", str(tmp_path / "library.sqlite"))


@pytest.fixture
def meeting() -> AppTest:
    return open_page("meeting")


def slide_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if "<style>" not in m.value)


def test_clicking_through_every_slide(meeting):
    assert "Skal vi investere 40.000 kr. i Vaske- og tørretoilet?" in slide_text(meeting)
    assert not meeting.number_input and not meeting.text_input and not meeting.data_editor
    seen, charts = [], []
    while not meeting.button(key="meeting_next").disabled:
        meeting.button(key="meeting_next").click().run()
        assert not meeting.exception
        seen.append(slide_text(meeting))
        charts.append(len(meeting.get("plotly_chart")))
    assert "4,4 mdr." in seen[0] and "1.055.000 kr." in seen[0]
    assert charts == [0, 1, 0, 0, 1, 0, 1]
    assert "= 0,19 fuldtidsstillinger i plejen" in seen[2]
    assert "Selvhjulpenhed og værdighed" in seen[3]
    assert "VTV-profil: blandet – gennemsnit 3,4 af 5" in seen[4]
    assert "3 risici – antal store: 1" in seen[5] and "mindst 2,2 min. pr. dag" in seen[5]
    assert "Tjent hjem efter 3,5–118,9 mdr. (bedst–værst)" in seen[6]
    meeting.button(key="meeting_prev").click().run()
    assert "risici" in slide_text(meeting)


def test_presenter_remote_steps_both_ways(meeting):
    """The hidden buttons a remote's PageDown/PageUp press: the same step as Next/Previous."""
    meeting.button(key="meeting_next_remote").click().run()
    assert "4,4 mdr." in slide_text(meeting)
    meeting.button(key="meeting_prev_remote").click().run()
    assert "Skal vi investere" in slide_text(meeting)
    meeting.button(key="meeting_prev_remote").click().run()  # the first slide stays first
    assert "Skal vi investere" in slide_text(meeting) and not meeting.exception


def test_english_and_back(meeting):
    meeting.button(key="meeting_lang").click().run()
    assert not meeting.exception
    assert meeting.session_state["lang"] == "en"
    assert "Should we invest DKK 40,000" in slide_text(meeting)
    meeting.button(key="meeting_next").click().run()
    assert "4.4 months" in slide_text(meeting) and "DKK 1,055,000" in slide_text(meeting)
    meeting.session_state["lang"] = "da"
    meeting.run()
    assert "4,4 mdr." in slide_text(meeting)


def test_slides_follow_an_edited_scenario(meeting):
    meeting.session_state["scenario"] = meeting.session_state["scenario"].model_copy(
        update={"horizon_years": 5})
    meeting.session_state["meeting_slide"] = 1
    meeting.run()
    # 5 · 109,500 − 40,000
    assert "507.500 kr." in slide_text(meeting)


def test_pdf_download_offered(meeting):
    assert meeting.get("download_button")


def test_a_saved_case_and_a_comparison_from_the_library():
    library = Library.open()
    lifts = library.create(load_sample("ceiling_lifts"), author="test")
    conservative = library.create(load_sample("aarhus_toilet_conservative"), author="test")
    library.dispose()
    meeting = open_page("meeting")
    meeting.session_state["meeting_source"] = lifts.id
    meeting.session_state["meeting_compare"] = [conservative.id]
    meeting.run()
    assert not meeting.exception
    assert "Skal vi investere 2.690.000 kr. i Loftlifte med skinnesystem" in slide_text(meeting)
    meeting.session_state["meeting_slide"] = 2
    meeting.run()
    text = slide_text(meeting)
    # the conservative toilet: 35.5 months, 10 · 13,520 − 40,000 = 95,200
    assert "Investeringen er tjent hjem efter 35,5 mdr. Nettogevinst over 10 år: 95.200 kr." in text
    assert "tjent hjem efter 33,7 mdr." in text
    assert len(meeting.get("plotly_chart")) == 1
    # the current scenario is left as it was
    assert meeting.session_state["scenario"] == load_sample("aarhus_toilet")
