"""Figures of the compare and portfolio pages: data in, figure out (testable without a browser)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from calculators.portfolio import Candidate, Criterion
from ui.charts import COLOURS, chart_layout
from ui.figures import figure, merged, trace
from ui.formatting import format_dkk, format_number
from ui.i18n import translate
from ui.safe_text import chart

SERIES_COLOURS = ("#1F5F99", "#E67E22", "#2E8B57", "#B03A2E", "#7A4FA0", "#1B1B1B")
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "solid")
NOT_CHOSEN = "#BFBFBF"
MAX_BARS = 20
MAX_LABEL = 45
MONEY = frozenset({Criterion.NPV, Criterion.BUDGET_NPV})


def short(text: str, length: int = MAX_LABEL) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def compare_figure(curves: list[tuple[str, np.ndarray, np.ndarray]], lang: str,
                   title: str = "cmp.chart_title.value") -> go.Figure:
    """One cumulative track (budget effect, or value incl. released time) of each scenario,
    one line each, distinct colour and dash; `title` is the catalogue key naming the track."""
    data = [trace("scatter", x=times, y=values, mode="lines", name=chart(short(name)),
                  line={"color": SERIES_COLOURS[n % 6], "width": 4, "dash": SERIES_DASHES[n % 6]})
            for n, (name, times, values) in enumerate(curves)]
    layout = chart_layout(lang, translate(lang, title), translate(lang, "chart.kr"),
                          translate(lang, "chart.year"))
    return figure(data, merged(layout, {"legend": {"y": -0.22}}))


def objective_text(value: float, objective: Criterion, lang: str) -> str:
    if objective in MONEY:
        return format_dkk(value, lang)
    return translate(lang, "unit.hours", value=format_number(value, lang))


def bar_label(candidate: Candidate) -> str:
    return chart(f"{short(candidate.title)} ({candidate.key})")


def portfolio_figure(ranked: list[Candidate], chosen: set[str], objective: Criterion,
                     budget: float, lang: str) -> go.Figure:
    """The objective of each case as a horizontal bar, chosen ones coloured: the chosen set
    and the best of the rest (at most MAX_BARS bars, best at the top)."""
    picked = [c for c in ranked if c.key in chosen]
    rest = [c for c in ranked if c.key not in chosen][: max(MAX_BARS - len(picked), 0)]
    shown = sorted(picked + rest, key=lambda c: c.value(objective) or 0.0)
    data = []
    for group, colour, label in ((picked, COLOURS["positive"], "pf.chart_chosen"),
                                 (rest, NOT_CHOSEN, "pf.chart_not_chosen")):
        members = [c for c in shown if c in group]
        values = [c.value(objective) for c in members]
        data.append(trace("bar", x=values, y=[bar_label(c) for c in members], orientation="h",
                          marker={"color": colour}, name=translate(lang, label),
                          text=[objective_text(v, objective, lang) for v in values],
                          textposition="outside", cliponaxis=False))
    unit = "chart.kr" if objective in MONEY else "pf.col_hours"
    values = [c.value(objective) or 0.0 for c in shown] or [0.0]
    layout = merged(chart_layout(lang, translate(lang, "pf.chart_title",
                                                 budget=format_dkk(budget, lang)),
                                 "", translate(lang, unit)),
                    # amounts, not years, along x; case names, not kroner, along y
                    {"xaxis": {"tickformat": ",.0f", "dtick": None,
                               "range": [min(min(values), 0) * 1.35,
                                         max(max(values), 0) * 1.35 or 1]},
                     "yaxis": {"categoryorder": "array", "tickformat": None,
                               "categoryarray": [bar_label(c) for c in shown]},
                     "hovermode": "closest", "barmode": "overlay",
                     "height": max(420, 140 + 38 * len(shown))})
    return figure(data, layout)
