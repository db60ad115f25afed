"""Pure page output drawn once per scenario and language, and replayed by every later rerun.

A rerun that changes nothing (a tab click, a widget elsewhere, the page opened again) should not
rebuild cards, tables and charts from the same scenario. Each view here is a function memoised
with st.cache_resource on the scenario's JSON and the language (strings: hashed at once, where a
list of evaluated elements costs ms to hash); Streamlit records the elements it drew and, on a
hit, sends them again as they were. Only output is drawn here, never a widget.
"""

from __future__ import annotations

import streamlit as st

from calculators.assessment import Comparison, compare
from calculators.follow_up import follow_up
from calculators.model import Scenario
from ui import follow_up as follow_up_panels
from ui import vtv_widgets
from ui.cached import MAX_ENTRIES, shared_evaluation
from ui.figure_cache import element_bars_chart, follow_up_chart, measured_chart, radar_chart
from ui.vtv_charts import element_name


def _scenario(scenario_json: str) -> Scenario:
    return Scenario.model_validate_json(scenario_json)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _vtv_summary(scenario_json: str, lang: str) -> None:
    # the panels read the language from the session: `lang` is that language
    vtv_widgets.summary_panel(shared_evaluation(_scenario(scenario_json)).summary)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _vtv_overview(scenario_json: str, lang: str) -> None:
    current = _scenario(scenario_json)
    evaluation = shared_evaluation(current)
    summary = evaluation.summary
    radar_chart([(current.title, summary.category_scores)], lang)
    element_bars_chart(evaluation.elements, lang)
    vtv_widgets.open_questions(summary, {e.key: element_name(lang, e)
                                         for e in evaluation.elements})


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _vtv_economy(scenario_json: str, lang: str) -> None:
    vtv_widgets.economy_panel(shared_evaluation(_scenario(scenario_json)))


def vtv_summary_view(scenario: Scenario, lang: str) -> None:
    """The overall score, the number assessed and the verdict (elements replayed)."""
    _vtv_summary(scenario.model_dump_json(), lang)


def vtv_overview_view(scenario: Scenario, lang: str) -> None:
    """The radar, the element bars and the open questions (elements replayed)."""
    _vtv_overview(scenario.model_dump_json(), lang)


def vtv_economy_view(scenario: Scenario, lang: str) -> None:
    """The business case's figures, their scores and the rule between them (elements
    replayed)."""
    _vtv_economy(scenario.model_dump_json(), lang)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _comparisons(scenario_json: str) -> list[Comparison]:
    return compare(_scenario(scenario_json))


def shared_comparisons(scenario: Scenario) -> list[Comparison]:
    """Expected vs measured per plan line, once per scenario: one shared list, read-only."""
    return _comparisons(scenario.model_dump_json())


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _comparison_table(scenario_json: str, lang: str) -> None:
    st.dataframe(vtv_widgets.comparison_table(_comparisons(scenario_json)), hide_index=True,
                 width="stretch")


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _measured_chart(scenario_json: str, lang: str) -> None:
    shown = [row for row in _comparisons(scenario_json) if row.comparable]
    if shown:
        measured_chart(shown, [vtv_widgets.measured_label(row) for row in shown], lang)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _replacement_history(scenario_json: str, lang: str) -> None:
    vtv_widgets.replacement_history(_scenario(scenario_json))


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _follow_up(scenario_json: str, lang: str) -> None:
    result = follow_up(_scenario(scenario_json))
    st.dataframe(follow_up_panels.follow_up_rows(result, lang), width="stretch")
    follow_up_panels.follow_up_notes(result)
    follow_up_chart(result, lang)


def comparison_table_view(scenario: Scenario, lang: str) -> None:
    """Expected vs measured per plan line as a table (element replayed)."""
    _comparison_table(scenario.model_dump_json(), lang)


def measured_chart_view(scenario: Scenario, lang: str) -> None:
    """Expected vs measured of the comparable lines as a chart (elements replayed)."""
    _measured_chart(scenario.model_dump_json(), lang)


def replacement_history_view(scenario: Scenario, lang: str) -> None:
    """The estimates replaced by measured values so far (element replayed)."""
    _replacement_history(scenario.model_dump_json(), lang)


def follow_up_view(scenario: Scenario, lang: str) -> None:
    """The benefit follow-up: planned vs realised per budget year, its notes and chart
    (elements replayed)."""
    _follow_up(scenario.model_dump_json(), lang)
