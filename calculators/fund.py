"""Repaying the Aarhus welfare-technology fund (DOMAIN.md §3).

The fund lends the investment. The unit pledges a share of a position (e.g. 0.5 FTE) and
repays pledge = FTE share × annual cost of a position each year, for at most the agreed years
(3), until the loan is repaid. Year by year: do the unit's realised savings cover the payment,
and what does it keep? Realised savings of a year = its gains (after adoption and realisation)
− its operating costs − one-off costs the loan does not cover (reinvestments after the
roll-out). After repayment the unit keeps the asset and all of the savings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.cashflow import cashflow_table
from calculators.model import Scenario


def default_loan(scenario: Scenario, table: pd.DataFrame | None = None,
                 rollout_years: int | None = None) -> float:
    """The one-off costs of the roll-out years (year 0 and any later batches; or the first
    `rollout_years`, as an exported workbook's formula sums them after the roll-out changed).
    Excel: ``=SUM(Calculation!one_off_costs year 0 … last roll-out year)``."""
    table = cashflow_table(scenario) if table is None else table
    rollout_years = len(scenario.scale.batches()) if rollout_years is None else rollout_years
    return float(table["one_off_costs"].iloc[:rollout_years].sum())


@dataclass(frozen=True)
class FundPlan:
    loan: float
    annual_pledge: float
    pledge_years: int
    repaid_after_years: float | None
    outstanding: float
    uncovered_years: list[int]
    schedule: pd.DataFrame


def fund_plan(scenario: Scenario) -> FundPlan:
    """The repayment schedule for years 1 … horizon.

    Schedule columns: year, calendar_year, savings, repayment, covered (savings ≥ repayment),
    kept (savings − repayment), balance (loan left at the end of the year).
    Repaid after t years: with the pledge paid evenly through each year, the loan is cleared
    in the year k where it runs out, at t = (k − 1) + balance at the start of year k / pledge.

    Worked example: loan 600,000, 0.5 × 450,000 = 225,000 a year → 225,000, 225,000, 150,000;
    repaid after 2 + 150,000 / 225,000 = 2.67 years.
    """
    settings = scenario.fund
    table = cashflow_table(scenario)
    loan = default_loan(scenario, table) if settings.loan is None else settings.loan
    pledge = settings.fte_share * settings.position_cost
    rollout_years = len(scenario.scale.batches())
    years = table.iloc[1:]
    unfinanced = np.where(years["year"] >= rollout_years, years["one_off_costs"], 0.0)
    savings = (years["total_gains"] - years["recurring_costs"]).to_numpy() - unfinanced
    balance = loan
    repaid_after = 0.0 if loan == 0 else None
    rows = []
    for index, year in enumerate(years["year"].tolist()):
        payment = min(pledge, balance) if year <= settings.years else 0.0
        if payment > 0 and payment >= balance - 1e-9 and repaid_after is None:
            repaid_after = (year - 1) + balance / pledge
        balance -= payment
        rows.append({"year": year, "calendar_year": scenario.start_year + year,
                     "savings": savings[index], "repayment": payment,
                     "covered": bool(savings[index] >= payment - 1e-9),
                     "kept": savings[index] - payment, "balance": balance})
    schedule = pd.DataFrame(rows)
    return FundPlan(
        loan=loan, annual_pledge=pledge, pledge_years=settings.years,
        repaid_after_years=repaid_after, outstanding=balance,
        uncovered_years=[r["year"] for r in rows if r["repayment"] > 0 and not r["covered"]],
        schedule=schedule,
    )
