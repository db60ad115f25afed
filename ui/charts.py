"""Plotly figures for the projector: data in, figure out; large fonts, few colours, kr. axes."""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from calculators.cashflow import GAIN_COLUMNS, MonthlyFlows, cumulative_curve
from calculators.metrics import Metrics
from ui.formatting import format_number
from ui.i18n import label_for, translate
from ui.safe_text import chart

FONT_SIZE = 18
COLOURS = {
    "one_off_costs": "#B03A2E",
    "recurring_costs": "#E6A29A",
    "gain_released_time": "#9DC3E6",
    "gain_budget_saving": "#1F5F99",
    "gain_avoided_cost": "#2E8B57",
    "gain_income": "#7A4FA0",
    "net": "#1B1B1B",
    "positive": "#1F5F99",
    "negative": "#B03A2E",
    "marker": "#E67E22",
    "budget": "#0B3C6E",
    "value": "#2E8B57",
}
SEPARATORS = {"da": ",.", "en": ".,"}
# Plotly's toolbar (the modebar, shown on hover) takes the top ~36 px at the right; the title
# starts below it so the toolbar never covers a title, however wide the title is.
MODEBAR_PX = 40
TITLE_MARGIN_PX = MODEBAR_PX + 48

# Plotly deep-copies and validates the default template into every new figure, and
# "plotly_white" holds defaults for every trace type: ~25 ms a figure, most of a page's rerun.
# Its layout alone gives the same look for ~1 ms, so that is the default for every figure.
LEAN_TEMPLATE = "velfaerd_white"
pio.templates[LEAN_TEMPLATE] = go.layout.Template(layout=pio.templates["plotly_white"].layout)
pio.templates.default = LEAN_TEMPLATE


def base_layout(fig: go.Figure, lang: str, title: str, y_title: str, x_title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 6}, "yref": "container", "y": 1,
               "yanchor": "top", "pad": {"t": MODEBAR_PX}},
        font={"size": FONT_SIZE, "family": "Arial, Helvetica, sans-serif"},
        separators=SEPARATORS[lang],
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        margin={"l": 20, "r": 20, "t": TITLE_MARGIN_PX, "b": 20},
        height=520,
        hovermode="x unified",
    )
    fig.update_yaxes(title=y_title, tickformat=",.0f", zeroline=True, zerolinewidth=2,
                     zerolinecolor="#555")
    fig.update_xaxes(title=x_title, dtick=1 if x_title else None)
    return fig


LABEL_CHARS = 34  # a name or axis title wraps at this many characters: it fits a phone's 390 px


def wrapped(label: str, chars: int = LABEL_CHARS) -> str:
    """Plotly draws a label on one line: this one breaks between words, as plotly markup (the
    text escaped as `ui.safe_text.chart` does)."""
    return "<br>".join(chart(line) for line in textwrap.wrap(label, chars))


def untitled(fig: go.Figure) -> tuple[str, go.Figure]:
    """(title, a copy without it) for a page that shows the title as text above the chart: it
    wraps on a phone (a plotly title is one line, cut at 390 px). The top margin loses only the
    title's share; room a figure keeps above its plot (the radar's top label) stays."""
    title = fig.layout.title.text or ""
    if not title:
        return "", fig
    top = fig.layout.margin.t if fig.layout.margin.t is not None else TITLE_MARGIN_PX
    return title, go.Figure(fig).update_layout(
        title=None, margin_t=max(MODEBAR_PX, top - TITLE_MARGIN_PX + MODEBAR_PX))


def cashflow_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Costs below zero and gains above, stacked by kind, one bar per year; the net incl.
    released time and the budget effect as lines."""
    fig = go.Figure()
    years = table["year"]
    for column in ("one_off_costs", "recurring_costs"):
        if table[column].abs().sum() > 0:
            fig.add_bar(x=years, y=-table[column], name=translate(lang, f"chart.{column}"),
                        marker_color=COLOURS[column])
    for kind, column in GAIN_COLUMNS.items():
        if table[column].abs().sum() > 0:
            fig.add_bar(x=years, y=table[column], name=label_for(lang, "gain_kind", kind.value),
                        marker_color=COLOURS[column])
    fig.add_scatter(x=years, y=table["net"], name=translate(lang, "chart.net"),
                    mode="lines+markers", line={"color": COLOURS["net"], "width": 3},
                    marker={"size": 9})
    fig.add_scatter(x=years, y=table["budget_effect"], mode="lines+markers",
                    name=translate(lang, "chart.cumulative_budget"),
                    line={"color": COLOURS["budget"], "width": 3, "dash": "dot"},
                    marker={"size": 9, "symbol": "square"})
    fig.update_layout(barmode="relative")
    return base_layout(fig, lang, translate(lang, "chart.cashflow_title"),
                       translate(lang, "chart.kr"), translate(lang, "chart.year"))


class Curve(NamedTuple):
    """One cumulative track as drawn: `calculators.cashflow.cumulative_curve` and its payback."""

    times: np.ndarray
    values: np.ndarray
    payback_months: float | None


TRACK_STYLE = {
    "budget": {"colour": COLOURS["budget"], "dash": "solid", "width": 5, "ay": 70,
               "name": "chart.cumulative_budget", "at": "chart.budget_payback_at"},
    "value": {"colour": COLOURS["value"], "dash": "dash", "width": 4, "ay": -70,
              "name": "chart.cumulative_value", "at": "chart.payback_at"},
}


def _track(fig: go.Figure, curve: Curve, track: str, lang: str) -> None:
    """A cumulative line with its payback point (a diamond and a label in the line's colour);
    a budget track that never pays back says so at its end."""
    style = TRACK_STYLE[track]
    colour = style["colour"]
    fig.add_scatter(x=curve.times, y=curve.values, mode="lines",
                    name=translate(lang, style["name"]),
                    line={"color": colour, "width": style["width"], "dash": style["dash"]})
    font = {"size": FONT_SIZE + 2, "color": colour}
    if curve.payback_months is None:
        if track == "budget":
            fig.add_annotation(x=curve.times[-1], y=curve.values[-1], xanchor="right",
                               yanchor="top", yshift=-8, showarrow=False, bgcolor="white",
                               text=f"<b>{translate(lang, 'chart.budget_never')}</b>",
                               font={"size": FONT_SIZE, "color": colour})
        return
    x = curve.payback_months / 12
    text = translate(lang, style["at"], months=format_number(curve.payback_months, lang, 1))
    fig.add_scatter(x=[x], y=[0], mode="markers", name=text, showlegend=False,
                    marker={"color": colour, "size": 18, "symbol": "diamond",
                            "line": {"color": "white", "width": 2}})
    left = x < curve.times[-1] / 2  # the label runs away from the nearer edge
    fig.add_annotation(x=x, y=0, text=f"<b>{text}</b>", showarrow=True, arrowhead=2,
                       ax=30 if left else -30, ay=style["ay"], xanchor="left" if left else "right",
                       font=font, bgcolor="white", arrowcolor=colour)


def tracks(flows: MonthlyFlows, metrics: Metrics) -> tuple[Curve, Curve]:
    """(total value incl. released time, budget effect) as cumulative curves with paybacks."""
    return (Curve(*cumulative_curve(flows), metrics.payback_months),
            Curve(*cumulative_curve(flows, budget=True), metrics.budget_payback_months))


def cumulative_figure(value: Curve, budget: Curve | None, lang: str) -> go.Figure:
    """The cumulative budget effect and the cumulative total value incl. released time, each
    labelled, with its payback point where reached (two tracks, never one blended line)."""
    fig = go.Figure()
    if budget is not None:
        _track(fig, budget, "budget", lang)
    _track(fig, value, "value", lang)
    fig.update_xaxes(range=[0, value.times[-1]])
    return base_layout(fig, lang, translate(lang, "chart.cumulative_title"),
                       translate(lang, "chart.kr"), translate(lang, "chart.year"))


def for_projector(fig: go.Figure, height: int = 560) -> go.Figure:
    """The same figure with larger type and a thicker line for a full-screen slide."""
    fig.update_layout(font={"size": FONT_SIZE + 6}, title={"font": {"size": FONT_SIZE + 14}},
                      height=height,
                      margin={"l": 30, "r": 30, "t": TITLE_MARGIN_PX + 10, "b": 30})
    right_end = max((max(trace.x) for trace in fig.data if trace.x is not None), default=0)
    for note in fig.layout.annotations:
        note.font.size = (note.font.size or FONT_SIZE) + 6
        if not note.showarrow:
            continue
        left = note.x < right_end / 2
        note.ax, note.xanchor = (60, "left") if left else (-60, "right")
        note.ay = 90 if note.ay > 0 else -90
    return fig
