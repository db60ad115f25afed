"""Business case: edit the scenario, see payback, NPV and the cash flow at once."""

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from calculators.model import Scenario
from ui import budget_view, editors, price_level, widgets
from ui import library as ui_lib
from ui.cached import budget_year_view, business_case_results, cashflow_table_view
from ui.entry import through_app
from ui.excel_files import excel_upload
from ui.main_assumptions import main_assumptions_panel, take_panel_edit
from ui.safe_text import md
from ui.session import apply_edit, lang, scenario, show_opened_message, t

through_app()

TABS_KEY = "business_case_tabs"

with st.sidebar.expander(t("bc.files"), expanded=True):
    widgets.scenario_files(ui_lib.current_exporter())
    excel_upload()

header = st.container()
results = st.container()

st.subheader(t("bc.inputs"))
panel = st.container()  # filled after the tables' edits are applied, so it shows them at once
with panel:
    take_panel_edit()
current = scenario()
# Only the open tab is drawn (`widgets.lazy_tabs`). Every input is re-created from the scenario
# (versioned keys), so a closed tab loses nothing, and a rerun builds neither the widgets nor the
# tables nobody sees (issue 18: each text field costs Streamlit time in proportion to all the
# others).
tabs = widgets.lazy_tabs(["bc.tab_costs", "bc.tab_gains", "bc.tab_scale", "bc.tab_soft",
                          "bc.tab_description", "bc.tab_table", "by.tab"], TABS_KEY)
data = current.model_dump()


def line_tab(tab: DeltaGenerator, help_key: str, field: str,
             editor: Callable[[Scenario], list[dict]]) -> None:
    if tab.open:
        with tab:
            st.caption(t(help_key))
            data[field] = editor(current)


line_tab(tabs[0], "bc.costs_help", "costs", editors.cost_editor)
line_tab(tabs[1], "bc.gains_help", "gains", editors.gain_editor)
if tabs[2].open:
    with tabs[2]:
        data.update(editors.settings_inputs(current))
        data["scale"] = editors.scale_inputs(current)
line_tab(tabs[3], "bc.soft_help", "soft_gains", editors.soft_gain_editor)
if tabs[4].open:
    with tabs[4]:
        data.update(editors.description_inputs(current))
if tabs[6].open:
    with tabs[6]:
        budget_table = st.container()  # filled with the results below the price-level inputs
        data["price_level"] = price_level.price_level_inputs(current)
if apply_edit(data) and scenario().gains != current.gains:
    st.rerun()  # the plan table's read-only column then shows what now reaches the budget
budget_view.apply_hourly_cost()

current = scenario()
with panel:
    main_assumptions_panel(current)
if tabs[5].open:
    with tabs[5]:
        cashflow_table_view(current, lang())
if tabs[6].open:
    with budget_table:
        budget_year_view(current, lang())

with header:
    st.title(md(current.title))
    show_opened_message()
    widgets.estimate_badge(current)
with results:
    business_case_results(current, lang())
