"""Documentation plan: what to measure, how and by whom; measured vs expected; one-click replace."""

import streamlit as st

from ui import follow_up as follow_up_panels
from ui import vtv_widgets
from ui.entry import through_app
from ui.replayed import (
    comparison_table_view,
    follow_up_view,
    measured_chart_view,
    replacement_history_view,
    shared_comparisons,
)
from ui.session import apply_part, lang, scenario, t, widget_key
from ui.widgets import lazy_tabs

through_app()

TABS_KEY = "documentation_tabs"
TEXTS = ("audience", "agreement", "resources")

current = scenario()
language = lang()
st.title(t("doc.title"))
st.info(t("doc.intro"))
# Only the open tab is drawn (a tab click reruns the page): one table at a time. A closed tab's
# inputs are the scenario's; a text typed just before the click is still there in this run.
plan_tab, results_tab, follow_up_tab = lazy_tabs(
    ["doc.tab_plan", "doc.tab_results", "doc.tab_follow_up"], TABS_KEY)
plan = current.documentation_plan
texts = {field: st.session_state.get(widget_key(f"doc_{field}"), getattr(plan, field))
         for field in TEXTS}
items = [item.model_dump() for item in plan.items]
if plan_tab.open:
    with plan_tab:
        for column, field in zip(st.columns(3), TEXTS, strict=True):
            with column:
                texts[field] = st.text_area(t(f"field.{field}"), value=getattr(plan, field),
                                            height=120, key=widget_key(f"doc_{field}"))
        st.subheader(t("doc.plan"))
        items = vtv_widgets.plan_editor(current)
if results_tab.open:
    with results_tab:
        items = vtv_widgets.results_editor(current)
apply_part("documentation_plan", plan.model_dump() | texts | {"items": items})

current = scenario()
if results_tab.open:
    with results_tab:
        rows = shared_comparisons(current)
        st.subheader(t("doc.compare"))
        if rows:
            comparison_table_view(current, language)
            chart, actions = st.columns([3, 2])
            with chart:
                measured_chart_view(current, language)
            with actions:
                vtv_widgets.replace_buttons(current, rows)
        else:
            st.caption(t("doc.no_items"))
        replacement_history_view(current, language)

if follow_up_tab.open:
    with follow_up_tab:
        st.subheader(t("fu.title"))
        st.caption(t("fu.intro"))
        follow_up_view(current, language)
        st.markdown(f"**{t('fu.taken_out')}**")
        taken_out = follow_up_panels.taken_out_editor(current)
        apply_part("documentation_plan",
                   current.documentation_plan.model_dump() | {"taken_out": taken_out})
