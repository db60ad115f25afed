"""Roll-out: units installed in batches over the years, shown per unit and in total.

The engine already staggers the batches (each batch's gains start after its own
implementation period and ramp-up); this module only divides its totals by the units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.cashflow import cashflow_table
from calculators.metrics import compute_metrics
from calculators.model import Scenario


def batch_table(scenario: Scenario) -> pd.DataFrame:
    """One row per batch: the year it is installed, its units, and the month (since the first
    investment) in which its gains start and reach full level.

    >>> from calculators.scenario_file import load_sample
    >>> batch_table(load_sample("medicine_dispenser"))["gains_start_month"].tolist()
    [6, 18, 30]
    """
    scale = scenario.scale
    rows = [
        {"year": year, "calendar_year": scenario.start_year + year, "units": units,
         "gains_start_month": 12 * year + scale.implementation_months,
         "full_gains_month": 12 * year + scale.implementation_months + scale.ramp_up_months}
        for year, units in enumerate(scale.batches())
    ]
    return pd.DataFrame(rows)


def per_unit_table(scenario: Scenario) -> pd.DataFrame:
    """The yearly table's units, costs, gains and net, plus net per installed unit."""
    table = cashflow_table(scenario)[["year", "calendar_year", "units_installed", "total_costs",
                                      "total_gains", "net", "cumulative_net"]].copy()
    units = table["units_installed"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["net_per_unit"] = np.where(units > 0, table["net"] / units, np.nan)
    return table


@dataclass(frozen=True)
class RolloutSummary:
    units: int
    investment: float
    npv: float
    annual_net: float
    payback_months: float | None

    def per_unit(self, value: float) -> float | None:
        return value / self.units if self.units else None


def rollout_summary(scenario: Scenario) -> RolloutSummary:
    """Totals of the whole roll-out; `per_unit` divides any of them by the number of units.

    Ceiling lifts (40 lifts, 15 years): lifts 2 × 40 × 25,000 (bought, and again after their
    10-year lifetime) + mounting 40 × 8,000 + building 150,000 + training 2 × 60,000 + project
    100,000 = 2,690,000 kr in total = 67,250 kr per lift.

    >>> from calculators.scenario_file import load_sample
    >>> summary = rollout_summary(load_sample("ceiling_lifts"))
    >>> round(summary.investment), round(summary.per_unit(summary.investment))
    (2690000, 67250)
    """
    metrics = compute_metrics(scenario)
    return RolloutSummary(units=scenario.scale.units, investment=metrics.total_investment,
                          npv=metrics.npv, annual_net=metrics.annual_net_steady_state,
                          payback_months=metrics.payback_months)
