"""The documentation plan: unit conversion, expected vs measured, replacing an estimate."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from calculators.assessment import compare, replace_with_measured
from calculators.base import Period
from calculators.documentation import DocumentationError, Unit, convert
from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.scenario_file import dump_scenario, load_sample, parse_scenario
from ui.i18n import explain_validation

DAY = date(2026, 11, 25)
MEASURED_HOURS_A_DAY = 52 / 60 * 52 / 365  # 52 minutes a week as hours a day


@pytest.fixture
def toilet() -> Scenario:
    return load_sample("aarhus_toilet")


def with_items(scenario: Scenario, *items: dict) -> Scenario:
    data = scenario.model_dump()
    data["documentation_plan"]["items"] = list(items)
    return Scenario.model_validate(data)


def test_conversions_by_hand():
    assert convert(52, Unit.MINUTES, Period.WEEK, Unit.HOURS, Period.DAY, True) == pytest.approx(
        MEASURED_HOURS_A_DAY)
    assert convert(2, Unit.HOURS, Period.MONTH, Unit.MINUTES, Period.YEAR, True) == 1440
    assert convert(9_000, Unit.KR, Period.YEAR, Unit.KR, Period.MONTH, False) == 750
    for unit, time_based in ((Unit.KR, True), (Unit.MINUTES, False), (Unit.COUNT, True)):
        with pytest.raises(DocumentationError) as caught:
            convert(1, unit, Period.DAY, Unit.HOURS if time_based else Unit.KR, Period.DAY,
                    time_based)
        assert caught.value.code == "unit_mismatch"


def test_expected_vs_measured_in_the_sample(toilet):
    row = compare(toilet)[0]
    assert row.gain.id == "time" and row.item.test_months == 4
    assert row.expected == pytest.approx(60 * 365 / 52)  # 1 hour a day = 421.2 minutes a week
    assert row.measured == 52
    assert row.payback_now == pytest.approx(40_000 / 109_500 * 12)  # 4.38 months
    assert row.payback_measured == pytest.approx(40_000 / (52 / 60 * 52 * 300) * 12)
    assert row.replaceable
    assert [r.expected for r in compare(toilet)[1:]] == [None, None, None]  # VTV lines


def test_replacing_changes_the_payback_exactly_as_the_engine_says(toilet):
    replaced = replace_with_measured(toilet, "time", DAY)
    gain = replaced.gains[0]
    assert gain.quantity == pytest.approx(MEASURED_HOURS_A_DAY) and gain.period is Period.DAY
    metrics = compute_metrics(replaced)
    engine = compute_metrics(with_value(toilet, "gain.time.quantity", MEASURED_HOURS_A_DAY))
    assert metrics.payback_months == engine.payback_months
    # hand: 40,000 / (52/60 × 52 × 300) years = 40,000 / 13,520 × 12 = 35.50 months
    assert metrics.payback_months == pytest.approx(40_000 / (52 / 60 * 52 * 300) * 12)
    assert round(metrics.payback_months, 1) == 35.5
    assert metrics.annual_net_steady_state == pytest.approx(13_520)
    record = replaced.documentation_plan.replacements[0]
    assert (record.gain_id, record.estimate, record.replaced_on) == ("time", 1.0, DAY)
    assert record.measured == pytest.approx(MEASURED_HOURS_A_DAY)
    assert (record.measured_value, record.unit, record.measured_period) == (
        52, Unit.MINUTES, Period.WEEK)
    assert parse_scenario(dump_scenario(replaced)) == replaced
    again = compare(replaced)[0]
    assert again.expected == pytest.approx(52) and not again.replaceable and again.comparable


def test_replacement_keeps_the_implementation_period(toilet):
    slow = with_value(toilet, "scale.implementation_months", 6)
    replaced = replace_with_measured(slow, "time", DAY)
    assert compute_metrics(replaced).payback_months == pytest.approx(
        6 + 40_000 / 13_520 * 12)


def test_money_gains_are_measured_in_kroner(toilet):
    data = toilet.model_dump()
    data["gains"].append({"id": "laundry", "name": "Færre vaske", "kind": "budget_saving",
                          "quantity": 1_000, "period": "month"})
    scenario = with_items(Scenario.model_validate(data),
                          {"id": "l", "subject": "gain.laundry", "indicator": "kr. sparet",
                           "measured": 9_000, "unit": "kr", "period": "year"})
    row = compare(scenario)[0]
    assert (row.expected, row.measured) == (12_000, 9_000)
    assert replace_with_measured(scenario, "l", DAY).gains[1].quantity == 750


@pytest.mark.parametrize(("item", "code"), [
    ({"id": "v", "subject": "vtv.citizen.safety", "indicator": "fald", "measured": 2,
      "unit": "count"}, "no_gain"),
    ({"id": "v", "subject": "gain.time", "indicator": "min"}, "no_measurement"),
    ({"id": "v", "subject": "gain.time", "indicator": "min", "measured": 5, "unit": "kr"},
     "unit_mismatch"),
    ({"id": "v", "subject": "gain.deleted", "indicator": "min", "measured": 5}, "no_gain"),
])
def test_what_cannot_replace_an_estimate(toilet, item, code):
    scenario = with_items(toilet, item)
    assert not compare(scenario)[0].replaceable
    with pytest.raises(DocumentationError) as caught:
        replace_with_measured(scenario, "v", DAY)
    assert caught.value.code == code
    with pytest.raises(DocumentationError, match="no_item"):
        replace_with_measured(scenario, "missing", DAY)


@pytest.mark.parametrize(("item", "danish"), [
    ({"indicator": ""}, "skal udfyldes"),
    ({"indicator": "x", "measured": -5}, "skal være mindst 0"),
    ({"indicator": "x", "test_months": 61}, "må højst være 60"),
    ({"indicator": "x", "method": "telepathy"}, "skal være en af"),
])
def test_bad_plan_lines_get_a_clear_message(toilet, item, danish):
    with pytest.raises(ValidationError) as caught:
        with_items(toilet, item)
    assert danish in " ".join(explain_validation("da", caught.value))


def test_plan_line_ids_are_unique(toilet):
    with pytest.raises(ValidationError) as caught:
        with_items(toilet, {"id": "a", "indicator": "x"}, {"id": "a", "indicator": "y"})
    assert "samme id" in " ".join(explain_validation("da", caught.value))


def test_conservative_sample_plans_a_four_month_time_registration():
    plan = load_sample("aarhus_toilet_conservative").documentation_plan
    time = plan.items[0]
    assert (time.subject, time.method, time.test_months, time.unit, time.period) == (
        "gain.time", "time_registration", 4, Unit.MINUTES, Period.WEEK)
    assert time.measured is None and plan.audience and plan.agreement and plan.resources
    row = compare(load_sample("aarhus_toilet_conservative"))[0]
    assert row.expected == pytest.approx(52)  # the estimate already is 52 minutes a week


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 10_000), st.sampled_from(list(Period)), st.sampled_from(list(Period)),
       st.sampled_from([Unit.MINUTES, Unit.HOURS]))
def test_conversion_round_trips(value, period, gain_period, unit):
    there = convert(value, unit, period, Unit.HOURS, gain_period, True)
    assert convert(there, Unit.HOURS, gain_period, unit, period, True) == pytest.approx(value)
