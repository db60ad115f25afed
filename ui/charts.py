"""Plotly figures for the projector: data in, figure out; large fonts, few colours, kr. axes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from calculators.cashflow import GAIN_COLUMNS
from ui.formatting import format_number
from ui.i18n import label_for, translate

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
}
SEPARATORS = {"da": ",.", "en": ".,"}
# Plotly's toolbar (the modebar, shown on hover) takes the top ~36 px at the right; the title
# starts below it so the toolbar never covers a title, however wide the title is.
MODEBAR_PX = 40
TITLE_MARGIN_PX = MODEBAR_PX + 48


def base_layout(fig: go.Figure, lang: str, title: str, y_title: str, x_title: str) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
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


def cashflow_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Costs below zero and gains above, stacked by kind, one bar per year; net as a line."""
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
    fig.update_layout(barmode="relative")
    return base_layout(fig, lang, translate(lang, "chart.cashflow_title"),
                       translate(lang, "chart.kr"), translate(lang, "chart.year"))


def cumulative_figure(
    times: np.ndarray, values: np.ndarray, payback_months: float | None, lang: str
) -> go.Figure:
    """The cumulative net flow over the years, with the payback point marked."""
    fig = go.Figure()
    fig.add_scatter(x=times, y=np.minimum(values, 0), fill="tozeroy", mode="none",
                    fillcolor="rgba(176,58,46,0.25)", hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=times, y=np.maximum(values, 0), fill="tozeroy", mode="none",
                    fillcolor="rgba(31,95,153,0.25)", hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=times, y=values, mode="lines", name=translate(lang, "chart.cumulative"),
                    line={"color": COLOURS["net"], "width": 4})
    if payback_months is not None:
        x = payback_months / 12
        text = translate(lang, "chart.payback_at", months=format_number(payback_months, lang, 1))
        fig.add_vline(x=x, line={"color": COLOURS["marker"], "width": 3, "dash": "dash"})
        fig.add_scatter(x=[x], y=[0], mode="markers", name=text, showlegend=False,
                        marker={"color": COLOURS["marker"], "size": 18, "symbol": "diamond"})
        fig.add_annotation(x=x, y=0, text=f"<b>{text}</b>", showarrow=True, arrowhead=2, ax=60,
                           ay=-60, font={"size": FONT_SIZE + 2, "color": COLOURS["marker"]},
                           bgcolor="white")
    fig.update_xaxes(range=[0, times[-1]])
    return base_layout(fig, lang, translate(lang, "chart.cumulative_title"),
                       translate(lang, "chart.kr"), translate(lang, "chart.year"))


def for_projector(fig: go.Figure, height: int = 560) -> go.Figure:
    """The same figure with larger type and a thicker line for a full-screen slide."""
    fig.update_layout(font={"size": FONT_SIZE + 6}, title={"font": {"size": FONT_SIZE + 14}},
                      height=height,
                      margin={"l": 30, "r": 30, "t": TITLE_MARGIN_PX + 10, "b": 30})
    right_end = max((max(trace.x) for trace in fig.data if trace.x is not None), default=0)
    for note in fig.layout.annotations:
        note.ax = 160 if note.x < right_end / 2 else -160
        note.ay = -90
    return fig
