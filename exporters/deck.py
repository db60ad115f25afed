"""The meeting slides as data: what each slide says and which numbers its chart shows.

Meeting mode (pages/meeting.py) draws these slides on screen and the PowerPoint export
(exporters/pptx_report.py) writes the same slides with native charts, so both say the same
thing. Every sentence comes from the headlines (calculators/headlines.py), every number from
the engine; nothing here computes a figure of its own. Pure Python, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.headlines import (
    Briefing,
    Headline,
    Value,
    briefing,
    budget_net,
    budget_payback,
    net,
    payback,
)
from calculators.metrics import compute_metrics
from calculators.model import EstimateBasis, RiskLevel, Scenario
from calculators.ranges import scenario_set
from calculators.vtv import Category
from ui.formatting import format_dkk, format_number
from ui.headlines import format_value, price_note, sentence
from ui.i18n import label_for, translate

CASES = ("worst", "base", "best")


@dataclass(frozen=True)
class Stamp:
    """Where the figures come from: the library version they were computed from (author and
    version when the case was opened from the library) and the date of the figures."""

    on: date
    author: str = ""
    version: int | None = None
    library_id: int | None = None


@dataclass(frozen=True)
class BigFigure:
    value: str
    label: str
    negative: bool = False


@dataclass(frozen=True)
class Line:
    """A line of text; style "text", "note" (smaller) or "warning" (highlighted)."""

    text: str
    style: str = "text"


@dataclass(frozen=True)
class Bullet:
    text: str
    level: RiskLevel | None = None
    badge: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A chart's numbers: `kind` names the screen figure (cumulative, yearly, radar, range,
    compare), `chart_type` the PowerPoint chart (line, bar, radar)."""

    kind: str
    chart_type: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_title: str = ""
    x_title: str = ""


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    kicker: str
    statement: str = ""
    figures: tuple[BigFigure, ...] = ()
    lines: tuple[Line, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    chart: Chart | None = None
    footer: str = ""


def format_day(on: date, lang: str) -> str:
    """The date of the figures as a reader writes it.

    >>> format_day(date(2026, 12, 1), "da"), format_day(date(2026, 12, 1), "en")
    ('1.12.2026', '1 Dec 2026')
    """
    return f"{on.day}.{on.month}.{on.year}" if lang == "da" else on.strftime("%-d %b %Y")


def figures_line(scenario: Scenario, stamp: Stamp, lang: str) -> str:
    """'Figures as of 1 Dec 2026: "title", version 3 in the library (Anne Holm)'."""
    if stamp.version is None:
        what = translate(lang, "deck.what_unsaved", title=scenario.title)
    else:
        what = translate(lang, "deck.what_saved", title=scenario.title, version=stamp.version,
                         author=stamp.author or "–")
    return translate(lang, "deck.figures_of", date=format_day(stamp.on, lang), what=what)


def sources(scenario: Scenario) -> list[str]:
    """The sources of the scenario's inputs, each once, in the order they appear."""
    found = [*scenario.sources.values(), *(line.source for line in scenario.costs),
             *(line.source for line in scenario.gains)]
    return list(dict.fromkeys(s for s in found if s))


def money_sources(scenario: Scenario) -> list[str]:
    """The sources of the cost and gain lines: what the economic figures rest on."""
    found = [*(line.source for line in scenario.costs), *(line.source for line in scenario.gains)]
    return list(dict.fromkeys(s for s in found if s))


def payback_figure(months: float | None, lang: str) -> str:
    if months is None:
        return translate(lang, "unit.not_within_horizon")
    return translate(lang, "unit.months", value=format_number(months, lang, 1))


def hours_fte(hours: float, fte: float, lang: str) -> str:
    """'365 h = 0.19 FTE'."""
    return translate(lang, "deck.hours_fte", hours=format_number(hours, lang),
                     fte=format_value(Value("fte", fte), lang))


def key_figures(scenario: Scenario, b: Briefing,
                lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The key figures as (track heading, [(label, value)]): one section per track, the budget
    effect first and the total value incl. released time apart from it; the PDF's cards and the
    council paper's table."""
    m = b.metrics
    rate = format_number(scenario.discount_rate * 100, lang, 1)
    years = scenario.horizon_years
    budget = [
        (translate(lang, "kpi.budget_payback"), payback_figure(m.budget_payback_months, lang)),
        (translate(lang, "kpi.budget_total", years=years), format_dkk(m.budget_total, lang)),
        (translate(lang, "kpi.budget_npv", rate=rate), format_dkk(m.budget_npv, lang)),
        (translate(lang, "kpi.budget_annual"),
         format_dkk(m.annual_budget_effect_steady_state, lang)),
        (translate(lang, "deck.taken_out"),
         hours_fte(m.hours_taken_out_per_year, m.fte_taken_out_per_year, lang)),
    ]
    value = [
        (translate(lang, "kpi.payback"), payback_figure(m.payback_months, lang)),
        (translate(lang, "kpi.total_net", years=years), format_dkk(m.total_net, lang)),
        (translate(lang, "kpi.npv", rate=rate), format_dkk(m.npv, lang)),
        (translate(lang, "kpi.hours"),
         hours_fte(m.hours_released_per_year, m.fte_released_per_year, lang)),
    ]
    return [(translate(lang, "kpi.track_budget"), budget),
            (translate(lang, "kpi.track_value"), value)]


def yearly_categories(scenario: Scenario) -> tuple[str, ...]:
    """Years after the investment, 0 to the horizon: the x-axis of the screen's charts."""
    return tuple(str(y) for y in range(scenario.horizon_years + 1))


def cumulative_chart(scenario: Scenario, lang: str) -> Chart:
    """Both tracks at the end of each year after the investment (year 0 holds the investment):
    the cumulative budget effect and the cumulative total value incl. released time."""
    table = cashflow_table(scenario, monthly_flows(scenario))
    return Chart("cumulative", "line", translate(lang, "chart.cumulative_title"),
                 yearly_categories(scenario),
                 tuple(Series(translate(lang, name), tuple(float(v) for v in table[column]))
                       for name, column in (("chart.cumulative_budget", "cumulative_budget"),
                                            ("chart.cumulative_value", "cumulative_net"))),
                 translate(lang, "chart.kr"), translate(lang, "chart.year"))


def yearly_chart(scenario: Scenario, lang: str) -> Chart:
    """Gains per year above zero and costs below, as on the screen."""
    table = cashflow_table(scenario, monthly_flows(scenario))
    return Chart("yearly", "bar", translate(lang, "pdf.bars_title"), yearly_categories(scenario),
                 (Series(translate(lang, "pdf.gains"),
                         tuple(float(v) for v in table["total_gains"])),
                  Series(translate(lang, "pdf.costs"),
                         tuple(-float(v) for v in table["total_costs"]))),
                 translate(lang, "chart.kr"), translate(lang, "chart.year"))


def radar_chart(b: Briefing, lang: str) -> Chart:
    """The VTV category scores (1–5); a category not assessed is drawn at 0."""
    scores = b.vtv_summary.category_scores
    return Chart("radar", "radar", translate(lang, "vtv_chart.radar_title"),
                 tuple(label_for(lang, "vtv_category", c.value) for c in Category),
                 (Series(translate(lang, "deck.score"),
                         tuple(float(scores.get(c) or 0.0) for c in Category)),))


def range_chart(scenario: Scenario, lang: str) -> Chart:
    """Cumulative net at each year end for the worst, base and best case."""
    cases = scenario_set(scenario)
    series = []
    for name in CASES:
        table = cashflow_table(cases[name], monthly_flows(cases[name]))
        series.append(Series(translate(lang, f"an.{name}"),
                             tuple(float(v) for v in table["cumulative_net"])))
    return Chart("range", "line", translate(lang, "an.scenarios_title"),
                 yearly_categories(scenario), tuple(series), translate(lang, "chart.kr"),
                 translate(lang, "chart.year"))


def compare_chart(cases: list[Scenario], lang: str) -> Chart:
    """The cumulative budget effect of each compared case at each year end of the longest
    horizon (the track that pays back; the slide's lines give both tracks)."""
    longest = max(cases, key=lambda c: c.horizon_years)
    series = []
    for case in cases:
        table = cashflow_table(case, monthly_flows(case))
        series.append(Series(case.title, tuple(float(v) for v in table["cumulative_budget"])))
    return Chart("compare", "line", translate(lang, "cmp.chart_title.budget"),
                 tuple(str(y) for y in range(longest.horizon_years + 1)), tuple(series),
                 translate(lang, "chart.kr"), translate(lang, "chart.year"))


def build_deck(scenario: Scenario, lang: str, stamp: Stamp,
               compared: list[Scenario] | None = None, b: Briefing | None = None) -> list[Slide]:
    """The slides of meeting mode, in order, in `lang`."""
    b = b or briefing(scenario)
    m = b.metrics

    def say(headline: Headline | None) -> str:
        return "" if headline is None else sentence(headline, lang)

    def tr(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    stamped = figures_line(scenario, stamp, lang)
    priced = f"{stamped} · {price_note(scenario, lang)}"
    money = money_sources(scenario)
    with_sources = priced + ("" if not money else " · " + tr("deck.sources",
                                                              sources="; ".join(money)))
    optimistic = scenario.estimate_basis is EstimateBasis.OPTIMISTIC
    basis = Line(say(b.basis), "warning" if optimistic else "note")
    slides = [
        Slide("decision", tr("meeting.slide_decision"), tr("meeting.kicker_decision"),
              say(b.decision),
              lines=(Line(" · ".join(p for p in (scenario.title, scenario.organisation) if p),
                          "note"), basis),
              footer=priced),
        Slide("economy", tr("meeting.slide_economy"), tr("meeting.kicker_economy"),
              figures=(BigFigure(payback_figure(m.budget_payback_months, lang),
                                 tr("meeting.budget_payback"), m.budget_payback_months is None),
                       BigFigure(format_dkk(m.budget_total, lang),
                                 tr("kpi.budget_total", years=scenario.horizon_years),
                                 m.budget_total < 0)),
              lines=(Line(say(b.budget_year)),
                     Line(f"{say(b.payback)} {say(b.net)}", "note"),
                     Line(say(b.npv), "note")),
              footer=with_sources),
        Slide("chart", tr("meeting.slide_chart"), tr("meeting.kicker_chart"),
              say(b.budget_payback), chart=cumulative_chart(scenario, lang),
              footer=with_sources),
        Slide("hours", tr("meeting.slide_hours"), tr("meeting.kicker_hours"),
              "" if b.hours else tr("meeting.no_hours"),
              figures=(() if b.hours is None else (BigFigure(
                  tr("meeting.hours_a_year",
                     hours=format_number(m.hours_released_per_year, lang)),
                  say(b.fte_meaning)),)),
              lines=tuple(Line(say(h), style) for h, style in (
                  (b.taken_out, "text"), (b.released_note, "note")) if h is not None),
              footer=with_sources),
        Slide("yearly", tr("meeting.slide_yearly"), tr("meeting.kicker_yearly"),
              say(b.money_split), chart=yearly_chart(scenario, lang), footer=with_sources),
        Slide("soft", tr("meeting.slide_soft"), tr("meeting.kicker_soft"), say(b.soft_gains),
              bullets=tuple(Bullet(tr(
                  "meeting.soft_item", text=g.description,
                  stars="●" * g.rating + "○" * (5 - g.rating),
                  who=", ".join(label_for(lang, "beneficiary", w.value)
                                for w in g.beneficiaries) or "–"))
                  for g in scenario.soft_gains),
              footer=stamped),
        Slide("vtv", tr("meeting.slide_vtv"), tr("meeting.kicker_vtv"), say(b.vtv),
              chart=None if b.vtv_summary.overall is None else radar_chart(b, lang),
              footer=stamped),
        Slide("risks", tr("meeting.slide_risks"), tr("meeting.kicker_risks"), say(b.risks),
              bullets=tuple(Bullet(r.text, r.level, label_for(lang, "risk", r.level.value))
                            for r in b.main_risks),
              lines=tuple(Line(text, "note") for text in (say(b.break_even), say(b.basis))
                          if text),
              footer=stamped),
        Slide("range", tr("meeting.slide_range"), tr("meeting.kicker_range"), say(b.range),
              chart=range_chart(scenario, lang) if scenario.ranges else None,
              lines=(Line(say(b.range_pool)),) if b.range_pool else (),
              footer=with_sources),
    ]
    if compared:
        cases = [scenario, *compared]
        rows = []
        for case in cases:
            case_metrics = m if case is scenario else compute_metrics(case)
            rows.append(Bullet(tr("meeting.compare_item", title=case.title,
                                  budget=say(budget_payback(case, case_metrics)),
                                  budget_net=say(budget_net(case, case_metrics)),
                                  payback=say(payback(case, case_metrics)),
                                  net=say(net(case, case_metrics)))))
        slides.insert(2, Slide("compare", tr("meeting.slide_compare"),
                               tr("meeting.kicker_compare"), bullets=tuple(rows),
                               chart=compare_chart(cases, lang), footer=priced))
    return slides
