"""Meeting mode: the current business case as slides for leadership on a projector."""

import streamlit as st

from ui import library as ui_lib
from ui import slides
from ui.cached import meeting_deck
from ui.downloads import office_downloads
from ui.entry import through_app
from ui.i18n import LANGUAGES
from ui.meeting_charts import projector_chart
from ui.session import lang, scenario, t

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


stamp = ui_lib.version_stamp(lib, *source_key[0]) if saved else ui_lib.current_stamp(lib)
language = lang()
DECK = meeting_deck(current, language, stamp, compared)


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
slides.render(slide, projector_chart(slide.chart.kind, current, compared, language)
              if slide.chart else None)
