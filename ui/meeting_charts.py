"""The chart of a meeting slide, styled for the projector, drawn once per input and replayed.

A slide change reruns the page; the chart of the new slide is built and drawn the first time
only (st.cache_resource records the drawn element and sends it again on a hit)."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.model import Scenario
from calculators.ranges import scenario_set
from ui.analysis_charts import scenarios_figure
from ui.cached import MAX_ENTRIES, engine_results, shared_briefing
from ui.charts import cashflow_figure, cumulative_figure, for_projector, tracks
from ui.figures import relaid
from ui.library_charts import compare_figure
from ui.vtv_charts import radar_figure

Builder = Callable[[Scenario, list[Scenario], str], go.Figure]


def cumulative(current: Scenario, _: list[Scenario], language: str) -> go.Figure:
    flows, _, metrics = engine_results(current)
    return for_projector(cumulative_figure(*tracks(flows, metrics), language))


def yearly(current: Scenario, _: list[Scenario], language: str) -> go.Figure:
    return for_projector(cashflow_figure(engine_results(current).table, language))


def radar(current: Scenario, _: list[Scenario], language: str) -> go.Figure:
    scores = shared_briefing(current).vtv_summary.category_scores
    return relaid(radar_figure([(current.title, scores)], language),
                  {"font": {"size": 22}, "margin": {"l": 170, "r": 170, "t": 80, "b": 40}})


def scenario_range(current: Scenario, _: list[Scenario], language: str) -> go.Figure:
    curves = {name: cumulative_curve(monthly_flows(case))
              for name, case in scenario_set(current).items()}
    return for_projector(scenarios_figure(curves, language))


def comparison(current: Scenario, compared: list[Scenario], language: str) -> go.Figure:
    curves = [(case.title, *cumulative_curve(monthly_flows(case), budget=True))
              for case in [current, *compared]]
    return for_projector(compare_figure(curves, language, "cmp.chart_title.budget"))


BUILDERS: dict[str, Builder] = {"cumulative": cumulative, "yearly": yearly, "radar": radar,
                                "range": scenario_range, "compare": comparison}


def screen_sized(figure: go.Figure) -> go.Figure:
    """The slide's figure with its height following the screen (CSS) and a legend below the
    axis title, never on it."""
    below = {"legend": {"yref": "container", "y": 0, "yanchor": "bottom"}, "margin": {"b": 90}}
    return relaid(figure, {"height": None, "autosize": True},
                  below if figure.layout.legend.orientation == "h" else {})


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _projector_chart(kind: str, scenario_json: str, compared_json: tuple[str, ...],
                     language: str) -> None:
    compared = [Scenario.model_validate_json(text) for text in compared_json]
    figure = BUILDERS[kind](Scenario.model_validate_json(scenario_json), compared, language)
    st.plotly_chart(screen_sized(figure), width="stretch", height="stretch", theme=None,
                    config={"displayModeBar": False, "responsive": True})


def projector_chart(kind: str, current: Scenario, compared: list[Scenario],
                    language: str) -> Callable[[], None]:
    """Draws the slide's chart of `kind` in the slide's chart area."""
    compared_json = tuple(case.model_dump_json() for case in compared)
    return lambda: _projector_chart(kind, current.model_dump_json(), compared_json, language)
