"""The main-assumptions panel above the business case's tables: its fields are the case's
drivers and edit the same lines as the tables (values worked out by hand on the Aarhus toilet:
kr 40,000, 1 hour a day at kr 300, realisation 100 %)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.drivers import main_assumptions
from calculators.scenario_file import load_sample
from tests.conftest import APP_PATH, metric, open_tab


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    return at


def panel_field(at: AppTest, role: str):
    return next(n for n in at.text_input if n.key.startswith(f"main_{role}@"))


def test_panel_shows_the_drivers_with_labels(app):
    shown = {role: (panel_field(app, role).label, panel_field(app, role).value)
             for role in main_assumptions(load_sample())}
    assert shown == {
        "investment": ("Investering pr. enhed (kr.)", "40.000 kr."),
        "units": ("Enheder", "1"),
        "quantity": ("Sparet tid, timer pr. dag", "1,00"),
        "hourly_cost": ("Timepris (kr.)", "300 kr."),
        "implementation_months": ("Implementering (mdr.)", "0"),
        "realisation": ("Realisering (%)", "100 %"),
    }


def test_hours_in_the_panel_edit_the_gain_line(app):
    panel_field(app, "quantity").input("0,5").run()
    assert not app.exception
    gain = app.session_state["scenario"].gains[0]
    assert gain.quantity == 0.5
    # 40,000 / (0.5 · 365 · 300) · 12 = 8.77 months
    assert metric(app, "Udgifterne dækket efter") == "8,8 mdr."
    assert panel_field(app, "quantity").value == "0,50"
    # the tables start afresh from the edited scenario (their widget keys carry its revision)
    assert app.session_state["scenario_rev"] == 1


def test_realisation_investment_and_units_edit_the_model(app):
    panel_field(app, "realisation").input("50 %").run()
    assert app.session_state["scenario"].scale.realisation == pytest.approx(0.5)
    # 40,000 / (365 · 300 · 0.5) · 12 = 8.77 months
    assert metric(app, "Udgifterne dækket efter") == "8,8 mdr."
    panel_field(app, "investment").input("20.000").run()
    assert app.session_state["scenario"].costs[0].amount == 20000.0
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."  # 20,000 / 54,750 · 12 = 4.38
    panel_field(app, "units").input("3").run()
    assert app.session_state["scenario"].scale.units == 3
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."  # per unit: the same payback
    assert not app.exception


def test_an_edit_in_the_tables_shows_in_the_panel(app):
    open_tab(app, "bc.tab_scale")
    field = next(n for n in app.text_input if n.label.startswith("Implementeringsperiode"))
    field.input("6").run()
    assert panel_field(app, "implementation_months").value == "6"


def test_a_panel_edit_is_drawn_in_one_run(app, monkeypatch):
    """The typed number is applied before the tables are drawn, so the page is not run a
    second time (st.rerun) to show it: half the work for the edit a reader makes most."""
    import streamlit

    reruns = []
    original = streamlit.rerun
    monkeypatch.setattr(streamlit, "rerun", lambda *a, **k: (reruns.append(1), original(*a, **k)))
    open_tab(app, "bc.tab_scale")
    panel_field(app, "implementation_months").input("6").run()
    assert reruns == []
    assert app.session_state["scenario"].scale.implementation_months == 6
    scale_field = next(n for n in app.text_input if n.label.startswith("Implementeringsperiode"))
    assert scale_field.value == "6"  # the open tab's field shows the panel's edit at once
    # 6 months of implementation, then 40,000 / (300 · 365 / 12) = 4.38 months: 10.4
    assert metric(app, "Udgifterne dækket efter") == "10,4 mdr."


def test_a_panel_text_that_is_not_a_number_keeps_the_case(app):
    panel_field(app, "hourly_cost").input("tre hundrede").run()
    assert not app.exception
    assert app.session_state["scenario"].gains[0].hourly_cost == 300.0
    assert app.session_state["scenario_rev"] == 0
    assert any("tre hundrede" in e.value or "300" in e.value for e in app.error)
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."
