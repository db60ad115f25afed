"""The budget-year table: the business case in calendar budget years, as a municipal budget
proposal reads it — the budget year and the three following years (budgetår + 3 overslagsår),
then the rest of the horizon summed.

Calendar years. The engine counts operating years from the investment moment (year 0). Without
a start month the moment is the end of `start_year` and operating year k is calendar year
start_year + k (the yearly table's calendar years). With a start month s the moment is the
first day of month s of `start_year`: month m of operation (m = 1 … 12·H) is calendar month
s + m − 1 counted from January of start_year, and a lump at the end of month m falls in that
month's year; the investment itself (month 0) falls in start_year. So a case starting in
September has four months of operation in its first budget year, not twelve.

Rows (kr; costs positive, the budget effect positive when the budget gains):

- anlæg: one-off purchase, building and installation (reinvestments included);
- drift: every other cost — licences, service, training, project staff, one-off or recurring;
- budget gains: the municipality's own gains that reach its budget (`GainLine.budget_share`);
- the budget effect per budget area: the area's budget gains minus its costs (lines name their
  budget area, e.g. "Hjemmeplejen"; lines without one form the unnamed area);
- budget effect, net: budget gains − anlæg − drift (= the sum over the areas);
- released time kept in the unit: the value of released time not taken out — capacity, not
  money in the budget, shown apart and never added to the net.

Each column sums the engine's monthly flows of its calendar year, so the columns add up to the
yearly table's totals over the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.cashflow import (
    budget_share_by_month,
    gain_rate,
    gain_scale,
    line_profiles,
)
from calculators.model import CostCategory, CostKind, CostLine, GainKind, Scenario
from calculators.price_level import line_factors

ANLAEG_CATEGORIES = frozenset({CostCategory.PURCHASE, CostCategory.BUILDING,
                               CostCategory.INSTALLATION})
SHOWN_YEARS = 4  # the budget year and three following years (overslagsår)
ROWS = ("anlaeg", "drift", "budget_gains", "budget_effect", "released_time_kept")


def is_anlaeg(line: CostLine) -> bool:
    """Capital (anlæg): a one-off purchase, building or installation; all else is drift."""
    return line.kind is CostKind.ONE_OFF and line.category in ANLAEG_CATEGORIES


def month_offset(scenario: Scenario) -> int:
    """Months from January of start_year to the first month of operation, less one."""
    return 12 if scenario.start_month is None else scenario.start_month - 1


def budget_year_of_month(scenario: Scenario) -> np.ndarray:
    """Calendar year (0 = start_year) of each month index 0 … 12·H: a month's accrual and the
    lump at its end fall in the year of that month; month 0 (the investment) in start_year.

    >>> from calculators.model import Scenario
    >>> budget_year_of_month(Scenario(title="x", horizon_years=1, start_month=9)).tolist()
    [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]
    >>> budget_year_of_month(Scenario(title="x", horizon_years=1)).tolist()[:2]
    [0, 1]
    """
    months = np.arange(12 * scenario.horizon_years + 1)
    years = (month_offset(scenario) + months - 1) // 12
    years[0] = 0
    return years


def budget_areas(scenario: Scenario) -> list[str]:
    """The budget areas the lines name, gains first, in order ("" for lines naming none when
    others do); none when no line names one (the net row says it all).

    >>> from calculators.model import Scenario
    >>> budget_areas(Scenario(title="x", costs=[{"name": "a", "amount": 1},
    ...                                         {"name": "b", "amount": 1, "budget_area": "X"}]))
    ['', 'X']
    """
    areas = list(dict.fromkeys(line.budget_area for line in [*scenario.gains, *scenario.costs]))
    return [] if areas in ([], [""]) else areas


@dataclass(frozen=True)
class BudgetYears:
    """The table: one row per key (ROWS, then ``area:<name>`` per budget area), one column per
    budget year shown plus ``rest`` (the later years summed) when the horizon reaches beyond."""

    table: pd.DataFrame
    years: list[int]  # calendar years of the first columns
    rest: tuple[int, int] | None  # first and last calendar year summed in the last column
    areas: list[str]  # budget areas in the order the lines name them ("" = unnamed)


def _columns(by_year: np.ndarray) -> np.ndarray:
    """Yearly sums (last axis) folded into the shown years plus one rest column."""
    shown = by_year[..., :SHOWN_YEARS]
    if by_year.shape[-1] <= SHOWN_YEARS:
        return shown
    return np.concatenate([shown, by_year[..., SHOWN_YEARS:].sum(axis=-1, keepdims=True)],
                          axis=-1)


def budget_years(scenario: Scenario) -> BudgetYears:
    """The budget-year table of a scenario (see the module docstring).

    Aarhus toilet (kr 40,000 at the end of 2026; kr 109,500 of released time a year, none
    taken out): 2026 anlæg 40,000 and a budget effect of −40,000; 2027–2029 budget effect 0 with
    109,500 kept in the unit each year; 2030–2036 summed: 7 × 109,500 = 766,500 kept.

    >>> from calculators.scenario_file import load_sample
    >>> result = budget_years(load_sample("aarhus_toilet"))
    >>> result.years, result.rest
    ([2026, 2027, 2028, 2029], (2030, 2036))
    >>> for key in ("anlaeg", "budget_effect", "released_time_kept"):
    ...     print(key, result.table.loc[key].round().tolist())
    anlaeg [40000.0, 0.0, 0.0, 0.0, 0.0]
    budget_effect [-40000.0, 0.0, 0.0, 0.0, 0.0]
    released_time_kept [0.0, 109500.0, 109500.0, 109500.0, 766500.0]
    """
    n = 12 * scenario.horizon_years
    year_of = budget_year_of_month(scenario)
    count = int(year_of[-1]) + 1

    def by_year(monthly: np.ndarray) -> np.ndarray:
        return _columns(np.bincount(year_of, weights=monthly, minlength=count))

    profiles = line_profiles(scenario)
    cost_factors, gain_factors = line_factors(scenario)
    scale = scenario.scale
    cost_rows = [by_year(line.amount * factor * (one_off + recurring))
                 for line, factor, one_off, recurring in zip(
                     scenario.costs, cost_factors, profiles.one_off, profiles.recurring,
                     strict=True)]
    gain_values, gain_budget = [], []
    for line, factor, profile in zip(scenario.gains, gain_factors, profiles.gains, strict=True):
        value = line.quantity * gain_rate(line) * factor * gain_scale(
            line, scale.adoption, scale.realisation) * profile
        gain_values.append(by_year(value))
        gain_budget.append(by_year(value * budget_share_by_month(line, n)))
    width = len(by_year(np.zeros(n + 1)))
    zero = np.zeros(width)
    anlaeg = sum((row for line, row in zip(scenario.costs, cost_rows, strict=True)
                  if is_anlaeg(line)), zero)
    drift = sum((row for line, row in zip(scenario.costs, cost_rows, strict=True)
                 if not is_anlaeg(line)), zero)
    budget_gains = sum(gain_budget, zero)
    kept = sum((value - budget for line, value, budget
                in zip(scenario.gains, gain_values, gain_budget, strict=True)
                if line.kind is GainKind.RELEASED_TIME), zero)
    areas = budget_areas(scenario)
    rows = {"anlaeg": anlaeg, "drift": drift, "budget_gains": budget_gains,
            "budget_effect": budget_gains - anlaeg - drift, "released_time_kept": kept}
    for area in areas:
        gained = sum((b for line, b in zip(scenario.gains, gain_budget, strict=True)
                      if line.budget_area == area), zero)
        spent = sum((c for line, c in zip(scenario.costs, cost_rows, strict=True)
                     if line.budget_area == area), zero)
        rows[f"area:{area}"] = gained - spent
    first = scenario.start_year
    shown = list(range(first, first + min(count, SHOWN_YEARS)))
    rest = (first + SHOWN_YEARS, first + count - 1) if count > SHOWN_YEARS else None
    columns = [*map(str, shown), *(["rest"] if rest else [])]
    table = pd.DataFrame({key: list(values) for key, values in rows.items()},
                         index=columns).T
    return BudgetYears(table=table, years=shown, rest=rest, areas=areas)
