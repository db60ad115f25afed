"""Procurement route from the roll-out's purchase, thresholds at their edges."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from calculators.drivers import with_value
from calculators.model import ProcurementSettings, Scenario
from calculators.procurement import Route, procurement, purchase_value, route_for
from calculators.scenario_file import load_sample


@pytest.mark.parametrize(("value", "route"), [
    (0, Route.NONE), (499_999.99, Route.NONE), (500_000, Route.NATIONAL),
    (1_400_000, Route.NATIONAL), (1_400_000.01, Route.EU), (10_000_000, Route.EU),
])
def test_2015_thresholds_at_the_edges(value, route):
    assert route_for(value, ProcurementSettings()) is route


def test_thresholds_are_editable_and_ordered():
    newer = ProcurementSettings(national_threshold=600_000, eu_threshold=2_000_000, year=2026)
    assert route_for(1_500_000, newer) is Route.NATIONAL
    with pytest.raises(ValidationError, match="threshold"):
        ProcurementSettings(national_threshold=2_000_000, eu_threshold=1_000_000)


def test_roll_out_purchase_routes():
    lifts = load_sample("ceiling_lifts")
    assert procurement(lifts).route is Route.NATIONAL  # 40 × 25,000 = 1,000,000
    assert procurement(lifts).to_next_threshold == 400_000
    data = lifts.model_dump()
    data["scale"] |= {"units": 60, "rollout": [30, 30]}
    bigger = Scenario.model_validate(data)
    assert purchase_value(bigger) == 1_500_000
    assert procurement(bigger).route is Route.EU
    toilet = load_sample()
    assert procurement(toilet).route is Route.NONE
    assert procurement(with_value(toilet, "cost.toilet.amount", 500_000)).route is Route.NATIONAL


def test_leasing_counts_only_when_contracts_are_included():
    dispensers = load_sample("medicine_dispenser")
    assert purchase_value(dispensers) == 0
    dispensers.procurement.include_contracts = True
    assert purchase_value(dispensers) == 4_800 * 20 * (8 + 7 + 6)
    assert procurement(dispensers).route is Route.EU
