"""Meeting mode through AppTest: every slide, both languages, no editing widgets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from storage import Library
from tests.conftest import open_page, toilet_at_2026


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
    # the budget track in large figures, the value incl. released time beside it in words
    assert "Ikke inden for horisonten" in seen[0] and "-40.000 kr." in seen[0]
    assert "I et fuldt driftsår: ingen budgetvirkning (0 kr.)" in seen[0]
    assert ("Samlet værdi inkl. frigjort tid: udgifterne er dækket efter 4,4 mdr. Samlet værdi "
            "inkl. frigjort tid over 10 år: 1.055.000 kr. netto") in seen[0]
    assert "Nettonutidsværdi inkl. frigjort tid med 3,5 % diskonteringsrente: 870.668 kr." \
        in seen[0]
    assert charts == [0, 1, 0, 1, 0, 1, 0, 1]
    assert "Budgetvirkning: investeringen er ikke tjent hjem inden for 10 år." in seen[1]
    assert "= 0,19 fuldtidsstillinger i plejen" in seen[2]
    assert "Ingen af timerne er hjemtaget" in seen[2]
    assert "Alle 109.500 kr. om året er frigjort tid" in seen[3]
    assert "Selvhjulpenhed og værdighed" in seen[4]
    assert "VTV-profil: blandet – gennemsnit 3,4 af 5" in seen[5]
    assert "3 risici – antal store: 1" in seen[6] and "mindst 2,2 min. pr. dag" in seen[6]
    assert "Inkl. frigjort tid dækket efter 3,5–118,9 mdr. (bedst–værst)" in seen[7]
    # every slide names the date of its figures; the current case is not from the library
    assert all("ikke gemt i biblioteket" in text for text in seen)
    # and the price level of its amounts: the Aarhus seed is at P/L 2012
    assert [i for i, text in enumerate(seen) if "Beløb i faste priser (P/L 2012)" in text] \
        == [0, 1, 2, 3, 7]
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


def test_a_slide_names_the_budgets_price_level_and_its_estimated_index_years(meeting):
    meeting.session_state["scenario"] = toilet_at_2026()
    meeting.session_state["meeting_slide"] = 1
    meeting.run()
    assert ("Beløb i faste priser (P/L 2026) · Omregningen bruger indekstal, der er skøn: 2026"
            in slide_text(meeting))


def download_labels(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def test_pptx_word_and_pdf_downloads_offered(meeting):
    assert download_labels(meeting)[:3] == ["PowerPoint (.pptx)", "Sagsfremstilling (Word)",
                                            "Beslutningsoplæg (PDF)"]
    assert [u.proto.label for u in meeting.get("file_uploader")] == [
        "PowerPoint-skabelon (.potx/.pptx)", "Word-skabelon (.dotx/.docx)"]


def test_library_page_offers_the_same_downloads_for_the_chosen_case():
    library = Library.open()
    library.create(load_sample("ceiling_lifts"), author="test")
    library.dispose()
    page = open_page("library")
    assert not page.exception
    offered = [label for label in download_labels(page)
               if label.startswith(("Power", "Sags", "Beslut"))]
    assert offered == ["PowerPoint (.pptx)", "Sagsfremstilling (Word)", "Beslutningsoplæg (PDF)"]


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
    assert "version 1 i biblioteket (test)" in slide_text(meeting)  # the slide's footer
    meeting.session_state["meeting_slide"] = 2
    meeting.run()
    text = slide_text(meeting)
    # the conservative toilet: 35.5 months, 10 · 13,520 − 40,000 = 95,200
    assert ("Samlet værdi inkl. frigjort tid: udgifterne er dækket efter 35,5 mdr. Samlet værdi "
            "inkl. frigjort tid over 10 år: 95.200 kr. netto") in text
    assert "udgifterne er dækket efter 33,7 mdr." in text
    assert "Budgetvirkning: investeringen er ikke tjent hjem inden for 10 år." in text
    assert len(meeting.get("plotly_chart")) == 1
    # the current scenario is left as it was
    assert meeting.session_state["scenario"] == load_sample("aarhus_toilet")
