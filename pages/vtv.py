"""VTV-inspired assessment: fill in category by category, see the overview, compare scenarios."""

import streamlit as st

from calculators.scenario_file import load_sample, sample_names
from calculators.vtv import COMPUTED_CATEGORY, Category
from ui import vtv_widgets
from ui.cached import shared_evaluation
from ui.entry import through_app
from ui.figure_cache import element_bars_chart, radar_chart
from ui.session import label, labeller, lang, scenario, t, widget_key
from ui.vtv_charts import element_name

through_app()

current = scenario()
st.title(t("vtv.title"))
st.caption(t("vtv.intro"))
tabs = st.tabs([t("vtv.tab_overview"), *(label("vtv_category", c.value) for c in Category),
                t("vtv.tab_compare")])
summary_column, conclusion_column = tabs[0].columns(2)
with conclusion_column:
    conclusion = st.text_area(t("vtv.conclusion"), value=current.vtv.conclusion, height=220,
                              help=t("vtv.conclusion_help"), key=widget_key("vtv_conclusion"))
economy = tabs[1 + list(Category).index(COMPUTED_CATEGORY)].container()
elements = []
for tab, category in zip(tabs[1:-1], Category, strict=True):
    with tab:
        st.caption(t("vtv.own_economy_help") if category is COMPUTED_CATEGORY
                   else t("vtv.scale_help"))
        elements += vtv_widgets.element_editor(current, category)
vtv_widgets.apply_assessment(current, elements, conclusion)

current = scenario()
evaluation = shared_evaluation(current)
summary = evaluation.summary
with economy:
    vtv_widgets.economy_panel(evaluation)
with summary_column:
    vtv_widgets.summary_panel(summary)
with tabs[0]:  # one chart a row: in half a 1280 px page the radar's labels were cut off
    radar_chart([(current.title, summary.category_scores)], lang())
    element_bars_chart(evaluation.elements, lang())
    vtv_widgets.open_questions(summary, {e.key: element_name(lang(), e)
                                         for e in evaluation.elements})
with tabs[-1]:
    st.caption(t("vtv.compare_help"))
    chosen = st.multiselect(t("vtv.compare_with"), sample_names(), key="vtv_compare",
                            format_func=labeller("sample"),
                            placeholder=t("vtv.compare_placeholder"))
    series = [(t("vtv.current", title=current.title), summary.category_scores)]
    series += [(t(f"sample.{name}"), shared_evaluation(load_sample(name)).summary.category_scores)
               for name in chosen]
    radar_chart(series, lang())
