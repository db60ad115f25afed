"""Business-case metrics, in the manner of numpy-financial's `_financial.py`.

Each function names the equation it solves, shows the Aarhus washing toilet as a worked
example (kr 40,000; one staff hour a day at kr 300 → kr 109,500 a year), and says which
spreadsheet function it becomes in the Excel export and how the two differ.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import numpy_financial as npf
import pandas as pd

from calculators.cashflow import (
    MonthlyFlows,
    cashflow_table,
    monthly_discount_factors,
    monthly_flows,
)
from calculators.model import Scenario


def npv(rate: float, values: np.ndarray | list[float]) -> float:
    """Net present value of yearly flows, the first at year 0 (undiscounted).

    Solves  NPV = sum_{k=0}^{n} values[k] / (1 + rate)^k.

    Excel: ``=B0 + NPV(rate, B1:Bn)``. Excel's ``NPV`` discounts its first argument by one
    period, so year 0 (the investment) is added outside it. numpy-financial's ``npf.npv``
    equals this function.

    >>> round(npv(0.035, [-40_000] + [109_500] * 10))
    870668
    """
    flows = np.asarray(values, dtype=float)
    return float(np.sum(flows / (1.0 + rate) ** np.arange(flows.size)))


RELATIVE_ZERO = 1e-9


def payback_months_array(accruals: np.ndarray, lumps: np.ndarray,
                         discount: np.ndarray | None = None) -> np.ndarray:
    """Months until the cumulative net flow stays non-negative; NaN when not within the grid.

    Month m earns ``accruals[..., m]`` evenly over the month; ``lumps[..., m]`` falls at its end
    (index 0: at once). With S the cumulative after month m's lump and P = S[m-1] + accruals[m]
    the level just before it, payback is T = sup{t : C(t) < 0}: in the last month m* in which
    C is negative, T = (m*-1) + (-S[m*-1]) / accruals[m*] when the accrual lifts C through zero,
    else T = m*. T = 0 when C is never negative. Works on any leading axes (Monte Carlo draws).

    Excel: a monthly sheet of cumulative sums and ``MATCH``/``INDEX`` for the last negative
    month; Excel has no payback function. Defining payback as the *last* time the cumulative
    is negative (not the first crossing) keeps a later reinvestment from hiding a new deficit.

    Discounted payback: given monthly factors (`cashflow.monthly_discount_factors`, the factor of
    the month's year, 1/(1+r)^k in operating year k), every accrual and lump is multiplied by its
    month's factor first. Excel: the same sheet over the discounted monthly flows.

    Aarhus toilet: kr 40,000 at once, kr 9,125 a month; simple 40,000 / 9,125 = 4.38 months,
    discounted at 3.5 % 40,000 / (9,125 / 1.035) = 4.54 months:

    >>> accruals, lumps = np.r_[0, [9_125.0] * 120], np.r_[-40_000, [0.0] * 120]
    >>> float(payback_months_array(accruals, lumps))
    4.383561643835616
    >>> from calculators.cashflow import monthly_discount_factors
    >>> round(float(payback_months_array(accruals, lumps, monthly_discount_factors(0.035, 10))), 4)
    4.537
    """
    factor = 1.0 if discount is None else np.asarray(discount, dtype=float)
    accruals = np.asarray(accruals, dtype=float) * factor
    lumps = np.asarray(lumps, dtype=float) * factor
    after = np.cumsum(accruals + lumps, axis=-1)
    before_lump = after[..., :-1] + accruals[..., 1:]
    # Rounding noise is relative to the amounts: a level within 1e-9 of the largest one is zero
    # (scaling all flows, e.g. by a discount factor, then never changes what counts as negative).
    zero = -RELATIVE_ZERO * np.max(np.abs(after), axis=-1)
    negative = (after[..., :-1] < zero[..., None]) | (before_lump < zero[..., None])
    n = negative.shape[-1]
    any_negative = negative.any(axis=-1)
    last = n - 1 - np.argmax(negative[..., ::-1], axis=-1)
    start = np.take_along_axis(after[..., :-1], last[..., None], axis=-1)[..., 0]
    rise = np.take_along_axis(accruals[..., 1:], last[..., None], axis=-1)[..., 0]
    end = np.take_along_axis(before_lump, last[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        share = np.clip(np.nan_to_num(-start / rise, nan=1.0), 0.0, 1.0)
    crossing = np.where((start < 0) & (end >= zero) & (rise > 0), last + share, last + 1.0)
    result = np.where(any_negative, crossing, 0.0)
    return np.where(after[..., -1] < zero, np.nan, result)


def payback_months(flows: MonthlyFlows, discount: np.ndarray | None = None,
                   budget: bool = False) -> float | None:
    """Simple (or, given monthly factors, discounted) payback in months; None if not reached.

    Without `budget` the track is the total value incl. released time (gains − costs); with it
    the budget effect (`MonthlyFlows.budget_accrual`: the gains that reach the municipality's
    budget − costs). Excel: the Months sheet's cumulative column of the same track.

    Aarhus toilet, no implementation period: 40,000 / 109,500 years = 4.38 months; with six
    months' implementation 6 + 4.38 = 10.38 months. Its budget track, with half the released
    hours taken out from operating year 2 (54,750 kr a year, 4,562.50 kr a month): nothing in
    year 1, then 12 + 40,000 / 4,562.50 = 20.77 months.

    >>> from calculators.scenario_file import load_sample
    >>> toilet = load_sample("aarhus_toilet")
    >>> toilet.gains[0].budget_shares = [0.0, 0.5]
    >>> flows = monthly_flows(toilet)
    >>> round(payback_months(flows), 2), round(payback_months(flows, budget=True), 2)
    (4.38, 20.77)
    """
    accrual = flows.budget_accrual if budget else flows.net_accrual
    value = float(payback_months_array(accrual, flows.net_lumps, discount))
    return None if np.isnan(value) else value


def irr(values: np.ndarray | list[float]) -> float | None:
    """Internal rate of return of yearly flows: the r that solves sum values[k]/(1+r)^k = 0.

    Excel: ``=IRR(B0:Bn)`` (Excel treats the first value as period 0, as here). Returns None
    where no rate exists (no sign change) or the solver finds none.

    >>> round(irr([-40_000] + [109_500] * 10), 4)
    2.7375
    """
    flows = np.asarray(values, dtype=float)
    if not (flows < 0).any() or not (flows > 0).any():
        return None
    try:
        with np.errstate(all="ignore"):
            value = npf.irr(flows)
    except np.linalg.LinAlgError:
        return None
    return None if value is None or not np.isfinite(value) else float(value)


@dataclass(frozen=True)
class Metrics:
    total_investment: float
    total_net: float
    npv: float
    irr: float | None
    payback_months: float | None
    discounted_payback_months: float | None
    annual_net_steady_state: float
    annual_cash_net_steady_state: float
    hours_released_per_year: float
    fte_released_per_year: float
    budget_payback_months: float | None
    budget_discounted_payback_months: float | None
    budget_npv: float
    budget_total: float
    annual_budget_effect_steady_state: float
    hours_taken_out_per_year: float
    fte_taken_out_per_year: float
    residual_value: float = 0.0  # kr at the horizon's end; in the NPV only when included

    def as_dict(self) -> dict[str, float | None]:
        return asdict(self)


def compute_metrics(scenario: Scenario, flows: MonthlyFlows | None = None,
                    table: pd.DataFrame | None = None) -> Metrics:
    """All headline metrics, on two tracks never blended: the total value incl. released time
    (`npv`, `payback_months`, `total_net`, …) and the municipality's budget effect (`budget_*`;
    see `cashflow.cashflow_table`). Steady state = the last year of the horizon without one-off
    costs. `annual_cash_net_steady_state` (model version 1) equals
    `annual_budget_effect_steady_state`. `flows` and `table` (its cashflow_table) save
    recomputing them when the caller has them.

    Aarhus toilet with half the released hours taken out from operating year 2: budget NPV =
    −40,000 + Σ_{k=2}^{10} 54,750 / 1.035^k = 362,436 kr (the total value's NPV, 870,668 kr,
    counts all the released time); over the horizon 9 · 54,750 − 40,000 = 452,750 kr; in the
    steady state 1 hour a day · 365 · 0.5 = 182.5 hours a year are taken out.

    >>> from calculators.scenario_file import load_sample
    >>> toilet = load_sample("aarhus_toilet")
    >>> toilet.gains[0].budget_shares = [0.0, 0.5]
    >>> m = compute_metrics(toilet)
    >>> round(m.npv), round(m.budget_npv), round(m.budget_total)
    (870668, 362436, 452750)
    >>> round(m.hours_taken_out_per_year, 1), round(m.budget_payback_months, 2)
    (182.5, 20.77)

    Excel: Summary sheet, ``=B0+NPV(rate, B1:Bn)`` over the Calculation sheet's budget-effect
    row beside the same formula over the net row.
    """
    flows = flows or monthly_flows(scenario)
    table = cashflow_table(scenario, flows) if table is None else table
    last = table.iloc[-1]
    discount = monthly_discount_factors(scenario.discount_rate, scenario.horizon_years)
    hours = float(last["hours_released"])
    taken_out = float(last["hours_taken_out"])
    steady_budget = float(last["budget_gains"] - last["recurring_costs"])
    return Metrics(
        total_investment=float(table["one_off_costs"].sum()),
        total_net=float(table["net"].sum()),
        npv=npv(scenario.discount_rate, table["net"].to_numpy())
        + residual_in_npv(scenario, flows.residual_value),
        irr=irr(table["net"].to_numpy()),
        payback_months=payback_months(flows),
        discounted_payback_months=payback_months(flows, discount),
        annual_net_steady_state=float(last["total_gains"] - last["recurring_costs"]),
        annual_cash_net_steady_state=steady_budget,
        hours_released_per_year=hours,
        fte_released_per_year=hours / scenario.hours_per_fte,
        budget_payback_months=payback_months(flows, budget=True),
        budget_discounted_payback_months=payback_months(flows, discount, budget=True),
        budget_npv=npv(scenario.discount_rate, table["budget_effect"].to_numpy()),
        budget_total=float(table["budget_effect"].sum()),
        annual_budget_effect_steady_state=steady_budget,
        hours_taken_out_per_year=taken_out,
        fte_taken_out_per_year=taken_out / scenario.hours_per_fte,
        residual_value=flows.residual_value,
    )


def residual_in_npv(scenario: Scenario, residual_value: float) -> float:
    """The residual value's part of the NPV: its present value at the end of the horizon when
    the scenario counts it, else 0.

    Solves  R / (1 + r)^H, R = Σ purchases' price · max(0, L − (H − y)) / L (straight line).

    Excel: ``=IncludeResidual*SUMPRODUCT(residual row, DiscountFactors)`` on the Calculation
    sheet; the residual row holds R in year H only.

    A lift bought for kr 90,000 at year 0 and again in year 9 (lifetime 9 years) is worth
    90,000 · 8/9 = kr 80,000 at the end of a 10-year horizon; at 3.5 % that adds
    80,000 / 1.035^10 = kr 56,714 to the NPV when included:

    >>> from calculators.model import CostLine, Scenario
    >>> lift = CostLine(name="Lift", amount=90_000, lifetime_years=9)
    >>> case = Scenario(title="x", costs=[lift], include_residual_value=True)
    >>> round(residual_in_npv(case, 80_000))
    56714
    """
    if not scenario.include_residual_value:
        return 0.0
    return residual_value / (1.0 + scenario.discount_rate) ** scenario.horizon_years
