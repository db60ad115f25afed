"""The quantified risk pool, as in the State's business-case model (Digitaliseringsstyrelsen,
"Vejledning til statens business case-model", 2018): each risk has a probability and a
consequence, and the pool is the expected cost of the risks,

    pool = Σ_i p_i · c_i,

set aside beside the base case rather than hidden in it. Here a consequence is kr at the end
of a year (a one-off cost) and/or a change to one driver (fewer hours saved, more months of
implementation); c_i is its effect on the net present value, so it is in today's kroner:

    c_i = kr_i / (1 + r)^year_i + (NPV(base) − NPV(driver changed)).

The Monte Carlo draws each risk as an event that happens with probability p_i in a run, so
its mean NPV moves by about −pool (exactly for kr consequences and for drivers the NPV is
linear in, such as hours saved or an amount; approximately for timing drivers). The pool is
priced at the drivers' expected values; when other drivers have ranges, a driver risk's effect
depends on their draws (half an hour less a day is worth less in a run where adoption is also
low), so the Monte Carlo's mean can move by less or more than the pool.

The large / medium / small label is a view of p · c against the investment: large from 10 %
of the one-off costs, medium from 2 %, else small. A risk without a probability keeps the
label it was given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calculators.drivers import INTEGER_FIELDS, driver_bounds, field_of, get_value, with_value
from calculators.metrics import Metrics, compute_metrics
from calculators.model import Risk, RiskLevel, Scenario

LARGE_SHARE = 0.10
MEDIUM_SHARE = 0.02


@dataclass(frozen=True)
class PricedRisk:
    risk: Risk
    consequence: float  # kr, present value, if the risk happens
    expected: float  # probability × consequence
    level: RiskLevel  # the view of probability × consequence


@dataclass(frozen=True)
class Pool:
    risks: list[PricedRisk]
    base_npv: float

    @property
    def expected_cost(self) -> float:
        """Σ probability × consequence (kr, present value)."""
        return float(sum(r.expected for r in self.risks))

    @property
    def npv_after_pool(self) -> float:
        return self.base_npv - self.expected_cost


def changed_value(scenario: Scenario, risk: Risk) -> float:
    """The driver's value if the risk happens: its value plus the change, kept inside the
    values the model allows (whole numbers rounded)."""
    assert risk.driver is not None
    lowest, highest = driver_bounds(risk.driver)
    value = min(max(get_value(scenario, risk.driver) + risk.change, lowest), highest)
    return round(value) if field_of(risk.driver) in INTEGER_FIELDS else value


def consequence(scenario: Scenario, risk: Risk, base_npv: float) -> float:
    """The NPV lost if the risk happens (kr, present value)."""
    cost = risk.amount / (1.0 + scenario.discount_rate) ** risk.year
    if risk.driver:
        changed = with_value(scenario, risk.driver, changed_value(scenario, risk))
        cost += base_npv - compute_metrics(changed).npv
    return cost


def level_of(expected: float, investment: float) -> RiskLevel:
    """Large from 10 % of the investment, medium from 2 %, else small."""
    if investment <= 0:
        return RiskLevel.LARGE if expected > 0 else RiskLevel.SMALL
    share = expected / investment
    if share >= LARGE_SHARE:
        return RiskLevel.LARGE
    return RiskLevel.MEDIUM if share >= MEDIUM_SHARE else RiskLevel.SMALL


def risk_pool(scenario: Scenario, metrics: Metrics | None = None) -> Pool:
    """The priced risks (quantified ones only) and the pool; `metrics`: the scenario's
    compute_metrics, when the caller has them.

    Aarhus toilet with a 10 % risk that the toilet must be replaced at once (kr 40,000) and a
    25 % risk that it saves only half an hour a day (NPV −kr 455,334 on 10 years at 3.5 %):
    pool = 0.10 · 40,000 + 0.25 · 455,334 = kr 117,834:

    >>> from calculators.scenario_file import load_sample
    >>> case = load_sample()
    >>> key = f"gain.{case.gains[0].id}.quantity"
    >>> case = case.model_copy(update={"risks": [
    ...     Risk(text="Replaced", probability=0.1, amount=40_000),
    ...     Risk(text="Half the time", probability=0.25, driver=key, change=-0.5)]})
    >>> round(risk_pool(case).expected_cost)
    117834
    """
    metrics = metrics or compute_metrics(scenario)
    priced = []
    for risk in scenario.risks:
        if risk.probability is None:
            continue
        cost = consequence(scenario, risk, metrics.npv)
        expected = risk.probability * cost
        priced.append(PricedRisk(risk, cost, expected, level_of(expected,
                                                                metrics.total_investment)))
    return Pool(priced, metrics.npv)


def case_pools(cases: dict[str, Scenario],
               metrics: dict[str, Metrics] | None = None) -> dict[str, Pool]:
    """The pool of each of the worst, base and best case (`ranges.scenario_set`), priced in
    that case: a consequence in kr is the same in all three; a driver change is worth what it
    costs at the case's values (half an hour less a day costs less when the worst case saves
    only 52 minutes a week). NPV after the pool = the case's NPV − its pool. Empty when no
    risk is quantified.

    Aarhus toilet with a 10 % risk of replacing the toilet at once (kr 40,000: 4,000 in every
    case) and a 25 % risk of saving half an hour a day less. Base: 4,000 + 0.25 × 0.5 × 300 ×
    365 × 8.3166 (the annuity factor of 10 years at 3.5 %) = 117,834; best, at 330 kr an hour:
    4,000 + 0.25 × 0.5 × 330 × 365 × 8.3166 = 129,217; worst, saving 52 min a week at 280 kr
    with 70 % adoption, 60 % realisation and 6 months' delay, can lose only those 0.124 hours
    a day: 14,408.

    >>> from calculators.ranges import scenario_set
    >>> from calculators.scenario_file import load_sample
    >>> case = load_sample()
    >>> key = f"gain.{case.gains[0].id}.quantity"
    >>> case = case.model_copy(update={"risks": [
    ...     Risk(text="Replaced", probability=0.1, amount=40_000),
    ...     Risk(text="Half the time", probability=0.25, driver=key, change=-0.5)]})
    >>> {name: round(pool.expected_cost) for name, pool in case_pools(scenario_set(case)).items()}
    {'worst': 14408, 'base': 117834, 'best': 129217}
    """
    if not any(risk.quantified for case in cases.values() for risk in case.risks):
        return {}
    metrics = metrics or {}
    return {name: risk_pool(case, metrics.get(name)) for name, case in cases.items()}


def risk_events(scenario: Scenario, values: dict[str, np.ndarray], n: int,
                rng: np.random.Generator) -> tuple[dict[str, np.ndarray], dict[int, np.ndarray]]:
    """Each quantified risk happens in a run with its probability: its driver change is added
    to the run's value of the driver and its kr fall at the end of its year. Returns the
    drivers' values and the extra one-off costs by month boundary, for `evaluate_many`."""
    values = dict(values)
    costs_at: dict[int, np.ndarray] = {}
    for risk in scenario.risks:
        if risk.probability is None:
            continue
        happens = rng.random(n) < risk.probability
        if risk.amount:
            month = 12 * risk.year
            costs_at[month] = costs_at.get(month, np.zeros(n)) + risk.amount * happens
        if risk.driver:
            key = risk.driver
            base = values.get(key, np.full(n, get_value(scenario, key)))
            lowest, highest = driver_bounds(key)
            changed = np.clip(base + risk.change * happens, lowest, highest)
            values[key] = np.rint(changed) if field_of(key) in INTEGER_FIELDS else changed
    return values, costs_at
