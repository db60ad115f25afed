"""The large case the benchmarks and the Excel tests share: 30 years, 50 cost and gain lines
(one-off with lifetimes and recurring costs, per unit or in total; every gain kind and period),
rolled out over 5 years with implementation and ramp-up."""

from __future__ import annotations

from calculators.drivers import driver_bounds, drivers
from calculators.model import (
    CostCategory,
    CostKind,
    CostLine,
    GainKind,
    GainLine,
    GainOwner,
    Period,
    Scale,
    Scenario,
)

LINES = 50
HORIZON = 30


def large_scenario(lines: int = LINES, horizon: int = HORIZON) -> Scenario:
    costs = [
        CostLine(id=f"c{i}", name=f"Cost line {i}", amount=1_000 + 37 * i,
                 category=CostCategory.PURCHASE if i % 2 else CostCategory.SERVICE,
                 kind=CostKind.ONE_OFF if i % 2 else CostKind.RECURRING,
                 per_unit=i % 3 != 0, lifetime_years=(5 + i % 4) if i % 2 else None,
                 source=f"Offer {i}")
        for i in range(lines // 2)
    ]
    kinds = list(GainKind)
    gains = [
        GainLine(id=f"g{i}", name=f"Gain line {i}", kind=kinds[i % 4], quantity=0.5 + i,
                 period=list(Period)[i % 4], hourly_cost=320, per_unit=i % 3 != 0,
                 owner=list(GainOwner)[i % 6],
                 budget_shares=[0.0, 0.1 * (i % 10)] if kinds[i % 4] is GainKind.RELEASED_TIME
                 else [], source=f"Measurement {i}")
        for i in range(lines - lines // 2)
    ]
    return Scenario(title="Benchmark", horizon_years=horizon, costs=costs, gains=gains,
                    scale=Scale(units=500, rollout=[100] * 5, adoption=0.8, realisation=0.9,
                                implementation_months=6, ramp_up_months=6))


def with_ranges(scenario: Scenario) -> Scenario:
    """Every driver given a ±20 % range (within its bounds): the Sensitivity sheet's worst case."""
    ranges = {}
    for driver in drivers(scenario):
        lowest, highest = driver_bounds(driver.key)
        ranges[driver.key] = {"low": max(lowest, driver.value * 0.8),
                              "high": min(highest, driver.value * 1.2)}
    return Scenario.model_validate({**scenario.model_dump(), "ranges": ranges})
