"""Benefit follow-up (gevinstopfølgning): per calendar (budget) year, what the business case
planned and what was realised — hours released, hours taken out of the budget, and the gains'
budget effect in kr.

Years are the budget years of calculators.budget_years (they follow `start_year` and the start
month). Planned figures are the engine's monthly flows summed per year
(`cashflow.monthly_flows`: the gains after adoption, realisation and ramp-up, the hours taken
out by each line's realisation plan, `GainLine.budget_share`).

Realised figures come from what was measured and decided, placed in the year they happened; a
year without any is empty (None), never 0:

- hours released, year c: for each released-time line with measured values dated in c (plan
  lines of the documentation plan linked to the gain), the engine's hours of that line in c
  with its quantity replaced by the mean of those measurements (`assessment.measured_quantity`:
  the measured rate held through the year, with the plan's units, adoption and realisation);
  summed over the lines measured in c;
- hours taken out, year c: Σ of the hours the economist recorded as taken out of the budget in
  c for a released-time gain (`documentation.TakenOut`: the budget decision as carried out);
- budget effect of the gains, year c: Σ recorded hours × the gain's hourly cost, plus, for gains
  in kr (budget savings, avoided costs, income) measured in c, the engine's budget part of the
  line in c at the measured quantity (0 when the gain is not the municipality's); kroner at the
  budget's price level, as the engine converts them (calculators.price_level).

Costs are not followed up here: they are booked in the accounts. Measured values without a date
cannot be placed in a year and are counted apart (`FollowUp.undated`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from calculators.assessment import measured_quantity
from calculators.budget_years import budget_year_of_month
from calculators.cashflow import (
    budget_share_by_month,
    gain_rate,
    gain_scale,
    line_profiles,
    monthly_flows,
)
from calculators.documentation import DocumentationError
from calculators.model import GainKind, GainLine, Scenario
from calculators.price_level import line_factors

MEASURES = ("hours_released", "hours_taken_out", "budget_effect")


@dataclass(frozen=True)
class FollowUp:
    """Planned and realised per measure (`MEASURES`) and calendar year; realised None where
    nothing was measured or recorded that year."""

    years: list[int]
    planned: dict[str, list[float]]
    realised: dict[str, list[float | None]]
    undated: int  # measured values linked to a gain without a date
    outside: int  # measured values or records dated outside the case's years


def _by_year(scenario: Scenario) -> tuple[np.ndarray, int]:
    year_of = budget_year_of_month(scenario)
    return year_of, int(year_of[-1]) + 1


def _measurements(scenario: Scenario) -> tuple[dict[tuple[str, int], list[float]], int]:
    """Measured quantities (in each gain's own unit and period) by (gain id, calendar year),
    and how many measured values have no date."""
    gains = {line.id: line for line in scenario.gains}
    found: dict[tuple[str, int], list[float]] = defaultdict(list)
    undated = 0
    for item in scenario.documentation_plan.items:
        gain = gains.get(item.gain_id or "")
        if gain is None or item.measured is None:
            continue
        if item.measured_on is None:
            undated += 1
            continue
        try:
            found[(gain.id, item.measured_on.year)].append(measured_quantity(gain, item))
        except DocumentationError:  # a count or kr measured for a time gain: not comparable
            continue
    return found, undated


def _per_quantity(line: GainLine, scenario: Scenario, profile: np.ndarray,
                  factor: float) -> np.ndarray:
    """The line's monthly hours (released time) or kr at the budget's price level (other kinds,
    `factor` from calculators.price_level) per unit of its quantity."""
    scale = scenario.scale
    per_unit = profile * gain_scale(line, scale.adoption, scale.realisation)
    return per_unit if line.kind is GainKind.RELEASED_TIME else per_unit * gain_rate(line) * factor


def follow_up(scenario: Scenario) -> FollowUp:
    """Plan vs actual per budget year (see the module docstring).

    Excel (sheet Gevinstopfølgning): the planned cells refer to the Calculation sheet's
    hours-released, hours-taken-out and budget-gains rows (budget year = operating year without
    a start month); realised hours taken out = ``IF(COUNTIF(years, c)=0, "", SUMIFS(hours,
    years, c))`` over the records, the budget effect adds ``SUMIFS(hours × hourly cost, …)``.
    Unlike here, realised hours released and measured kr gains are the values at export.

    Aarhus toilet (1 h a day at 300 kr, none taken out) with half the hours planned out from
    operating year 2; measured 52 min a week on 15 June 2027 and 45 min a week on 1 March 2028;
    19.5 hours recorded as taken out in 2028. Planned 2028: 365 h released, 182.5 h out,
    54,750 kr. Realised: 2027 52/60 × 52 = 45.07 h; 2028 45/60 × 52 = 39 h, 19.5 h out,
    19.5 × 300 = 5,850 kr; 2029 empty.

    >>> from datetime import date
    >>> from calculators.scenario_file import load_sample
    >>> toilet = load_sample("aarhus_toilet").model_dump()
    >>> toilet["gains"][0]["budget_shares"] = [0.0, 0.5]
    >>> first = toilet["documentation_plan"]["items"][0]
    >>> first |= {"measured": 52.0, "measured_on": date(2027, 6, 15)}
    >>> second = first | {"id": "again", "measured": 45.0, "measured_on": date(2028, 3, 1)}
    >>> toilet["documentation_plan"]["items"].append(second)
    >>> toilet["documentation_plan"]["taken_out"] = [
    ...     {"gain_id": "time", "year": 2028, "hours": 19.5}]
    >>> result = follow_up(Scenario.model_validate(toilet))
    >>> result.years[1:4]
    [2027, 2028, 2029]
    >>> {key: [round(v, 2) for v in values[1:4]] for key, values in result.planned.items()}
    {'hours_released': [365.0, 365.0, 365.0], 'hours_taken_out': [0.0, 182.5, 182.5], \
'budget_effect': [0.0, 54750.0, 54750.0]}
    >>> {key: [None if v is None else round(v, 2) for v in values[1:4]]
    ...  for key, values in result.realised.items()}
    {'hours_released': [45.07, 39.0, None], 'hours_taken_out': [None, 19.5, None], \
'budget_effect': [None, 5850.0, None]}
    """
    year_of, count = _by_year(scenario)
    first = scenario.start_year

    def yearly(monthly: np.ndarray) -> np.ndarray:
        return np.bincount(year_of, weights=monthly, minlength=count)

    flows = monthly_flows(scenario)
    planned = {"hours_released": yearly(flows.hours),
               "hours_taken_out": yearly(flows.hours_taken_out),
               "budget_effect": yearly(flows.budget_gains)}
    realised: dict[str, list[float | None]] = {key: [None] * count for key in MEASURES}

    def add(key: str, index: int, value: float) -> None:
        realised[key][index] = (realised[key][index] or 0.0) + value

    measured, undated = _measurements(scenario)
    n = len(year_of) - 1
    outside = 0
    profiles = line_profiles(scenario)
    factors = line_factors(scenario)[1]
    for line, profile, factor in zip(scenario.gains, profiles.gains, factors, strict=True):
        per_quantity = _per_quantity(line, scenario, profile, float(factor))
        unit_flow = yearly(per_quantity)
        budget_flow = yearly(per_quantity * budget_share_by_month(line, n))
        for (gain_id, year), values in measured.items():
            if gain_id != line.id:
                continue
            index = year - first
            if not 0 <= index < count:
                outside += len(values)
                continue
            quantity = float(np.mean(values))
            if line.kind is GainKind.RELEASED_TIME:
                add("hours_released", index, quantity * float(unit_flow[index]))
            else:
                add("budget_effect", index, quantity * float(budget_flow[index]))
    prices = {line.id: line.hourly_cost * float(factor)
              for line, factor in zip(scenario.gains, factors, strict=True)
              if line.kind is GainKind.RELEASED_TIME}
    for record in scenario.documentation_plan.taken_out:
        price, index = prices.get(record.gain_id), record.year - first
        if price is None or not 0 <= index < count:
            outside += price is not None
            continue
        add("hours_taken_out", index, record.hours)
        add("budget_effect", index, record.hours * price)
    return FollowUp(years=list(range(first, first + count)),
                    planned={key: values.tolist() for key, values in planned.items()},
                    realised=realised, undated=undated, outside=outside)
