"""The budget view's inputs and figures on the business-case page (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.model import Risk, Scenario
from tests.conftest import APP_PATH, make_scenario, metric, open_tab


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    return at


def number(at: AppTest, label_start: str):
    """The number field whose label starts so (typed as text in the page's language)."""
    return next(n for n in at.text_input if n.label.startswith(label_start))


def test_finance_ministry_rate_is_fixed_and_the_own_rate_editable(app):
    open_tab(app, "bc.tab_scale")
    rate = number(app, "Diskonteringsrente")
    assert rate.disabled and rate.value == "3,5 %"
    app.selectbox(key="discount_basis@0").set_value("municipal").run()
    number(app, "Diskonteringsrente").input("2").run()
    case = app.session_state["scenario"]
    assert (case.discount_basis, case.discount_rate) == ("municipal", 0.02)
    # 109,500 · (1 − 1.02^−10) / 0.02 − 40,000 = 109,500 · 8.98259 − 40,000
    assert metric(app, "Nettonutidsværdi, samlet (2") == "943.593 kr."


def test_effective_hours_change_the_fte_not_the_kroner(app):
    open_tab(app, "bc.tab_scale")
    app.selectbox(key="hours_basis@0").set_value("effective").run()
    case = app.session_state["scenario"]
    assert case.hours_per_fte == pytest.approx(1561.4)
    assert metric(app, "Nettonutidsværdi, samlet") == "870.668 kr."
    # 365 / 1,561.4 FTE, under the released-time card of the value track
    assert any("svarende til 0,23 årsværk" in str(m.proto.delta) for m in app.metric)
    number(app, "Sygdom").input("0").run()  # the hours follow their parts
    assert app.session_state["scenario"].hours_per_fte == pytest.approx(1620.6)


def test_hourly_cost_from_parts_is_applied_to_released_time(app):
    open_tab(app, "bc.tab_scale")
    app.checkbox(key="staff_cost_use@0").check().run()
    number(app, "Årsløn").input("400.000").run()
    number(app, "Pension").input("12 %").run()
    number(app, "Andre personaleomkostninger").input("20.000").run()
    button = next(b for b in app.button if b.label.startswith("Brug 300 kr."))
    button.click().run()
    assert not app.exception
    case = app.session_state["scenario"]
    assert case.gains[0].hourly_cost == pytest.approx(299.73)  # 468,000 / 1,561.4
    assert case.staff_cost.annual_cost == pytest.approx(468_000)
    # a new staff cost starts at the budget's price level (the Aarhus case: P/L 2012)
    assert (case.staff_cost.price_year, case.gains[0].price_year) == (2012, None)


def staff_cost_at(app: AppTest, year: str) -> None:
    """The budget at P/L 2026, a position of 468,000 kr a year typed at P/L `year`, applied."""
    open_tab(app, "bc.tab_scale")
    data = app.session_state["scenario"].model_dump()
    data["price_level"]["year"] = 2026
    for line in data["costs"] + data["gains"]:
        line["price_year"] = None
    app.session_state["scenario"] = Scenario.model_validate(data)
    app.session_state["scenario_rev"] += 1  # as a loaded file: the widgets start afresh
    app.run()
    app.checkbox(key=f"staff_cost_use@{app.session_state['scenario_rev']}").check().run()
    number(app, "Årsløn").input("400.000").run()
    number(app, "Pension").input("12 %").run()
    number(app, "Andre personaleomkostninger").input("20.000").run()
    number(app, "Prisniveau").input(year).run()
    next(b for b in app.button if b.label.startswith("Brug 300 kr.")).click().run()
    assert not app.exception


def test_hourly_cost_at_its_own_price_level_is_converted(app):
    staff_cost_at(app, "2023")
    line = app.session_state["scenario"].gains[0]
    assert (line.hourly_cost, line.price_year) == (pytest.approx(299.73), 2023)
    # 365 h × 299.73 kr × 124.4 / 117.2 (the default index, 2026 and 2023) = 116,122.36 kr a
    # year; −40,000 + 116,122.36 × 8.316605 (ten years at 3.5 %) = 925,743.82
    assert metric(app, "Nettonutidsværdi, samlet") == "925.744 kr."


def test_hourly_cost_at_a_year_the_index_lacks_is_refused(app):
    staff_cost_at(app, "2012")
    assert app.session_state["scenario"].gains[0].hourly_cost == 300  # the case is kept
    assert any("2012" in e.value and "2.012" not in e.value for e in app.error)


def test_residual_value_shown_and_counted_when_chosen(app):
    open_tab(app, "bc.tab_scale")
    lift = {"id": "lift", "name": "Lift", "category": "purchase", "amount": 90_000,
            "lifetime_years": 9}
    app.session_state["scenario"] = make_scenario(costs=[lift])
    app.run()
    assert any("Restværdi ved horisontens slutning: 80.000 kr." in c.value for c in app.caption)
    before = metric(app, "Nettonutidsværdi, samlet")
    app.checkbox(key="include_residual_value@0").check().run()
    assert any("Medregnet" in c.value for c in app.caption)
    gained = (int(metric(app, "Nettonutidsværdi, samlet")[:-4].replace(".", ""))
              - int(before[:-4].replace(".", "")))
    assert gained == pytest.approx(80_000 / 1.035 ** 10, abs=1)


def test_risk_pool_beside_the_base_case(app):
    case = make_scenario()
    app.session_state["scenario"] = case.model_copy(update={"risks": [
        Risk(text="Replaced at once", probability=0.1, amount=40_000),
        Risk(text="Half the time", probability=0.25, driver=f"gain.{case.gains[0].id}.quantity",
             change=-0.5)]})
    app.run()
    assert not app.exception
    assert metric(app, "Risikopulje") == "117.834 kr."  # 4,000 + 0.25 · 455,334
    assert metric(app, "Nettonutidsværdi efter risikopulje") == "752.835 kr."


def edit_risk(at: AppTest, cells: dict) -> AppTest:
    open_tab(at, "bc.tab_description")
    at.session_state["risks@0"] = {"edited_rows": {0: cells}, "added_rows": [],
                                   "deleted_rows": []}
    return at.run()


def test_risk_numbers_typed_in_danish(app):
    edit_risk(app, {"probability": "12,5 %", "amount": "40.000", "year": "2"})
    assert not app.exception
    risk = app.session_state["scenario"].risks[0]
    assert (risk.probability, risk.amount, risk.year) == (0.125, 40_000, 2)
    # 0.125 × 40,000 / 1.035² = 4,667.6
    assert metric(app, "Risikopulje") == "4.668 kr."


def test_a_bad_risk_number_is_refused_at_its_cell(app):
    before = app.session_state["scenario"]
    edit_risk(app, {"probability": "12.5", "amount": "40.000"})
    assert not app.exception
    shown = " ".join(e.value for e in app.error)
    assert "Række 1, Sandsynlighed" in shown and "»12.5« er ikke gemt" in shown
    assert "fx 12,5" in shown
    assert app.session_state["scenario"] == before
    edit_risk(app, {"probability": "120 %"})
    assert "»120 %«" in " ".join(e.value for e in app.error)
    assert app.session_state["scenario"] == before
