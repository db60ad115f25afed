"""Three-point estimates, sensitivity, Monte Carlo and break-even against the engine and by hand."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from benchmarks.cases import with_ranges
from calculators.drivers import get_value, with_value, with_values
from calculators.metrics import compute_metrics
from calculators.model import Range, Scenario
from calculators.montecarlo import BatchResult, draw, evaluate_many, run, summarise
from calculators.ranges import conservative, scenario_set
from calculators.scenario_file import dump_scenario, load_sample, parse_scenario, sample_names
from calculators.sensitivity import break_even_for, tornado, two_way
from tests.excel_support import hand_built

SEED_WEEKLY = 52 / 60 / 7  # Aarhus evaluation: 52 minutes a week, in hours a day


def engine(scenario: Scenario, discounted: bool = False) -> tuple[float, ...]:
    """NPV and payback of one engine run; with `discounted` also the discounted payback."""
    metrics = compute_metrics(scenario)
    paybacks = [metrics.payback_months] + ([metrics.discounted_payback_months] if discounted
                                           else [])
    return metrics.npv, *(math.nan if p is None else p for p in paybacks)


def assert_same(vectorised: tuple[float, ...], by_engine: tuple[float, ...]) -> None:
    assert len(vectorised) == len(by_engine)
    for mine, theirs in zip(vectorised, by_engine, strict=True):
        if math.isnan(theirs):
            assert math.isnan(mine)
        else:
            assert mine == pytest.approx(theirs, abs=1e-6)


def run_of(result: BatchResult, i: int) -> tuple[float, float, float]:
    return result.npv[i], result.payback_months[i], result.discounted_payback_months[i]


def collapsed(scenario: Scenario) -> Scenario:
    """The scenario with every range narrowed to its expected value."""
    data = scenario.model_dump()
    for key in data["ranges"]:
        value = get_value(scenario, key)
        data["ranges"][key] |= {"low": value, "high": value}
    return Scenario.model_validate(data)


def widened(scenario: Scenario, spreads: list[tuple[float, float]]) -> Scenario:
    """Each range (in order, as many as there are spreads) widened around its expected value:
    low = value · (1 − below), high = value · (1 + above), within the field's bounds."""
    data = scenario.model_dump()
    for (below, above), key in zip(spreads, list(data["ranges"]), strict=False):
        value = get_value(scenario, key)
        lowest, highest = (1, 12) if key.endswith("lifetime_years") else (0, 1e6)
        if key.startswith("scale.") and not key.endswith("months"):
            highest = 1
        data["ranges"][key] = {"low": max(lowest, value * (1 - below)),
                               "high": min(highest, value * (1 + above))}
    return Scenario.model_validate(data)


def test_sample_ranges_keep_the_expected_values():
    toilet = load_sample("aarhus_toilet")
    assert toilet.gains[0].quantity == 1.0
    assert toilet.ranges["gain.time.quantity"].low == pytest.approx(SEED_WEEKLY)
    assert toilet.ranges["gain.time.quantity"].high == 1.0
    assert compute_metrics(toilet).npv == pytest.approx(870_668, abs=1)
    for name in sample_names():
        scenario = load_sample(name)
        assert scenario.ranges, name
        for key, band in scenario.ranges.items():
            assert band.low <= get_value(scenario, key) <= band.high


def test_old_files_without_ranges_still_load_and_round_trip():
    raw = json.loads(dump_scenario(load_sample()))
    for field in ("ranges", "fund", "procurement"):
        raw.pop(field)
    scenario = parse_scenario(json.dumps(raw))
    assert scenario.ranges == {}
    assert scenario.fund.fte_share == 0.5
    assert parse_scenario(dump_scenario(load_sample())) == load_sample()


def test_bad_ranges_are_refused():
    data = load_sample().model_dump()
    data["ranges"]["scale.adoption"] = {"low": 0.5, "high": 1.2}
    with pytest.raises(ValidationError, match="range_bounds|must lie within"):
        Scenario.model_validate(data)
    with pytest.raises(ValidationError, match="above high"):
        Range(low=2, high=1)


def test_editing_a_value_widens_its_range_and_deleting_a_line_drops_it():
    data = load_sample().model_dump()
    data["gains"][0]["quantity"] = 2.0
    edited = Scenario.model_validate(data)
    assert edited.ranges["gain.time.quantity"].high == 2.0
    assert edited.ranges["gain.time.quantity"].low == pytest.approx(SEED_WEEKLY)
    data["gains"] = []
    assert "gain.time.quantity" not in Scenario.model_validate(data).ranges
    assert "cost.toilet.amount" in Scenario.model_validate(data).ranges


def test_conservative_takes_low_gains_and_high_costs_by_hand():
    cautious = conservative(load_sample())
    assert cautious.gains[0].quantity == pytest.approx(SEED_WEEKLY)
    assert cautious.gains[0].hourly_cost == 280
    assert cautious.costs[0].amount == 50_000
    assert (cautious.scale.adoption, cautious.scale.realisation) == (0.7, 0.6)
    assert cautious.scale.implementation_months == 6
    monthly_gain = SEED_WEEKLY * 280 * 365 * 0.7 * 0.6 / 12
    assert compute_metrics(cautious).payback_months == pytest.approx(6 + 50_000 / monthly_gain)
    assert cautious.estimate_basis == "conservative"


def test_best_and_worst_bracket_the_base():
    cases = {name: compute_metrics(s) for name, s in scenario_set(load_sample()).items()}
    assert cases["worst"].npv < cases["base"].npv < cases["best"].npv
    best = scenario_set(load_sample())["best"]
    assert (best.costs[0].amount, best.gains[0].hourly_cost) == (35_000, 330)
    assert cases["best"].payback_months == pytest.approx(35_000 / (330 * 365 / 12))


@pytest.mark.parametrize("name", ["aarhus_toilet", "ceiling_lifts", "medicine_dispenser"])
def test_tornado_bar_ends_equal_the_engine_at_low_and_high(name):
    scenario = load_sample(name)
    table = tornado(scenario)
    assert set(table["key"]) == set(scenario.ranges)
    assert list(table["npv_swing"]) == sorted(table["npv_swing"], reverse=True)
    for row in table.itertuples():
        assert_same((row.npv_low, row.payback_low), engine(with_value(scenario, row.key, row.low)))
        assert_same((row.npv_high, row.payback_high),
                    engine(with_value(scenario, row.key, row.high)))


def test_tornado_of_the_toilet_by_hand():
    row = tornado(load_sample()).iloc[0]
    assert row["key"] == "gain.time.quantity"
    factor = sum(1.035 ** -k for k in range(1, 11))
    assert row["npv_high"] == pytest.approx(-40_000 + 109_500 * factor)
    assert row["npv_low"] == pytest.approx(-40_000 + SEED_WEEKLY * 109_500 * factor)


def test_two_way_grid_corners_equal_the_engine():
    scenario = load_sample("ceiling_lifts")
    grid = two_way(scenario, steps=5)
    assert grid.npv.shape == (5, 5)
    for i, j in [(0, 0), (0, 4), (4, 0), (4, 4), (2, 3)]:
        changed = with_values(scenario, {grid.x.key: grid.x_values[j],
                                         grid.y.key: grid.y_values[i]})
        assert_same((grid.npv[i, j], grid.payback_months[i, j]), engine(changed))


@pytest.mark.parametrize("name", sample_names())
def test_vectorised_equals_one_engine_run_per_draw(name):
    scenario = load_sample(name)
    draws = draw(scenario, 2_000, seed=7)
    result = evaluate_many(scenario, draws)
    for i in range(0, 2_000, 97):
        one = with_values(scenario, {key: values[i] for key, values in draws.items()})
        assert_same(run_of(result, i), engine(one, discounted=True))


def test_every_lifetime_drawn_at_once_equals_one_engine_run_per_draw():
    """A range on every driver of the hand-built case: three cost lifetimes, implementation and
    ramp-up vary together (each line's reinvestments follow its own lifetime)."""
    scenario = with_ranges(hand_built())
    lifetimes = [k for k in scenario.ranges if k.endswith(".lifetime_years")]
    assert len(lifetimes) >= 2
    draws = draw(scenario, 1_000, seed=11)
    assert all(len(np.unique(draws[k])) > 1 for k in lifetimes)
    result = evaluate_many(scenario, draws)
    for i in range(0, 1_000, 37):
        one = with_values(scenario, {key: values[i] for key, values in draws.items()})
        assert_same(run_of(result, i), engine(one, discounted=True))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=6, max_size=6))
def test_vectorised_equals_engine_for_any_driver_values(fractions):
    scenario = load_sample("ceiling_lifts")
    keys = list(scenario.ranges)[:6]
    values = {key: scenario.ranges[key].low + f * (scenario.ranges[key].high -
                                                   scenario.ranges[key].low)
              for key, f in zip(keys, fractions, strict=True)}
    result = evaluate_many(scenario, {k: np.array([v]) for k, v in values.items()})
    assert_same(run_of(result, 0), engine(with_values(scenario, values), discounted=True))


def test_zero_width_ranges_give_the_deterministic_result():
    scenario = load_sample("ceiling_lifts")
    result = run(collapsed(scenario), 500, seed=3)
    npv, payback, discounted = engine(scenario, discounted=True)
    assert np.allclose(result.npv, npv, rtol=0, atol=1e-6)
    assert np.allclose(result.payback_months, payback, rtol=0, atol=1e-9)
    assert np.allclose(result.discounted_payback_months, discounted, rtol=0, atol=1e-9)
    summary = summarise(result, within_years=5)
    assert summary.npv_percentiles[10] == pytest.approx(npv)
    assert summary.payback.probability_in_horizon == 1.0
    assert summary.discounted_payback.percentiles[90] == pytest.approx(discounted)


def test_discounted_payback_of_the_collapsed_toilet_by_hand():
    """kr 40,000 at once; 1 h/day × kr 300 = kr 9,125 a month in operating year 1, discounted
    with that year's factor 1/1.035: 40,000 / (9,125 / 1.035) = 4.537 months (simple: 4.384)."""
    toilet = load_sample()
    by_hand = 40_000 / (9_125 / 1.035)
    assert by_hand == pytest.approx(4.537, abs=5e-4)
    assert compute_metrics(toilet).discounted_payback_months == pytest.approx(by_hand)
    summary = summarise(run(collapsed(toilet), 1_000, seed=5), within_years=1)
    assert summary.discounted_payback.percentiles == pytest.approx(
        {10: by_hand, 50: by_hand, 90: by_hand})
    assert summary.payback.percentiles[50] == pytest.approx(40_000 / 9_125)
    assert summary.discounted_payback.probability_within == 1.0


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sample_names()), st.integers(0, 2**32 - 1),
       st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=10, max_size=10))
def test_discounted_payback_is_never_shorter_than_simple(name, seed, spreads):
    """In every draw that pays back both ways, discounting (factors ≤ 1, falling with time:
    later gains count less) never brings payback forward. Ranges widened around each expected
    value by random shares."""
    scenario = widened(load_sample(name), spreads)
    result = run(scenario, 2_000, seed)
    both = np.isfinite(result.payback_months) & np.isfinite(result.discounted_payback_months)
    shortfall = result.payback_months[both] - result.discounted_payback_months[both]
    assert (shortfall <= 1e-9).all(), shortfall.max()


def test_seed_reproducibility():
    scenario = load_sample()
    first, again = run(scenario, 1_000, 42), run(scenario, 1_000, 42)
    other = run(scenario, 1_000, 43)
    assert np.array_equal(first.npv, again.npv)
    assert not np.array_equal(first.npv, other.npv)


def test_draws_follow_the_distribution_means():
    scenario = load_sample("ceiling_lifts")
    draws = draw(scenario, 50_000, seed=1)
    triangular = scenario.ranges["gain.transfer.hourly_cost"]
    assert draws["gain.transfer.hourly_cost"].mean() == pytest.approx(
        (triangular.low + 320 + triangular.high) / 3, rel=2e-3)
    pert = scenario.ranges["gain.transfer.quantity"]
    assert draws["gain.transfer.quantity"].mean() == pytest.approx(
        (pert.low + 4 * 0.25 + pert.high) / 6, rel=5e-3)
    assert set(np.unique(draws["scale.implementation_months"])) <= {2, 3, 4, 5, 6}
    assert draws["scale.adoption"].min() >= 0.7 and draws["scale.adoption"].max() <= 0.95


def test_monte_carlo_summary_is_ordered_and_bounded():
    summary = summarise(run(load_sample("aarhus_toilet_conservative"), 5_000, 0), within_years=2)
    npv = summary.npv_percentiles
    assert npv[10] <= npv[50] <= npv[90]
    for payback in (summary.payback, summary.discounted_payback):
        assert 0 <= payback.probability_within <= payback.probability_in_horizon <= 1
        assert payback.percentiles[10] <= payback.percentiles[50] <= payback.percentiles[90]
    assert summary.discounted_payback.probability_within <= summary.payback.probability_within
    with pytest.raises(ValueError):
        draw(load_sample(), 100_001)


def test_break_even_within_two_years_by_hand():
    result = break_even_for(load_sample(), 24)
    needed = 40_000 / (300 * 365 * 2)
    assert result.needed == pytest.approx(needed, rel=1e-5)
    assert round(result.needed * 60) == 11
    assert result.headroom == pytest.approx(1 / needed - 1, rel=1e-5)
    six_months = with_value(load_sample(), "scale.implementation_months", 6)
    assert break_even_for(six_months, 24).needed == pytest.approx(40_000 / (300 * 365 * 1.5),
                                                                  rel=1e-5)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=10, max_size=10))
def test_worst_base_best_are_ordered_for_any_ranges(spreads):
    """Each range widened around its expected value by random shares: worst ≤ base ≤ best."""
    cases = {name: compute_metrics(s).npv for name, s in scenario_set(
        widened(load_sample("ceiling_lifts"), spreads)).items()}
    assert cases["worst"] <= cases["base"] + 1e-6
    assert cases["base"] <= cases["best"] + 1e-6
