"""Portfolio: rank business cases and choose, within a budget, the set worth the most.

The choice is the 0/1 knapsack problem

    maximise  sum_i v_i x_i   subject to  sum_i c_i x_i <= B,  x_i in {0, 1}

with c_i the scenario's total one-off investment over its horizon, B the budget (the Aarhus
fund: kr 40 M a year, DOMAIN.md §3) and v_i its net present value incl. released time, the net
present value of its budget effect, or its staff hours released a year. It is
solved exactly as a mixed-integer programme (scipy.optimize.milp, HiGHS, zero optimality gap),
not greedily. Excel has no direct equivalent: the Solver add-in with binary variables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from calculators.key_figures import KeyFigures, key_figures
from calculators.model import Scenario

AARHUS_FUND_BUDGET = 40_000_000.0
BUDGET_SLACK = 1e-6


class Criterion(StrEnum):
    NPV = "npv"
    BUDGET_NPV = "budget_npv"
    PAYBACK = "payback_months"
    BUDGET_PAYBACK = "budget_payback_months"
    HOURS = "hours_released"
    INVESTMENT = "investment"
    VTV = "vtv_score"


OBJECTIVES = (Criterion.NPV, Criterion.BUDGET_NPV, Criterion.HOURS)


@dataclass(frozen=True)
class Candidate:
    """One business case as the portfolio sees it. `key` identifies it (e.g. "12" or "12@3").
    `npv` and `payback_months` are the total value incl. released time; `budget_npv` and
    `budget_payback_months` the municipality's budget effect."""

    key: str
    title: str
    investment: float
    npv: float
    payback_months: float | None
    hours_released: float
    vtv_score: float | None = None
    budget_npv: float = 0.0
    budget_payback_months: float | None = None

    def value(self, criterion: Criterion) -> float | None:
        return getattr(self, criterion.value)


@dataclass(frozen=True)
class Selection:
    keys: tuple[str, ...]
    investment: float
    npv: float
    hours_released: float
    budget: float
    objective: Criterion
    budget_npv: float

    @property
    def remaining(self) -> float:
        return self.budget - self.investment


def figures_candidate(key: str, title: str, figures: KeyFigures) -> Candidate:
    """The candidate of a saved version, from the key figures stored with it."""
    return Candidate(key=key, title=title, investment=figures.investment, npv=figures.npv,
                     payback_months=figures.payback_months,
                     hours_released=figures.hours_released, vtv_score=figures.vtv_score,
                     budget_npv=figures.budget_npv,
                     budget_payback_months=figures.budget_payback_months)


def candidate(key: str, scenario: Scenario, vtv_score: float | None = None) -> Candidate:
    """The candidate of a scenario, with the VTV score given (None: left out)."""
    figures = replace(key_figures(scenario), vtv_score=vtv_score)
    return figures_candidate(key, scenario.title, figures)


def scored_candidate(key: str, scenario: Scenario) -> Candidate:
    """The candidate with its overall VTV score (None without an assessment); the metrics are
    computed once for both.

    >>> from calculators.scenario_file import load_sample
    >>> toilet = scored_candidate("1", load_sample("aarhus_toilet"))
    >>> toilet.investment, round(toilet.npv), round(toilet.payback_months, 2), round(
    ...     toilet.vtv_score, 3)
    (40000.0, 870668, 4.38, 3.371)
    >>> toilet.budget_npv, toilet.budget_payback_months
    (-40000.0, None)
    """
    return figures_candidate(key, scenario.title, key_figures(scenario))


def candidates(scenarios: Mapping[str, Scenario],
               vtv_scores: Mapping[str, float] | None = None) -> list[Candidate]:
    """Metrics of every scenario; a VTV score per key where one is given (else None)."""
    scores = vtv_scores or {}
    return [candidate(key, s, scores.get(key)) for key, s in scenarios.items()]


def with_vtv_scores(items: list[Candidate], scores: Mapping[str, float]) -> list[Candidate]:
    return [replace(item, vtv_score=scores.get(item.key)) for item in items]


def with_min_vtv(items: list[Candidate], minimum: float) -> list[Candidate]:
    """The cases whose VTV score is at least `minimum`; a minimum of 0 keeps every case, also
    those without an assessment.

    >>> a, b, c = (Candidate(k, k, 1.0, 1.0, 1.0, 1.0, v) for k, v in zip("abc", (4.2, 3.0, None)))
    >>> [i.key for i in with_min_vtv([a, b, c], 3.5)], len(with_min_vtv([a, b, c], 0))
    (['a'], 3)
    """
    if minimum <= 0:
        return list(items)
    return [item for item in items if item.vtv_score is not None and item.vtv_score >= minimum]


def rank(items: list[Candidate], by: Criterion) -> list[Candidate]:
    """Best first: highest NPV (either track), hours or VTV score; shortest payback (either
    track); smallest investment.
    Cases without a value (no payback within the horizon, no VTV score) come last."""
    ascending = by in (Criterion.PAYBACK, Criterion.BUDGET_PAYBACK, Criterion.INVESTMENT)

    def key(item: Candidate) -> tuple[bool, float]:
        value = item.value(by)
        if value is None:
            return (True, 0.0)
        return (False, value if ascending else -value)

    return sorted(items, key=key)


def select(items: list[Candidate], budget: float = AARHUS_FUND_BUDGET,
           objective: Criterion = Criterion.NPV) -> Selection:
    """The subset with the largest total `objective` whose investment fits in `budget`.

    Only cases with a positive objective and an investment within the budget can help, so
    the others are left out before solving. Taking the best NPV first (A, kr 5 M) leaves no
    room for more; B and C together give kr 6 M. For hours, B and D give 6,500 h.

    >>> a = Candidate("a", "A", 30e6, 5.0e6, 40.0, 1000.0)
    >>> b = Candidate("b", "B", 20e6, 3.0e6, 30.0, 4000.0)
    >>> c = Candidate("c", "C", 20e6, 3.0e6, 30.0, 100.0)
    >>> d = Candidate("d", "D", 15e6, 0.5e6, 50.0, 2500.0)
    >>> select([a, b, c, d], 40e6).keys
    ('b', 'c')
    >>> select([a, b, c, d], 40e6, Criterion.HOURS).keys
    ('b', 'd')
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"cannot maximise {objective}")
    useful = [item for item in items
              if item.value(objective) > 0 and item.investment <= budget + BUDGET_SLACK]
    chosen = _knapsack(useful, budget, objective) if useful else []
    return Selection(
        keys=tuple(item.key for item in chosen),
        investment=float(sum(item.investment for item in chosen)),
        npv=float(sum(item.npv for item in chosen)),
        hours_released=float(sum(item.hours_released for item in chosen)),
        budget=budget,
        objective=objective,
        budget_npv=float(sum(item.budget_npv for item in chosen)),
    )


def _knapsack(items: list[Candidate], budget: float, objective: Criterion) -> list[Candidate]:
    values = np.array([item.value(objective) for item in items], dtype=float)
    costs = np.array([item.investment for item in items], dtype=float)
    scale = max(values.max(), 1.0)
    result = milp(
        c=-values / scale,
        constraints=LinearConstraint(costs[None, :], -np.inf, budget + BUDGET_SLACK),
        integrality=np.ones(len(items)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0},
    )
    if not result.success:
        raise RuntimeError(f"portfolio selection failed: {result.message}")
    picked = np.round(result.x).astype(bool)
    return [item for item, keep in zip(items, picked, strict=True) if keep]
