"""Repaying the Aarhus welfare-technology fund (DOMAIN.md §3).

The fund lends the investment. The unit repays a share of a position (e.g. 0.5 FTE) a year:
repayment = FTE share × annual cost of a position, for at most the agreed years (3), until the
loan is repaid. Year by year: does the unit's *budget effect* cover the repayment, and what does
it keep? Released time that stays in the unit is capacity, not money, so it cannot pay the fund:
the budget effect of a year = the gains that reach the municipality's budget (its own budget
savings, avoided costs and income, and the released hours taken out; `GainLine.budget_share`)
− operating costs − one-off costs the loan does not cover (reinvestments after the roll-out).
The repaid share of a position is likewise compared with the FTE released *and taken out*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.cashflow import cashflow_table
from calculators.metrics import compute_metrics
from calculators.model import GainKind, Scenario
from calculators.price_level import line_factors

# Used when the scenario has no released time to take an hourly cost from: 450,000 kr a year
# is about a social and health care assistant's salary with pension and other staff costs.
FALLBACK_POSITION_COST = 450_000.0


def default_loan(scenario: Scenario, table: pd.DataFrame | None = None,
                 rollout_years: int | None = None) -> float:
    """The one-off costs of the roll-out years (year 0 and any later batches; or the first
    `rollout_years`, as an exported workbook's formula sums them after the roll-out changed).
    Excel: ``=SUM(Calculation!one_off_costs year 0 … last roll-out year)``."""
    table = cashflow_table(scenario) if table is None else table
    rollout_years = len(scenario.scale.batches()) if rollout_years is None else rollout_years
    return float(table["one_off_costs"].iloc[:rollout_years].sum())


@dataclass(frozen=True)
class PositionCost:
    """The annual cost of one full position and where it comes from: "settings" (typed),
    "hourly_cost" (the scenario's hourly cost × hours per FTE) or "fallback" (no released
    time in the scenario)."""

    value: float
    source: str
    hourly_cost: float | None
    hours_per_fte: float


def position_cost(scenario: Scenario) -> PositionCost:
    """The position cost the fund check uses.

    Derived: h = Σ hours · hourly cost / Σ hours over the released-time lines (hours a year
    per unit times the units for per-unit lines), times the scenario's hours per FTE — the same
    hourly cost that values the released time. Excel: ``=SUMPRODUCT(hours, cost, weight) /
    SUMPRODUCT(hours, weight) * HoursPerFTE`` on the Fund sheet.

    Aarhus toilet: 300 kr/h × 1,924 h = 577,200 kr.

    >>> from calculators.scenario_file import load_sample
    >>> cost = position_cost(load_sample("aarhus_toilet"))
    >>> cost.value, cost.source
    (577200.0, 'hourly_cost')
    """
    settings = scenario.fund
    hourly = hourly_cost(scenario)
    if settings.position_cost is not None:
        return PositionCost(settings.position_cost, "settings", hourly, scenario.hours_per_fte)
    if hourly is None:
        return PositionCost(FALLBACK_POSITION_COST, "fallback", None, scenario.hours_per_fte)
    return PositionCost(hourly * scenario.hours_per_fte, "hourly_cost", hourly,
                        scenario.hours_per_fte)


def hourly_cost(scenario: Scenario) -> float | None:
    """The hours-weighted hourly cost of the released-time lines at the budget's price level
    (`calculators.price_level`); None without released hours."""
    factors = line_factors(scenario)[1].tolist()
    weights = [(line.annual_hours * (scenario.scale.units if line.per_unit else 1),
                line.hourly_cost * factor)
               for line, factor in zip(scenario.gains, factors, strict=True)
               if line.kind is GainKind.RELEASED_TIME]
    hours = sum(weight for weight, _ in weights)
    if hours <= 0:
        return None
    return sum(weight * cost for weight, cost in weights) / hours


@dataclass(frozen=True)
class FundPlan:
    loan: float
    annual_pledge: float
    pledge_years: int
    repaid_after_years: float | None
    outstanding: float
    uncovered_years: list[int]
    schedule: pd.DataFrame
    position: PositionCost
    fte_share: float
    fte_released: float
    fte_taken_out: float

    @property
    def share_backed(self) -> bool:
        """The repaid share of a position is no more than the FTE taken out of the budget."""
        return self.fte_share <= self.fte_taken_out + 1e-9


def fund_plan(scenario: Scenario) -> FundPlan:
    """The repayment schedule for years 1 … horizon.

    Schedule columns: year, calendar_year, savings (the year's budget effect, see the module
    note), released_time (value of released time kept in the unit, shown beside it, never
    counted), repayment, covered (savings ≥ repayment), kept (savings − repayment), balance
    (loan left at the end of the year).
    Repaid after t years: with the repayment paid evenly through each year, the loan is cleared
    in the year k where it runs out, at t = (k − 1) + balance at the start of year k / repayment.

    Worked example: loan 600,000, 0.5 × 450,000 = 225,000 a year → 225,000, 225,000, 150,000;
    repaid after 2 + 150,000 / 225,000 = 2.67 years.
    """
    settings = scenario.fund
    table = cashflow_table(scenario)
    metrics = compute_metrics(scenario, table=table)
    loan = default_loan(scenario, table) if settings.loan is None else settings.loan
    position = position_cost(scenario)
    pledge = settings.fte_share * position.value
    rollout_years = len(scenario.scale.batches())
    years = table.iloc[1:]
    unfinanced = np.where(years["year"] >= rollout_years, years["one_off_costs"], 0.0)
    savings = (years["budget_gains"] - years["recurring_costs"]).to_numpy() - unfinanced
    balance = loan
    repaid_after = 0.0 if loan == 0 else None
    rows = []
    for index, year in enumerate(years["year"].tolist()):
        payment = min(pledge, balance) if year <= settings.years else 0.0
        if payment > 0 and payment >= balance - 1e-9 and repaid_after is None:
            repaid_after = (year - 1) + balance / pledge
        balance -= payment
        rows.append({"year": year, "calendar_year": scenario.start_year + year,
                     "savings": savings[index],
                     "released_time": float(years["released_time_kept"].iloc[index]),
                     "repayment": payment,
                     "covered": bool(savings[index] >= payment - 1e-9),
                     "kept": savings[index] - payment, "balance": balance})
    schedule = pd.DataFrame(rows)
    return FundPlan(
        loan=loan, annual_pledge=pledge, pledge_years=settings.years,
        repaid_after_years=repaid_after, outstanding=balance,
        uncovered_years=[r["year"] for r in rows if r["repayment"] > 0 and not r["covered"]],
        schedule=schedule, position=position, fte_share=settings.fte_share,
        fte_released=metrics.fte_released_per_year, fte_taken_out=metrics.fte_taken_out_per_year,
    )
