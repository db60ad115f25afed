"""Roll-out per unit and in total, Aarhus fund repayment, and the procurement route."""

import pandas as pd
import streamlit as st

from calculators.fund import default_loan
from ui import analysis_cache as cache
from ui import analysis_text as text
from ui.analysis_charts import fund_figure, procurement_figure, rollout_figure
from ui.analysis_widgets import analysed_json_of, fund_inputs, procurement_inputs
from ui.entry import through_app
from ui.formatting import format_dkk, format_number
from ui.session import apply_edit, lang, scenario, t

through_app()

language = lang()
current = scenario()
st.title(t("nav.rollout_fund"))
st.caption(t("an.estimates"))
analysed_json = analysed_json_of(current)
analysed = cache.load(analysed_json)

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
st.plotly_chart(rollout_figure(per_unit, language), width="stretch")


def edit_settings(field: str, values: dict) -> None:
    """Store fund or procurement settings on the scenario; rerun so results follow."""
    if apply_edit({**current.model_dump(), field: values}) and \
            scenario().model_dump()[field] != current.model_dump()[field]:
        st.rerun()


st.header(t("fund.title"))
st.caption(t("fund.explain"))
edit_settings("fund", fund_inputs(current, default_loan(current)))
plan, metrics = cache.fund(analysed_json)
st.markdown(f"**{text.fund_takeaway(language, plan)}**")
st.caption(t("fund.fte_note", pledged=format_number(analysed.fund.fte_share, language, 2),
             released=format_number(metrics.fte_released_per_year, language, 2)))
st.plotly_chart(fund_figure(plan.schedule, language), width="stretch")

st.header(t("proc.title"))
edit_settings("procurement", procurement_inputs(current))
route = cache.procurement_route(analysed_json)
st.metric(t("proc.route"), t(f"proc.route.{route.route.value}"), border=True)
st.markdown(f"**{text.procurement_takeaway(language, route)}**")
st.caption(t("proc.stale"))
st.plotly_chart(procurement_figure(route.value, route.settings, language), width="stretch")
