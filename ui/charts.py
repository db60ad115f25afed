"""Plotly figures for the projector: data in, figure out; large fonts, few colours, kr. axes."""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from calculators.cashflow import GAIN_COLUMNS, MonthlyFlows, cumulative_curve
from calculators.metrics import Metrics
from ui.figures import Spec, figure, merged, relaid, trace
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

def chart_layout(lang: str, title: str, y_title: str, x_title: str) -> Spec:
    """The layout every chart starts from: projector type, the title below the toolbar, the
    legend under the plot, kroner with the language's separators on the y-axis."""
    return {
        "title": {"text": title, "font": {"size": FONT_SIZE + 6}, "yref": "container", "y": 1,
                  "yanchor": "top", "pad": {"t": MODEBAR_PX}},
        "font": {"size": FONT_SIZE, "family": "Arial, Helvetica, sans-serif"},
        "separators": SEPARATORS[lang],
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        "margin": {"l": 20, "r": 20, "t": TITLE_MARGIN_PX, "b": 20},
        "height": 520,
        "hovermode": "x unified",
        "yaxis": {"title": {"text": y_title}, "tickformat": ",.0f", "zeroline": True,
                  "zerolinewidth": 2, "zerolinecolor": "#555"},
        "xaxis": {"title": {"text": x_title}, **({"dtick": 1} if x_title else {})},
    }


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
    top = max(MODEBAR_PX, top - TITLE_MARGIN_PX + MODEBAR_PX)
    return title, relaid(fig, {"title": None, "margin": {"t": top}})


def cashflow_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Costs below zero and gains above, stacked by kind, one bar per year; the net incl.
    released time and the budget effect as lines."""
    years = table["year"].to_numpy()
    bars = [(-table[column], translate(lang, f"chart.{column}"), COLOURS[column])
            for column in ("one_off_costs", "recurring_costs")]
    bars += [(table[column], label_for(lang, "gain_kind", kind.value), COLOURS[column])
             for kind, column in GAIN_COLUMNS.items()]
    data = [trace("bar", x=years, y=values.to_numpy(), name=name, marker={"color": colour})
            for values, name, colour in bars if values.abs().sum() > 0]
    data.append(trace("scatter", x=years, y=table["net"].to_numpy(),
                      name=translate(lang, "chart.net"), mode="lines+markers",
                      line={"color": COLOURS["net"], "width": 3}, marker={"size": 9}))
    data.append(trace("scatter", x=years, y=table["budget_effect"].to_numpy(),
                      mode="lines+markers", name=translate(lang, "chart.cumulative_budget"),
                      line={"color": COLOURS["budget"], "width": 3, "dash": "dot"},
                      marker={"size": 9, "symbol": "square"}))
    layout = chart_layout(lang, translate(lang, "chart.cashflow_title"),
                          translate(lang, "chart.kr"), translate(lang, "chart.year"))
    return figure(data, merged(layout, {"barmode": "relative"}))


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


def _track(curve: Curve, track: str, lang: str) -> tuple[list[Spec], list[Spec]]:
    """(traces, annotations) of a cumulative line with its payback point (a diamond and a
    label in the line's colour); a budget track that never pays back says so at its end."""
    style = TRACK_STYLE[track]
    colour = style["colour"]
    line = trace("scatter", x=curve.times, y=curve.values, mode="lines",
                 name=translate(lang, style["name"]),
                 line={"color": colour, "width": style["width"], "dash": style["dash"]})
    if curve.payback_months is None:
        if track != "budget":
            return [line], []
        return [line], [{"x": curve.times[-1], "y": curve.values[-1], "xanchor": "right",
                         "yanchor": "top", "yshift": -8, "showarrow": False, "bgcolor": "white",
                         "text": f"<b>{translate(lang, 'chart.budget_never')}</b>",
                         "font": {"size": FONT_SIZE, "color": colour}}]
    x = curve.payback_months / 12
    text = translate(lang, style["at"], months=format_number(curve.payback_months, lang, 1))
    point = trace("scatter", x=[x], y=[0], mode="markers", name=text, showlegend=False,
                  marker={"color": colour, "size": 18, "symbol": "diamond",
                          "line": {"color": "white", "width": 2}})
    left = x < curve.times[-1] / 2  # the label runs away from the nearer edge
    label = {"x": x, "y": 0, "text": f"<b>{text}</b>", "showarrow": True, "arrowhead": 2,
             "ax": 30 if left else -30, "ay": style["ay"], "xanchor": "left" if left else "right",
             "font": {"size": FONT_SIZE + 2, "color": colour}, "bgcolor": "white",
             "arrowcolor": colour}
    return [line, point], [label]


def tracks(flows: MonthlyFlows, metrics: Metrics) -> tuple[Curve, Curve]:
    """(total value incl. released time, budget effect) as cumulative curves with paybacks."""
    return (Curve(*cumulative_curve(flows), metrics.payback_months),
            Curve(*cumulative_curve(flows, budget=True), metrics.budget_payback_months))


def cumulative_figure(value: Curve, budget: Curve | None, lang: str) -> go.Figure:
    """The cumulative budget effect and the cumulative total value incl. released time, each
    labelled, with its payback point where reached (two tracks, never one blended line)."""
    data: list[Spec] = []
    notes: list[Spec] = []
    for curve, track in ((budget, "budget"), (value, "value")):
        if curve is not None:
            traces, labels = _track(curve, track, lang)
            data += traces
            notes += labels
    layout = chart_layout(lang, translate(lang, "chart.cumulative_title"),
                          translate(lang, "chart.kr"), translate(lang, "chart.year"))
    return figure(data, merged(layout, {"xaxis": {"range": [0, value.times[-1]]},
                                        "annotations": notes}))


def for_projector(fig: go.Figure, height: int = 560) -> go.Figure:
    """The same figure with larger type and a thicker line for a full-screen slide."""
    right_end = max((max(item.x) for item in fig.data if item.x is not None), default=0)
    notes = []
    for note in fig.layout.to_plotly_json().get("annotations", []):
        note = merged(note, {"font": {"size": note.get("font", {}).get("size", FONT_SIZE) + 6}})
        if note.get("showarrow"):
            left = note["x"] < right_end / 2
            note |= {"ax": 60, "xanchor": "left"} if left else {"ax": -60, "xanchor": "right"}
            note["ay"] = 90 if note["ay"] > 0 else -90
        notes.append(note)
    return relaid(fig, {"font": {"size": FONT_SIZE + 6},
                        "title": {"font": {"size": FONT_SIZE + 14}}, "height": height,
                        "margin": {"l": 30, "r": 30, "t": TITLE_MARGIN_PX + 10, "b": 30}},
                  {"annotations": notes})
