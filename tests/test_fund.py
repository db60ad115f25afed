"""Fund repayment (DOMAIN.md §3) worked by hand."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from calculators.cashflow import cashflow_table
from calculators.fund import default_loan, fund_plan
from calculators.model import Scenario
from calculators.scenario_file import load_sample


def with_fund(name: str = "aarhus_toilet", **fund: object):
    scenario = load_sample(name)
    return scenario.model_copy(update={"fund": scenario.fund.model_copy(update=fund)})


def test_loan_600k_is_repaid_in_the_third_year():
    plan = fund_plan(with_fund(loan=600_000))
    assert plan.annual_pledge == 225_000  # 0.5 × 450,000
    assert plan.schedule["repayment"].tolist()[:4] == [225_000, 225_000, 150_000, 0]
    assert plan.repaid_after_years == pytest.approx(2 + 150_000 / 225_000)
    assert plan.outstanding == 0
    # the toilet saves 109,500 a year: not enough for a 225,000 pledge in years 1 and 2
    assert plan.uncovered_years == [1, 2, 3]
    assert plan.schedule["kept"].tolist()[:4] == [-115_500, -115_500, -40_500, 109_500]


def test_the_toilet_repays_its_own_loan_within_the_first_year():
    plan = fund_plan(with_fund())
    assert plan.loan == 40_000
    assert plan.repaid_after_years == pytest.approx(40_000 / 225_000)
    assert plan.uncovered_years == []
    assert plan.schedule["kept"].iloc[0] == pytest.approx(109_500 - 40_000)


def test_a_pledge_too_small_leaves_debt():
    plan = fund_plan(with_fund(loan=1_000_000, fte_share=0.25, years=3))
    assert plan.annual_pledge == 112_500
    assert plan.repaid_after_years is None
    assert plan.outstanding == pytest.approx(1_000_000 - 3 * 112_500)


def test_roll_out_loan_excludes_reinvestments_which_the_unit_pays():
    lifts = load_sample("ceiling_lifts")
    # lifts 40 × 25,000 + mounting 40 × 8,000 + building 150,000 + training 2 × 60,000 + pm
    assert default_loan(lifts) == 1_690_000
    plan = fund_plan(lifts)
    savings = plan.schedule.set_index("year")["savings"]
    table = cashflow_table(lifts).set_index("year")
    running = table["total_gains"] - table["recurring_costs"]
    assert savings[9] == pytest.approx(running[9])
    assert savings[10] == pytest.approx(running[10] - 20 * 25_000)  # first batch's new lifts
    assert plan.repaid_after_years is None  # 3 × 225,000 does not repay 1.69 M
    assert plan.outstanding == pytest.approx(1_690_000 - 675_000)


def test_fund_settings_are_validated():
    with pytest.raises(ValidationError):
        Scenario.model_validate({**load_sample().model_dump(), "fund": {"fte_share": -1}})
