"""The uncertainty and roll-out pages' charts, keyed by the analysed scenario's JSON.

Each function builds its figure from the cached analysis results and draws it; it is cached
with st.cache_resource, so a rerun that changes nothing replays the chart element Streamlit
recorded. The key is the scenario's JSON and a few small values: hashing a short string costs
microseconds, hashing the frames and arrays of 10,000 draws the charts are drawn from costs
milliseconds a chart (ui/figure_cache.py keys by the figure's data)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from calculators.drivers import drivers
from calculators.montecarlo import summarise
from ui import analysis_cache as cache
from ui import analysis_charts as charts
from ui.analysis_text import driver_label
from ui.figure_cache import MAX_FIGURES
from ui.formatting import format_number
from ui.i18n import translate


def _draw(figure: go.Figure) -> None:
    st.plotly_chart(figure, width="stretch")


def _labels(scenario_json: str, language: str) -> dict[str, str]:
    return {d.key: driver_label(language, d) for d in drivers(cache.load(scenario_json))}


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def scenarios_chart(scenario_json: str, language: str) -> None:
    """Worst, base and best case: the cumulative curve of each."""
    curves = {name: (times, values)
              for name, (_, times, values) in cache.cases(scenario_json).items()}
    _draw(charts.scenarios_figure(curves, language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def tornado_chart(scenario_json: str, language: str, metric: str) -> None:
    """The one-way sensitivity of the net present value (`npv`) or the payback (`payback`,
    capped at the horizon)."""
    table = cache.sensitivity(scenario_json)[0]
    base = cache.cases(scenario_json)["base"][0]
    labels = _labels(scenario_json, language)
    if metric == "npv":
        _draw(charts.tornado_figure(table, labels, base.npv, language))
        return
    horizon_months = 12 * cache.load(scenario_json).horizon_years
    payback = base.payback_months if base.payback_months is not None else horizon_months
    _draw(charts.tornado_figure(table, labels, payback, language, metric="payback",
                                cap=horizon_months))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def two_way_chart(scenario_json: str, language: str) -> None:
    grid = cache.sensitivity(scenario_json)[1]
    labels = _labels(scenario_json, language)
    _draw(charts.two_way_figure(grid, labels[grid.x.key], labels[grid.y.key], language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def histogram_chart(scenario_json: str, language: str, draws: int, seed: int, within: int,
                    name: str) -> None:
    """The Monte Carlo distribution of `name`: npv, payback or discounted_payback (both
    paybacks on one month axis)."""
    result = cache.monte_carlo(scenario_json, draws, seed)
    summary = summarise(result, within)
    span = charts.shared_span(result.payback_months, result.discounted_payback_months)
    values, marks, money, span = {
        "npv": (result.npv, summary.npv_percentiles, True, None),
        "payback": (result.payback_months, summary.payback.percentiles, False, span),
        "discounted_payback": (result.discounted_payback_months,
                               summary.discounted_payback.percentiles, False, span),
    }[name]
    count = format_number(summary.draws, language)
    _draw(charts.histogram_figure(values, marks,
                                  translate(language, f"an.mc_{name}_title", draws=count),
                                  translate(language, f"an.{name}_axis"), language,
                                  money=money, span=span))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def rollout_chart(scenario_json: str, language: str) -> None:
    _draw(charts.rollout_figure(cache.rollout(scenario_json)[1], language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def fund_chart(scenario_json: str, language: str) -> None:
    _draw(charts.fund_figure(cache.fund(scenario_json).schedule, language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def procurement_chart(scenario_json: str, language: str) -> None:
    _draw(charts.procurement_figure(cache.procurement_route(scenario_json), language))
