"""Which procurement route a roll-out's purchase falls under (DOMAIN.md §7).

Below the Danish threshold no tender is required; from it up to and including the EU
threshold a Danish tender (tilbudsloven); above the EU threshold an EU tender. The thresholds
are settings on the scenario with the year they come from (2015: 0.5 M and 1.4 M kr).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from calculators.cashflow import line_profiles
from calculators.model import CostCategory, ProcurementSettings, Scenario

CONTRACT_CATEGORIES = frozenset({CostCategory.LICENCE, CostCategory.SERVICE,
                                 CostCategory.MAINTENANCE, CostCategory.CONSUMABLES})


class Route(StrEnum):
    NONE = "none"
    NATIONAL = "national"
    EU = "eu"


def route_for(value: float, settings: ProcurementSettings) -> Route:
    """
    >>> settings = ProcurementSettings()
    >>> [route_for(v, settings).value for v in (499_999, 500_000, 1_400_000, 1_400_001)]
    ['none', 'national', 'national', 'eu']
    """
    if value < settings.national_threshold:
        return Route.NONE
    if value <= settings.eu_threshold:
        return Route.NATIONAL
    return Route.EU


def purchase_value(scenario: Scenario) -> float:
    """Purchase-category one-off costs booked in the roll-out years (all batches, without
    later reinvestments), from the engine's per-line purchases; with `include_contracts`, also
    bought services over the whole horizon (a leasing contract's total value).

    >>> from calculators.scenario_file import load_sample
    >>> purchase_value(load_sample("ceiling_lifts"))  # 40 lifts × 25,000
    1000000.0
    >>> dispensers = load_sample("medicine_dispenser")
    >>> dispensers.procurement.include_contracts = True
    >>> purchase_value(dispensers)  # leasing 4,800 a year × 20 units × (8 + 7 + 6 years)
    2016000.0
    """
    profiles = line_profiles(scenario)
    last_month = 12 * (len(scenario.scale.batches()) - 1)
    value = sum(
        line.amount * profile[: last_month + 1].sum()
        for line, profile in zip(scenario.costs, profiles.one_off, strict=True)
        if line.category is CostCategory.PURCHASE
    )
    if scenario.procurement.include_contracts:
        value += sum(
            line.amount * profile.sum()
            for line, profile in zip(scenario.costs, profiles.recurring, strict=True)
            if line.category in CONTRACT_CATEGORIES
        )
    return float(value)


@dataclass(frozen=True)
class Procurement:
    value: float
    route: Route
    settings: ProcurementSettings

    @property
    def to_next_threshold(self) -> float | None:
        """kr the purchase may grow before it needs the next, stricter route."""
        if self.route is Route.NONE:
            return self.settings.national_threshold - self.value
        if self.route is Route.NATIONAL:
            return self.settings.eu_threshold - self.value
        return None


def procurement(scenario: Scenario) -> Procurement:
    value = purchase_value(scenario)
    return Procurement(value=value, route=route_for(value, scenario.procurement),
                       settings=scenario.procurement)
