"""Invariants of the engine over many generated scenarios (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.cashflow import cashflow_table
from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from tests.conftest import make_scenario

money = st.floats(min_value=0, max_value=1e6, allow_nan=False)
hours = st.floats(min_value=0, max_value=24, allow_nan=False)


@st.composite
def toilet_cases(draw):
    horizon = draw(st.integers(1, 30))
    rollout = draw(st.lists(st.integers(0, 5), min_size=1, max_size=min(horizon, 5)))
    units = sum(rollout)
    return make_scenario(
        horizon_years=horizon,
        discount_rate=draw(st.floats(0, 0.2)),
        units=units,
        rollout=rollout,
        adoption=draw(st.floats(0, 1)),
        realisation=draw(st.floats(0, 1)),
        implementation_months=draw(st.integers(0, 24)),
        ramp_up_months=draw(st.integers(0, 12)),
        costs=[
            {"name": "Purchase", "amount": draw(money), "lifetime_years": draw(
                st.none() | st.integers(1, 30))},
            {"name": "Service", "kind": "recurring", "amount": draw(money) / 10},
            {"name": "Project", "amount": draw(money), "per_unit": False},
        ],
        gains=[
            {"id": "time", "name": "Time", "quantity": draw(hours), "period": "day",
             "hourly_cost": draw(st.floats(0, 1000))},
            {"id": "saving", "name": "Saving", "kind": "budget_saving", "quantity": draw(money),
             "per_unit": False},
        ],
    )


@settings(max_examples=60, deadline=None)
@given(toilet_cases(), st.floats(1.0, 5.0))
def test_more_savings_never_lengthens_payback(scenario, factor):
    before = compute_metrics(scenario).payback_months
    more = with_value(scenario, "gain.time.quantity",
                      min(scenario.gains[0].quantity * factor, 1e6))
    after = compute_metrics(more).payback_months
    if before is not None:
        assert after is not None and after <= before + 1e-9


@settings(max_examples=60, deadline=None)
@given(toilet_cases())
def test_results_are_finite_and_consistent(scenario):
    metrics = compute_metrics(scenario)
    table = cashflow_table(scenario)
    for value in (metrics.npv, metrics.total_net, metrics.annual_net_steady_state,
                  metrics.hours_released_per_year):
        assert math.isfinite(value)
    assert table["cumulative_net"].iloc[-1] == metrics.total_net or math.isclose(
        table["cumulative_net"].iloc[-1], metrics.total_net, rel_tol=1e-9, abs_tol=1e-6)
    paid_back = metrics.payback_months is not None
    assert paid_back == (metrics.total_net >= -1e-6) or abs(metrics.total_net) < 1e-3
    if paid_back:
        assert 0 <= metrics.payback_months <= 12 * scenario.horizon_years
    if metrics.discounted_payback_months is not None and paid_back:
        assert metrics.discounted_payback_months >= metrics.payback_months - 1e-9


@settings(max_examples=40, deadline=None)
@given(toilet_cases())
def test_npv_at_rate_zero_is_the_total_net(scenario):
    undiscounted = scenario.model_copy(update={"discount_rate": 0.0})
    assert math.isclose(compute_metrics(undiscounted).npv, compute_metrics(scenario).total_net,
                        rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 0.2), st.floats(0, 0.2), hours, st.integers(1, 30))
def test_higher_rate_never_raises_npv_of_invest_then_earn_case(rate_a, rate_b, per_day, horizon):
    # all costs at year 0, all later flows gains: a conventional investment
    low, high = sorted((rate_a, rate_b))
    npv_low = compute_metrics(make_scenario(discount_rate=low, horizon_years=horizon,
                                            gains=[{"name": "T", "quantity": per_day,
                                                    "period": "day", "hourly_cost": 300}])).npv
    npv_high = compute_metrics(make_scenario(discount_rate=high, horizon_years=horizon,
                                             gains=[{"name": "T", "quantity": per_day,
                                                     "period": "day", "hourly_cost": 300}])).npv
    assert npv_high <= npv_low + 1e-6


@settings(max_examples=40, deadline=None)
@given(toilet_cases(), st.integers(1, 12))
def test_longer_implementation_never_shortens_payback(scenario, extra):
    before = compute_metrics(scenario).payback_months
    months = min(scenario.scale.implementation_months + extra, 120)
    after = compute_metrics(with_value(scenario, "scale.implementation_months", months))
    if after.payback_months is not None:
        assert before is not None and before <= after.payback_months + 1e-9
