"""The contract value as udbudsloven counts it, and the procurement route it leads to
(DOMAIN.md §7).

Contract value (udbudsloven § 30): everything the municipality will pay the supplier over the
contract period, options and extensions included, without VAT; a contract may not be split to
stay below a threshold. A contract with no end date counts 48 months (§ 37 for leasing and hire
of goods, § 38 for services). Lines the municipality does itself (own staff, own project
management) are not part of it; each cost line says whether it is bought from the supplier.

Thresholds are dated data (calculators/data/thresholds.csv): the row valid in the scenario's
start year is used, with its law and source; a year without a row gives a warning. Routes by
value: below the EU threshold there is no duty to tender (advertise when there is a clear
cross-border interest, udbudsloven § 191; follow the municipality's own procurement policy);
from the threshold an EU tender; social and other specific services follow the light regime
from its own threshold; building adaptation work follows tilbudsloven below the EU works
threshold. The municipality may instead choose a framework agreement, a joint tender, an
assistive aid granted to the citizen, the R&D exception or an innovation partnership.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from calculators.cashflow import line_profiles
from calculators.model import (
    ContractKind,
    CostCategory,
    CostLine,
    ProcurementRoute,
    ProcurementSettings,
    Scenario,
)
from calculators.price_level import line_factors

THRESHOLDS_FILE = Path(__file__).parent / "data" / "thresholds.csv"
OPEN_ENDED_MONTHS = 48

SUPPLIER_CATEGORIES = frozenset({
    CostCategory.PURCHASE, CostCategory.INSTALLATION, CostCategory.INTEGRATION,
    CostCategory.LICENCE, CostCategory.SERVICE, CostCategory.MAINTENANCE,
    CostCategory.CONSUMABLES,
})


class ThresholdKind(StrEnum):
    EU_SUPPLIES_SERVICES = "eu_supplies_services"
    LIGHT_REGIME = "light_regime"
    EU_WORKS = "eu_works"
    TILBUDSLOVEN_ONE_OFFER = "tilbudsloven_one_offer"
    TILBUDSLOVEN_LICITATION = "tilbudsloven_licitation"


class Route(StrEnum):
    """The rules a contract value falls under."""

    BELOW_THRESHOLD = "below_threshold"
    EU_TENDER = "eu_tender"
    LIGHT_REGIME = "light_regime"
    TILBUD_ONE_OFFER = "tilbud_one_offer"
    TILBUD_INVITED = "tilbud_invited"
    TILBUD_LICITATION = "tilbud_licitation"


# The threshold a contract kind is measured against for an EU tender (or the light regime).
EU_KIND = {ContractKind.SUPPLIES_SERVICES: ThresholdKind.EU_SUPPLIES_SERVICES,
           ContractKind.SOCIAL_SERVICES: ThresholdKind.LIGHT_REGIME,
           ContractKind.BUILDING_WORK: ThresholdKind.EU_WORKS}


@dataclass(frozen=True)
class Threshold:
    valid_from: date
    valid_to: date | None
    kind: ThresholdKind
    amount_dkk: float
    amount_eur: float | None
    estimated_rate: float | None  # kr per euro, when the kroner figure is estimated
    law: str
    source: str
    user_entered: bool = False

    def valid_in(self, year: int) -> bool:
        return self.valid_from.year <= year and (self.valid_to is None
                                                 or year <= self.valid_to.year)


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def threshold_table() -> tuple[Threshold, ...]:
    """The dated threshold table as shipped (one file, data not code)."""
    with THRESHOLDS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Threshold(valid_from=date.fromisoformat(row["valid_from"]),
                      valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                      kind=ThresholdKind(row["kind"]), amount_dkk=float(row["amount_dkk"]),
                      amount_eur=_number(row["amount_eur"]),
                      estimated_rate=_number(row["estimated_rate"]), law=row["law"],
                      source=row["source"])
            for row in csv.DictReader(handle)
        )


def thresholds_for(year: int) -> dict[ThresholdKind, Threshold]:
    """The rows valid in `year`, by kind (a kind without a row is missing).

    >>> round(thresholds_for(2025)[ThresholdKind.EU_SUPPLIES_SERVICES].amount_dkk)
    1644638
    >>> ThresholdKind.EU_SUPPLIES_SERVICES in thresholds_for(2031)
    False
    """
    return {row.kind: row for row in threshold_table() if row.valid_in(year)}


def route_for(value: float, kind: ContractKind, rows: dict[ThresholdKind, Threshold]
              ) -> Route | None:
    """The rules a contract of `value` kr falls under; None when a threshold it needs is missing.
    A value equal to a threshold is at or over it: the EU rules apply from the threshold
    (Directive 2014/24/EU art. 4, udbudsloven § 6); tilbudsloven lets one offer do below
    kr 300,000 and asks for a licitation above kr 3 M (§ 10).

    >>> rows = thresholds_for(2025)
    >>> [route_for(v, ContractKind.SUPPLIES_SERVICES, rows).value for v in (1_644_637, 1_644_638)]
    ['below_threshold', 'eu_tender']
    >>> [route_for(v, ContractKind.BUILDING_WORK, rows).value
    ...  for v in (299_999, 300_000, 3_000_000, 3_000_001)]
    ['tilbud_one_offer', 'tilbud_invited', 'tilbud_invited', 'tilbud_licitation']
    """
    eu = rows.get(EU_KIND[kind])
    if eu is None:
        return None
    if value >= eu.amount_dkk:
        return Route.LIGHT_REGIME if kind is ContractKind.SOCIAL_SERVICES else Route.EU_TENDER
    if kind is not ContractKind.BUILDING_WORK:
        return Route.BELOW_THRESHOLD
    one_offer = rows.get(ThresholdKind.TILBUDSLOVEN_ONE_OFFER)
    licitation = rows.get(ThresholdKind.TILBUDSLOVEN_LICITATION)
    if one_offer is None or licitation is None:
        return None
    if value < one_offer.amount_dkk:
        return Route.TILBUD_ONE_OFFER
    return Route.TILBUD_INVITED if value <= licitation.amount_dkk else Route.TILBUD_LICITATION


def bought_from_supplier(line: CostLine) -> bool:
    """The line's own answer, else its category: purchase, installation, integration, licence
    and leasing, service, maintenance and consumables are bought; training, support, project
    management, building work and other costs are taken as the municipality's own work or a
    separate contract until the line says otherwise."""
    return line.category in SUPPLIER_CATEGORIES if line.supplier is None else line.supplier


def contract_years(scenario: Scenario) -> int:
    """Years of operation the value counts (year 0's one-offs always count): the stated
    period, the horizon when none is stated, 4 (48 months) when open-ended."""
    settings = scenario.procurement
    if settings.open_ended:
        return OPEN_ENDED_MONTHS // 12
    return settings.contract_years or scenario.horizon_years


@dataclass(frozen=True)
class ContractLine:
    name: str
    supplier: bool
    value: float  # kr over the contract period; 0 for the municipality's own lines


def contract_lines(scenario: Scenario) -> list[ContractLine]:
    """Each cost line's payments in years 0 … contract years (at most the horizon), counted
    only when bought from the supplier.

    >>> from calculators.scenario_file import load_sample
    >>> [(line.name, line.value) for line in contract_lines(load_sample("medicine_dispenser"))
    ...  if line.supplier]  # leasing 4,800 × (20 + 40 + 60 × 6) unit-years; integration once
    [('Leasing af dispenser', 2016000.0), ('Integration med omsorgssystem', 200000.0)]
    """
    profiles = line_profiles(scenario)
    factors, _ = line_factors(scenario)  # amounts at the budget's price level
    last_month = 12 * min(contract_years(scenario), scenario.horizon_years)
    lines = []
    for line, factor, one_off, recurring in zip(scenario.costs, factors, profiles.one_off,
                                                profiles.recurring, strict=True):
        supplier = bought_from_supplier(line)
        paid = line.amount * factor * (one_off[: last_month + 1].sum()
                                       + recurring[: last_month + 1].sum())
        lines.append(ContractLine(line.name, supplier, float(paid) if supplier else 0.0))
    return lines


def contract_value(scenario: Scenario) -> float:
    """udbudsloven § 30: value = Σ over lines bought from the supplier of the line's payments in
    years 0 … min(contract years, horizon).

    In Excel (Fund and procurement sheet) each line is
    ``=IF(bought, SUMPRODUCT((Calculation!years <= counted) * Calculation!line))`` and the value
    their SUM; the same yearly cells as the engine's monthly grid summed by year.

    >>> from calculators.scenario_file import load_sample
    >>> contract_value(load_sample())  # one toilet, 40,000 kr
    40000.0
    """
    return sum(line.value for line in contract_lines(scenario))


def applicable_thresholds(scenario: Scenario) -> dict[ThresholdKind, Threshold]:
    """The table's rows for the start year; a user-entered EU threshold replaces the row the
    contract kind is measured against, marked user-entered."""
    rows = thresholds_for(scenario.start_year)
    settings: ProcurementSettings = scenario.procurement
    if settings.user_eu_threshold is not None:
        kind = EU_KIND[settings.contract_kind]
        rows[kind] = Threshold(valid_from=date(scenario.start_year, 1, 1), valid_to=None,
                               kind=kind, amount_dkk=settings.user_eu_threshold,
                               amount_eur=None, estimated_rate=None, law="",
                               source=settings.user_source, user_entered=True)
    return rows


@dataclass(frozen=True)
class Procurement:
    value: float
    lines: list[ContractLine]
    years: int  # of operation counted
    beyond_horizon: bool  # the contract runs longer than the horizon: the value counts less
    year: int
    thresholds: dict[ThresholdKind, Threshold]
    route: Route | None  # None: the table has no row for the year
    chosen: ProcurementRoute
    settings: ProcurementSettings

    @property
    def threshold(self) -> Threshold | None:
        """The threshold the contract kind is measured against for the EU rules."""
        return self.thresholds.get(EU_KIND[self.settings.contract_kind])

    @property
    def to_threshold(self) -> float | None:
        """kr the contract may grow before the EU rules (or the light regime) apply."""
        if self.threshold is None or self.value >= self.threshold.amount_dkk:
            return None
        return self.threshold.amount_dkk - self.value

    @property
    def over_policy(self) -> bool:
        """The value reaches the municipality's own policy amount (user-entered)."""
        policy = self.settings.user_policy_threshold
        return policy is not None and self.value >= policy


def procurement(scenario: Scenario) -> Procurement:
    years = contract_years(scenario)
    rows = applicable_thresholds(scenario)
    lines = contract_lines(scenario)
    value = sum(line.value for line in lines)
    return Procurement(value=value, lines=lines, years=min(years, scenario.horizon_years),
                       beyond_horizon=years > scenario.horizon_years,
                       year=scenario.start_year, thresholds=rows,
                       route=route_for(value, scenario.procurement.contract_kind, rows),
                       chosen=scenario.procurement.route, settings=scenario.procurement)
