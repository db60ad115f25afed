"""The price level on the business-case page (AppTest): the label, the index table typed in
Danish, a line's P/L year converted, and a missing index year refused with the case kept."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from tests.conftest import APP_PATH, make_scenario, metric, open_tab


@pytest.fixture
def app() -> AppTest:
    """The business case with its budget-years tab open: the price-level inputs are there."""
    at = open_tab(AppTest.from_file(APP_PATH, default_timeout=60).run(), "by.tab")
    assert not at.exception
    return at


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def budget_year(at: AppTest):
    return next(n for n in at.text_input if n.label.startswith("Budgettets prisniveau"))


def edit(at: AppTest, key: str, rows: dict) -> AppTest:
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_the_aarhus_seed_is_labelled_at_its_2012_price_level(app):
    assert "Beløb i faste priser (P/L 2012)" in captions(app)
    assert budget_year(app).value == "2012"
    assert metric(app, "Udgifterne dækket efter") == "4,4 mdr."


def test_an_index_typed_the_danish_way_is_read(app):
    edit(app, "price_index@0", {0: {"index": "101,3"}})
    assert not app.exception
    assert app.session_state["scenario"].price_level.index[0].index == 101.3


def test_a_line_at_p_l_2023_is_converted_to_the_budgets_2026(app):
    """The seed's lines without a P/L year; the budget's P/L typed as 2026 and the purchase's
    as 2023: 40,000 × 124.4 / 117.2 = 42,457.34 kr, paid back in 42,457.34 / 9,125 = 4.65
    months."""
    toilet = load_sample()
    app.session_state["scenario"] = make_scenario(
        costs=[toilet.costs[0].model_dump() | {"price_year": None}],
        gains=[toilet.gains[0].model_dump() | {"price_year": None}])
    app.run()
    budget_year(app).set_value("2026").run()
    open_tab(app, "bc.tab_costs")
    edit(app, "costs@0", {0: {"price_year": "2023"}})
    assert not app.exception
    case = app.session_state["scenario"]
    assert (case.price_level.year, case.costs[0].price_year) == (2026, 2023)
    assert metric(app, "Udgifterne dækket efter") == "4,7 mdr."
    shown = captions(app)  # beside the key figures
    assert "Beløb i faste priser (P/L 2026)" in shown and "skøn: 2026" in shown
    open_tab(app, "by.tab")
    assert "1 linje(r) omregnet fra eget P/L-år" in captions(app)


def test_a_budget_year_missing_from_the_index_is_refused_and_the_case_kept(app):
    before = app.session_state["scenario"]
    budget_year(app).input("2026").run()
    assert not app.exception
    shown = " ".join(e.value for e in app.error)
    assert "prisindekset har intet tal for 2012" in shown
    assert app.session_state["scenario"] == before
