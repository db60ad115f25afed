"""Figures of the analysis pages: data in, figure out, projector readable (ui.charts style),
written as dictionaries and wrapped without validation (ui/figures.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import diverging

from calculators.model import ContractKind
from calculators.procurement import EU_KIND, Procurement
from calculators.sensitivity import Grid
from ui.analysis_text import PERCENT_FIELDS, shown_value
from ui.charts import COLOURS, FONT_SIZE, TITLE_MARGIN_PX, chart_layout, wrapped
from ui.figures import Spec, figure, merged, trace
from ui.formatting import format_dkk, format_number
from ui.i18n import translate
from ui.safe_text import chart

CASE_COLOURS = {"worst": COLOURS["negative"], "base": COLOURS["net"], "best": COLOURS["positive"]}
LOW_HIGH_COLOURS = {"low": "#E6A29A", "high": "#9DC3E6"}
# red below zero, blue above, as plotly's validator writes "RdBu" out: plotly.js would read
# the bare name the other way round (blue below zero)
NPV_SCALE = [[i / (len(diverging.RdBu) - 1), colour] for i, colour in enumerate(diverging.RdBu)]


def scenarios_figure(curves: dict[str, tuple[np.ndarray, np.ndarray]], lang: str) -> go.Figure:
    """Cumulative net of the worst, base and best case in one chart."""
    data = [trace("scatter", x=times, y=values, mode="lines", name=translate(lang, f"an.{name}"),
                  line={"color": CASE_COLOURS[name], "width": 5 if name == "base" else 3,
                        "dash": "solid" if name == "base" else "dash"})
            for name, (times, values) in curves.items()]
    return figure(data, chart_layout(lang, translate(lang, "an.scenarios_title"),
                                     translate(lang, "chart.kr"), translate(lang, "chart.year")))


def _vline(x: float, line: Spec) -> Spec:
    """A vertical line over the plot's whole height at x (plotly's `add_vline`)."""
    return {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
            "line": line}


def _horizontal(layout: Spec, x_title: str, *updates: Spec) -> Spec:
    """Bars lying down: kroner along the x-axis, the names up the y-axis without a title or a
    number format, hover per bar; `updates` are merged over that."""
    return merged(layout, {"xaxis": {"title": {"text": x_title}, "tickformat": ",.0f",
                                     "dtick": None},
                           "yaxis": {"automargin": True, "title": None, "tickformat": None},
                           "hovermode": "closest", "barmode": "overlay"}, *updates)


def _bar_texts(values: np.ndarray, drawn_at: np.ndarray, base: float, metric: str,
               lang: str) -> list[str]:
    """Each bar's end value, none on a bar of no length; kroner without "kr." (the axis says
    so), to stay short beside it."""
    digits = 0 if metric == "npv" else 1
    return ["" if empty else format_number(value, lang, digits)
            for value, empty in zip(values, np.isclose(drawn_at, base), strict=True)]


TORNADO_ROW_PX = 100  # a driver's name (up to three lines) above its bar
TORNADO_BAR = 0.34  # of a row: the gap above the bar holds the name


def tornado_figure(table: pd.DataFrame, labels: dict[str, str], base: float, lang: str,
                   metric: str = "npv", cap: float | None = None) -> go.Figure:
    """Bars from the base value to the value with each driver at its low and its high end,
    largest swing on top. Payback beyond the horizon is drawn at `cap` (the horizon).
    Each driver's name sits above its bar across the chart's whole width (as a y-axis label
    beside the bars it took half a phone's width and the value labels ran into it)."""
    # as arrays, not a sorted frame: pandas' copy of the string column costs more than the rest
    order = np.argsort(table[f"{metric}_swing"].to_numpy(dtype=float), kind="stable")
    keys = table["key"].to_numpy()[order]
    names = [chart(labels[key]) for key in keys]
    ends = {end: table[f"{metric}_{end}"].to_numpy(dtype=float)[order] for end in ("low", "high")}
    data = []
    for end, raw in ends.items():
        shown = np.where(np.isnan(raw), cap, raw) if cap is not None else raw
        text = _bar_texts(raw, shown, base, metric, lang)
        data.append(trace("bar", y=names, x=shown - base, base=base, orientation="h", text=text,
                          textposition="outside", name=translate(lang, f"an.at_{end}"),
                          marker={"color": LOW_HIGH_COLOURS[end]}, cliponaxis=False,
                          width=TORNADO_BAR, textfont={"size": FONT_SIZE - 2}))
    notes = [{"text": wrapped(labels[key]), "xref": "paper", "x": 0, "xanchor": "left",
              "y": row + TORNADO_BAR / 2 + 0.04, "yanchor": "bottom", "showarrow": False,
              "align": "left", "font": {"size": FONT_SIZE - 2},
              "bgcolor": "rgba(255,255,255,0.85)"}  # over the base line
             for row, key in enumerate(keys)]
    title = "an.tornado_npv_title" if metric == "npv" else "an.tornado_payback_title"
    axis = "an.npv_axis" if metric == "npv" else "an.payback_axis"
    drawn = np.concatenate(list(ends.values()))
    drawn = np.where(np.isnan(drawn), cap if cap is not None else base, drawn)
    low, high = min(drawn.min(), base), max(drawn.max(), base)
    pad = 0.6 * (high - low or abs(base) or 1.0)  # room for the value labels beside the bars
    layout = chart_layout(lang, translate(lang, title), "", translate(lang, axis))
    return figure(data, _horizontal(layout, wrapped(translate(lang, axis)), {
        "height": TITLE_MARGIN_PX + 160 + TORNADO_ROW_PX * len(names),
        "xaxis": {"range": [low - pad, high + pad], "nticks": 3, "tickangle": 0},  # fit a phone
        "yaxis": {"showticklabels": False, "range": [-0.5, len(names) - 0.5 + TORNADO_BAR]},
        # the legend at the figure's foot, under the axis title (two lines on a phone)
        "legend": {"yref": "container", "y": 0, "yanchor": "bottom"}, "margin": {"b": 150},
        "annotations": notes, "shapes": [_vline(base, {"color": COLOURS["net"], "width": 3})]}))


def two_way_figure(grid: Grid, x_label: str, y_label: str, lang: str) -> go.Figure:
    """NPV over two drivers as a heat map (red below zero, blue above), the NPV = 0 contour
    in black and today's estimate marked. Shares are drawn in per cent, as the user enters
    them."""
    limit = float(np.max(np.abs(grid.npv))) or 1.0
    x_values = shown_value(grid.x.field, np.asarray(grid.x_values, dtype=float))
    y_values = shown_value(grid.y.field, np.asarray(grid.y_values, dtype=float))
    data = [trace("heatmap", x=x_values, y=y_values, z=grid.npv, colorscale=NPV_SCALE,
                  zmin=-limit, zmax=limit,
                  colorbar={"title": {"text": translate(lang, "chart.kr")}, "tickformat": ",.0f"},
                  hovertemplate="%{x:,.4~g} · %{y:,.4~g}: %{z:,.0f}<extra></extra>")]
    if grid.npv.min() < 0 < grid.npv.max():
        data.append(trace("contour", x=x_values, y=y_values, z=grid.npv, showscale=False,
                          contours={"start": 0, "end": 0, "size": 1, "coloring": "none"},
                          line={"color": "black", "width": 4},
                          name=translate(lang, "an.break_even_line"), showlegend=True,
                          hoverinfo="skip"))
    data.append(trace("scatter", x=[shown_value(grid.x.field, grid.x.value)],
                      y=[shown_value(grid.y.field, grid.y.value)], mode="markers",
                      name=translate(lang, "an.today"),
                      marker={"color": COLOURS["marker"], "size": 20, "symbol": "diamond",
                              "line": {"color": "white", "width": 2}}))
    unformatted = {"dtick": None, "tickformat": None}
    layout = merged(chart_layout(lang, translate(lang, "an.two_way_title"), wrapped(y_label),
                                 wrapped(x_label)), {"xaxis": unformatted, "yaxis": unformatted})
    suffixes = {axis: {"ticksuffix": " %"} for axis, driver in (("xaxis", grid.x),
                                                                 ("yaxis", grid.y))
                if driver.field in PERCENT_FIELDS}
    return figure(data, merged(layout, suffixes, {"hovermode": "closest", "height": 600}))


HISTOGRAM_BINS = 50


def shared_span(*samples: np.ndarray) -> tuple[float, float] | None:
    """Lowest and highest finite value over all samples, for histograms shown side by side on
    one axis with the same bins; None when there is no spread to share."""
    finite = np.concatenate([sample[np.isfinite(sample)] for sample in samples])
    if not finite.size or finite.min() == finite.max():
        return None
    return float(finite.min()), float(finite.max())


def histogram_figure(values: np.ndarray, percentiles: dict[int, float], title: str,
                     x_title: str, lang: str, money: bool,
                     span: tuple[float, float] | None = None) -> go.Figure:
    """Distribution of the draws with P10, P50 and P90 marked; `span` fixes the axis and the
    50 bins (see `shared_span`)."""
    finite = values[np.isfinite(values)]
    bins = ({"xbins": {"start": span[0], "end": span[1],
                       "size": (span[1] - span[0]) / HISTOGRAM_BINS}} if span
            else {"nbinsx": HISTOGRAM_BINS})
    data = [trace("histogram", x=finite, marker={"color": COLOURS["positive"]}, opacity=0.85,
                  showlegend=False, **bins)]
    top = (float(np.histogram(finite, bins=HISTOGRAM_BINS, range=span)[0].max()) if finite.size
           else 1.0)
    for p, value in percentiles.items():
        if not np.isfinite(value):
            continue
        text = format_dkk(value, lang) if money else format_number(value, lang, 1)
        data.append(trace("scatter", x=[value, value], y=[0, top * 1.05], mode="lines",
                          name=f"P{p}: {text}",
                          line={"color": COLOURS["marker"] if p == 50 else COLOURS["net"],
                                "width": 4, "dash": "solid" if p == 50 else "dash"}))
    layout = merged(chart_layout(lang, title, translate(lang, "an.draws_axis"), x_title),
                    {"xaxis": {"dtick": None}})
    margin = (span[1] - span[0]) / HISTOGRAM_BINS if span else 0.0
    axis = {"range": [span[0] - margin, span[1] + margin]} if span else {}
    # two histograms share a row: a smaller title stays whole in half a 1280 px page
    return figure(data, merged(layout, {"xaxis": {"tickformat": ",.0f", **axis},
                                        "hovermode": "closest", "bargap": 0.05,
                                        "title": {"font": {"size": FONT_SIZE + 2}}}))


def rollout_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Net per year for the whole roll-out (bars) and per installed unit (line, right axis)."""
    years = table["year"].to_numpy()
    colours = np.where(table["net"] >= 0, COLOURS["positive"], COLOURS["negative"]).tolist()
    data = [trace("bar", x=years, y=table["net"].to_numpy(), marker={"color": colours},
                  name=translate(lang, "ro.net")),
            trace("scatter", x=years, y=table["net_per_unit"].to_numpy(), yaxis="y2",
                  mode="lines+markers", name=translate(lang, "ro.net_per_unit"),
                  line={"color": COLOURS["marker"], "width": 4}, marker={"size": 10})]
    layout = chart_layout(lang, translate(lang, "ro.chart_title"), translate(lang, "ro.net"),
                          translate(lang, "chart.year"))
    total_axis, unit_axis = _aligned_axes(table["net"], table["net_per_unit"])
    return figure(data, merged(layout, {
        "yaxis": total_axis,
        "yaxis2": {"title": {"text": translate(lang, "ro.net_per_unit")}, "overlaying": "y",
                   "side": "right", "tickformat": ",.0f", "showgrid": False, **unit_axis}}))


def _nice_step(span: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above `span` (1 for an empty span)."""
    if not span > 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(span))
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= span * (1 - 1e-9))


def _extent(values: np.ndarray) -> tuple[float, float]:
    """Lowest and highest value with zero included; (0, 0) when none is a number (the net per
    unit of a roll-out of no units)."""
    shown = values[np.isfinite(values)]
    if not shown.size:
        return 0.0, 0.0
    return min(float(shown.min()), 0.0), max(float(shown.max()), 0.0)


def _aligned_axes(*series: pd.Series, steps: int = 6) -> list[dict]:
    """Axis settings that share zero and grid lines: each axis gets a round tick step and the
    same number of steps below and above zero, so no axis shows odd ticks like 80.001."""
    extents = [_extent(np.asarray(v, dtype=float)) for v in series]
    sizes = [_nice_step((high - low) / steps) for low, high in extents]
    below = max(math.ceil(-low / size - 1e-9) for (low, _), size in zip(extents, sizes,
                                                                        strict=True))
    above = max([1] + [math.ceil(high / size - 1e-9)
                       for (_, high), size in zip(extents, sizes, strict=True)])
    margin = 0.1 * (below + above)
    return [{"range": [-(below + (margin if below else 0)) * size, (above + margin) * size],
             "tickmode": "linear", "tick0": 0, "dtick": size} for size in sizes]


def fund_figure(schedule: pd.DataFrame, lang: str) -> go.Figure:
    """Realised saving against the repayment each year, and the loan still outstanding."""
    years = schedule["year"].to_numpy()
    data = [trace("bar", x=years, y=schedule[column].to_numpy(),
                  name=translate(lang, f"fund.{column}"), marker={"color": COLOURS[colour]})
            for column, colour in (("savings", "positive"), ("repayment", "negative"))]
    data.append(trace("scatter", x=years, y=schedule["balance"].to_numpy(), mode="lines+markers",
                      name=translate(lang, "fund.balance"),
                      line={"color": COLOURS["net"], "width": 4, "dash": "dot"}))
    layout = chart_layout(lang, translate(lang, "fund.chart_title"), translate(lang, "chart.kr"),
                          translate(lang, "chart.year"))
    return figure(data, merged(layout, {"barmode": "group"}))


THRESHOLD_ROW_PX = 26


def procurement_figure(result: Procurement, lang: str) -> go.Figure:
    """The contract value as one bar against the thresholds it is measured against."""
    value = result.value
    bar = trace("bar", y=[translate(lang, "proc.value")], x=[value], orientation="h",
                marker={"color": COLOURS["positive"]}, text=[format_dkk(value, lang)],
                textposition="outside", cliponaxis=False, showlegend=False)
    shown = [row for kind, row in result.thresholds.items()
             if kind is EU_KIND[result.settings.contract_kind]
             or (result.settings.contract_kind is ContractKind.BUILDING_WORK
                 and kind.value.startswith("tilbudsloven"))]
    shown.sort(key=lambda row: row.amount_dkk)
    lines = [_vline(row.amount_dkk, {"color": COLOURS["negative"], "width": 3, "dash": "dash"})
             for row in shown]
    # each threshold's amount a row higher than the one before: 300.000 and 3.000.000 kr.
    # (tilbudsloven) lie close on an axis that reaches the EU threshold
    notes = [{"x": row.amount_dkk, "y": 1.0, "yref": "paper", "yanchor": "bottom",
              "yshift": THRESHOLD_ROW_PX * n, "showarrow": False,
              "text": format_dkk(row.amount_dkk, lang),
              "font": {"size": FONT_SIZE - 2, "color": COLOURS["negative"]}}
             for n, row in enumerate(shown)]
    layout = chart_layout(lang, translate(lang, "proc.chart_title", year=result.year), "",
                          translate(lang, "chart.kr"))
    top = max([value, *(row.amount_dkk for row in shown)])
    return figure([bar], _horizontal(layout, translate(lang, "chart.kr"), {
        "xaxis": {"range": [0, 1.25 * top if top else 1]},
        "height": 300 + THRESHOLD_ROW_PX * max(len(shown) - 1, 0),
        "margin": {"t": 110 + THRESHOLD_ROW_PX * max(len(shown) - 1, 0)},
        "shapes": lines, "annotations": notes}))
