"""Business case: edit the scenario, see payback, NPV and the cash flow at once."""

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from calculators.budget_years import budget_years
from calculators.model import Scenario
from calculators.risk_pool import risk_pool
from ui import budget_view, editors, price_level, widgets
from ui import library as ui_lib
from ui.cached import business_case_figures, engine_results
from ui.entry import through_app
from ui.excel_files import excel_upload
from ui.main_assumptions import main_assumptions_panel
from ui.safe_text import md
from ui.session import apply_edit, lang, scenario, show_opened_message, t
from ui.tables import cashflow_display

through_app()

with st.sidebar.expander(t("bc.files"), expanded=True):
    widgets.scenario_files(ui_lib.current_exporter())
    excel_upload()

current = scenario()
header = st.container()
results = st.container()

st.subheader(t("bc.inputs"))
panel = st.container()  # filled after the tables' edits are applied, so it shows them at once
tabs = st.tabs([t("bc.tab_costs"), t("bc.tab_gains"), t("bc.tab_scale"), t("bc.tab_soft"),
                t("bc.tab_description"), t("bc.tab_table"), t("by.tab")])
data = current.model_dump()


def line_tab(tab: DeltaGenerator, help_key: str, field: str,
             editor: Callable[[Scenario], list[dict]]) -> None:
    with tab:
        st.caption(t(help_key))
        data[field] = editor(current)


line_tab(tabs[0], "bc.costs_help", "costs", editors.cost_editor)
line_tab(tabs[1], "bc.gains_help", "gains", editors.gain_editor)
with tabs[2]:
    data.update(editors.settings_inputs(current))
    data["scale"] = editors.scale_inputs(current)
line_tab(tabs[3], "bc.soft_help", "soft_gains", editors.soft_gain_editor)
with tabs[4]:
    data.update(editors.description_inputs(current))
with tabs[6]:
    budget_table = st.container()  # filled with the results below the price-level inputs
    data["price_level"] = price_level.price_level_inputs(current)
if apply_edit(data) and scenario().gains != current.gains:
    st.rerun()  # the plan table's read-only column then shows what now reaches the budget
budget_view.apply_hourly_cost()

current = scenario()
with panel:
    main_assumptions_panel(current)
_, table, metrics = engine_results(current)
with tabs[5]:
    st.dataframe(cashflow_display(table, lang()), hide_index=True, width="stretch")
with budget_table:
    budget_view.budget_year_table(budget_years(current), current)
    price_level.price_level_caption(current)

with header:
    st.title(md(current.title))
    show_opened_message()
    widgets.estimate_badge(current)
with results:
    widgets.kpi_cards(metrics, current)
    budget_view.residual_caption(current, metrics)
    budget_view.risk_pool_panel(risk_pool(current))
    for column, figure in zip(st.columns(2), business_case_figures(current, lang()), strict=True):
        with column:
            widgets.chart(figure)
