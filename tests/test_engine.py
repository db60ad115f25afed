"""The engine against cases worked out by hand."""

from __future__ import annotations

import pytest

from calculators.cashflow import cashflow_table, cumulative_curve, monthly_flows
from calculators.drivers import break_even, main_driver, with_value
from calculators.metrics import compute_metrics
from tests.conftest import make_scenario

TOILET_YEAR = 300 * 365  # kr 109,500 a year


def cost(amount: float, **extra: object) -> dict:
    return {"name": "Toilet", "category": "purchase", "amount": amount, **extra}


def time_gain(hours: float = 1.0, **extra: object) -> dict:
    return {"name": "Time", "kind": "released_time", "quantity": hours, "period": "day",
            "hourly_cost": 300, **extra}


def test_aarhus_seed_case(toilet):
    metrics = compute_metrics(toilet)
    table = cashflow_table(toilet)
    assert table["total_gains"].iloc[1] == pytest.approx(109_500)
    assert table["net"].iloc[0] == pytest.approx(-40_000)
    # 40,000 / 109,500 years = 0.3653 years = 4.3836 months = 133 days
    assert metrics.payback_months == pytest.approx(40_000 / 109_500 * 12)
    assert metrics.payback_months == pytest.approx(4.3836, abs=1e-4)
    assert metrics.total_net == pytest.approx(10 * 109_500 - 40_000)
    # NPV = -40,000 + 109,500 · (1 - 1.035^-10) / 0.035 = -40,000 + 109,500 · 8.316605
    assert metrics.npv == pytest.approx(870_668.28, abs=0.01)
    assert metrics.annual_net_steady_state == pytest.approx(109_500)
    assert metrics.annual_cash_net_steady_state == 0  # released time is not cash
    # budget track: nothing is taken out, so the budget only carries the purchase
    assert metrics.annual_budget_effect_steady_state == 0
    assert metrics.budget_total == pytest.approx(-40_000)
    assert metrics.budget_npv == pytest.approx(-40_000)
    assert metrics.budget_payback_months is None
    assert metrics.budget_discounted_payback_months is None
    assert metrics.hours_taken_out_per_year == 0
    assert list(table["budget_effect"]) == [-40_000] + [0] * 10
    assert metrics.hours_released_per_year == pytest.approx(365)
    assert metrics.fte_released_per_year == pytest.approx(365 / 1924)
    # discounted: year-1 money is worth 1/1.035, so 40,000 / (9,125 / 1.035) months
    assert metrics.discounted_payback_months == pytest.approx(40_000 / (9_125 / 1.035))
    assert metrics.irr == pytest.approx(2.7375, abs=1e-4)


def test_implementation_period_delays_payback():
    metrics = compute_metrics(make_scenario(implementation_months=6))
    assert metrics.payback_months == pytest.approx(6 + 40_000 / 109_500 * 12)
    assert metrics.payback_months == pytest.approx(10.3836, abs=1e-4)
    table = cashflow_table(make_scenario(implementation_months=6))
    assert table["total_gains"].iloc[1] == pytest.approx(109_500 / 2)
    assert table["total_gains"].iloc[2] == pytest.approx(109_500)


def test_npv_by_hand_three_years():
    scenario = make_scenario(
        horizon_years=3, costs=[cost(100_000)],
        gains=[{"name": "Saving", "kind": "budget_saving", "quantity": 50_000}],
    )
    metrics = compute_metrics(scenario)
    # -100,000 + 50,000/1.035 + 50,000/1.035² + 50,000/1.035³
    assert metrics.npv == pytest.approx(-100_000 + 48_309.18 + 46_675.54 + 45_097.14, abs=0.02)
    assert metrics.annual_cash_net_steady_state == pytest.approx(50_000)
    assert metrics.payback_months == pytest.approx(24)


def test_reinvestment_after_lifetime_reopens_the_deficit():
    # kr 100,000 lasting 3 years, kr 50,000 a year: first even at 24 months, then the
    # reinvestment at year 3 takes the cumulative to -50,000, which is earned back at year 4.
    scenario = make_scenario(
        horizon_years=5, costs=[cost(100_000, lifetime_years=3)],
        gains=[{"name": "Saving", "kind": "budget_saving", "quantity": 50_000}],
    )
    table = cashflow_table(scenario)
    assert table["one_off_costs"].tolist() == [100_000, 0, 0, 100_000, 0, 0]
    assert table["cumulative_net"].tolist() == pytest.approx(
        [-100_000, -50_000, 0, -50_000, 0, 50_000], abs=1e-6)
    assert compute_metrics(scenario).payback_months == pytest.approx(48)


def test_no_reinvestment_at_or_after_the_horizon():
    table = cashflow_table(make_scenario(horizon_years=8, costs=[cost(40_000, lifetime_years=4)]))
    assert table["one_off_costs"].tolist() == [40_000, 0, 0, 0, 40_000, 0, 0, 0, 0]


def test_rollout_over_two_years():
    scenario = make_scenario(units=2, rollout=[1, 1], horizon_years=3, implementation_months=6)
    table = cashflow_table(scenario)
    assert table["units_installed"].tolist() == [1, 2, 2, 2]
    assert table["one_off_costs"].tolist() == [40_000, 40_000, 0, 0]
    # unit 1 earns from month 6, unit 2 (installed at year 1) from month 18
    assert table["total_gains"].tolist() == pytest.approx(
        [0, 54_750, 109_500 + 54_750, 219_000])
    # 40,000 after 10.38 months; the second toilet at month 12 is covered by then
    # (cumulative at month 12: -40,000 + 6 · 9,125 - 40,000 = -25,250, earned back
    # at 9,125/month by 12 + 25,250 / 9,125 = 14.77 months)
    assert compute_metrics(scenario).payback_months == pytest.approx(12 + 25_250 / 9_125)


def test_recurring_costs_per_unit_follow_the_rollout():
    scenario = make_scenario(
        units=3, rollout=[1, 2], horizon_years=2,
        costs=[cost(40_000), cost(1_200, kind="recurring", category="service")],
    )
    table = cashflow_table(scenario)
    assert table["recurring_costs"].tolist() == pytest.approx([0, 1_200, 3_600])
    assert table["one_off_costs"].tolist() == [40_000, 80_000, 0]


def test_costs_in_given_years_only():
    scenario = make_scenario(
        horizon_years=4,
        costs=[cost(40_000), cost(10_000, per_unit=False, years=[0, 2], category="training"),
               cost(5_000, per_unit=False, kind="recurring", years=[3, 4])],
    )
    table = cashflow_table(scenario)
    assert table["one_off_costs"].tolist() == [50_000, 0, 10_000, 0, 0]
    assert table["recurring_costs"].tolist() == [0, 0, 0, 5_000, 5_000]


def test_adoption_and_realisation_scale_gains():
    table = cashflow_table(make_scenario(adoption=0.5, realisation=0.8))
    assert table["total_gains"].iloc[1] == pytest.approx(109_500 * 0.4)
    assert table["hours_released"].iloc[1] == pytest.approx(365 * 0.4)


def test_ramp_up_is_linear_over_its_months():
    table = cashflow_table(make_scenario(ramp_up_months=3))
    # month shares 0.5/3, 1.5/3, 2.5/3, then 9 full months
    assert table["total_gains"].iloc[1] == pytest.approx(9_125 * (1 / 6 + 1 / 2 + 5 / 6 + 9))
    assert table["total_gains"].iloc[2] == pytest.approx(109_500)


def test_total_gain_lines_ignore_units_and_adoption():
    scenario = make_scenario(
        units=10, adoption=0.5,
        gains=[{"name": "Car", "kind": "budget_saving", "quantity": 60_000, "per_unit": False}],
    )
    table = cashflow_table(scenario)
    assert table["gain_budget_saving"].iloc[1] == pytest.approx(60_000)
    assert table["cash_releasing_gains"].iloc[1] == pytest.approx(60_000)
    assert table["one_off_costs"].iloc[0] == 400_000


def test_budget_saving_kept_apart_from_released_time():
    scenario = make_scenario(gains=[
        time_gain(),
        {"name": "Fewer nappies", "kind": "budget_saving", "quantity": 50, "period": "week"},
    ])
    table = cashflow_table(scenario)
    assert table["gain_released_time"].iloc[1] == pytest.approx(109_500)
    assert table["gain_budget_saving"].iloc[1] == pytest.approx(2_600)
    assert table["cash_releasing_gains"].iloc[1] == pytest.approx(2_600)
    assert table["net_cash"].iloc[1] == pytest.approx(2_600)
    assert table["budget_effect"].iloc[1] == pytest.approx(2_600)
    assert table["released_time_kept"].iloc[1] == pytest.approx(109_500)


def test_never_paying_back_is_none():
    metrics = compute_metrics(make_scenario(horizon_years=1, gains=[time_gain(0.1)]))
    assert metrics.payback_months is None
    assert metrics.discounted_payback_months is None
    assert metrics.total_net == pytest.approx(-40_000 + 10_950)


def test_no_costs_pays_back_at_once_and_has_no_irr():
    metrics = compute_metrics(make_scenario(costs=[]))
    assert metrics.payback_months == 0
    assert metrics.irr is None


def test_cumulative_curve_has_the_investment_step():
    flows = monthly_flows(make_scenario(horizon_years=1))
    times, values = cumulative_curve(flows)
    assert (times[0], values[0]) == (0, 0)
    assert (times[1], values[1]) == (0, -40_000)
    assert values[-1] == pytest.approx(69_500)


def test_break_even_hours_per_day(toilet):
    driver = main_driver(toilet)
    assert driver.key == "gain.time.quantity"
    # 40,000 / (300 · 365 · 10) hours a day pays back within the 10-year horizon
    assert break_even(toilet, driver.key) == pytest.approx(40_000 / (300 * 365 * 10), rel=1e-5)
    # within 2 years: 40,000 / (300 · 365 · 2) = 0.183 hours = 11 minutes a day
    assert break_even(toilet, driver.key, within_months=24) * 60 == pytest.approx(10.96, abs=0.01)


def test_break_even_none_when_costs_outrun_any_gain():
    scenario = make_scenario(horizon_years=1, implementation_months=12)
    assert break_even(scenario, "gain.time.quantity") is None


def test_with_value_changes_one_driver(toilet):
    changed = with_value(toilet, "scale.implementation_months", 6.4)
    assert changed.scale.implementation_months == 6
    assert changed.gains == toilet.gains


@pytest.mark.parametrize("scale", [1e-12, 1.0, 1e6])
def test_payback_does_not_depend_on_the_size_of_the_amounts(scale):
    # recurring costs from day one, gains after 12 months: the cumulative dips, then recovers
    scenario = make_scenario(
        implementation_months=12, discount_rate=0.2,
        costs=[{"name": "Service", "kind": "recurring", "amount": 1.1 * scale}],
        gains=[{"name": "Saving", "kind": "budget_saving", "quantity": 3 * scale}],
    )
    metrics = compute_metrics(scenario)
    # -1.1 after 12 months; then +1.9 a year → 12 + 1.1/1.9·12 months
    assert metrics.payback_months == pytest.approx(12 + 1.1 / 1.9 * 12)
    assert metrics.discounted_payback_months >= metrics.payback_months
