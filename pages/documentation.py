"""Documentation plan: what to measure, how and by whom; measured vs expected; one-click replace."""

import streamlit as st

from calculators.assessment import compare
from calculators.follow_up import follow_up
from ui import follow_up as follow_up_view
from ui import vtv_widgets
from ui.entry import through_app
from ui.figure_cache import follow_up_chart, measured_chart
from ui.session import apply_edit, lang, scenario, t, widget_key

through_app()

current = scenario()
st.title(t("doc.title"))
st.info(t("doc.intro"))
plan = current.documentation_plan
texts = {}
for column, field in zip(st.columns(3), ("audience", "agreement", "resources"), strict=True):
    with column:
        texts[field] = st.text_area(t(f"field.{field}"), value=getattr(plan, field), height=120,
                                    key=widget_key(f"doc_{field}"))
st.subheader(t("doc.plan"))
items = vtv_widgets.plan_editor(current)
apply_edit(current.model_dump() | {"documentation_plan": plan.model_dump() | texts
                                   | {"items": items}})

current = scenario()
rows = compare(current)
st.subheader(t("doc.compare"))
if rows:
    st.dataframe(vtv_widgets.comparison_table(rows), hide_index=True, width="stretch")
    chart, actions = st.columns([3, 2])
    shown = [r for r in rows if r.comparable]
    if shown:
        labels = [vtv_widgets.measured_label(r) for r in shown]
        with chart:
            measured_chart(shown, labels, lang())
    with actions:
        vtv_widgets.replace_buttons(current, rows)
else:
    st.caption(t("doc.no_items"))
vtv_widgets.replacement_history(current)

st.subheader(t("fu.title"))
st.caption(t("fu.intro"))
result = follow_up(current)
st.dataframe(follow_up_view.follow_up_rows(result, lang()), width="stretch")
follow_up_view.follow_up_notes(result)
follow_up_chart(result, lang())
st.markdown(f"**{t('fu.taken_out')}**")
taken_out = follow_up_view.taken_out_editor(current)
apply_edit(current.model_dump() | {"documentation_plan": current.documentation_plan.model_dump()
                                   | {"taken_out": taken_out}})
