"""The VTV assessment and documentation-plan pages through AppTest: load, switch language,
edit, replace an estimate with one click, bad input explained with the scenario kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from calculators.assessment import evaluate
from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.scenario_file import load_sample
from tests.conftest import open_tab
from ui.vtv_charts import element_bars_figure, radar_figure

APP = str(Path(__file__).resolve().parent.parent / "app.py")
VTV_TABS = "vtv_tabs"  # the page draws only the open tab


def open_vtv_tab(at: AppTest, key: str) -> AppTest:
    return open_tab(at, key, VTV_TABS)


def open_doc_tab(at: AppTest, key: str) -> AppTest:
    return open_tab(at, key, "documentation_tabs")


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def edit_table(at: AppTest, key: str, edited: dict | None = None,
               added: list | None = None) -> AppTest:
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": added or [],
                             "deleted_rows": []}
    return at.run()


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


@pytest.fixture
def vtv() -> AppTest:
    return open_page("pages/vtv.py")


@pytest.fixture
def doc() -> AppTest:
    return open_page("pages/documentation.py")


def test_vtv_page_shows_the_samples_assessment(vtv):
    # economy from the budget track (nothing taken out → 1): (4 + 4.2 + 30/7 + 1) / 4 = 3.37
    assert metric(vtv, "Samlet score") == "3,4 / 5"
    assert metric(vtv, "Vurderede elementer") == "20 af 22"  # released time shown, weight 0
    assert len(vtv.get("plotly_chart")) == 2  # radar, element bars
    assert "Økonomi › Investering" in " ".join(m.value for m in vtv.markdown)
    assert vtv.text_area(key="vtv_conclusion@0").value.startswith("Teknologien er moden")
    open_vtv_tab(vtv, "vtv_category.economy")
    assert metric(vtv, "Gevinster i budgettet pr. år") == "0 kr."
    assert metric(vtv, "Budgetvirkning tjent hjem efter") == "Ikke inden for horisonten"
    assert metric(vtv, "Budgetvirkning, nettonutidsværdi") == "-40.000 kr."
    assert metric(vtv, "Frigjort tid i enheden pr. år") == "109.500 kr."
    open_vtv_tab(vtv, "vtv.tab_compare")
    assert len(vtv.get("plotly_chart")) == 1  # comparison radar


def test_vtv_page_in_english(vtv):
    vtv.session_state["lang"] = "en"
    vtv.run()
    assert not vtv.exception
    assert vtv.title[0].value == "VTV-inspired assessment"
    assert metric(vtv, "Overall score") == "3.4 / 5"
    open_vtv_tab(vtv, "vtv_category.economy")
    assert metric(vtv, "Budget effect, net present value") == "DKK -40,000"
    assert metric(vtv, "Released time kept in the unit a year") == "DKK 109,500"
    vtv.session_state["lang"] = "da"
    vtv.run()  # the open tab stays open in the other language
    assert metric(vtv, "Budgetvirkning, nettonutidsværdi") == "-40.000 kr."


def test_conclusion_and_scores_are_stored_in_the_scenario(vtv):
    vtv.text_area(key="vtv_conclusion@0").set_value("Anbefales.").run()
    assert vtv.session_state["scenario"].vtv.conclusion == "Anbefales."
    open_vtv_tab(vtv, "vtv_category.technology")
    # technology row 5 is support (not assessed): score 2, low confidence, no evidence needed
    edit_table(vtv, "vtv_technology@0", {5: {"score": 2, "confidence": "low"}},
               [{"name": "Batterilevetid", "score": 4, "evidence": "Leverandørtest"}])
    assert not vtv.exception and not vtv.error
    elements = {e.key: e for e in vtv.session_state["scenario"].vtv.elements}
    assert elements["technology.support"].score == 2
    own = next(e for e in elements.values() if e.name == "Batterilevetid")
    assert own.category == "technology" and own.key.startswith("own_")
    open_vtv_tab(vtv, "vtv.tab_overview")
    assert vtv.session_state["scenario"].vtv.conclusion == "Anbefales."  # kept in a closed tab
    # technology: (4 + 3 + 5 + 5 + 4 + 2 + 4) / 7
    assert metric(vtv, "Vurderede elementer") == "22 af 23"
    assert "Support og service" in " ".join(m.value for m in vtv.markdown)  # a low score


def test_conclusion_typed_just_before_a_tab_click_is_kept(vtv):
    vtv.text_area(key="vtv_conclusion@0").set_value("Anbefales med forbehold.")
    open_vtv_tab(vtv, "vtv_category.citizen")  # one run: the text and the click together
    assert vtv.session_state["scenario"].vtv.conclusion == "Anbefales med forbehold."
    open_vtv_tab(vtv, "vtv.tab_overview")
    assert vtv.text_area(key="vtv_conclusion@0").value == "Anbefales med forbehold."


@pytest.mark.parametrize(("edit", "message"), [
    ({5: {"score": 6}}, "Teknologi › Support og service › Score: må højst være 5"),
    ({5: {"score": 4}}, "Support og service: en score med mellem eller høj sikkerhed kræver"),
    ({0: {"weight": -1}}, "Brugervenlighed › Vægt: skal være mindst 0"),
])
def test_bad_scores_are_explained_and_the_scenario_kept(vtv, edit, message):
    before = vtv.session_state["scenario"]
    open_vtv_tab(vtv, "vtv_category.technology")
    edit_table(vtv, "vtv_technology@0", edit)
    assert not vtv.exception
    assert message in errors(vtv)
    assert "uændret" in errors(vtv)
    assert vtv.session_state["scenario"] == before


def test_own_element_without_a_name_is_refused(vtv):
    open_vtv_tab(vtv, "vtv_category.citizen")
    edit_table(vtv, "vtv_citizen@0", added=[{"score": 3, "confidence": "low"}])
    assert "Borger › Eget element: et eget element skal have et navn" in errors(vtv)


def test_economy_follows_the_business_case(vtv):
    data = load_sample().model_dump()
    data["gains"][0]["budget_shares"] = [1.0]  # every released hour taken out of the budget
    taken_out = Scenario.model_validate(data)
    vtv.session_state["scenario"] = with_value(taken_out, "scale.implementation_months", 30)
    open_vtv_tab(vtv, "vtv_category.economy")
    assert metric(vtv, "Budgetvirkning tjent hjem efter") == "34,4 mdr."
    economy = table(vtv, "Element").set_index("Element")["Score (1–5)"]
    assert economy["Investering: indkøbs- og etableringsomkostninger"].startswith("3 –")


def test_compare_puts_samples_on_one_radar(vtv):
    open_vtv_tab(vtv, "vtv.tab_compare")
    vtv.multiselect(key="vtv_compare").set_value(["aarhus_toilet_conservative",
                                                  "ceiling_lifts"]).run()
    assert not vtv.exception
    radar = json.loads(vtv.get("plotly_chart")[-1].proto.spec)
    assert [trace["type"] for trace in radar["data"]] == ["scatterpolar"] * 3
    open_vtv_tab(vtv, "vtv.tab_overview")
    open_vtv_tab(vtv, "vtv.tab_compare")  # the choice is kept while its tab was closed
    assert vtv.multiselect(key="vtv_compare").value == ["aarhus_toilet_conservative",
                                                        "ceiling_lifts"]
    radar = json.loads(vtv.get("plotly_chart")[-1].proto.spec)
    assert [trace["type"] for trace in radar["data"]] == ["scatterpolar"] * 3


def test_documentation_page_shows_expected_and_measured(doc):
    assert doc.title[0].value == "Dokumentationsplan og målte resultater"
    assert len(doc.data_editor) == 1  # the plan; each tab draws its own table
    open_doc_tab(doc, "doc.tab_results")
    compared = table(doc, "Indikator").iloc[0]
    assert list(compared.iloc[3:7]) == ["421,2", "52,0", "4,4 mdr.", "35,5 mdr."]
    assert len(doc.get("plotly_chart")) == 1  # expected vs measured
    open_doc_tab(doc, "doc.tab_follow_up")
    assert len(doc.get("plotly_chart")) == 1  # the benefit follow-up


def test_one_click_replaces_the_estimate_and_recalculates(doc):
    open_doc_tab(doc, "doc.tab_results")
    doc.button(key="replace_time@0").click().run()
    assert not doc.exception
    scenario = doc.session_state["scenario"]
    assert scenario.gains[0].quantity == pytest.approx(52 / 60 * 52 / 365)
    assert compute_metrics(scenario).payback_months == pytest.approx(40_000 / 13_520 * 12)
    assert "Tilbagebetalingstid nu: 35,5 mdr." in doc.success[0].value
    assert len(scenario.documentation_plan.replacements) == 1
    assert not [b for b in doc.button if b.key and b.key.startswith("replace_")]
    doc.switch_page("pages/business_case.py").run()
    assert metric(doc, "Udgifterne dækket efter") == "35,5 mdr."


def test_documentation_page_in_english_and_edited(doc):
    doc.session_state["lang"] = "en"
    doc.run()
    assert doc.title[0].value == "Documentation plan and measured results"
    doc.text_area(key="doc_audience@0").set_value("The care committee").run()
    assert doc.session_state["scenario"].documentation_plan.audience == "The care committee"
    open_doc_tab(doc, "doc.tab_results")
    edit_table(doc, "doc_results@0", {0: {"measured": "40"}})
    assert doc.session_state["scenario"].documentation_plan.items[0].measured == 40
    assert doc.session_state["scenario"].documentation_plan.audience == "The care committee"
    assert not doc.exception


def test_plan_text_typed_just_before_a_tab_click_is_kept(doc):
    doc.text_area(key="doc_audience@0").set_value("Ældreudvalget")
    open_doc_tab(doc, "doc.tab_follow_up")  # one run: the text and the click together
    assert doc.session_state["scenario"].documentation_plan.audience == "Ældreudvalget"


def test_new_plan_line(doc):
    edit_table(doc, "doc_plan@0", added=[{"subject": "vtv.technology.reliability",
                                          "indicator": "Fejl pr. måned",
                                          "method": "incident_count"}])
    items = doc.session_state["scenario"].documentation_plan.items
    assert items[-1].indicator == "Fejl pr. måned" and items[-1].test_months == 4
    assert items[0].measured == 52  # the measured results of other lines are kept
    doc.run()
    assert len(doc.session_state["scenario"].documentation_plan.items) == 5


def test_bad_measurement_is_explained_and_the_scenario_kept(doc):
    before = doc.session_state["scenario"]
    open_doc_tab(doc, "doc.tab_results")
    edit_table(doc, "doc_results@0", {0: {"measured": "-5"}})
    assert "skal være mindst 0" in errors(doc) and "uændret" in errors(doc)
    assert doc.session_state["scenario"] == before


def test_figures_show_the_computed_scores():
    evaluation = evaluate(load_sample("aarhus_toilet"))
    scores = evaluation.summary.category_scores
    radar = radar_figure([("Aarhus", scores)], "da")
    # economy 1: the budget track (nothing taken out); closed
    assert list(radar.data[0].r) == [4.0, 4.2, pytest.approx(30 / 7), 1.0, 4.0]
    # the scores stand under the category names (outside the circle), and in the hover
    assert list(radar.data[0].theta)[:4] == [
        "Organisation<br><b>4,0</b>", "Teknologi<br><b>4,2</b>", "Borger<br><b>4,3</b>",
        "Økonomi<br><b>1,0</b>"]
    assert [hover[1] for hover in radar.data[0].customdata[:4]] == ["4,0", "4,2", "4,3", "1,0"]
    bars = element_bars_figure(evaluation.elements, "en")
    assert sum(len(trace.x) for trace in bars.data) == 20  # only assessed elements
    assert "Self-reliance" in bars.data[2].y


def test_unscored_element_with_low_confidence_is_an_open_question(vtv):
    open_vtv_tab(vtv, "vtv_category.citizen")
    edit_table(vtv, "vtv_citizen@0", {4: {"confidence": "low"}})  # relatives, not assessed
    assert not vtv.error
    open_vtv_tab(vtv, "vtv.tab_overview")
    listed_text = " ".join(m.value for m in vtv.markdown)
    assert "**Borger › Pårørende**: Ikke vurderet – lav sikkerhed" in listed_text
