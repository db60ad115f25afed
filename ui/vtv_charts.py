"""Plotly figures for the VTV assessment and the documentation plan: data in, figure out."""

from __future__ import annotations

import plotly.graph_objects as go

from calculators.assessment import Comparison
from calculators.follow_up import FollowUp
from calculators.vtv import SCORES, Category, Rated
from ui.charts import COLOURS, FONT_SIZE, TITLE_MARGIN_PX, chart_layout, wrapped
from ui.figures import Spec, figure, merged, trace
from ui.formatting import format_number
from ui.i18n import label_for, translate
from ui.safe_text import chart

CATEGORY_COLOURS = {
    Category.ORGANISATION: "#1F5F99",
    Category.TECHNOLOGY: "#7A4FA0",
    Category.CITIZEN: "#2E8B57",
    Category.ECONOMY: "#E67E22",
}
LEGEND_ROW_PX = 72  # a legend entry of up to three lines
LEGEND_CHARS = 28  # beside its symbol, a legend line fits a phone's 390 px
SERIES_COLOURS = ("#1F5F99", "#E67E22", "#2E8B57", "#7A4FA0", "#B03A2E", "#555555")
FOLLOW_UP_GAP = 0.12  # between the hours plot (above) and the kroner plot (below)


def translucent(colour: str, alpha: float = 0.18) -> str:
    """'#1F5F99' → 'rgba(31,95,153,0.18)', so overlapping polygons stay readable."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def element_name(lang: str, element: Rated) -> str:
    return element.name or translate(lang, f"vtv_element.{element.key}")


def _radar(series: list[tuple[str, dict[Category, float | None]]],
           lang: str) -> tuple[list[Spec], Spec]:
    """(traces, layout) of `radar_figure`."""
    names = [label_for(lang, "vtv_category", c.value) for c in Category]
    theta = names
    if len(series) == 1:
        scores = series[0][1]
        theta = [f"{name}<br><b>{format_number(scores[c], lang, 1)}</b>"
                 if scores.get(c) is not None else name
                 for name, c in zip(names, Category, strict=True)]
    data = []
    for index, (name, scores) in enumerate(series):
        r = [scores.get(c) or 0.0 for c in Category]
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        shown = [format_number(v, lang, 1) if scores.get(c) is not None else "–"
                 for c, v in zip(Category, r, strict=True)]
        hover = [*zip(names, shown, strict=True)]
        data.append(trace("scatterpolar", r=[*r, r[0]], theta=[*theta, theta[0]],
                          name=wrapped(name, LEGEND_CHARS), fill="toself",
                          customdata=[*hover, hover[0]],
                          hovertemplate="%{customdata[0]}: %{customdata[1]}",
                          fillcolor=translucent(colour), line={"color": colour, "width": 4},
                          marker={"size": 10}))
    legend_px = LEGEND_ROW_PX * len(series) if len(series) > 1 else 0
    layout = merged(chart_layout(lang, translate(lang, "vtv_chart.radar_title"), "", ""), {
        "hovermode": "closest",
        "polar": {"radialaxis": {"range": [0, 5], "dtick": 1, "showticklabels": False},
                  "angularaxis": {"tickfont": {"size": FONT_SIZE + 2}, "rotation": 90,
                                  "direction": "clockwise"}},
        # room for the two-line labels; the legend (one name a row) at the figure's foot
        "margin": {"l": 110, "r": 110, "t": TITLE_MARGIN_PX + 50, "b": 80 + legend_px},
        "legend": {"orientation": "v", "yref": "container", "y": 0, "yanchor": "bottom",
                   "x": 0.5, "xanchor": "center"},
        "height": 520 + legend_px,
    })
    return data, layout


def radar_figure(series: list[tuple[str, dict[Category, float | None]]], lang: str) -> go.Figure:
    """One closed polygon per scenario over the four categories; unassessed categories at 0.
    A single scenario's scores stand under the category names, outside the circle (as text at
    the corners they ran into the lines and the scale's numbers); every score is in the hover."""
    return figure(*_radar(series, lang))


def legend_radar_figure(series: list[tuple[str, dict[Category, float | None]]],
                        lang: str) -> go.Figure:
    """The radar with its legend (scenarios compared side by side)."""
    data, layout = _radar(series, lang)
    return figure(data, layout | {"showlegend": True})


def element_bars_figure(elements: list[Rated], lang: str) -> go.Figure:
    """A horizontal bar per assessed element (1–5), coloured by category."""
    data = []
    for category in Category:
        shown = [e for e in elements if e.category is category and e.score is not None]
        if shown:
            data.append(trace("bar", y=[chart(element_name(lang, e)) for e in shown],
                              x=[e.score for e in shown], orientation="h",
                              name=label_for(lang, "vtv_category", category.value),
                              marker={"color": CATEGORY_COLOURS[category]},
                              text=[str(e.score) for e in shown], textposition="inside",
                              insidetextanchor="end", textangle=0,
                              textfont={"size": FONT_SIZE, "color": "white"}))
    count = sum(e.score is not None for e in elements)
    layout = merged(chart_layout(lang, translate(lang, "vtv_chart.bars_title"), "",
                                 translate(lang, "vtv_chart.score")),
                    {"xaxis": {"range": [0, max(SCORES)], "dtick": 1},
                     "yaxis": {"autorange": "reversed", "tickformat": None},  # names, not kr
                     "height": max(420, 60 + 38 * count), "hovermode": "closest"})
    return figure(data, layout)


def measured_figure(rows: list[Comparison], labels: list[str], lang: str) -> go.Figure:
    """Expected (estimate) beside measured for each plan line; labels carry the unit (a line
    break in a label starts a new line under the bar)."""
    data = []
    for field, colour in (("expected", COLOURS["gain_released_time"]),
                          ("measured", COLOURS["positive"])):
        values = [getattr(r, field) for r in rows]
        data.append(trace("bar", x=["<br>".join(map(chart, label.split("\n")))
                                    for label in labels],
                          y=values, name=translate(lang, f"vtv_chart.{field}"),
                          marker={"color": colour},
                          text=[format_number(v, lang, 1) for v in values],
                          textposition="outside", textfont={"size": FONT_SIZE + 2}))
    layout = chart_layout(lang, translate(lang, "vtv_chart.measured_title"), "", "")
    return figure(data, layout | {"barmode": "group", "height": 440, "hovermode": "closest"})


def _follow_up_axes(titles: list[str]) -> Spec:
    """The two rows as `plotly.subplots.make_subplots(rows=2, shared_xaxes=True)` lays them
    out: hours above, kroner below, one shared year axis labelled under the lower plot; each
    row's title an annotation above it."""
    height = (1 - FOLLOW_UP_GAP) / 2
    tops = (1.0, height)
    return {
        "xaxis": {"anchor": "y", "domain": [0.0, 1.0], "matches": "x2", "showticklabels": False},
        "yaxis": {"anchor": "x", "domain": [height + FOLLOW_UP_GAP, 1.0]},
        "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0]},
        "yaxis2": {"anchor": "x2", "domain": [0.0, height]},
        "annotations": [{"text": title, "x": 0.5, "xanchor": "center", "xref": "paper",
                         "y": top, "yanchor": "bottom", "yref": "paper", "showarrow": False,
                         "font": {"size": FONT_SIZE + 2}}
                        for title, top in zip(titles, tops, strict=True)],
    }


def follow_up_figure(result: FollowUp, lang: str) -> go.Figure:
    """Plan vs realised per budget year (calculators.follow_up): hours above (released and
    taken out of the budget), the gains' budget effect in kr below. Each measure's planned bar
    (outlined) stands beside its realised bar (filled); a year without a measurement has no
    realised bar."""
    colours = {"hours_released": "#5B9BD5", "hours_taken_out": COLOURS["budget"],
               "budget_effect": COLOURS["budget"]}
    data = []
    for axes, measures in ((("x", "y"), ("hours_released", "hours_taken_out")),
                           (("x2", "y2"), ("budget_effect",))):
        for measure in measures:
            name = translate(lang, f"fu.measure.{measure}")
            colour = colours[measure]
            for kind in ("planned", "realised"):
                values = getattr(result, kind)[measure]
                filled = kind == "realised"
                label = translate(lang, "fu.row", measure=name, kind=translate(lang, f"fu.{kind}"))
                data.append(trace(
                    "bar", x=result.years, y=values, xaxis=axes[0], yaxis=axes[1], name=label,
                    marker={"color": colour if filled else "white",
                            "line": {"color": colour, "width": 2}},
                    text=["" if v is None or not filled else format_number(v, lang)
                          for v in values],
                    textposition="outside", textfont={"size": FONT_SIZE}))
    years = {"dtick": 1, "tickformat": "d"}
    titles = [translate(lang, "fu.chart_hours"), translate(lang, "fu.chart_kr")]
    layout = merged(_follow_up_axes(titles),
                    chart_layout(lang, translate(lang, "fu.chart_title"), "", ""),
                    {"xaxis": years, "xaxis2": years, "height": 640, "barmode": "group",
                     "hovermode": "x unified", "legend": {"y": -0.12},
                     "uniformtext": {"minsize": FONT_SIZE, "mode": "show"}})
    return figure(data, layout)
