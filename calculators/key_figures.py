"""Key figures: the few numbers a library lists, filters, compares and selects by.

They are computed once, when a version is saved, from `compute_metrics` and `overall_score`
(nothing here is a formula of its own), and stored beside the version (storage/tables.py), so
a library of 100,000 versions lists, searches and selects with database queries instead of
recomputing every scenario. Plain numbers in kr, months, hours a year and shares: the same in
every language.

FIGURES_REVISION names the meaning of the stored figures. Raise it when a formula behind one
of them changes (metrics, cash flows, the VTV score): the library then recomputes the stored
figures of every version the next time it opens (storage/library.py, `refresh_figures`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from calculators.assessment import overall_score
from calculators.metrics import Metrics, compute_metrics
from calculators.model import Scenario

FIGURES_REVISION = 1


@dataclass(frozen=True)
class KeyFigures:
    """One version's key figures. The two tracks stay apart: `npv` and `payback_months` are
    the total value incl. released time; `budget_npv`, `budget_payback_months` and
    `annual_budget_effect` the municipality's budget effect. A payback is None when it is not
    reached within the horizon; `vtv_score` None without an assessment."""

    investment: float
    npv: float
    budget_npv: float
    payback_months: float | None
    budget_payback_months: float | None
    annual_budget_effect: float
    hours_released: float
    hours_taken_out: float
    horizon_years: int
    discount_rate: float
    vtv_score: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


FIGURE_NAMES = tuple(f.name for f in fields(KeyFigures))


def key_figures(scenario: Scenario, metrics: Metrics | None = None) -> KeyFigures:
    """The key figures of a scenario (`metrics`, when the caller has them, saves recomputing).

    Aarhus toilet: kr 40,000 for 1 hour a day at kr 300, nothing taken out of the budget:
    NPV incl. released time 870,668 kr after 4.4 months, budget NPV −40,000 kr never paid
    back, 365 hours a year, overall VTV score 3.371.

    >>> from calculators.scenario_file import load_sample
    >>> toilet = key_figures(load_sample("aarhus_toilet"))
    >>> toilet.investment, round(toilet.npv), round(toilet.payback_months, 2)
    (40000.0, 870668, 4.38)
    >>> toilet.budget_npv, toilet.budget_payback_months, toilet.annual_budget_effect
    (-40000.0, None, 0.0)
    >>> round(toilet.hours_released), toilet.horizon_years, toilet.discount_rate, round(
    ...     toilet.vtv_score, 3)
    (365, 10, 0.035, 3.371)
    """
    metrics = metrics or compute_metrics(scenario)
    return KeyFigures(
        investment=metrics.total_investment,
        npv=metrics.npv,
        budget_npv=metrics.budget_npv,
        payback_months=metrics.payback_months,
        budget_payback_months=metrics.budget_payback_months,
        annual_budget_effect=metrics.annual_budget_effect_steady_state,
        hours_released=metrics.hours_released_per_year,
        hours_taken_out=metrics.hours_taken_out_per_year,
        horizon_years=scenario.horizon_years,
        discount_rate=scenario.discount_rate,
        vtv_score=overall_score(scenario, metrics),
    )
