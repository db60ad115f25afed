"""VTV-inspired assessment: fill in category by category, see the overview, compare scenarios."""

import streamlit as st

from calculators.scenario_file import load_sample, sample_names
from calculators.vtv import COMPUTED_CATEGORY, Category
from ui import vtv_widgets
from ui.cached import shared_evaluation
from ui.entry import through_app
from ui.figure_cache import radar_chart
from ui.replayed import vtv_economy_view, vtv_overview_view, vtv_summary_view
from ui.session import kept_widget, labeller, lang, scenario, t, widget_key
from ui.widgets import lazy_tabs

through_app()

TABS_KEY = "vtv_tabs"

current = scenario()
st.title(t("vtv.title"))
st.caption(t("vtv.intro"))
# Only the open tab is drawn (as on the business case): a tab click reruns the page, each table
# is re-created from the scenario, and a closed category keeps its stored elements.
tabs = lazy_tabs(["vtv.tab_overview", *(f"vtv_category.{c.value}" for c in Category),
                  "vtv.tab_compare"], TABS_KEY)
overview, compare = tabs[0], tabs[-1]
conclusion_key = widget_key("vtv_conclusion")
# In the run a tab click starts, the closed field's last text is still there: typed, then the
# tab clicked at once, it is kept (the run after, it is in the scenario)
conclusion = st.session_state.get(conclusion_key, current.vtv.conclusion)
if overview.open:
    summary_column, conclusion_column = overview.columns(2)
    with conclusion_column:
        conclusion = st.text_area(t("vtv.conclusion"), value=current.vtv.conclusion,
                                  height=220, help=t("vtv.conclusion_help"), key=conclusion_key)
economy = tabs[1 + list(Category).index(COMPUTED_CATEGORY)]
economy_panel = economy.container() if economy.open else None
elements = []
for tab, category in zip(tabs[1:-1], Category, strict=True):
    if not tab.open:
        elements += vtv_widgets.stored_elements(current, category)
        continue
    with tab:
        st.caption(t("vtv.own_economy_help") if category is COMPUTED_CATEGORY
                   else t("vtv.scale_help"))
        elements += vtv_widgets.element_editor(current, category)
vtv_widgets.apply_assessment(elements, conclusion)

current = scenario()
language = lang()
if economy_panel is not None:
    with economy_panel:
        vtv_economy_view(current, language)
if overview.open:
    with summary_column:
        vtv_summary_view(current, language)
    with overview:  # one chart a row: in half a 1280 px page the radar's labels were cut off
        vtv_overview_view(current, language)
if compare.open:
    with compare:
        st.caption(t("vtv.compare_help"))
        chosen = kept_widget(st.multiselect, "vtv_compare", t("vtv.compare_with"),
                             sample_names(), format_func=labeller("sample"),
                             placeholder=t("vtv.compare_placeholder"))
        series = [(t("vtv.current", title=current.title),
                   shared_evaluation(current).summary.category_scores)]
        series += [(t(f"sample.{name}"),
                    shared_evaluation(load_sample(name)).summary.category_scores)
                   for name in chosen]
        radar_chart(series, language)
