"""Three-point estimates: base, best and worst scenarios and the conservative preset.

A range gives a driver's low and high value; its expected value is the driver's own value in
the scenario. "Best" takes for every ranged driver the end that helps the case (more gain,
lower cost, longer lifetime, shorter delay), "worst" the other end. The conservative preset
is the worst case: low gains and high costs, as DOMAIN.md §1 advises (estimate lower).
"""

from __future__ import annotations

from calculators.drivers import field_of, with_values
from calculators.model import EstimateBasis, Scenario

WORSE_WHEN_HIGHER = frozenset({"amount", "implementation_months", "ramp_up_months"})
SCENARIO_NAMES = ("worst", "base", "best")


def higher_is_better(key: str) -> bool:
    """Whether raising this driver improves the case (gains, adoption, lifetime)."""
    return field_of(key) not in WORSE_WHEN_HIGHER


def good_end(scenario: Scenario, key: str) -> float:
    band = scenario.ranges[key]
    return band.high if higher_is_better(key) else band.low


def bad_end(scenario: Scenario, key: str) -> float:
    band = scenario.ranges[key]
    return band.low if higher_is_better(key) else band.high


def best_case(scenario: Scenario) -> Scenario:
    return with_values(scenario, {key: good_end(scenario, key) for key in scenario.ranges})


def worst_case(scenario: Scenario) -> Scenario:
    return with_values(scenario, {key: bad_end(scenario, key) for key in scenario.ranges})


def conservative(scenario: Scenario) -> Scenario:
    """Low values for gains, high values for costs: the worst case, marked conservative.

    >>> from calculators.scenario_file import load_sample
    >>> conservative(load_sample()).gains[0].quantity  # 52 min/week = 52/60/7 h/day
    0.12380952380952381
    """
    return worst_case(scenario).model_copy(update={"estimate_basis": EstimateBasis.CONSERVATIVE})


def scenario_set(scenario: Scenario) -> dict[str, Scenario]:
    """Worst, base and best case of a scenario, in that order."""
    return {"worst": worst_case(scenario), "base": scenario, "best": best_case(scenario)}
