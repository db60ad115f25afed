"""Roll-out per unit and in total, Aarhus fund repayment, and the procurement route."""

import streamlit as st

from ui import analysis_cache as cache
from ui import analysis_views as views
from ui.analysis_widgets import (
    analysed_json_of,
    fund_inputs,
    procurement_inputs,
    supplier_editor,
)
from ui.entry import through_app
from ui.session import apply_part, lang, scenario, t

through_app()

language = lang()
current = scenario()
st.title(t("nav.rollout_fund"))
st.caption(t("an.estimates"))
analysed_json = analysed_json_of(current)

st.header(t("ro.title"))
views.rollout_view(analysed_json, language)


def edit(field: str, values: object) -> None:
    """Store fund or procurement settings or the cost lines on the scenario; rerun so results
    follow."""
    if apply_part(field, values) and getattr(scenario(), field) != getattr(current, field):
        st.rerun()


st.header(t("fund.title"))
st.caption(t("fund.explain"))
edit("fund", fund_inputs(current))
views.fund_view(analysed_json, language)

st.header(t("proc.title"))
st.caption(t("proc.explain"))
edit("procurement", procurement_inputs(current))
route = cache.procurement_route(analysed_json)
views.procurement_view(analysed_json, language)
st.subheader(t("proc.lines"))
edit("costs", supplier_editor(current, route.lines))
thresholds = st.expander(t("proc.table"), key="procurement_threshold_table", on_change="rerun")
if thresholds.open:  # drawn only while open
    with thresholds:
        st.caption(t("proc.stale"))
        views.threshold_table(language)
