"""Sensitivity: one driver at a time (tornado), two at once (grid), and the break-even of the
main driver. Every number comes from the engine (`montecarlo.evaluate_many` runs it in bulk)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.drivers import Driver, break_even, drivers, main_driver
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.montecarlo import SimulationTooLarge, evaluate_many

GRID_STEPS = 21


def _payback_or_inf(months: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(months), np.inf, months)


def tornado(scenario: Scenario) -> pd.DataFrame:
    """One row per ranged driver: NPV and payback with the driver at its low and at its high
    value, the others at their expected values; sorted by NPV swing, largest first.

    Columns: key, line, field, low, expected, high, npv_low, npv_high, npv_swing,
    payback_low, payback_high (months, NaN = not within the horizon), payback_swing.
    """
    ranged = [d for d in drivers(scenario) if d.key in scenario.ranges]
    columns = ["key", "line", "field", "low", "expected", "high", "npv_low", "npv_high",
               "npv_swing", "payback_low", "payback_high", "payback_swing"]
    if not ranged:
        return pd.DataFrame(columns=columns)
    # one batch: rows 2i and 2i+1 hold driver i at its low and high, the others as expected
    batch = {d.key: np.full(2 * len(ranged), d.value) for d in ranged}
    for i, driver in enumerate(ranged):
        band = scenario.ranges[driver.key]
        batch[driver.key][2 * i:2 * i + 2] = band.low, band.high
    result = evaluate_many(scenario, batch)
    rows = []
    for i, driver in enumerate(ranged):
        band = scenario.ranges[driver.key]
        npv, payback = result.npv[2 * i:2 * i + 2], result.payback_months[2 * i:2 * i + 2]
        rows.append({
            "key": driver.key, "line": driver.line_name, "field": driver.field,
            "low": band.low, "expected": driver.value, "high": band.high,
            "npv_low": npv[0], "npv_high": npv[1], "npv_swing": abs(npv[1] - npv[0]),
            "payback_low": payback[0], "payback_high": payback[1],
            "payback_swing": float(np.abs(np.diff(_payback_or_inf(payback)))[0])
            if not np.isnan(payback).all() else 0.0,
        })
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["npv_swing", "payback_swing"], ascending=False, kind="stable",
                             ignore_index=True)


@dataclass(frozen=True)
class Grid:
    """NPV and payback over a grid of two drivers (rows: y driver, columns: x driver)."""

    x: Driver
    y: Driver
    x_values: np.ndarray
    y_values: np.ndarray
    npv: np.ndarray
    payback_months: np.ndarray

    @property
    def share_negative(self) -> float:
        """Share of the grid's combinations with a negative NPV."""
        return float(np.mean(self.npv < 0))


def two_way(scenario: Scenario, steps: int = GRID_STEPS) -> Grid | None:
    """The grid for the two drivers with the largest NPV swing; None with fewer than two, or
    when the grid is more than the server computes for one case (`SimulationTooLarge`)."""
    table = tornado(scenario)
    if len(table) < 2:
        return None
    found = {d.key: d for d in drivers(scenario)}
    x, y = found[table.loc[0, "key"]], found[table.loc[1, "key"]]
    x_values = np.linspace(scenario.ranges[x.key].low, scenario.ranges[x.key].high, steps)
    y_values = np.linspace(scenario.ranges[y.key].low, scenario.ranges[y.key].high, steps)
    xs, ys = np.meshgrid(x_values, y_values)
    try:
        result = evaluate_many(scenario, {x.key: xs.ravel(), y.key: ys.ravel()})
    except SimulationTooLarge:
        return None
    return Grid(x=x, y=y, x_values=x_values, y_values=y_values,
                npv=result.npv.reshape(xs.shape),
                payback_months=result.payback_months.reshape(xs.shape))


@dataclass(frozen=True)
class BreakEven:
    driver: Driver
    within_months: float
    needed: float | None
    current: float
    current_payback_months: float | None

    @property
    def headroom(self) -> float | None:
        """How far today's estimate is above the value needed, as a share of it (0.5 = today's
        estimate is 50 % above what is needed; negative: it falls short)."""
        if self.needed is None or self.needed == 0:
            return None
        return self.current / self.needed - 1


def break_even_for(scenario: Scenario, within_months: float) -> BreakEven | None:
    """The main driver's value needed to pay back within `within_months`.

    Aarhus toilet within 2 years: 40,000 / (300 · 365 · 2) = 0.183 hours a day ≈ 11 minutes.

    >>> from calculators.scenario_file import load_sample
    >>> result = break_even_for(load_sample(), 24)
    >>> round(result.needed * 60, 1), round(result.headroom, 2)
    (11.0, 4.47)
    """
    driver = main_driver(scenario)
    if driver is None:
        return None
    return BreakEven(driver=driver, within_months=within_months,
                     needed=break_even(scenario, driver.key, within_months),
                     current=driver.value,
                     current_payback_months=compute_metrics(scenario).payback_months)
