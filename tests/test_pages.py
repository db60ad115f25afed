"""Every page through Streamlit's AppTest: loads, switches language, takes edits, no exception."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from tests.conftest import APP_PATH, metric, open_tab
from ui.i18n import translate


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    return at


def test_business_case_opens_on_the_aarhus_sample(app):
    assert metric(app, "Tjent hjem efter") == "> 10 år"
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."
    assert metric(app, "Nettonutidsværdi, samlet") == "870.668 kr."
    assert metric(app, "Frigjort tid") == "365 timer"
    assert len(app.get("plotly_chart")) == 2


def test_switch_to_english(app):
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception
    assert metric(app, "Costs covered after") == "4.4 months"
    assert metric(app, "Net present value, total") == "DKK 870,668"
    assert metric(app, "Pays back after") == "> 10 years"


def test_the_tables_are_drawn_when_their_tab_is_open(app):
    """The year-by-year and budget-year tables are built only while their tab shows."""
    def year_tables() -> list:
        return [d.value for d in app.dataframe if "Netto inkl. frigjort tid" in d.value.columns]

    assert year_tables() == []
    assert not any(translate("da", "by.note") in c.value for c in app.caption)
    app.session_state["business_case_tabs"] = "Pengestrømme år for år"
    app.run()
    [table] = year_tables()
    assert list(table["År"]) == list(range(11))  # year 0 and the ten years of the horizon
    assert table["Netto inkl. frigjort tid"].sum() == 1_055_000  # the sample's net, by hand
    app.session_state["business_case_tabs"] = "Budgetår"
    app.run()
    assert not app.exception and year_tables() == []
    assert any(translate("da", "by.note") in c.value for c in app.caption)


def test_implementation_period_changes_the_payback(app):
    open_tab(app, "bc.tab_scale")
    field = next(n for n in app.text_input if n.label.startswith("Implementeringsperiode"))
    field.input("6").run()
    assert not app.exception
    assert metric(app, "Udgifterne dækket efter") == "10,4 mdr."
    assert app.session_state["scenario"].scale.implementation_months == 6


def test_a_closed_tab_keeps_its_edits(app):
    """Only the open tab's inputs are drawn; an edit survives closing and reopening its tab."""
    def implementation_fields() -> list:
        return [n for n in app.text_input if n.label.startswith("Implementeringsperiode")]

    assert implementation_fields() == []  # the costs tab opens first
    open_tab(app, "bc.tab_scale")
    implementation_fields()[0].input("6").run()
    edited = app.session_state["scenario"]
    assert edited.scale.implementation_months == 6
    open_tab(app, "bc.tab_gains")
    assert not app.exception and implementation_fields() == []
    assert app.session_state["scenario"] == edited
    assert metric(app, "Udgifterne dækket efter") == "10,4 mdr."
    open_tab(app, "bc.tab_scale")
    assert implementation_fields()[0].value == "6"
    assert app.session_state["scenario"] == edited


def test_invalid_input_is_explained_and_the_scenario_kept(app):
    open_tab(app, "bc.tab_scale")
    before = app.session_state["scenario"]
    field = next(n for n in app.text_input if n.label.startswith("Tidshorisont"))
    field.input("40").run()
    assert not app.exception
    assert any("må højst være 30" in e.value for e in app.error)
    assert app.session_state["scenario"] == before
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."


def test_negative_hours_per_fte_refused(app):
    open_tab(app, "bc.tab_scale")
    app.selectbox(key="hours_basis@0").set_value("entered").run()
    field = next(n for n in app.text_input if n.label.startswith("Timer pr. årsværk"))
    field.input("-5").run()
    assert any("Timer pr. årsværk" in e.value for e in app.error)
    assert app.session_state["scenario"].hours_per_fte == 1924


def test_opening_another_sample(app):
    app.selectbox(key="sample_choice").set_value("aarhus_toilet_conservative").run()
    app.button(key="load_sample").click().run()
    assert not app.exception
    assert app.session_state["scenario"] == load_sample("aarhus_toilet_conservative")
    assert metric(app, "Udgifterne dækket efter") == "35,5 mdr."
    # the inputs now show the newly opened scenario
    open_tab(app, "bc.tab_scale")
    field = next(n for n in app.text_input if n.label.startswith("Implementeringsperiode"))
    assert field.value == "0"


def test_language_switch_survives_page_changes(app):
    app.session_state["lang"] = "en"
    app.run()
    app.switch_page("pages/library.py").run()
    app.switch_page("pages/business_case.py").run()
    app.session_state["lang"] = "da"
    app.run()
    assert not app.exception
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."
