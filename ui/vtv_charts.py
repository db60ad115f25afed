"""Plotly figures for the VTV assessment and the documentation plan: data in, figure out."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from calculators.assessment import Comparison
from calculators.follow_up import FollowUp
from calculators.vtv import SCORES, Category, Rated
from ui.charts import COLOURS, FONT_SIZE, TITLE_MARGIN_PX, base_layout, wrapped
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


def translucent(colour: str, alpha: float = 0.18) -> str:
    """'#1F5F99' → 'rgba(31,95,153,0.18)', so overlapping polygons stay readable."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def element_name(lang: str, element: Rated) -> str:
    return element.name or translate(lang, f"vtv_element.{element.key}")


def radar_figure(series: list[tuple[str, dict[Category, float | None]]], lang: str) -> go.Figure:
    """One closed polygon per scenario over the four categories; unassessed categories at 0.
    A single scenario's scores stand under the category names, outside the circle (as text at
    the corners they ran into the lines and the scale's numbers); every score is in the hover."""
    names = [label_for(lang, "vtv_category", c.value) for c in Category]
    theta = names
    if len(series) == 1:
        scores = series[0][1]
        theta = [f"{name}<br><b>{format_number(scores[c], lang, 1)}</b>"
                 if scores.get(c) is not None else name
                 for name, c in zip(names, Category, strict=True)]
    fig = go.Figure()
    for index, (name, scores) in enumerate(series):
        r = [scores.get(c) or 0.0 for c in Category]
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        shown = [format_number(v, lang, 1) if scores.get(c) is not None else "–"
                 for c, v in zip(Category, r, strict=True)]
        hover = [*zip(names, shown, strict=True)]
        fig.add_scatterpolar(r=[*r, r[0]], theta=[*theta, theta[0]],
                             name=wrapped(name, LEGEND_CHARS), fill="toself",
                             customdata=[*hover, hover[0]],
                             hovertemplate="%{customdata[0]}: %{customdata[1]}",
                             fillcolor=translucent(colour), line={"color": colour, "width": 4},
                             marker={"size": 10})
    base_layout(fig, lang, translate(lang, "vtv_chart.radar_title"), "", "")
    fig.update_layout(
        hovermode="closest",
        polar={"radialaxis": {"range": [0, 5], "dtick": 1, "showticklabels": False},
               "angularaxis": {"tickfont": {"size": FONT_SIZE + 2}, "rotation": 90,
                               "direction": "clockwise"}},
        # room for the two-line labels; the legend (one name a row) at the figure's foot
        margin={"l": 110, "r": 110, "t": TITLE_MARGIN_PX + 50,
                "b": 80 + (LEGEND_ROW_PX * len(series) if len(series) > 1 else 0)},
        legend={"orientation": "v", "yref": "container", "y": 0, "yanchor": "bottom",
                "x": 0.5, "xanchor": "center"},
        height=520 + (LEGEND_ROW_PX * len(series) if len(series) > 1 else 0),
    )
    return fig


def legend_radar_figure(series: list[tuple[str, dict[Category, float | None]]],
                        lang: str) -> go.Figure:
    """The radar with its legend (scenarios compared side by side)."""
    return radar_figure(series, lang).update_layout(showlegend=True)


def element_bars_figure(elements: list[Rated], lang: str) -> go.Figure:
    """A horizontal bar per assessed element (1–5), coloured by category."""
    fig = go.Figure()
    for category in Category:
        shown = [e for e in elements if e.category is category and e.score is not None]
        if shown:
            fig.add_bar(y=[chart(element_name(lang, e)) for e in shown], x=[e.score for e in shown],
                        orientation="h", name=label_for(lang, "vtv_category", category.value),
                        marker_color=CATEGORY_COLOURS[category], text=[e.score for e in shown],
                        textposition="inside", insidetextanchor="end", textangle=0,
                        textfont={"size": FONT_SIZE, "color": "white"})
    count = sum(e.score is not None for e in elements)
    base_layout(fig, lang, translate(lang, "vtv_chart.bars_title"), "",
                translate(lang, "vtv_chart.score"))
    fig.update_xaxes(range=[0, max(SCORES)], dtick=1)
    fig.update_yaxes(autorange="reversed", tickformat=None)
    fig.update_layout(height=max(420, 60 + 38 * count), hovermode="closest")
    return fig


def measured_figure(rows: list[Comparison], labels: list[str], lang: str) -> go.Figure:
    """Expected (estimate) beside measured for each plan line; labels carry the unit (a line
    break in a label starts a new line under the bar)."""
    fig = go.Figure()
    for field, colour in (("expected", COLOURS["gain_released_time"]),
                          ("measured", COLOURS["positive"])):
        values = [getattr(r, field) for r in rows]
        fig.add_bar(x=["<br>".join(map(chart, label.split("\n"))) for label in labels], y=values,
                    name=translate(lang, f"vtv_chart.{field}"),
                    marker_color=colour, text=[format_number(v, lang, 1) for v in values],
                    textposition="outside", textfont={"size": FONT_SIZE + 2})
    fig.update_layout(barmode="group")
    base_layout(fig, lang, translate(lang, "vtv_chart.measured_title"), "", "")
    return fig.update_layout(height=440, hovermode="closest")


def follow_up_figure(result: FollowUp, lang: str) -> go.Figure:
    """Plan vs realised per budget year (calculators.follow_up): hours above (released and
    taken out of the budget), the gains' budget effect in kr below. Each measure's planned bar
    (outlined) stands beside its realised bar (filled); a year without a measurement has no
    realised bar."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[translate(lang, "fu.chart_hours"),
                                        translate(lang, "fu.chart_kr")])
    colours = {"hours_released": "#5B9BD5", "hours_taken_out": COLOURS["budget"],
               "budget_effect": COLOURS["budget"]}
    for row, measures in ((1, ("hours_released", "hours_taken_out")), (2, ("budget_effect",))):
        for measure in measures:
            name = translate(lang, f"fu.measure.{measure}")
            colour = colours[measure]
            for kind in ("planned", "realised"):
                values = getattr(result, kind)[measure]
                filled = kind == "realised"
                label = translate(lang, "fu.row", measure=name, kind=translate(lang, f"fu.{kind}"))
                fig.add_bar(
                    x=result.years, y=values, row=row, col=1, name=label,
                    marker={"color": colour if filled else "white",
                            "line": {"color": colour, "width": 2}},
                    text=["" if v is None or not filled else format_number(v, lang)
                          for v in values],
                    textposition="outside", textfont={"size": FONT_SIZE})
    base_layout(fig, lang, translate(lang, "fu.chart_title"), "", "")
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_annotations(font={"size": FONT_SIZE + 2})
    return fig.update_layout(height=640, barmode="group", hovermode="x unified",
                             legend={"y": -0.12},
                             uniformtext={"minsize": FONT_SIZE, "mode": "show"})
