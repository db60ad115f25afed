"""Roll-out per unit and in total, Aarhus fund repayment, and the procurement route."""

import pandas as pd
import streamlit as st

from calculators.fund import default_loan
from ui import analysis_cache as cache
from ui import analysis_text as text
from ui.analysis_widgets import (
    analysed_json_of,
    fund_inputs,
    position_source,
    procurement_inputs,
    supplier_editor,
)
from ui.entry import through_app
from ui.figure_cache import fund_figure, procurement_figure, rollout_figure
from ui.formatting import format_dkk, format_number
from ui.session import apply_edit, lang, scenario, t
from ui.widgets import chart as show_chart

through_app()

language = lang()
current = scenario()
st.title(t("nav.rollout_fund"))
st.caption(t("an.estimates"))
analysed_json = analysed_json_of(current)

st.header(t("ro.title"))
batches, per_unit, summary = cache.rollout(analysed_json)
st.markdown(f"**{text.rollout_takeaway(language, summary)}**")
rows = [(t("ro.investment"), summary.investment), (t("ro.npv"), summary.npv),
        (t("ro.annual_net"), summary.annual_net)]
st.dataframe(pd.DataFrame({
    "": [name for name, _ in rows],
    t("ro.total"): [format_dkk(value, language) for _, value in rows],
    t("ro.per_unit"): [format_dkk(summary.per_unit(value), language) if summary.units else "–"
                       for _, value in rows],
}), hide_index=True)
st.subheader(t("ro.batches"))
st.dataframe(batches.rename(columns={c: t(f"ro.{c}") for c in batches.columns}), hide_index=True)
show_chart(rollout_figure(per_unit, language))


def edit_settings(field: str, values: dict) -> None:
    """Store fund or procurement settings on the scenario; rerun so results follow."""
    if apply_edit({**current.model_dump(), field: values}) and \
            scenario().model_dump()[field] != current.model_dump()[field]:
        st.rerun()


st.header(t("fund.title"))
st.caption(t("fund.explain"))
edit_settings("fund", fund_inputs(current, default_loan(current)))
plan = cache.fund(analysed_json)
st.markdown(f"**{text.fund_takeaway(language, plan)}**")
st.caption(t("fund.fte_note", pledged=format_number(plan.fte_share, language, 2),
             released=format_number(plan.fte_released, language, 2),
             taken_out=format_number(plan.fte_taken_out, language, 2)))
if not plan.share_backed:
    st.warning(t("fund.share_not_backed"))
st.caption(t("fund.position_note", cost=format_dkk(plan.position.value, language),
             source=position_source(plan.position, language)))
show_chart(fund_figure(plan.schedule, language))

st.header(t("proc.title"))
st.caption(t("proc.explain"))
edit_settings("procurement", procurement_inputs(current))
route = cache.procurement_route(analysed_json)
if route.route is None:
    st.warning(t("proc.no_row", year=route.year))
if route.beyond_horizon:
    st.warning(t("proc.beyond_horizon", years=route.years))
value_col, route_col = st.columns(2)
value_col.metric(t("proc.value"), format_dkk(route.value, language), border=True)
with route_col.container(border=True, height="stretch"):
    st.caption(t("proc.route"))
    st.markdown(f"#### {t('proc.route.' + (route.route or 'none'))}")
st.markdown(f"**{text.procurement_takeaway(language, route)}**")
if route.route is not None:
    st.markdown(t(f"proc.detail.{route.route.value}"))
if route.threshold is not None:
    st.caption(text.threshold_line(language, route.threshold))
if route.over_policy:
    st.info(t("proc.policy", amount=format_dkk(route.settings.user_policy_threshold, language)))
st.markdown(f"{t('proc.chosen', route=t(f'proc_route.{route.chosen.value}'))} "
            f"{t(f'proc_route_detail.{route.chosen.value}')}")
show_chart(procurement_figure(route, language))
st.subheader(t("proc.lines"))
costs = supplier_editor(current, route.lines)
if apply_edit({**current.model_dump(), "costs": costs}) and scenario().costs != current.costs:
    st.rerun()
with st.expander(t("proc.table")):
    st.caption(t("proc.stale"))
    st.dataframe(text.threshold_frame(language), hide_index=True)
