"""The VTV assessment and documentation plan evaluated against the business case.

The economy category is scored from the engine's own numbers (cashflow_table, compute_metrics),
never typed in, so it moves whenever the case changes. Measured values are compared with the
estimates and can replace them (drivers.with_value on the gain's quantity), keeping a record.

Economy mapping (hand-checkable; each step is the score when the condition first holds). The
score is the municipality's *budget* track (`metrics.Metrics.budget_*`): released time that
stays in the unit is capacity, not money, so a case with no budget effect cannot score well.
- investment (purchase and set-up costs), by budget payback: ≤ 12 months → 5, ≤ 24 → 4,
  ≤ 36 (the Aarhus fund's three-year repayment) → 3, within the horizon → 2, never → 1.
- operation (time and resource savings), by annual gains reaching the budget / annual
  operating costs in a full operating year: ≥ 4 → 5, ≥ 2 → 4, ≥ 1.5 → 3, ≥ 1 → 2, below 1 → 1
  (no operating costs and some budget gain → 5; none → 1).
- value over the horizon, by budget NPV / total investment: ≥ 3 → 5, ≥ 1 → 4, ≥ 0.5 → 3,
  ≥ 0 → 2, negative → 1 (no investment: NPV ≥ 0 → 5).
- released time, its own element beside them, by the payback of the total value incl.
  released time (the investment steps). It has weight 0: shown, never counted in the score.
Confidence follows the estimate: optimistic → low, realistic → medium, conservative → high;
high as soon as a measured value has replaced an estimate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.documentation import DocumentationError, PlanItem, Replacement, Unit, convert
from calculators.drivers import with_value
from calculators.metrics import Metrics, compute_metrics, payback_months
from calculators.model import EstimateBasis, GainKind, GainLine, Scenario
from calculators.vtv import (
    COMPUTED_CATEGORY,
    Category,
    Confidence,
    Rated,
    Summary,
    listed,
    summarise,
)

TOLERANCE = 1e-9  # the monthly engine's float noise must not drop a value below a threshold
PAYBACK_STEPS = ((12.0, 5), (24.0, 4), (36.0, 3))
OPERATION_STEPS = ((4.0, 5), (2.0, 4), (1.5, 3), (1.0, 2))
VALUE_STEPS = ((3.0, 5), (1.0, 4), (0.5, 3), (0.0, 2))
BASIS_CONFIDENCE = {
    EstimateBasis.OPTIMISTIC: Confidence.LOW,
    EstimateBasis.REALISTIC: Confidence.MEDIUM,
    EstimateBasis.CONSERVATIVE: Confidence.HIGH,
}


RELEASED_TIME_ELEMENT = "released_time"


@dataclass(frozen=True)
class EconomyFigures:
    """The business case's numbers behind the economy category (kr; months): the budget track
    (scored) and the released time kept in the unit (shown beside it)."""

    investment: float
    annual_operating_costs: float
    annual_budget_gains: float
    budget_payback_months: float | None
    budget_npv: float
    horizon_years: int
    annual_released_time: float
    payback_months: float | None  # total value incl. released time


def economy_figures(scenario: Scenario, metrics: Metrics | None = None) -> EconomyFigures:
    """Investment = all one-off costs over the horizon; annual figures = the horizon's last
    year (a full operating year without one-off costs), as in compute_metrics. `metrics`: the
    scenario's compute_metrics, when the caller has them already."""
    flows = monthly_flows(scenario)
    table = cashflow_table(scenario, flows)
    metrics = metrics or compute_metrics(scenario, flows, table)
    last = table.iloc[-1]
    return EconomyFigures(
        investment=metrics.total_investment,
        annual_operating_costs=float(last["recurring_costs"]),
        annual_budget_gains=float(last["budget_gains"]),
        budget_payback_months=metrics.budget_payback_months,
        budget_npv=metrics.budget_npv,
        horizon_years=scenario.horizon_years,
        annual_released_time=float(last["released_time_kept"]),
        payback_months=metrics.payback_months,
    )


def at_least(value: float, steps: tuple[tuple[float, int], ...]) -> int:
    """The score of the first step whose threshold `value` reaches; 1 below all of them.

    >>> at_least(1.81, VALUE_STEPS), at_least(-0.2, VALUE_STEPS), at_least(math.inf, VALUE_STEPS)
    (4, 1, 5)
    """
    return next((score for threshold, score in steps if value >= threshold - TOLERANCE), 1)


def investment_score(payback: float | None, horizon_years: int) -> int:
    """Aarhus toilet: 4.38 months → 5; measured 52 min/week: 35.5 months → 3.

    >>> investment_score(4.38, 10), investment_score(35.5, 10), investment_score(None, 10)
    (5, 3, 1)
    """
    if payback is None:
        return 1
    steps = (*PAYBACK_STEPS, (12.0 * horizon_years, 2))
    return next((score for limit, score in steps if payback <= limit + TOLERANCE), 1)


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator; ±inf (or 0) when the denominator is 0."""
    if denominator > 0:
        return numerator / denominator
    return math.copysign(math.inf, numerator) if numerator else 0.0


def economy_scores(figures: EconomyFigures) -> dict[str, int]:
    """Aarhus toilet (kr 40,000; kr 109,500 a year of released time, none taken out; no
    operating costs): budget payback never → 1, budget gains/costs = 0/0 → 1, budget
    NPV/investment = −40,000/40,000 = −1 → 1; released time pays back after 4.38 months → 5,
    shown beside them with weight 0. All the hours taken out (109,500 kr a year in the budget,
    budget NPV 870,668): 5, 5, 5.

    >>> economy_scores(EconomyFigures(40_000, 0, 0, None, -40_000, 10, 109_500, 4.38))
    {'investment': 1, 'operation': 1, 'value': 1, 'released_time': 5}
    >>> economy_scores(EconomyFigures(40_000, 0, 109_500, 4.38, 870_668, 10, 0, 4.38))
    {'investment': 5, 'operation': 5, 'value': 5, 'released_time': 5}
    """
    return {
        "investment": investment_score(figures.budget_payback_months, figures.horizon_years),
        "operation": at_least(ratio(figures.annual_budget_gains, figures.annual_operating_costs),
                              OPERATION_STEPS),
        "value": at_least(ratio(figures.budget_npv, figures.investment), VALUE_STEPS),
        RELEASED_TIME_ELEMENT: investment_score(figures.payback_months, figures.horizon_years),
    }


def economy_confidence(scenario: Scenario) -> Confidence:
    if scenario.documentation_plan.replacements:
        return Confidence.HIGH
    return BASIS_CONFIDENCE[scenario.estimate_basis]


def economy_elements(scenario: Scenario, figures: EconomyFigures) -> list[Rated]:
    confidence = economy_confidence(scenario)
    computed = [Rated(f"{COMPUTED_CATEGORY.value}.{name}", COMPUTED_CATEGORY, "", score,
                      confidence, 0.0 if name == RELEASED_TIME_ELEMENT else 1.0, computed=True)
                for name, score in economy_scores(figures).items()]
    own = [Rated.of(e) for e in listed(scenario.vtv, COMPUTED_CATEGORY) if not e.standard]
    return computed + own


@dataclass(frozen=True)
class Evaluation:
    figures: EconomyFigures
    elements: list[Rated]
    summary: Summary


def evaluate(scenario: Scenario, metrics: Metrics | None = None) -> Evaluation:
    """Every element (typed-in categories from the scenario, economy from the engine) scored."""
    figures = economy_figures(scenario, metrics)
    rated = [Rated.of(e) for c in Category if c is not COMPUTED_CATEGORY
             for e in listed(scenario.vtv, c)]
    rated += economy_elements(scenario, figures)
    return Evaluation(figures, rated, summarise(rated))


def overall_score(scenario: Scenario, metrics: Metrics | None = None) -> float | None:
    """The overall VTV score (`summarise`: the unweighted mean of the category scores) of a
    scenario with an assessment, i.e. at least one typed-in element scored; None without one
    (the economy category alone, computed from the business case, is no assessment).

    Aarhus toilet: organisation 20/5 = 4.0, technology 21/5 = 4.2, citizen (2×5 + 5 + 3 + 4 +
    4 + 4)/7 = 30/7, economy 1 (no budget effect) → (4.0 + 4.2 + 4.2857 + 1) / 4 = 3.371.
    Excel: ``=AVERAGE(category scores)``.

    >>> from calculators.scenario_file import load_sample
    >>> round(overall_score(load_sample("aarhus_toilet")), 3), overall_score(load_sample(
    ...     "ceiling_lifts"))
    (3.371, None)
    """
    if not any(element.score is not None for element in scenario.vtv.elements):
        return None
    return evaluate(scenario, metrics).summary.overall


def vtv_scores(scenarios: Mapping[str, Scenario]) -> dict[str, float]:
    """The overall VTV score by key, for the scenarios that have an assessment (portfolio)."""
    scores = {key: overall_score(scenario) for key, scenario in scenarios.items()}
    return {key: score for key, score in scores.items() if score is not None}


@dataclass(frozen=True)
class Comparison:
    """Expected (the business case's estimate) vs measured, in the unit the measurement uses."""

    item: PlanItem
    gain: GainLine | None
    expected: float | None
    measured: float | None
    payback_now: float | None
    payback_measured: float | None

    @property
    def comparable(self) -> bool:
        """Both an estimate from a gain line and a measured value in a fitting unit."""
        return self.expected is not None and self.measured is not None

    @property
    def replaceable(self) -> bool:
        """A measured value that differs from the gain's current estimate."""
        return self.comparable and not math.isclose(self.expected, self.measured, rel_tol=1e-9)


def gain_of(scenario: Scenario, item: PlanItem) -> GainLine | None:
    return next((g for g in scenario.gains if g.id == item.gain_id), None)


def measured_quantity(gain: GainLine, item: PlanItem) -> float:
    """The measured value as the gain's quantity (hours or kr per the gain's period)."""
    time_based = gain.kind is GainKind.RELEASED_TIME
    to_unit = Unit.HOURS if time_based else Unit.KR
    return convert(item.measured, item.unit, item.period, to_unit, gain.period, time_based)


def with_measured(scenario: Scenario, item: PlanItem) -> Scenario:
    """The scenario with the gain's estimate replaced by the measured value (no record)."""
    gain = gain_of(scenario, item)
    if gain is None:
        raise DocumentationError("no_gain")
    if item.measured is None:
        raise DocumentationError("no_measurement")
    return with_value(scenario, f"gain.{gain.id}.quantity", measured_quantity(gain, item))


def compare(scenario: Scenario) -> list[Comparison]:
    """Expected vs measured for each plan line, with the payback the measurement would give."""
    now = payback_months(monthly_flows(scenario))
    rows = []
    for item in scenario.documentation_plan.items:
        gain = gain_of(scenario, item)
        expected = measured_payback = None
        if gain is not None:
            time_based = gain.kind is GainKind.RELEASED_TIME
            try:
                expected = convert(gain.quantity, Unit.HOURS if time_based else Unit.KR,
                                   gain.period, item.unit, item.period, time_based)
                if item.measured is not None:
                    measured_payback = payback_months(monthly_flows(with_measured(scenario, item)))
            except DocumentationError:
                expected = None
        rows.append(Comparison(item, gain, expected, item.measured, now, measured_payback))
    return rows


def replace_with_measured(scenario: Scenario, item_id: str, day: date) -> Scenario:
    """Replace the gain's estimate by the plan line's measured value and record it.

    Aarhus toilet, measured 52 min/week: quantity 52/60 × 52/365 = 0.1235 hours a day, worth
    kr 13,520 a year; payback 40,000 / 13,520 years = 35.5 months.
    """
    item = next((i for i in scenario.documentation_plan.items if i.id == item_id), None)
    if item is None:
        raise DocumentationError("no_item")
    updated = with_measured(scenario, item)
    gain = gain_of(scenario, item)
    record = Replacement(
        item_id=item.id, gain_id=gain.id, gain_name=gain.name, estimate=gain.quantity,
        measured=gain_of(updated, item).quantity, period=gain.period,
        measured_value=item.measured, unit=item.unit, measured_period=item.period,
        replaced_on=day,
    )
    data = updated.model_dump()
    data["documentation_plan"]["replacements"].append(record.model_dump())
    return Scenario.model_validate(data)
