"""The budget-year table (issue 15) against the shipped samples, worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.budget_years import budget_years
from calculators.cashflow import cashflow_table
from calculators.scenario_file import load_sample
from tests.conftest import make_scenario

YEAR = 109_500  # the Aarhus toilet's released time a year: 1 h · 365 · 300 kr


def row(result, key: str) -> list[float]:
    return [round(value, 6) for value in result.table.loc[key]]


def test_aarhus_toilet_in_budget_years():
    result = budget_years(load_sample("aarhus_toilet"))
    assert result.years == [2026, 2027, 2028, 2029]
    assert result.rest == (2030, 2036)
    assert row(result, "anlaeg") == [40_000, 0, 0, 0, 0]
    assert row(result, "drift") == [0, 0, 0, 0, 0]
    assert row(result, "budget_effect") == [-40_000, 0, 0, 0, 0]
    assert row(result, "released_time_kept") == [0, YEAR, YEAR, YEAR, 7 * YEAR]
    assert result.areas == []  # no line names a budget area: no area rows


def test_a_case_starting_in_september_runs_four_months_in_its_first_budget_year():
    # the toilet bought 1 September 2026: Sep–Dec 2026 is 4 months of operation, 2030 to the
    # horizon's end (August 2036) is 6 years and 8 months = 80 months
    result = budget_years(make_scenario(start_month=9))
    assert result.rest == (2030, 2036)
    assert row(result, "anlaeg") == [40_000, 0, 0, 0, 0]
    assert row(result, "released_time_kept") == pytest.approx(
        [YEAR * 4 / 12, YEAR, YEAR, YEAR, YEAR * 80 / 12])


def test_realisation_plan_split_over_calendar_years_with_budget_areas():
    # half the hours taken out from operating year 2 (September 2027 on); the toilet is paid by
    # Hjælpemidler, the time is Hjemmeplejen's
    toilet = load_sample("aarhus_toilet")
    case = make_scenario(
        start_month=9,
        costs=[toilet.costs[0].model_dump() | {"budget_area": "Hjælpemidler"}],
        gains=[toilet.gains[0].model_dump() | {"budget_shares": [0.0, 0.5],
                                               "budget_area": "Hjemmeplejen"}])
    result = budget_years(case)
    # 2027: Jan–Aug in year 1 (nothing out), Sep–Dec in year 2 (half out): 4/12 · 109,500 / 2
    assert row(result, "budget_gains")[:3] == pytest.approx([0, YEAR * 4 / 12 / 2, YEAR / 2])
    assert row(result, "released_time_kept")[:3] == pytest.approx(
        [YEAR * 4 / 12, YEAR * 8 / 12 + YEAR * 4 / 12 / 2, YEAR / 2])
    assert result.areas == ["Hjemmeplejen", "Hjælpemidler"]
    assert row(result, "area:Hjælpemidler") == [-40_000, 0, 0, 0, 0]
    assert row(result, "area:Hjemmeplejen") == pytest.approx(row(result, "budget_gains"))
    assert row(result, "budget_effect")[0] == -40_000


def test_ceiling_lifts_anlaeg_and_drift_by_hand():
    result = budget_years(load_sample("ceiling_lifts"))
    assert result.rest == (2030, 2041)
    # 2026: 20 lifts (25,000) and their mounting (8,000) + building 150,000 = 810,000 anlæg;
    # training 60,000 + project management 100,000 = 160,000 drift. 2027: the second 20 lifts
    # and mountings (660,000); training 60,000 + service for the first 20 (30,000).
    # 2036 and 2037: each batch of lifts replaced after 10 years (2 × 500,000).
    assert row(result, "anlaeg") == [810_000, 660_000, 0, 0, 1_000_000]
    assert row(result, "drift") == [160_000, 90_000, 60_000, 60_000, 12 * 60_000]
    # avoided injuries, 150,000 a year at 80 % realisation, after 3 months' implementation and
    # 3 months' ramp-up: (0.5 + 1.5 + 2.5) / 3 + 6 = 7.5 months of the first year
    assert row(result, "budget_gains")[:3] == pytest.approx([0, 150_000 * 0.8 * 7.5 / 12,
                                                             120_000])


@pytest.mark.parametrize("name", ["aarhus_toilet", "aarhus_toilet_conservative",
                                  "ceiling_lifts", "medicine_dispenser"])
def test_columns_add_up_to_the_yearly_table(name):
    case = load_sample(name)
    result = budget_years(case)
    table = cashflow_table(case)
    assert result.table.loc["anlaeg"].sum() + result.table.loc["drift"].sum() == pytest.approx(
        table["total_costs"].sum())
    assert result.table.loc["budget_effect"].sum() == pytest.approx(table["budget_effect"].sum())
    assert result.table.loc["released_time_kept"].sum() == pytest.approx(
        table["released_time_kept"].sum())


@settings(max_examples=30, deadline=None)
@given(month=st.one_of(st.none(), st.integers(1, 12)), horizon=st.integers(1, 12),
       implementation=st.integers(0, 18))
def test_any_start_month_keeps_the_totals(month, horizon, implementation):
    toilet = load_sample("aarhus_toilet")
    case = make_scenario(start_month=month, horizon_years=horizon,
                         implementation_months=implementation,
                         costs=[toilet.costs[0].model_dump() | {"budget_area": "Hjælpemidler"}])
    result = budget_years(case)
    assert result.areas == ["", "Hjælpemidler"]  # the time line names no area
    table = cashflow_table(case)
    areas = sum(result.table.loc[f"area:{area}"] for area in result.areas)
    assert list(areas) == pytest.approx(list(result.table.loc["budget_effect"]))
    assert result.table.loc["budget_effect"].sum() == pytest.approx(table["budget_effect"].sum())
    assert result.table.loc["released_time_kept"].sum() == pytest.approx(
        table["released_time_kept"].sum())
