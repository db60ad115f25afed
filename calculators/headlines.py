"""Headline sentences for leadership, chosen and filled from the numbers.

Two tracks, never blended in one sentence: the municipality's budget effect (the only track
that "pays back": gains the municipality reaps and takes out, minus costs) and the total value
incl. released time (capacity valued at the hourly cost, and gains others reap). Which sentence
applies (reached or not, gain or loss, budget or released time) is decided here; the wording
lives in the string catalogue (ui/strings/meeting.py) and the numbers are formatted there in the
reader's language. A headline is a catalogue key plus typed values.

Aarhus toilet (kr 40,000; 1 hour a day at kr 300, nothing taken out): budget effect −40,000 kr
over 10 years, never paid back; total value incl. released time covers the costs after 4.4
months, 10 × 109,500 − 40,000 = kr 1,055,000 net; 365 hours a year = 365 / 1,924 = 0.19 FTE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from calculators.assessment import evaluate
from calculators.cashflow import cashflow_table, monthly_flows
from calculators.drivers import break_even, main_driver
from calculators.metrics import Metrics, compute_metrics
from calculators.model import Beneficiary, GainKind, Risk, RiskLevel, Scenario
from calculators.ranges import scenario_set
from calculators.risk_pool import Pool, case_pools, risk_pool
from calculators.vtv import Summary

RISK_ORDER = {RiskLevel.LARGE: 0, RiskLevel.MEDIUM: 1, RiskLevel.SMALL: 2}
MAIN_RISKS = 3


class Value(NamedTuple):
    """A number with its unit, formatted by the reader's language: kr, months, hours, minutes,
    fte, count, share, text, or an enum label prefix such as "period" (value = enum value)."""

    unit: str
    value: float | str


@dataclass(frozen=True)
class Headline:
    key: str
    values: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Briefing:
    """Everything a meeting, a PDF or a pitch says about one scenario."""

    decision: Headline
    budget_payback: Headline
    budget_net: Headline
    budget_npv: Headline
    budget_year: Headline
    payback: Headline
    net: Headline
    npv: Headline
    basis: Headline
    hours: Headline | None
    taken_out: Headline | None
    fte_meaning: Headline | None
    money_split: Headline
    released_note: Headline | None
    soft_gains: Headline
    risks: Headline
    break_even: Headline | None
    main_risks: list[Risk]
    metrics: Metrics
    vtv: Headline
    vtv_summary: Summary
    range: Headline
    cases: dict[str, Metrics]
    pools: dict[str, Pool]  # the risk pool of each case; empty when no risk is quantified
    range_pool: Headline | None


def decision(scenario: Scenario, metrics: Metrics) -> Headline:
    """The decision asked for: invest this much in that technology (in so many units)."""
    what = Value("text", scenario.technology or scenario.title)
    units = scenario.scale.units
    values = {"investment": Value("kr", metrics.total_investment), "technology": what}
    if units == 1:
        return Headline("hl.decision.one", values)
    return Headline("hl.decision.many", values | {"units": Value("count", units)})


def _reached(prefix: str, scenario: Scenario, months: float | None) -> Headline:
    """"{prefix}.plain/with_implementation/never": after n months (implementation included),
    or not within the horizon."""
    if months is None:
        return Headline(f"{prefix}.never", {"years": Value("count", scenario.horizon_years)})
    implementation = scenario.scale.implementation_months
    if implementation:
        return Headline(f"{prefix}.with_implementation", {
            "months": Value("months", months), "implementation": Value("count", implementation)})
    return Headline(f"{prefix}.plain", {"months": Value("months", months)})


def budget_payback(scenario: Scenario, metrics: Metrics) -> Headline:
    """The budget track: the investment pays back after n months, or not within the horizon."""
    return _reached("hl.budget_payback", scenario, metrics.budget_payback_months)


def payback(scenario: Scenario, metrics: Metrics) -> Headline:
    """The total value incl. released time covers the costs after n months (not a payback in
    the budget), or not within the horizon."""
    return _reached("hl.payback", scenario, metrics.payback_months)


def _signed(prefix: str, amount: float, values: dict[str, Value]) -> Headline:
    """"{prefix}.gain" with the amount, "{prefix}.loss" with its size, "{prefix}.zero"."""
    if round(amount) == 0:
        return Headline(f"{prefix}.zero", values)
    key = "gain" if amount > 0 else "loss"
    return Headline(f"{prefix}.{key}", values | {"net": Value("kr", abs(amount))})


def net(scenario: Scenario, metrics: Metrics) -> Headline:
    """Total value incl. released time minus all costs over the horizon: a gain or a loss."""
    years = Value("count", scenario.horizon_years)
    key = "hl.net.gain" if metrics.total_net >= 0 else "hl.net.loss"
    return Headline(key, {"net": Value("kr", abs(metrics.total_net)), "years": years})


def budget_net(scenario: Scenario, metrics: Metrics) -> Headline:
    """The budget effect over the horizon: a saving (mindreudgift), a net cost (merudgift) or
    nothing."""
    return _signed("hl.budget_net", metrics.budget_total,
                   {"years": Value("count", scenario.horizon_years)})


def budget_year(metrics: Metrics) -> Headline:
    """The budget effect of a full operating year: a saving, a net cost or nothing."""
    return _signed("hl.budget_year", metrics.annual_budget_effect_steady_state, {})


def npv(scenario: Scenario, metrics: Metrics) -> Headline:
    return Headline("hl.npv", {"npv": Value("kr", metrics.npv),
                               "rate": Value("share", scenario.discount_rate)})


def budget_npv(scenario: Scenario, metrics: Metrics) -> Headline:
    return Headline("hl.budget_npv", {"npv": Value("kr", metrics.budget_npv),
                                      "rate": Value("share", scenario.discount_rate)})


def hours(metrics: Metrics) -> Headline | None:
    """Hours released a year in full operation and the full-time positions they equal."""
    if metrics.hours_released_per_year <= 0:
        return None
    return Headline("hl.hours", {"hours": Value("hours", metrics.hours_released_per_year),
                                 "fte": Value("fte", metrics.fte_released_per_year)})


def taken_out(metrics: Metrics) -> Headline | None:
    """Hours taken out of the budget a year in full operation (the realisation plan)."""
    if metrics.hours_released_per_year <= 0:
        return None
    if metrics.hours_taken_out_per_year <= 0:
        return Headline("hl.taken_out.none")
    return Headline("hl.taken_out", {"hours": Value("hours", metrics.hours_taken_out_per_year),
                                     "fte": Value("fte", metrics.fte_taken_out_per_year)})


def staff_group(scenario: Scenario) -> str:
    """Whose time is released: care staff, administrative staff, or staff in general."""
    for group in (Beneficiary.CARE_STAFF, Beneficiary.ADMIN_STAFF):
        if group in scenario.beneficiaries or any(
            group in soft.beneficiaries for soft in scenario.soft_gains
        ):
            return group.value
    return "staff"


def fte_meaning(scenario: Scenario, metrics: Metrics) -> Headline | None:
    """'= 0.19 full-time care workers': the FTE in terms leadership recognises."""
    if metrics.hours_released_per_year <= 0:
        return None
    return Headline(f"hl.fte_meaning.{staff_group(scenario)}",
                    {"fte": Value("fte", metrics.fte_released_per_year)})


def money_split(budget: float, kept: float, total: float) -> Headline:
    """Where a full operating year's gains go, never blended into one figure: the municipality's
    budget (its own savings, avoided costs, income and released time taken out), released time
    that stays in the unit as capacity, and gains others reap (region, state, citizen, company).

    >>> money_split(0.0, 109_500.0, 109_500.0).key
    'hl.split.kept_only'
    >>> split = money_split(54_750.0, 54_750.0, 109_500.0)
    >>> split.key, split.values["share"].value, split.values["others"].value
    ('hl.split.mixed', 0.5, 0.0)
    """
    others = total - budget - kept
    if total <= 0:
        return Headline("hl.split.none")
    parts = {"budget": budget, "kept": kept, "others": others}
    only = [name for name, amount in parts.items() if round(amount) != 0]
    if len(only) == 1:
        return Headline(f"hl.split.{only[0]}_only", {only[0]: Value("kr", parts[only[0]])})
    return Headline("hl.split.mixed", {name: Value("kr", amount) for name, amount in parts.items()}
                    | {"total": Value("kr", total), "share": Value("share", budget / total)})


def soft_gains(scenario: Scenario) -> Headline:
    if not scenario.soft_gains:
        return Headline("hl.soft.none")
    return Headline("hl.soft.count", {"count": Value("count", len(scenario.soft_gains))})


def main_risks(scenario: Scenario, limit: int = MAIN_RISKS) -> list[Risk]:
    """The largest risks first, in the order written within a level."""
    return sorted(scenario.risks, key=lambda r: RISK_ORDER[r.level])[:limit]


def risks(scenario: Scenario, pool: Pool | None = None) -> Headline:
    """How many risks and how many of them large (Danish and English need the variants); with
    a quantified risk pool, its expected cost and the NPV after it (`pool`: the scenario's
    risk_pool, when the caller has it)."""
    if any(risk.quantified for risk in scenario.risks):
        pool = pool or risk_pool(scenario)
        return Headline("hl.risks.pool", {"count": Value("count", len(pool.risks)),
                                          "pool": Value("kr", pool.expected_cost),
                                          "npv": Value("kr", pool.npv_after_pool)})
    large = sum(r.level is RiskLevel.LARGE for r in scenario.risks)
    if not scenario.risks:
        return Headline("hl.risks.none")
    if len(scenario.risks) == 1:
        return Headline("hl.risks.one", {"level": Value("risk", scenario.risks[0].level.value)})
    count = Value("count", len(scenario.risks))
    if not large:
        return Headline("hl.risks.no_large", {"count": count})
    return Headline("hl.risks.many", {"count": count, "large": Value("count", large)})


def break_even_headline(scenario: Scenario) -> Headline | None:
    """How small the main gain may get and still pay back within the horizon."""
    driver = main_driver(scenario)
    if driver is None:
        return None
    needed = break_even(scenario, driver.key)
    if needed is None:
        return None
    line = next(g for g in scenario.gains if f"gain.{g.id}.quantity" == driver.key)
    values = {"name": Value("text", line.name), "period": Value("period", line.period.value),
              "years": Value("count", scenario.horizon_years),
              "current": Value("hours" if line.kind is GainKind.RELEASED_TIME else "kr",
                               line.quantity)}
    if line.kind is GainKind.RELEASED_TIME:
        return Headline("hl.break_even.hours", values | {"minutes": Value("minutes", needed * 60)})
    return Headline("hl.break_even.kr", values | {"needed": Value("kr", needed)})


def vtv_profile(summary: Summary) -> Headline:
    """The VTV verdict, the mean of the category scores (1–5) and the weakest category."""
    if summary.overall is None or summary.weakest is None:
        return Headline("hl.vtv.none")
    return Headline(f"hl.vtv.{summary.verdict}", {
        "overall": Value("score", summary.overall),
        "weakest": Value("vtv_category", summary.weakest.value),
        "weakest_score": Value("score", summary.category_scores[summary.weakest]),
    })


def case_range(scenario: Scenario, cases: dict[str, Metrics]) -> Headline:
    """Worst and best case from the scenario's ranges: payback and net over the horizon."""
    if not scenario.ranges:
        return Headline("hl.range.none")
    worst, best = cases["worst"], cases["best"]
    values = {"worst_net": Value("kr", worst.total_net), "best_net": Value("kr", best.total_net),
              "years": Value("count", scenario.horizon_years)}
    if best.payback_months is None:
        return Headline("hl.range.never", values)
    if worst.payback_months is None:
        return Headline("hl.range.worst_never",
                        values | {"best": Value("months", best.payback_months)})
    return Headline("hl.range.payback", values | {
        "worst": Value("months", worst.payback_months),
        "best": Value("months", best.payback_months)})


def range_pool(scenario: Scenario, pools: dict[str, Pool]) -> Headline | None:
    """The NPV after each case's risk pool (worst, base, best), with ranges and a pool."""
    if not scenario.ranges or not pools:
        return None
    return Headline("hl.range.pool", {name: Value("kr", pool.npv_after_pool)
                                      for name, pool in pools.items()})


def briefing(scenario: Scenario) -> Briefing:
    """All headlines of a scenario, computed once from the engine's numbers.

    >>> from calculators.scenario_file import load_sample
    >>> b = briefing(load_sample("aarhus_toilet"))
    >>> b.payback.key, round(b.payback.values["months"].value, 2), b.budget_payback.key
    ('hl.payback.plain', 4.38, 'hl.budget_payback.never')
    >>> b.net.values["net"].value, round(b.hours.values["fte"].value, 2)
    (1055000.0, 0.19)
    """
    metrics = compute_metrics(scenario)
    case_set = scenario_set(scenario)
    cases = {name: metrics if name == "base" else compute_metrics(case)
             for name, case in case_set.items()}
    pools = case_pools(case_set, cases)
    summary = evaluate(scenario).summary
    last = cashflow_table(scenario, monthly_flows(scenario)).iloc[-1]
    kept = float(last["released_time_kept"])
    split = money_split(float(last["budget_gains"]), kept, float(last["total_gains"]))
    return Briefing(
        decision=decision(scenario, metrics),
        budget_payback=budget_payback(scenario, metrics),
        budget_net=budget_net(scenario, metrics),
        budget_npv=budget_npv(scenario, metrics),
        budget_year=budget_year(metrics),
        payback=payback(scenario, metrics),
        net=net(scenario, metrics),
        npv=npv(scenario, metrics),
        basis=Headline(f"hl.basis.{scenario.estimate_basis.value}"),
        hours=hours(metrics),
        taken_out=taken_out(metrics),
        fte_meaning=fte_meaning(scenario, metrics),
        money_split=split,
        released_note=Headline("hl.released_note") if round(kept) > 0 else None,
        soft_gains=soft_gains(scenario),
        risks=risks(scenario, pools.get("base")),
        break_even=break_even_headline(scenario),
        main_risks=main_risks(scenario),
        metrics=metrics,
        vtv=vtv_profile(summary),
        vtv_summary=summary,
        range=case_range(scenario, cases),
        cases=cases,
        pools=pools,
        range_pool=range_pool(scenario, pools),
    )
