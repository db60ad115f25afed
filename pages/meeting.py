"""Meeting mode: the current business case as slides for leadership on a projector."""

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from calculators.cashflow import cashflow_table, cumulative_curve, monthly_flows
from calculators.headlines import briefing
from calculators.ranges import scenario_set
from exporters.deck import build_deck
from ui import library as ui_lib
from ui import slides
from ui.analysis_charts import scenarios_figure
from ui.charts import cashflow_figure, cumulative_figure, for_projector, tracks
from ui.downloads import office_downloads
from ui.entry import through_app
from ui.i18n import LANGUAGES
from ui.library_charts import compare_figure
from ui.session import lang, scenario, t
from ui.vtv_charts import radar_figure

through_app()

slides.page_style()
CURRENT = 0
lib = ui_lib.library()
entries = (ui_lib.attempt(lib.entries) or []) if lib else []
sources = {CURRENT: t("meeting.source_current", title=scenario().title)} | {
    e.id: t("meeting.source_saved", id=e.id, title=e.title, version=e.version) for e in entries}
shown_versions = {e.id: e.version for e in entries}
source = st.session_state.get("meeting_source", CURRENT)
source_key = [(source, shown_versions[source])] if source in shown_versions else []
saved = ui_lib.attempt(lambda: lib.load(*source_key[0])) if source_key else None
current = saved or scenario()
compared_keys = [(i, shown_versions[i]) for i in st.session_state.get("meeting_compare", [])
                 if i in shown_versions]
compared = (ui_lib.attempt(lambda: lib.load_many(compared_keys)) or []) if compared_keys else []
export_shown = (ui_lib.exporter(lib, source_key) if saved
                else ui_lib.current_exporter(lib))
export_compared = ui_lib.exporter(lib, compared_keys, ", compared in the slides")


def exported(kind: str) -> None:
    """Record the library cases in a download: the one shown and, in the slides, those it is
    compared with."""
    export_shown(kind)
    if kind == "pptx":
        export_compared(kind)


brief = briefing(current)
stamp = ui_lib.version_stamp(lib, *source_key[0]) if saved else ui_lib.current_stamp(lib)
language = lang()
DECK = build_deck(current, language, stamp, compared, brief)


def projector(figure: go.Figure) -> Callable[[], None]:
    """Draw a figure in the slide's chart area: its height follows the screen (CSS)."""
    def draw() -> None:
        figure.update_layout(height=None, autosize=True)
        if figure.layout.legend.orientation == "h":  # below the axis title, never on it
            figure.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"},
                                 margin={"b": 90})
        st.plotly_chart(figure, width="stretch", height="stretch", theme=None,
                        config={"displayModeBar": False, "responsive": True})
    return draw


def cumulative() -> go.Figure:
    figure = cumulative_figure(*tracks(monthly_flows(current), brief.metrics), language)
    return for_projector(figure)


def scenario_range() -> go.Figure:
    curves = {name: cumulative_curve(monthly_flows(case))
              for name, case in scenario_set(current).items()}
    return for_projector(scenarios_figure(curves, language))


def comparison() -> go.Figure:
    curves = [(case.title, *cumulative_curve(monthly_flows(case), budget=True))
              for case in [current, *compared]]
    return for_projector(compare_figure(curves, language, "cmp.chart_title.budget"))


def radar() -> go.Figure:
    figure = radar_figure([(current.title, brief.vtv_summary.category_scores)], language)
    figure.update_layout(font={"size": 22}, margin={"l": 170, "r": 170, "t": 80, "b": 40})
    return figure


FIGURES: dict[str, Callable[[], go.Figure]] = {
    "cumulative": cumulative,
    "yearly": lambda: for_projector(cashflow_figure(cashflow_table(current, monthly_flows(current)),
                                                    language)),
    "radar": radar,
    "range": scenario_range,
    "compare": comparison,
}


def move(step: int) -> None:
    index = st.session_state.get("meeting_slide", 0) + step
    st.session_state.meeting_slide = min(max(index, 0), len(DECK) - 1)


def switch_language() -> None:
    st.session_state.lang = next(code for code in LANGUAGES if code != lang())


index = min(st.session_state.get("meeting_slide", 0), len(DECK) - 1)
slide = DECK[index]
bar = st.columns([1.1, 1.1, 2.2, 1, 1.1, 1.1, 1])
with bar[0]:
    st.button(t("meeting.previous"), key="meeting_prev", on_click=move, args=(-1,),
              disabled=index == 0, width="stretch", shortcut="Left")
with bar[1]:
    st.button(t("meeting.next"), key="meeting_next", on_click=move, args=(1,),
              disabled=index == len(DECK) - 1, type="primary", width="stretch",
              shortcut="Right")
with st.container(key=slides.CLICKER_KEY):  # hidden: a presenter's remote sends PageUp/Down
    st.button(t("meeting.previous"), key="meeting_prev_remote", on_click=move, args=(-1,),
              shortcut="PageUp")
    st.button(t("meeting.next"), key="meeting_next_remote", on_click=move, args=(1,),
              shortcut="PageDown")
with bar[2]:
    slides.counter(index + 1, len(DECK), slide.title)
with bar[3]:
    st.button(t("meeting.other_language"), key="meeting_lang", on_click=switch_language,
              width="stretch")
with bar[4], st.popover(t("meeting.downloads"), width="stretch"):
    office_downloads(current, language, stamp, "meeting", compared, exported)
with bar[5], st.popover(t("meeting.source"), width="stretch"):
    st.selectbox(t("meeting.source_pick"), list(sources), key="meeting_source",
                 format_func=lambda i: sources.get(i, f"#{i}"))
    st.multiselect(t("meeting.compare_pick"), [i for i in sources if i], max_selections=5,
                   format_func=lambda i: sources.get(i, f"#{i}"), key="meeting_compare",
                   placeholder=t("meeting.compare_placeholder"))
    if lib and not entries:
        st.caption(t("meeting.library_empty"))
with bar[6]:
    st.page_link("pages/business_case.py", label=t("meeting.exit"), icon=":material/edit:")
slides.render(slide, projector(FIGURES[slide.chart.kind]()) if slide.chart else None)
