"""The municipality's budget view (issue 15): hours and hourly cost from parts, residual value,
discount basis and the rate as a driver, the quantified risk pool. Hand-worked numbers."""

from __future__ import annotations

import io
import json
import math
from datetime import date

import numpy as np
import pytest
from docx import Document
from pydantic import ValidationError

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.discounting import DiscountBasis
from calculators.drivers import drivers, with_value
from calculators.headlines import briefing
from calculators.metrics import compute_metrics
from calculators.model import Risk, RiskLevel, Scenario
from calculators.montecarlo import evaluate_many, run
from calculators.ranges import scenario_set
from calculators.risk_pool import case_pools, level_of, risk_pool
from calculators.scenario_file import SAMPLE_DIR, load_sample, parse_scenario
from calculators.sensitivity import tornado
from calculators.staffing import (
    HoursBasis,
    StaffCost,
    WorkingTime,
    basis_of,
    fte,
    hourly_cost,
)
from exporters.deck import Stamp, build_deck
from exporters.docx_report import council_docx
from exporters.excel import build_workbook
from tests.conftest import make_scenario
from ui.headlines import sentence

SAMPLES = sorted(path.stem for path in SAMPLE_DIR.glob("*.json") if path.stem != "scenario.schema")


def lift(**extra: object) -> dict:
    return {"id": "lift", "name": "Lift", "category": "purchase", "amount": 90_000,
            "lifetime_years": 9, **extra}


# --- A. Hours per FTE and the hourly cost, from their parts ---------------------------------

def test_gross_and_effective_hours_by_hand():
    working = WorkingTime()
    assert working.gross == 37 * 52 == 1924
    assert working.effective == pytest.approx(1924 - 222 - 59.2 - 59.2 - 22.2)
    assert 1550 <= working.effective <= 1650  # the state's guidance range
    assert WorkingTime(holidays=2000).effective == 0


def test_hourly_cost_from_salary_pension_and_other_costs():
    staff = StaffCost(annual_salary=400_000, pension_share=0.12, other_costs=20_000)
    assert staff.annual_cost == pytest.approx(468_000)
    assert hourly_cost(staff, 1561.4) == pytest.approx(468_000 / 1561.4)
    assert hourly_cost(staff, 0) == 0


def test_fte_on_the_hours_chosen_and_which_basis_they_are(toilet):
    working = toilet.working_time
    assert basis_of(toilet.hours_per_fte, working) is HoursBasis.GROSS
    assert basis_of(working.effective, working) is HoursBasis.EFFECTIVE
    assert basis_of(1700, working) is HoursBasis.ENTERED
    effective = make_scenario(hours_per_fte=working.effective)
    assert compute_metrics(effective).fte_released_per_year == pytest.approx(365 / 1561.4)
    assert fte(365, 1924) == pytest.approx(compute_metrics(toilet).fte_released_per_year)


def test_the_aarhus_seed_keeps_its_300_kr_and_4_38_months(toilet):
    assert toilet.gains[0].hourly_cost == 300
    assert toilet.staff_cost is None
    assert compute_metrics(toilet).payback_months == pytest.approx(40_000 / 109_500 * 12)


# --- B. Residual value ------------------------------------------------------------------------

def test_residual_value_after_a_reinvestment_in_year_nine():
    # bought at year 0 and again in year 9 (lifetime 9); at the end of year 10 the second
    # purchase has 8 of its 9 years left: 90,000 · 8/9 = 80,000
    case = make_scenario(costs=[lift()])
    table = cashflow_table(case)
    assert table["one_off_costs"].iloc[9] == pytest.approx(90_000)
    assert table["residual_value"].iloc[10] == pytest.approx(80_000)
    assert table["residual_value"].iloc[:10].sum() == 0
    metrics = compute_metrics(case)
    assert metrics.residual_value == pytest.approx(80_000)
    included = compute_metrics(make_scenario(costs=[lift()], include_residual_value=True))
    assert included.npv - metrics.npv == pytest.approx(80_000 / 1.035 ** 10)
    # the payback and the net over the horizon do not count it
    assert included.payback_months == metrics.payback_months
    assert included.total_net == metrics.total_net


def test_residual_value_of_a_staggered_roll_out_by_hand():
    # 2 units at year 0, 1 at year 2; lifetime 4, horizon 5: the year-0 units are replaced in
    # year 4 (3 of 4 years left), the year-2 unit has 1 of 4 years left:
    # 1,000 · (2 · 3/4 + 1 · 1/4) = 1,750
    case = make_scenario(horizon_years=5, units=3, rollout=[2, 0, 1],
                         costs=[lift(amount=1_000, lifetime_years=4)])
    assert monthly_flows(case).residual_value == pytest.approx(1_750)


def test_lines_without_a_lifetime_have_no_residual_value(toilet):
    assert compute_metrics(toilet).residual_value == 0
    assert cashflow_table(toilet)["residual_value"].sum() == 0


def test_batch_runs_count_the_residual_value_as_the_engine_does():
    case = make_scenario(costs=[lift()], include_residual_value=True)
    lifetimes = np.array([3.0, 9.0, 12.0])
    amounts = np.array([50_000.0, 90_000.0, 120_000.0])
    result = evaluate_many(case, {"cost.lift.lifetime_years": lifetimes,
                                  "cost.lift.amount": amounts})
    for i, (life, amount) in enumerate(zip(lifetimes, amounts, strict=True)):
        changed = with_value(with_value(case, "cost.lift.lifetime_years", life),
                             "cost.lift.amount", amount)
        assert result.npv[i] == pytest.approx(compute_metrics(changed).npv, abs=1e-6)


# --- C. The discount rate -----------------------------------------------------------------------

def test_old_files_keep_their_rate_under_a_basis():
    data = json.loads((SAMPLE_DIR / "aarhus_toilet.json").read_text())
    assert parse_scenario(json.dumps(data).encode()).discount_basis is \
        DiscountBasis.FINANCE_MINISTRY
    data["discount_rate"] = 0.04
    own = parse_scenario(json.dumps(data).encode())
    assert own.discount_basis is DiscountBasis.MUNICIPAL
    assert own.discount_rate == 0.04


def test_the_rate_is_a_driver_and_batch_runs_match_the_engine(toilet):
    assert any(d.key == "discount_rate" and d.value == 0.035 for d in drivers(toilet))
    rates = np.array([0.0, 0.02, 0.035, 0.07])
    result = evaluate_many(toilet, {"discount_rate": rates})
    for i, rate in enumerate(rates):
        metrics = compute_metrics(with_value(toilet, "discount_rate", rate))
        assert result.npv[i] == pytest.approx(metrics.npv, abs=1e-6)
        assert result.discounted_payback_months[i] == pytest.approx(
            metrics.discounted_payback_months)
    # 0 %: the NPV is the plain net, 10 · 109,500 − 40,000
    assert result.npv[0] == pytest.approx(1_055_000)


def test_the_rate_in_the_tornado(toilet):
    case = make_scenario(ranges={"discount_rate": {"low": 0.02, "high": 0.07}})
    row = tornado(case).set_index("key").loc["discount_rate"]
    annuity = 109_500 * sum(1 / 1.02 ** k for k in range(1, 11)) - 40_000
    assert row["npv_low"] == pytest.approx(annuity)


# --- D. The risk pool ---------------------------------------------------------------------------

def pooled(case: Scenario) -> Scenario:
    key = f"gain.{case.gains[0].id}.quantity"
    return case.model_copy(update={"risks": [
        Risk(text="Replaced at once", probability=0.1, amount=40_000),
        Risk(text="Half the time saved", probability=0.25, driver=key, change=-0.5),
        Risk(text="Service visit in year 3", probability=0.5, amount=10_000, year=3),
        Risk(text="Described, not priced", level=RiskLevel.LARGE),
    ]})


def test_pool_is_the_sum_of_probability_times_consequence(toilet):
    pool = risk_pool(pooled(toilet))
    half_hour = 0.5 * 365 * 300 * sum(1 / 1.035 ** k for k in range(1, 11))  # 455,334
    assert [r.consequence for r in pool.risks] == pytest.approx(
        [40_000, half_hour, 10_000 / 1.035 ** 3])
    by_hand = 0.1 * 40_000 + 0.25 * half_hour + 0.5 * 10_000 / 1.035 ** 3
    assert pool.expected_cost == pytest.approx(by_hand)
    assert pool.npv_after_pool == pytest.approx(870_668.28 - by_hand, abs=0.01)
    assert len(pool.risks) == 3  # the unpriced risk stays outside the pool


def test_monte_carlo_mean_moves_by_the_pool(toilet):
    """With a fixed seed the mean NPV drops by the pool within sampling error: the standard
    error of the shift is sqrt(Σ p(1−p)·c²/n) ≈ 2,000 kr for 10,000 draws; the tolerance is
    four standard errors. The drivers are at their expected values (no ranges): with ranges, a
    driver risk's effect depends on the other drivers' draws (half an hour less a day is worth
    less in a run where adoption is low), so the mean moves by less than the pool."""
    certain = make_scenario(ranges={})
    case = pooled(certain)
    pool = risk_pool(case)
    n = 10_000
    without = run(certain, n, seed=7).npv
    with_risks = run(case, n, seed=7).npv
    error = math.sqrt(sum(r.risk.probability * (1 - r.risk.probability) * r.consequence ** 2
                          for r in pool.risks) / n)
    assert 1_500 < error < 2_500
    assert with_risks.mean() - without.mean() == pytest.approx(-pool.expected_cost, abs=4 * error)
    assert run(case, n, seed=7).npv.tolist() == with_risks.tolist()  # the same seed, the same


def test_risk_events_leave_the_drivers_draws_as_they_were(toilet):
    ranged = toilet  # the sample has ranges on six drivers
    kr_only = ranged.model_copy(update={"risks": [Risk(text="x", probability=0.5,
                                                       amount=1_000)]})
    shift = run(kr_only, 2_000, seed=3).npv - run(ranged, 2_000, seed=3).npv
    assert set(np.round(shift, 6)) <= {0.0, -1_000.0}


def test_level_is_a_view_of_probability_times_consequence():
    assert level_of(4_000, 40_000) is RiskLevel.LARGE
    assert level_of(1_000, 40_000) is RiskLevel.MEDIUM
    assert level_of(100, 40_000) is RiskLevel.SMALL
    assert [r.level for r in risk_pool(pooled(load_sample())).risks] == [
        RiskLevel.LARGE, RiskLevel.LARGE, RiskLevel.LARGE]


def test_risk_pool_rules(toilet):
    data = toilet.model_dump()
    data["risks"] = [{"text": f"r{i}", "probability": 0.1, "amount": 1} for i in range(13)]
    with pytest.raises(ValidationError, match="At most 12"):
        Scenario.model_validate(data)
    data["risks"] = [{"text": "gone", "probability": 0.1, "driver": "gain.nope.quantity"}]
    with pytest.raises(ValidationError, match="no longer exists"):
        Scenario.model_validate(data)
    data["risks"] = [{"text": "late", "probability": 0.1, "amount": 1, "year": 11}]
    with pytest.raises(ValidationError, match="beyond the horizon"):
        Scenario.model_validate(data)
    data["risks"] = [{"text": "more than certain", "probability": 1.5}]
    with pytest.raises(ValidationError):
        Scenario.model_validate(data)


# --- Old files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
def test_samples_load_with_neutral_defaults(name):
    case = load_sample(name)
    assert not case.include_residual_value
    assert case.staff_cost is None
    assert not any(risk.quantified for risk in case.risks)
    assert case.working_time == WorkingTime()
    assert Scenario.model_validate(case.model_dump()) == case


def test_any_rate_but_3_5_percent_is_the_municipalitys_own(toilet):
    data = toilet.model_dump() | {"discount_rate": 0.04}
    assert data["discount_basis"] == "finance_ministry"
    own = Scenario.model_validate(data)
    assert (own.discount_rate, own.discount_basis) == (0.04, DiscountBasis.MUNICIPAL)
    # the municipality's own rate may be 3.5 % too
    assert make_scenario(discount_basis="municipal").discount_basis is DiscountBasis.MUNICIPAL
    assert with_value(toilet, "discount_rate", 0.02).discount_basis is DiscountBasis.MUNICIPAL
    assert with_value(toilet, "discount_rate", 0.035).discount_basis is \
        DiscountBasis.FINANCE_MINISTRY


def test_the_meeting_headline_states_the_pool(toilet):
    from calculators.headlines import risks

    headline = risks(pooled(toilet))
    assert headline.key == "hl.risks.pool"
    assert headline.values["pool"].value == pytest.approx(risk_pool(pooled(toilet)).expected_cost)
    assert risks(toilet).key == "hl.risks.many"  # described only: as before


# --- The risk pool in worst / base / best and the meeting slides --------------------------------

def test_each_case_carries_its_pool(toilet):
    """A consequence in kr costs the same in every case; NPV after the pool = NPV − pool."""
    case = toilet.model_copy(update={"risks": [
        Risk(text="Replaced at once", probability=0.1, amount=40_000),
        Risk(text="Service visit in year 3", probability=0.5, amount=10_000, year=3)]})
    pools = case_pools(scenario_set(case))
    by_hand = 0.1 * 40_000 + 0.5 * 10_000 / 1.035 ** 3  # 4,000 + 4,509.71
    assert list(pools) == ["worst", "base", "best"]
    for name, found in scenario_set(case).items():
        assert pools[name].expected_cost == pytest.approx(by_hand)
        assert pools[name].npv_after_pool == pytest.approx(compute_metrics(found).npv - by_hand)
    assert case_pools(scenario_set(toilet)) == {}  # described risks only: no pool


def test_worst_base_best_with_the_pool_on_the_slides_and_in_the_workbook(toilet):
    case = pooled(toilet)
    pools = case_pools(scenario_set(case))
    b = briefing(case)
    assert {name: pool.npv_after_pool for name, pool in b.pools.items()} == pytest.approx(
        {name: pool.npv_after_pool for name, pool in pools.items()})
    # the base case's pool is the one beside the base case: 117,833.5 + 0.5 · 10,000 / 1.035³
    assert b.pools["base"].expected_cost == pytest.approx(risk_pool(case).expected_cost)
    assert round(b.pools["base"].expected_cost) == 122_343
    said = sentence(b.range_pool, "da")
    assert said.startswith("Efter risikopuljen er nettonutidsværdien")
    assert "748.325 kr. i basis" in said  # 870,668.28 − 122,343.25
    deck = build_deck(case, "da", Stamp(date(2026, 12, 1)), b=b)
    slide = next(s for s in deck if s.key == "range")
    assert said in [line.text for line in slide.lines]
    paper = Document(io.BytesIO(council_docx(case, "da", Stamp(date(2026, 12, 1)))))
    assert said in [p.text.rstrip(".") for p in paper.paragraphs]
    ws = build_workbook(case, "da")["Følsomhed"]
    labels = {ws[f"A{row}"].value: row for row in range(1, 20)}
    row = labels["Nettonutidsværdi efter risikopulje"]
    assert [ws[f"{c}{row}"].value for c in "BCD"] == pytest.approx(
        [pools[name].npv_after_pool for name in ("worst", "base", "best")])
    assert briefing(toilet).range_pool is None
