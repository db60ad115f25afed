"""Cash flows of a scenario: a monthly grid (exact payback) summed into the yearly table.

Month m (1 … 12·horizon) accrues evenly over the m-th month; lumps (one-off costs) fall at
month boundaries, index 0 being the investment moment. Year k of the table is months
12(k-1)+1 … 12k plus the lumps at their ends; year 0 holds only the lumps at the start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.model import CostKind, CostLine, GainKind, GainLine, Scenario

GAIN_COLUMNS: dict[GainKind, str] = {kind: f"gain_{kind.value}" for kind in GainKind}


@dataclass(frozen=True)
class MonthlyFlows:
    """Arrays of length 12·horizon + 1. `lumps[m]` falls at the end of month m (m=0: at once);
    the accrual arrays hold what month m earns or costs, spread evenly (index 0 is always 0)."""

    one_off: np.ndarray
    recurring: np.ndarray
    gains: dict[GainKind, np.ndarray]
    cash_gains: np.ndarray
    hours: np.ndarray
    units_installed: np.ndarray

    @property
    def gains_total(self) -> np.ndarray:
        return sum(self.gains.values(), np.zeros_like(self.recurring))

    @property
    def net_accrual(self) -> np.ndarray:
        return self.gains_total - self.recurring

    @property
    def net_lumps(self) -> np.ndarray:
        return -self.one_off


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


def _one_off_lumps(line: CostLine, scenario: Scenario, n_months: int) -> np.ndarray:
    horizon = scenario.horizon_years
    if line.per_unit:
        purchases = [(year, units) for year, units in enumerate(scenario.scale.batches())]
    else:
        purchases = [(year, 1) for year in (line.years or [0])]
    if line.per_unit and line.years:
        purchases = [(year, units) for year, units in purchases if year in line.years]
    lifetime = line.lifetime_years
    lumps = np.zeros(n_months + 1)
    for year, count in purchases:
        reinvestments = range(year + lifetime, horizon, lifetime) if lifetime else []
        for when in [year, *reinvestments]:
            lumps[12 * when] += line.amount * count
    return lumps


def _recurring_accrual(line: CostLine, scenario: Scenario, n_months: int) -> np.ndarray:
    monthly = np.full(n_months + 1, line.amount / 12)
    monthly[0] = 0.0
    if line.per_unit:
        monthly *= _units_installed(scenario, n_months)
    if line.years:
        monthly *= np.isin(_year_of_month(n_months), line.years)
    return monthly


def _gain_profile(line: GainLine, scenario: Scenario, n_months: int) -> np.ndarray:
    """Share of a line's monthly value earned each month (units, ramp, adoption, realisation)."""
    scale = scenario.scale
    if line.per_unit:
        return _units_gaining(scenario, n_months) * scale.adoption * scale.realisation
    return _ramp(n_months, scale.implementation_months, scale.ramp_up_months) * scale.realisation


def monthly_flows(scenario: Scenario) -> MonthlyFlows:
    n = _months(scenario)
    one_off = np.zeros(n + 1)
    recurring = np.zeros(n + 1)
    for line in scenario.costs:
        if line.kind is CostKind.ONE_OFF:
            one_off += _one_off_lumps(line, scenario, n)
        else:
            recurring += _recurring_accrual(line, scenario, n)
    gains = {kind: np.zeros(n + 1) for kind in GainKind}
    cash_gains = np.zeros(n + 1)
    hours = np.zeros(n + 1)
    for line in scenario.gains:
        profile = _gain_profile(line, scenario, n)
        value = line.annual_value / 12 * profile
        gains[line.kind] += value
        if line.cash_releasing:
            cash_gains += value
        hours += line.annual_hours / 12 * profile
    return MonthlyFlows(
        one_off=one_off,
        recurring=recurring,
        gains=gains,
        cash_gains=cash_gains,
        hours=hours,
        units_installed=_units_installed(scenario, n),
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
    """The yearly table, year 0 … horizon. Costs are positive numbers; net = gains − costs."""
    flows = flows or monthly_flows(scenario)
    years = np.arange(scenario.horizon_years + 1)
    table = pd.DataFrame({"year": years, "calendar_year": scenario.start_year + years})
    batches = scenario.scale.batches()
    table["units_installed"] = np.cumsum(np.pad(batches, (0, len(years) - len(batches))))
    table["one_off_costs"] = to_years(flows.one_off)
    table["recurring_costs"] = to_years(flows.recurring)
    table["total_costs"] = table["one_off_costs"] + table["recurring_costs"]
    for kind, column in GAIN_COLUMNS.items():
        table[column] = to_years(flows.gains[kind])
    table["total_gains"] = table[list(GAIN_COLUMNS.values())].sum(axis=1)
    table["net"] = table["total_gains"] - table["total_costs"]
    table["cumulative_net"] = table["net"].cumsum()
    table["discount_factor"] = discount_factors(scenario.discount_rate, scenario.horizon_years)
    table["discounted_net"] = table["net"] * table["discount_factor"]
    table["cumulative_discounted"] = table["discounted_net"].cumsum()
    table["hours_released"] = to_years(flows.hours)
    table["cash_releasing_gains"] = to_years(flows.cash_gains)
    table["net_cash"] = table["cash_releasing_gains"] - table["total_costs"]
    return table


def cumulative_curve(flows: MonthlyFlows) -> tuple[np.ndarray, np.ndarray]:
    """The cumulative net flow at every month boundary, just before and just after its lump,
    as (years since the investment, kr): the exact curve to draw, steps included."""
    accrual, lumps = flows.net_accrual, flows.net_lumps
    after = np.cumsum(accrual + lumps)
    before = after - lumps
    months = np.arange(after.size)
    times = np.repeat(months, 2) / 12
    values = np.column_stack([before, after]).ravel()
    return times, values
