"""Portfolio: every business case in the library ranked, and the exact best selection within a
budget (the Aarhus fund by default)."""

import pandas as pd
import streamlit as st

from calculators.portfolio import (
    AARHUS_FUND_BUDGET,
    OBJECTIVES,
    Criterion,
    rank,
    select,
    with_min_vtv,
)
from ui import library as ui_lib
from ui.entry import through_app
from ui.figure_cache import portfolio_chart
from ui.formatting import format_dkk, format_number
from ui.numbers import NumberSpec
from ui.session import lang, t
from ui.widgets import months_text, number_field

through_app()

st.title(t("pf.title"))
st.caption(t("pf.intro"))
lib = ui_lib.library()
if lib is None:
    st.stop()
entries = ui_lib.attempt(lib.entries) or []
if not entries:
    st.info(t("pf.empty"))
    st.stop()

items = ui_lib.version_candidates(entries)
scored = any(c.vtv_score is not None for c in items)

budget_col, objective_col, rank_col = st.columns(3)
with budget_col:
    budget = 1e6 * number_field(t("pf.budget"), AARHUS_FUND_BUDGET / 1e6, "portfolio_budget",
                                NumberSpec(decimals=1, minimum=0, maximum=1e6),
                                help=t("pf.budget_help"))
objectives = {c: t(f"pf.objective.{c.value}") for c in OBJECTIVES}
objective = objective_col.radio(t("pf.objective"), list(objectives), horizontal=True,
                                format_func=objectives.__getitem__, key="portfolio_objective")
criteria = {c: t(f"pf.criterion.{c.value}") for c in Criterion
            if scored or c is not Criterion.VTV}
rank_by = rank_col.selectbox(t("pf.rank_by"), list(criteria), key="portfolio_rank",
                             format_func=criteria.__getitem__)
if scored:
    minimum = rank_col.select_slider(
        t("pf.min_vtv"), [step / 2 for step in range(11)], value=0.0, help=t("pf.min_vtv_help"),
        format_func=lambda v: format_number(v, lang(), 1) if v else t("pf.min_vtv_all"),
        key="portfolio_min_vtv")
    kept = with_min_vtv(items, minimum)
    if len(kept) < len(items):
        st.caption(t("pf.filtered", shown=len(kept), total=len(items)))
    items = kept
ranked = rank(items, rank_by)
chosen = select(items, budget, objective)
language = lang()

cards = [
    (t("pf.chosen_count"), format_number(len(chosen.keys), language)),
    (t("pf.chosen_investment"), format_dkk(chosen.investment, language)),
    (t("pf.remaining"), format_dkk(chosen.remaining, language)),
    (t("pf.chosen_budget_npv"), format_dkk(chosen.budget_npv, language)),
    (t("pf.chosen_npv"), format_dkk(chosen.npv, language)),
    (t("pf.chosen_hours"), t("unit.hours", value=format_number(chosen.hours_released, language))),
]
for row in (cards[:3], cards[3:]):
    for column, (title, value) in zip(st.columns(3), row, strict=False):
        column.metric(title, value, border=True)

table = pd.DataFrame({
    t("pf.col_rank"): range(1, len(ranked) + 1),
    t("pf.col_chosen"): [t("pf.yes") if c.key in chosen.keys else "" for c in ranked],
    t("lib.col_id"): [int(c.key) for c in ranked],
    t("lib.col_title"): [c.title for c in ranked],
    t("pf.col_investment"): [format_dkk(c.investment, language) for c in ranked],
    t("pf.col_budget_npv"): [format_dkk(c.budget_npv, language) for c in ranked],
    t("pf.col_budget_payback"): [months_text(c.budget_payback_months) for c in ranked],
    t("pf.col_npv"): [format_dkk(c.npv, language) for c in ranked],
    t("pf.col_payback"): [months_text(c.payback_months) for c in ranked],
    t("pf.col_hours"): [format_number(c.hours_released, language) for c in ranked],
})
if any(c.vtv_score is not None for c in ranked):
    table.insert(4, t("pf.col_vtv"), [format_number(c.vtv_score, language, 1) for c in ranked])
portfolio_chart(ranked, set(chosen.keys), objective, budget, language)
st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 560))
