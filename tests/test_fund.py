"""Fund repayment (DOMAIN.md §3) worked by hand."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from calculators.cashflow import cashflow_table
from calculators.fund import FALLBACK_POSITION_COST, default_loan, fund_plan, position_cost
from calculators.model import Scenario
from calculators.scenario_file import load_sample


def with_fund(name: str = "aarhus_toilet", **fund: object):
    scenario = load_sample(name)
    return scenario.model_copy(update={"fund": scenario.fund.model_copy(update=fund)})


def with_plan(scenario: Scenario, shares: list[float]) -> Scenario:
    data = scenario.model_dump()
    data["gains"][0]["budget_shares"] = shares
    return Scenario.model_validate(data)


def test_loan_600k_is_repaid_in_the_third_year():
    plan = fund_plan(with_fund(loan=600_000, position_cost=450_000))
    assert plan.annual_pledge == 225_000  # 0.5 × 450,000
    assert plan.position.source == "settings"
    assert plan.schedule["repayment"].tolist()[:4] == [225_000, 225_000, 150_000, 0]
    assert plan.repaid_after_years == pytest.approx(2 + 150_000 / 225_000)
    assert plan.outstanding == 0
    # nothing of the released time is taken out: the budget has nothing to repay with
    assert plan.schedule["savings"].tolist()[:4] == [0, 0, 0, 0]
    assert plan.schedule["released_time"].tolist()[:4] == [109_500] * 4  # shown, not counted
    assert plan.uncovered_years == [1, 2, 3]
    assert plan.schedule["kept"].tolist()[:4] == [-225_000, -225_000, -150_000, 0]


def test_taking_all_the_hours_out_repays_from_the_budget():
    scenario = with_plan(with_fund(loan=600_000, position_cost=450_000), [1.0])
    plan = fund_plan(scenario)
    # the toilet's 109,500 a year reach the budget: not enough for 225,000 in years 1 and 2
    assert plan.schedule["savings"].tolist()[:4] == [109_500] * 4
    assert plan.uncovered_years == [1, 2, 3]
    assert plan.schedule["kept"].tolist()[:4] == [-115_500, -115_500, -40_500, 109_500]
    assert plan.schedule["released_time"].tolist()[:2] == [0, 0]


def test_the_toilet_repays_its_own_loan_within_the_first_year():
    plan = fund_plan(with_fund())
    assert plan.loan == 40_000
    # position cost: 300 kr/h × 1,924 h = 577,200; half of it 288,600 a year
    assert plan.position.value == 577_200 and plan.position.source == "hourly_cost"
    assert plan.annual_pledge == 288_600
    assert plan.repaid_after_years == pytest.approx(40_000 / 288_600)
    assert plan.uncovered_years == [1]  # the budget gets nothing: budget effect 0
    assert plan.schedule["kept"].iloc[0] == -40_000
    taken_out = fund_plan(with_plan(with_fund(), [1.0]))
    assert taken_out.uncovered_years == []
    assert taken_out.schedule["kept"].iloc[0] == pytest.approx(109_500 - 40_000)


def test_the_share_of_a_position_is_compared_with_fte_taken_out():
    plan = fund_plan(with_fund())
    assert plan.fte_released == pytest.approx(365 / 1924)  # 0.19 FTE
    assert plan.fte_taken_out == 0
    assert not plan.share_backed  # 0.5 of a position, 0 FTE taken out
    all_out = fund_plan(with_plan(with_fund(fte_share=0.15), [1.0]))
    assert all_out.fte_taken_out == pytest.approx(365 / 1924)
    assert all_out.share_backed  # 0.15 ≤ 0.19


def test_position_cost_is_the_hours_weighted_hourly_cost_times_hours_per_fte():
    time = {"name": "Toilet", "quantity": 1.0, "period": "day", "hourly_cost": 300}
    office = {"name": "Office", "quantity": 365, "hourly_cost": 420, "per_unit": False}
    data = load_sample().model_dump() | {"gains": [time, office]}
    # (365 · 300 + 365 · 420) / 730 = 360 kr/h; × 1,924 = 692,640
    assert position_cost(Scenario.model_validate(data)).value == pytest.approx(692_640)
    two = data | {"scale": data["scale"] | {"units": 2}}
    # (730 · 300 + 365 · 420) / 1,095 = 340 kr/h; × 1,924 = 654,160
    cost = position_cost(Scenario.model_validate(two))
    assert cost.hourly_cost == pytest.approx(340) and cost.value == pytest.approx(654_160)
    none = Scenario.model_validate(data | {"gains": []})
    assert position_cost(none).value == FALLBACK_POSITION_COST
    assert position_cost(none).source == "fallback"


def test_roll_out_loan_excludes_reinvestments_which_the_unit_pays():
    lifts = load_sample("ceiling_lifts")
    # lifts 40 × 25,000 + mounting 40 × 8,000 + building 150,000 + training 2 × 60,000 + pm
    assert default_loan(lifts) == 1_690_000
    plan = fund_plan(lifts)
    savings = plan.schedule.set_index("year")["savings"]
    table = cashflow_table(lifts).set_index("year")
    running = table["budget_gains"] - table["recurring_costs"]
    assert savings[9] == pytest.approx(running[9])
    assert savings[10] == pytest.approx(running[10] - 20 * 25_000)  # first batch's new lifts
    # 320 kr/h × 1,924 h = 615,680 a position; 3 × 307,840 does not repay 1.69 M
    assert plan.annual_pledge == pytest.approx(307_840)
    assert plan.repaid_after_years is None
    assert plan.outstanding == pytest.approx(1_690_000 - 3 * 307_840)


def test_fund_settings_are_validated():
    with pytest.raises(ValidationError):
        Scenario.model_validate({**load_sample().model_dump(), "fund": {"fte_share": -1}})
