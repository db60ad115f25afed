"""Cash flows of a scenario: a monthly grid (exact payback) summed into the yearly table.

Month m (1 … 12·horizon) accrues evenly over the m-th month; lumps (one-off costs) fall at
month boundaries, index 0 being the investment moment. Year k of the table is months
12(k-1)+1 … 12k plus the lumps at their ends; year 0 holds only the lumps at the start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.model import PERIODS_PER_YEAR, CostKind, CostLine, GainKind, GainLine, Scenario
from calculators.price_level import line_factors

GAIN_COLUMNS: dict[GainKind, str] = {kind: f"gain_{kind.value}" for kind in GainKind}
# Columns of model version 1 kept for scripts reading the table (CLI); equal budget_gains and
# budget_effect. Screens and the workbook show the budget columns instead.
VERSION_1_COLUMNS = ("cash_releasing_gains", "net_cash")


@dataclass(frozen=True)
class MonthlyFlows:
    """Arrays of length 12·horizon + 1. `lumps[m]` falls at the end of month m (m=0: at once);
    the accrual arrays hold what month m earns or costs, spread evenly (index 0 is always 0)."""

    one_off: np.ndarray
    recurring: np.ndarray
    gains: dict[GainKind, np.ndarray]
    budget_gains: np.ndarray
    budget_gains_released_time: np.ndarray
    hours: np.ndarray
    hours_taken_out: np.ndarray
    units_installed: np.ndarray
    residual_value: float = 0.0  # kr at the end of the horizon (straight-line, see residual_share)

    @property
    def gains_total(self) -> np.ndarray:
        return sum(self.gains.values(), np.zeros_like(self.recurring))

    @property
    def net_accrual(self) -> np.ndarray:
        return self.gains_total - self.recurring

    @property
    def net_lumps(self) -> np.ndarray:
        return -self.one_off

    @property
    def budget_accrual(self) -> np.ndarray:
        """What month m adds to the municipality's budget: the gains it reaps and takes out,
        less recurring costs (the lumps, one-off costs, are the same on both tracks)."""
        return self.budget_gains - self.recurring


def _months(scenario: Scenario) -> int:
    return 12 * scenario.horizon_years


def _year_of_month(n_months: int) -> np.ndarray:
    """Year index of each month index 0 … n (month 0 → year 0, months 1–12 → year 1, …)."""
    return np.ceil(np.arange(n_months + 1) / 12).astype(int)


def _ramp(n_months: int, start: int, ramp_months: int) -> np.ndarray:
    """Share of the full gain earned in each month when gains start after month `start`."""
    month_after_start = np.arange(n_months + 1) - start
    if ramp_months == 0:
        return (month_after_start >= 1).astype(float)
    return np.clip((month_after_start - 0.5) / ramp_months, 0.0, 1.0) * (month_after_start >= 1)


def _units_gaining(scenario: Scenario, n_months: int) -> np.ndarray:
    scale = scenario.scale
    profile = np.zeros(n_months + 1)
    for year, units in enumerate(scale.batches()):
        start = 12 * year + scale.implementation_months
        profile += units * _ramp(n_months, start, scale.ramp_up_months)
    return profile


def _units_installed(scenario: Scenario, n_months: int) -> np.ndarray:
    """Units installed during month m (installed at a boundary before it)."""
    profile = np.zeros(n_months + 1)
    for year, units in enumerate(scenario.scale.batches()):
        profile[12 * year + 1 :] += units
    return profile


def _purchases(line: CostLine, scenario: Scenario) -> list[tuple[int, int]]:
    """(year, count) of every purchase of a one-off line: roll-out batches or the years given,
    plus the reinvestments every lifetime before the horizon ends."""
    if line.per_unit:
        first = [(year, units) for year, units in enumerate(scenario.scale.batches())]
    else:
        first = [(year, 1) for year in (line.years or [0])]
    if line.per_unit and line.years:
        first = [(year, units) for year, units in first if year in line.years]
    lifetime = line.lifetime_years
    found = []
    for year, count in first:
        reinvestments = range(year + lifetime, scenario.horizon_years, lifetime) if lifetime else []
        found.extend((when, count) for when in [year, *reinvestments])
    return found


def one_off_lumps(line: CostLine, scenario: Scenario, n_months: int) -> np.ndarray:
    """Purchases per kr of the line's amount at each month boundary (units × (re)investments)."""
    lumps = np.zeros(n_months + 1)
    for when, count in _purchases(line, scenario):
        lumps[12 * when] += count
    return lumps


def residual_share(line: CostLine, scenario: Scenario) -> float:
    """Residual value per kr of a one-off line's amount at the end of the horizon.

    Straight-line depreciation over the line's lifetime L: a purchase made at the end of year y
    is worth max(0, L − (H − y)) / L of its price at the end of year H. Summed over the line's
    purchases (units × (re)investments). Lines without a lifetime, and recurring lines, have
    none: nothing says how long they last.

    Excel: ``SUMPRODUCT(kr per year, (L−(Horizon−year)>0)·(L−(Horizon−year))/L)`` on the line's
    row of the Calculation sheet.

    Bought at year 0 with a lifetime of 9 and a horizon of 10, the reinvestment in year 9 is
    worth 8/9 of its price at the end of year 10 (the first purchase is written off):

    >>> from calculators.model import CostLine, Scenario
    >>> line = CostLine(name="Lift", amount=90_000, lifetime_years=9)
    >>> round(residual_share(line, Scenario(title="x", costs=[line])), 4)
    0.8889
    """
    lifetime = line.lifetime_years
    if line.kind is not CostKind.ONE_OFF or not lifetime:
        return 0.0
    horizon = scenario.horizon_years
    return float(sum(count * max(0, lifetime - (horizon - when)) / lifetime
                     for when, count in _purchases(line, scenario)))


def _recurring_accrual(line: CostLine, scenario: Scenario, n_months: int) -> np.ndarray:
    """Cost per kr/year of the line's amount accrued in each month."""
    monthly = np.full(n_months + 1, 1 / 12)
    monthly[0] = 0.0
    if line.per_unit:
        monthly *= _units_installed(scenario, n_months)
    if line.years:
        monthly *= np.isin(_year_of_month(n_months), line.years)
    return monthly


def _gain_profile(line: GainLine, scenario: Scenario, n_months: int) -> np.ndarray:
    """Periods of the line's quantity earned each month at full adoption and realisation
    (units gaining, ramp-up; a period a day gives 365/12 periods in a full month)."""
    scale = scenario.scale
    if line.per_unit:
        active = _units_gaining(scenario, n_months)
    else:
        active = _ramp(n_months, scale.implementation_months, scale.ramp_up_months)
    return active * PERIODS_PER_YEAR[line.period] / 12


@dataclass(frozen=True)
class LineProfiles:
    """Each line's monthly flow per unit of its driver, for the scenario's timing.

    The engine's flows are linear in every amount, quantity, hourly cost, adoption and
    realisation once the timing (implementation, ramp-up, lifetimes, roll-out) is fixed:
    one-off lumps = amount · ``one_off``; recurring = amount · ``recurring``; a gain line's
    value = quantity · rate · realisation · (adoption if per unit) · ``gains``, where rate is the
    hourly cost for released time and 1 otherwise. `monthly_flows` is built from these, and Monte
    Carlo reuses them with matrix products. Rows follow the order of the lines in the scenario.
    """

    one_off: np.ndarray
    recurring: np.ndarray
    gains: np.ndarray
    residual: np.ndarray  # per cost line: residual value per kr at the end of the horizon


def line_profiles(scenario: Scenario) -> LineProfiles:
    n = _months(scenario)

    def stack(rows: list[np.ndarray]) -> np.ndarray:
        return np.array(rows).reshape(len(rows), n + 1)

    return LineProfiles(
        one_off=stack([one_off_lumps(line, scenario, n) if line.kind is CostKind.ONE_OFF
                       else np.zeros(n + 1) for line in scenario.costs]),
        recurring=stack([_recurring_accrual(line, scenario, n) if line.kind is CostKind.RECURRING
                         else np.zeros(n + 1) for line in scenario.costs]),
        gains=stack([_gain_profile(line, scenario, n) for line in scenario.gains]),
        residual=np.array([residual_share(line, scenario) for line in scenario.costs]),
    )


def gain_rate(line: GainLine) -> float:
    """kr per unit of quantity: the hourly cost for released time, otherwise 1."""
    return line.hourly_cost if line.kind is GainKind.RELEASED_TIME else 1.0


def gain_scale(line: GainLine, adoption: float, realisation: float) -> float:
    """Share of a gain line realised: realisation, times adoption when counted per unit."""
    return realisation * (adoption if line.per_unit else 1.0)


def budget_share_by_month(line: GainLine, n_months: int) -> np.ndarray:
    """The line's `GainLine.budget_share` for the operating year of each month 0 … n."""
    years = _year_of_month(n_months)
    shares = np.array([line.budget_share(year) for year in range(years[-1] + 1)])
    return shares[years]


def monthly_flows(scenario: Scenario) -> MonthlyFlows:
    n = _months(scenario)
    profiles = line_profiles(scenario)
    cost_factors, gain_factors = line_factors(scenario)
    amounts = np.array([line.amount for line in scenario.costs]) * cost_factors
    one_off = amounts @ profiles.one_off if scenario.costs else np.zeros(n + 1)
    recurring = amounts @ profiles.recurring if scenario.costs else np.zeros(n + 1)
    gains = {kind: np.zeros(n + 1) for kind in GainKind}
    budget_gains = np.zeros(n + 1)
    budget_time = np.zeros(n + 1)
    hours = np.zeros(n + 1)
    hours_taken_out = np.zeros(n + 1)
    scale = scenario.scale
    for line, profile, factor in zip(scenario.gains, profiles.gains, gain_factors, strict=True):
        realised = profile * gain_scale(line, scale.adoption, scale.realisation)
        value = line.quantity * gain_rate(line) * factor * realised
        gains[line.kind] += value
        share = budget_share_by_month(line, n)
        budget_gains += value * share
        if line.kind is GainKind.RELEASED_TIME:
            hours += line.quantity * realised
            budget_time += value * share
            hours_taken_out += line.quantity * realised * share
    return MonthlyFlows(
        one_off=one_off,
        recurring=recurring,
        gains=gains,
        budget_gains=budget_gains,
        budget_gains_released_time=budget_time,
        hours=hours,
        hours_taken_out=hours_taken_out,
        units_installed=_units_installed(scenario, n),
        residual_value=float(amounts @ profiles.residual) if scenario.costs else 0.0,
    )


def to_years(monthly: np.ndarray) -> np.ndarray:
    """Sum a monthly array (index 0 = the start) into years 0 … horizon."""
    years = _year_of_month(len(monthly) - 1)
    return np.bincount(years, weights=monthly, minlength=years[-1] + 1)


def discount_factors(rate: float, horizon_years: int) -> np.ndarray:
    """End-of-year factors 1/(1+r)^k for k = 0 … horizon."""
    return (1.0 + rate) ** -np.arange(horizon_years + 1, dtype=float)


def monthly_discount_factors(rate: float, horizon_years: int) -> np.ndarray:
    """Each month discounted with the factor of the year it belongs to (so sums equal NPV)."""
    return discount_factors(rate, horizon_years)[_year_of_month(12 * horizon_years)]


def cashflow_table(scenario: Scenario, flows: MonthlyFlows | None = None) -> pd.DataFrame:
    """The yearly table, year 0 … horizon. Costs are positive numbers; net = gains − costs.

    Two tracks, never blended. Total value incl. released time: ``net`` = all gains − costs.
    Budget effect: ``budget_effect`` = ``budget_gains`` − costs, where budget_gains[k] =
    Σ_lines value[k] · budget_share(k) (`GainLine.budget_share`: the municipality's own budget
    savings, avoided costs and income, plus the share of released time taken out in year k);
    ``released_time_kept`` is the value of released time that stays in the unit. The columns
    ``cash_releasing_gains`` and ``net_cash`` of model version 1 are kept for scripts that read
    the table; they equal ``budget_gains`` and ``budget_effect``.

    Aarhus toilet (kr 40,000; 109,500 kr a year of released time) with half the hours taken out
    from operating year 2:

    >>> from calculators.scenario_file import load_sample
    >>> toilet = load_sample("aarhus_toilet")
    >>> plan = toilet.model_copy(update={"gains": [
    ...     toilet.gains[0].model_copy(update={"budget_shares": [0.0, 0.5]})]})
    >>> table = cashflow_table(Scenario.model_validate(plan.model_dump()))
    >>> table[["net", "budget_effect", "released_time_kept"]].iloc[:3].round().values.tolist()
    [[-40000.0, -40000.0, 0.0], [109500.0, 0.0, 109500.0], [109500.0, 54750.0, 54750.0]]

    The columns are computed as arrays and the frame built once: inserting 19 columns one by
    one cost ~3 ms a table (the portfolio computes one per saved scenario)."""
    flows = flows or monthly_flows(scenario)
    years = np.arange(scenario.horizon_years + 1)
    batches = scenario.scale.batches()
    one_off, recurring = to_years(flows.one_off), to_years(flows.recurring)
    total_costs = one_off + recurring
    gains = {column: to_years(flows.gains[kind]) for kind, column in GAIN_COLUMNS.items()}
    total_gains = np.sum(list(gains.values()), axis=0)
    net = total_gains - total_costs
    discount = discount_factors(scenario.discount_rate, scenario.horizon_years)
    discounted = net * discount
    budget_gains = to_years(flows.budget_gains)
    budget_effect = budget_gains - total_costs
    time_value = gains[GAIN_COLUMNS[GainKind.RELEASED_TIME]]
    time_budget = to_years(flows.budget_gains_released_time)
    return pd.DataFrame({
        "year": years,
        "calendar_year": scenario.start_year + years,
        "units_installed": np.cumsum(np.pad(batches, (0, len(years) - len(batches)))),
        "one_off_costs": one_off,
        "recurring_costs": recurring,
        "total_costs": total_costs,
        **gains,
        "total_gains": total_gains,
        "net": net,
        "cumulative_net": np.cumsum(net),
        "discount_factor": discount,
        "discounted_net": discounted,
        "cumulative_discounted": np.cumsum(discounted),
        "hours_released": to_years(flows.hours),
        "cash_releasing_gains": budget_gains,
        "net_cash": budget_effect,
        "budget_gains": budget_gains,
        "budget_effect": budget_effect,
        "cumulative_budget": np.cumsum(budget_effect),
        "discounted_budget": budget_effect * discount,
        "cumulative_discounted_budget": np.cumsum(budget_effect * discount),
        "hours_taken_out": to_years(flows.hours_taken_out),
        "released_time_kept": time_value - time_budget,
        "residual_value": np.where(years == scenario.horizon_years, flows.residual_value, 0.0),
    })


def cumulative_curve(flows: MonthlyFlows, budget: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The cumulative net flow (total value incl. released time, or with `budget` the budget
    effect) at every month boundary, just before and just after its lump, as (years since the
    investment, kr): the exact curve to draw, steps included."""
    accrual = flows.budget_accrual if budget else flows.net_accrual
    lumps = flows.net_lumps
    after = np.cumsum(accrual + lumps)
    before = after - lumps
    months = np.arange(after.size)
    times = np.repeat(months, 2) / 12
    values = np.column_stack([before, after]).ravel()
    return times, values
