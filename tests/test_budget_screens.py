"""The two tracks on screen: the business-case KPI cards, the gains' plan table and the pitch,
through AppTest, with the engine's numbers and a case worked out by hand."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.metrics import compute_metrics
from tests.conftest import APP_PATH, make_scenario, open_tab
from ui.formatting import format_dkk

TIME = {"id": "time", "name": "Sparet personaletid", "kind": "released_time", "quantity": 1.0,
        "period": "day", "hourly_cost": 300.0}
ADMISSIONS = {"id": "adm", "name": "Færre indlæggelser", "kind": "avoided_cost",
              "quantity": 36_500.0, "period": "year", "per_unit": False}


def card(at: AppTest, label_start: str) -> tuple[str, str]:
    """(value, the grey line under it) of the KPI card whose label starts so."""
    found = next(m for m in at.metric if m.label.startswith(label_start))
    return found.value, found.delta


def plan_table(at: AppTest):
    return next(d for d in at.dataframe if d.key and d.key.startswith("gain_plan_"))


def edit_plan(at: AppTest, edits: dict[int, dict]) -> AppTest:
    """Type into the gains' plan table as a user would (the data editor's edit state)."""
    at.session_state[plan_table(at).key] = {"edited_rows": edits, "added_rows": [],
                                            "deleted_rows": []}
    return at.run()


def opened(**changes: object) -> AppTest:
    """The business case with its gains tab open (the plan table is drawn only there)."""
    at = open_tab(AppTest.from_file(APP_PATH, default_timeout=60).run(), "bc.tab_gains")
    if changes:
        at.session_state["scenario"] = make_scenario(**changes)
        at.session_state["scenario_rev"] = 1
        at.run()
    assert not at.exception
    return at


def test_aarhus_cards_show_both_tracks_with_the_engine_numbers():
    at = opened()
    m = compute_metrics(at.session_state["scenario"])
    assert (m.budget_payback_months, m.annual_budget_effect_steady_state) == (None, 0.0)
    # budget effect: nothing is taken out, so the budget pays 40,000 and gets nothing back
    assert card(at, "Tjent hjem efter") == ("> 10 år", "ikke inden for horisonten")
    assert card(at, "Budgetvirkning pr. år")[0] == "0 kr."
    assert card(at, "Budgetvirkning over 10 år")[0] == "-40.000 kr."
    assert card(at, "Nettonutidsværdi, budget")[0] == format_dkk(m.budget_npv, "da")
    # total value incl. released time: today's 4.38 months, 1 h a day at 300 kr
    assert card(at, "Udgifterne dækket efter")[0] == "4,4 mdr."
    assert card(at, "Nettonutidsværdi, samlet")[0] == "870.668 kr."
    assert card(at, "Netto over 10 år, samlet")[0] == "1.055.000 kr."
    assert card(at, "Frigjort tid pr. år") == ("365 timer",
                                               "frigjort tid svarende til 0,19 årsværk")
    assert [h.value for h in at.markdown if h.value.startswith("#####")] == [
        "##### Budgetvirkning", "##### Samlet værdi inkl. frigjort tid"]
    at.session_state["lang"] = "en"
    at.run()
    assert card(at, "Pays back after") == ("> 10 years", "not within the horizon")
    assert card(at, "Costs covered after")[0] == "4.4 months"
    assert card(at, "Net present value, total")[0] == "DKK 870,668"


def test_half_the_hours_taken_out_from_year_two_typed_into_the_plan_table():
    """50 % typed in year 2 carries to the later years: 0 % in year 1, 50 % from year 2.
    By hand: 12 + 40,000 / (54,750 / 12) = 20.77 months; 9 · 54,750 − 40,000 = 452,750 kr;
    NPV −40,000 + Σ_{k=2..10} 54,750 / 1.035^k; 182.5 hours = 0.09 FTE taken out."""
    at = edit_plan(opened(), {0: {"budget_share_2": 50.0}})
    assert not at.exception
    assert at.session_state["scenario"].gains[0].budget_shares == [0.0, 0.5]
    assert card(at, "Tjent hjem efter") == ("20,8 mdr.", "")
    assert card(at, "Budgetvirkning pr. år") == ("54.750 kr.",
                                                 "hjemtaget: 183 timer = 0,09 årsværk")
    assert card(at, "Budgetvirkning over 10 år")[0] == "452.750 kr."
    npv = -40_000 + sum(54_750 / 1.035**k for k in range(2, 11))
    assert card(at, "Nettonutidsværdi, budget")[0] == format_dkk(npv, "da") == "362.436 kr."
    assert card(at, "Udgifterne dækket efter")[0] == "4,4 mdr."  # the value track is unchanged
    row = plan_table(at).value.iloc[0]
    assert row["reach"] == "år 1: 0 % · fra år 2: 50 %"
    assert list(row[["budget_share_1", "budget_share_2", "budget_share_3",
                     "budget_share_4"]]) == [0, 50, 50, 50]


def test_avoided_admissions_reaped_by_the_region_give_no_budget_effect():
    at = opened(gains=[TIME, ADMISSIONS])
    # the municipality's own avoided cost: 36,500 kr a year reaches its budget
    assert card(at, "Budgetvirkning pr. år")[0] == "36.500 kr."
    assert plan_table(at).value.iloc[1]["reach"] == "fra år 1: 100 %"
    at = edit_plan(at, {1: {"owner": "region"}})
    assert not at.exception
    assert at.session_state["scenario"].gains[1].owner == "region"
    assert card(at, "Budgetvirkning pr. år")[0] == "0 kr."
    assert card(at, "Tjent hjem efter")[0] == "> 10 år"
    reach = list(plan_table(at).value["reach"])
    assert reach == ["Intet – ingen timer hjemtaget", "Intet – Regionen høster gevinsten"]
    # the value track still counts the region's gain: 109,500 + 36,500 a year
    assert card(at, "Netto over 10 år, samlet")[0] == "1.420.000 kr."


def test_a_plan_longer_than_four_years_survives_being_shown():
    shares = [0.0, 0.25, 0.5, 0.75, 1.0]
    at = opened(gains=[TIME | {"budget_shares": shares}])
    at.run()
    assert at.session_state["scenario"].gains[0].budget_shares == shares
    assert plan_table(at).value.iloc[0]["reach"] == (
        "år 1: 0 % · år 2: 25 % · år 3: 50 % · år 4: 75 % · fra år 5: 100 %")


@pytest.mark.parametrize(("edits", "expected"), [
    ({"budget_share_1": 100.0}, [1.0]),
    ({"budget_share_2": 50.0, "budget_share_4": 100.0}, [0.0, 0.5, 0.5, 1.0]),
    ({"budget_share_3": 20.0}, [0.0, 0.0, 0.2]),
])
def test_plan_cells_carry_forward(edits, expected):
    at = edit_plan(opened(), {0: edits})
    assert at.session_state["scenario"].gains[0].budget_shares == expected


def test_pitch_shows_both_tracks():
    at = opened()
    at.switch_page("pages/pitch.py").run()
    assert not at.exception
    assert card(at, "Tjent hjem efter")[0] == "> 10 år"
    assert card(at, "Udgifterne dækket efter")[0]
    said = " ".join(m.value for m in at.markdown)
    assert "Budgetvirkning: investeringen er ikke tjent hjem inden for 10 år." in said
    assert "Samlet værdi inkl. frigjort tid: udgifterne er dækket efter" in said
