"""Cached results of the pure engine and figure builders, keyed by the scenario's JSON.

A rerun caused by a widget that does not change the scenario (a tab, the language, a
download) then costs nothing here: engine results come from st.cache_data (a copy per call,
safe to use freely); figures from st.cache_resource (one shared object, ~20x cheaper than
unpickling a plotly figure) and must therefore never be mutated by a caller. What the
business case shows under its inputs (the cards, the charts, the year-by-year and budget-year
tables) is drawn by cached functions too: Streamlit records the elements they draw and replays
them on a hit, so neither the figures' JSON nor the tables' formatted cells (~15 ms and ~25 ms
a rerun) are made again.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from calculators.assessment import Evaluation, evaluate
from calculators.budget_years import budget_years
from calculators.cashflow import MonthlyFlows, cashflow_table, monthly_flows
from calculators.headlines import Briefing, briefing
from calculators.metrics import Metrics, compute_metrics
from calculators.model import Scenario
from calculators.risk_pool import risk_pool
from exporters.deck import Slide, Stamp, build_deck
from ui.budget_view import budget_year_table, residual_caption, risk_pool_panel
from ui.charts import cashflow_figure, cumulative_figure, tracks
from ui.price_level import price_level_caption
from ui.tables import cashflow_display
from ui.widgets import chart, kpi_cards, kpi_style

MAX_ENTRIES = 256


class EngineResults(NamedTuple):
    flows: MonthlyFlows
    table: pd.DataFrame
    metrics: Metrics


@st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)
def _engine(scenario_json: str) -> EngineResults:
    scenario = Scenario.model_validate_json(scenario_json)
    flows = monthly_flows(scenario)
    table = cashflow_table(scenario, flows)
    return EngineResults(flows, table, compute_metrics(scenario, flows, table))


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _business_case_figures(scenario_json: str, lang: str) -> tuple[go.Figure, go.Figure]:
    flows, table, metrics = _engine(scenario_json)
    return cumulative_figure(*tracks(flows, metrics), lang), cashflow_figure(table, lang)


def engine_results(scenario: Scenario) -> EngineResults:
    """The engine's results: a copy of its own, free to change."""
    return _engine(scenario.model_dump_json())


def business_case_figures(scenario: Scenario, lang: str) -> tuple[go.Figure, go.Figure]:
    """(cumulative curve, yearly cash flow): shared objects, read-only."""
    return _business_case_figures(scenario.model_dump_json(), lang)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _business_case_results(scenario_json: str, lang: str) -> None:
    # kpi_cards and the panels read the language from the session: `lang` is that language
    scenario = Scenario.model_validate_json(scenario_json)
    metrics = _engine(scenario_json).metrics
    kpi_cards(metrics, scenario)
    residual_caption(scenario, metrics)
    risk_pool_panel(risk_pool(scenario, metrics))
    for column, figure in zip(st.columns(2), _business_case_figures(scenario_json, lang),
                              strict=True):
        with column:
            chart(figure)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _budget_year_table(scenario_json: str, lang: str) -> None:
    scenario = Scenario.model_validate_json(scenario_json)
    budget_year_table(budget_years(scenario), scenario)
    price_level_caption(scenario)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _cashflow_table(scenario_json: str, lang: str) -> None:
    st.dataframe(cashflow_display(_engine(scenario_json).table, lang), hide_index=True,
                 width="stretch")


def business_case_results(scenario: Scenario, lang: str) -> None:
    """Both tracks' cards, the residual value, the risk pool, the cumulative curve and the
    yearly cash flow (elements replayed)."""
    kpi_style()
    _business_case_results(scenario.model_dump_json(), lang)


def budget_year_view(scenario: Scenario, lang: str) -> None:
    """The budget-year table and its price level in the user's language (elements replayed)."""
    _budget_year_table(scenario.model_dump_json(), lang)


def cashflow_table_view(scenario: Scenario, lang: str) -> None:
    """The year-by-year table in the user's language (element replayed)."""
    _cashflow_table(scenario.model_dump_json(), lang)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _cumulative_chart(scenario_json: str, lang: str) -> None:
    flows, _, metrics = _engine(scenario_json)
    chart(cumulative_figure(*tracks(flows, metrics), lang))


def cumulative_chart(scenario: Scenario, lang: str) -> None:
    """The cumulative curve of both tracks, full width (element replayed)."""
    _cumulative_chart(scenario.model_dump_json(), lang)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _briefing(scenario_json: str) -> Briefing:
    return briefing(Scenario.model_validate_json(scenario_json))


def shared_briefing(scenario: Scenario) -> Briefing:
    """The scenario's headlines, computed once per scenario: one shared object, read-only."""
    return _briefing(scenario.model_dump_json())


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _deck(scenario_json: str, lang: str, stamp: Stamp, compared_json: tuple[str, ...]
          ) -> list[Slide]:
    compared = [Scenario.model_validate_json(text) for text in compared_json]
    return build_deck(Scenario.model_validate_json(scenario_json), lang, stamp, compared,
                      _briefing(scenario_json))


def meeting_deck(scenario: Scenario, lang: str, stamp: Stamp, compared: list[Scenario]
                 ) -> list[Slide]:
    """The meeting's slides, built once per input: one shared list, read-only."""
    return _deck(scenario.model_dump_json(), lang, stamp,
                 tuple(case.model_dump_json() for case in compared))


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _kpi_cards(scenario_json: str, lang: str) -> None:
    kpi_cards(_engine(scenario_json).metrics, Scenario.model_validate_json(scenario_json))


def kpi_cards_view(scenario: Scenario, lang: str) -> None:
    """Both tracks' cards (elements replayed); `lang` is the session's language."""
    kpi_style()
    _kpi_cards(scenario.model_dump_json(), lang)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _evaluation(scenario_json: str) -> Evaluation:
    return evaluate(Scenario.model_validate_json(scenario_json))


def shared_evaluation(scenario: Scenario) -> Evaluation:
    """The scenario's VTV assessment scored, once per scenario: one shared object, read-only."""
    return _evaluation(scenario.model_dump_json())
