"""Plain-language takeaways of the analysis, in the user's language, from calculator results.
No Streamlit here, so every sentence is testable; no arithmetic beyond unit conversion."""

from __future__ import annotations

import math

import pandas as pd

from calculators.drivers import Driver
from calculators.fund import FundPlan
from calculators.metrics import Metrics
from calculators.model import GainKind, Scenario
from calculators.montecarlo import MonteCarloSummary
from calculators.procurement import Procurement, Threshold, threshold_table
from calculators.rollout import RolloutSummary
from calculators.sensitivity import BreakEven, Grid
from ui.formatting import format_dkk, format_number, format_share, format_significant
from ui.i18n import has, translate
from ui.safe_text import md

MINUTES_BELOW_HOURS = 2.0
PERCENT_FIELDS = frozenset({"adoption", "realisation", "discount_rate"})


def shown_value(field: str, value: float) -> float:
    """A driver's value as the user sees it: shares (fractions in the model) in per cent."""
    return value * 100 if field in PERCENT_FIELDS else value


def driver_value_text(lang: str, field: str, value: float) -> str:
    """'70 %' for a share, '0,1238' or '35.000' for any other driver value."""
    if field in PERCENT_FIELDS and math.isfinite(value):
        whole = round(value * 100, 6).is_integer()
        return format_share(value, lang, 0 if whole else 1)
    return format_significant(value, lang)


def tidy(sentence: str) -> str:
    """One full stop where an amount ending in 'kr.' closes the sentence."""
    return sentence.replace("..", ".")


def say(lang: str, key: str, **values: object) -> str:
    return tidy(translate(lang, key, **values))


def driver_label(lang: str, driver: Driver) -> str:
    """'Sparet personaletid – Mængde' for a line's driver, the field's name for a scale one."""
    field = say(lang, f"field.{driver.field}") if has(f"field.{driver.field}") else \
        driver.field
    return f"{driver.line_name} – {field}" if driver.line_name else field


def one_way_table(lang: str, table: pd.DataFrame, found: list[Driver]) -> pd.DataFrame:
    """The one-way sensitivity results as shown: driver values as in the range editor (shares
    in %), NPV in kroner, payback in months."""
    by_key = {driver.key: driver for driver in found}
    fields = [by_key[key].field for key in table["key"]]

    def values(column: str) -> list[str]:
        return [driver_value_text(lang, field, value)
                for field, value in zip(fields, table[column], strict=True)]

    return pd.DataFrame({
        say(lang, "an.driver"): [driver_label(lang, by_key[key]) for key in table["key"]],
        say(lang, "field.low"): values("low"), say(lang, "an.expected"): values("expected"),
        say(lang, "field.high"): values("high"),
        say(lang, "an.npv_low"): [format_dkk(v, lang) for v in table["npv_low"]],
        say(lang, "an.npv_high"): [format_dkk(v, lang) for v in table["npv_high"]],
        say(lang, "an.payback_low"): [format_number(v, lang, 1) for v in table["payback_low"]],
        say(lang, "an.payback_high"): [format_number(v, lang, 1) for v in table["payback_high"]],
    })


def months_text(lang: str, months: float | None, in_sentence: bool = True) -> str:
    if months is None or not math.isfinite(months):
        return say(lang, "an.beyond_horizon" if in_sentence else "unit.not_within_horizon")
    return say(lang, "unit.months", value=format_number(months, lang, 1))


def within_text(lang: str, months: float) -> str:
    """'2 år' for two or more whole years, otherwise '18 mdr.'."""
    if months % 12 == 0 and months >= 24:
        return say(lang, "an.years_text", value=format_number(months / 12, lang))
    decimals = 0 if float(months).is_integer() else 1
    return say(lang, "unit.months", value=format_number(months, lang, decimals))


def quantity_text(lang: str, scenario: Scenario, driver: Driver, value: float) -> str:
    """A gain quantity in words: minutes or hours of staff time, or kroner, per period."""
    line = next(g for g in scenario.gains if f"gain.{g.id}.quantity" == driver.key)
    period = say(lang, f"per.{line.period.value}")
    if line.kind is not GainKind.RELEASED_TIME:
        return say(lang, "an.kr_per", value=format_dkk(value, lang), period=period)
    if value < MINUTES_BELOW_HOURS:
        return say(lang, "an.minutes_per", value=format_number(value * 60, lang),
                         period=period)
    return say(lang, "an.hours_per", value=format_number(value, lang, 1), period=period)


def break_even_sentences(lang: str, scenario: Scenario, result: BreakEven) -> list[str]:
    """The break-even sentence and how far today's estimate is from it."""
    context = {"title": md(scenario.technology or scenario.title),
               "within": within_text(lang, result.within_months),
               "line": md(result.driver.line_name or "")}
    if result.needed is None:
        return [say(lang, "an.break_even_never", **context)]
    if result.needed == 0:
        return [say(lang, "an.break_even_zero", **context)]
    needed = quantity_text(lang, scenario, result.driver, result.needed)
    current = quantity_text(lang, scenario, result.driver, result.current)
    headroom = result.headroom
    key = "an.break_even_distance_above" if headroom >= 0 else "an.break_even_distance_below"
    return [say(lang, "an.break_even_sentence", needed=needed, **context),
            say(lang, key, current=current, share=format_share(abs(headroom), lang))]


def scenarios_takeaway(lang: str, metrics: dict[str, Metrics]) -> str:
    return say(lang, "an.scenarios_takeaway",
                     **{name: months_text(lang, m.payback_months) for name, m in metrics.items()})


def tornado_takeaways(lang: str, table: pd.DataFrame, labels: dict[str, str]) -> tuple[str, str]:
    """Which driver moves NPV most, and which moves payback most."""
    top = table.iloc[0]
    npv = say(lang, "an.tornado_takeaway", driver=labels[top["key"]],
                    low=format_dkk(top["npv_low"], lang), high=format_dkk(top["npv_high"], lang))
    by_payback = table.sort_values("payback_swing", ascending=False, kind="stable").iloc[0]
    payback = say(lang, "an.tornado_payback_takeaway", driver=labels[by_payback["key"]],
                        low=months_text(lang, by_payback["payback_low"]),
                        high=months_text(lang, by_payback["payback_high"]))
    return npv, payback


def two_way_takeaway(lang: str, grid: Grid) -> str:
    x, y = driver_label(lang, grid.x), driver_label(lang, grid.y)
    if grid.share_negative == 0:
        return say(lang, "an.two_way_all_positive", x=x, y=y)
    return say(lang, "an.two_way_some_negative", x=x, y=y,
                     share=format_share(grid.share_negative, lang))


def monte_carlo_takeaways(lang: str, summary: MonteCarloSummary,
                          rate: float) -> tuple[str, str, str]:
    """The NPV band, and how often and how fast the investment pays back, simple and
    discounted at `rate`."""
    npv = {f"p{p}": format_dkk(v, lang) for p, v in summary.npv_percentiles.items()}
    within = within_text(lang, 12 * summary.within_years)
    simple, discounted = (
        say(lang, key, within=within, rate=format_share(rate, lang, 1),
            share=format_share(found.probability_within, lang),
            p50=months_text(lang, found.percentiles[50]))
        for key, found in (("an.mc_payback_takeaway", summary.payback),
                           ("an.mc_discounted_payback_takeaway", summary.discounted_payback)))
    return say(lang, "an.mc_npv_takeaway", **npv), simple, discounted


def payback_table(lang: str, summary: MonteCarloSummary, rate: float) -> pd.DataFrame:
    """Simple and discounted payback side by side (a column each): P10/P50/P90 in months and
    the shares of draws paid back within the horizon and within the chosen years."""
    measures = {say(lang, "an.simple"): summary.payback,
                say(lang, "an.discounted", rate=format_share(rate, lang, 1)):
                    summary.discounted_payback}
    within = within_text(lang, 12 * summary.within_years)
    rows = [say(lang, "an.percentile", p=p) for p in summary.payback.percentiles]
    rows += [say(lang, "an.p_in_horizon"), say(lang, "an.p_within", within=within)]
    columns = {say(lang, "an.statistic"): rows}
    for name, found in measures.items():
        columns[name] = [months_text(lang, v, in_sentence=False)
                         for v in found.percentiles.values()]
        columns[name] += [format_share(found.probability_in_horizon, lang),
                          format_share(found.probability_within, lang)]
    return pd.DataFrame(columns)


def rollout_takeaway(lang: str, summary: RolloutSummary) -> str:
    if not summary.units:
        return say(lang, "ro.no_units")
    return say(lang, "ro.takeaway", units=format_number(summary.units, lang),
                     investment=format_dkk(summary.per_unit(summary.investment), lang),
                     annual=format_dkk(summary.per_unit(summary.annual_net), lang))


def fund_takeaway(lang: str, plan: FundPlan) -> str:
    money = {"loan": format_dkk(plan.loan, lang), "pledge": format_dkk(plan.annual_pledge, lang)}
    if plan.repaid_after_years is None:
        first = say(lang, "fund.not_repaid", pledge_years=plan.pledge_years,
                          outstanding=format_dkk(plan.outstanding, lang), **money)
    else:
        first = say(lang, "fund.repaid", years=format_number(plan.repaid_after_years,
                                                                   lang, 1), **money)
    if plan.uncovered_years:
        years = ", ".join(str(y) for y in plan.uncovered_years)
        second = say(lang, "fund.uncovered", years=years)
    else:
        second = say(lang, "fund.all_covered")
    after = plan.schedule[plan.schedule["repayment"] == 0]
    third = say(lang, "fund.after", kept=format_dkk(after["kept"].iloc[-1], lang)) \
        if len(after) else ""
    return " ".join(part for part in (first, second, third) if part)


def procurement_takeaway(lang: str, result: Procurement) -> str:
    context = {"value": format_dkk(result.value, lang), "years": result.years}
    if result.route is None:
        return say(lang, "proc.takeaway_no_row", year=result.year, **context)
    context["route"] = say(lang, f"proc.route.{result.route.value}")
    room = result.to_threshold
    if room is None:
        return say(lang, "proc.takeaway_over", **context)
    return say(lang, "proc.takeaway_below", room=format_dkk(room, lang),
               threshold=format_dkk(result.threshold.amount_dkk, lang), **context)


def threshold_line(lang: str, row: Threshold) -> str:
    """One threshold with its period, euro figure (estimated kroner marked), law and source."""
    kind = say(lang, f"threshold_kind.{row.kind.value}")
    if row.user_entered:
        return say(lang, "proc.threshold_user", kind=kind, dkk=format_dkk(row.amount_dkk, lang),
                   source=md(row.source) or "–")
    start = row.valid_from.year
    period = say(lang, "proc.from", start=start) if row.valid_to is None else \
        say(lang, "proc.until", start=start, end=row.valid_to.year)
    eur = ""
    if row.amount_eur is not None:
        euro = format_number(row.amount_eur, lang, 0)
        eur = say(lang, "proc.eur", eur=euro) if row.estimated_rate is None else \
            say(lang, "proc.eur_estimated", eur=euro,
                rate=format_number(row.estimated_rate, lang, 4).rstrip("0"))
    return say(lang, "proc.threshold", kind=kind, period=period,
               dkk=format_dkk(row.amount_dkk, lang), eur=eur, law=row.law, source=row.source)


def threshold_frame(lang: str) -> pd.DataFrame:
    """The whole dated threshold table, as shipped, for the page."""
    rows = threshold_table()
    return pd.DataFrame({
        say(lang, "proc.col.from"): [row.valid_from.isoformat() for row in rows],
        say(lang, "proc.col.to"): [row.valid_to.isoformat() if row.valid_to else "–"
                                   for row in rows],
        say(lang, "proc.col.kind"): [say(lang, f"threshold_kind.{row.kind.value}")
                                     for row in rows],
        say(lang, "proc.col.dkk"): [format_dkk(row.amount_dkk, lang) for row in rows],
        say(lang, "proc.col.eur"): [format_number(row.amount_eur, lang, 0)
                                    if row.amount_eur else "–" for row in rows],
        say(lang, "proc.col.rate"): [format_number(row.estimated_rate, lang, 4)
                                     if row.estimated_rate else "–" for row in rows],
        say(lang, "proc.col.law"): [row.law for row in rows],
        say(lang, "proc.col.source"): [row.source for row in rows],
    })
