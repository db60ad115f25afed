"""The uncertainty and roll-out pages' results (charts, tables, the text around them), keyed
by the analysed scenario's JSON.

Each function draws from the cached analysis results; it is cached with st.cache_resource, so a
rerun that changes nothing replays the elements Streamlit recorded (no figure, frame or
formatted number is made again). The key is the scenario's JSON and a few small values:
hashing a short string costs microseconds, hashing the frames and arrays of 10,000 draws the
charts are drawn from costs milliseconds a chart (ui/figure_cache.py keys by the data)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from calculators.drivers import drivers
from calculators.montecarlo import summarise
from ui import analysis_cache as cache
from ui import analysis_charts as charts
from ui import analysis_text as text
from ui.analysis_widgets import position_source
from ui.figure_cache import MAX_FIGURES
from ui.formatting import format_dkk, format_number, format_share
from ui.i18n import translate
from ui.widgets import chart


def _draw(figure: go.Figure) -> None:
    chart(figure)  # its title as page text above it


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def scenarios_view(scenario_json: str, language: str) -> None:
    """Worst, base and best case: the takeaway, the key figures of each and their curves."""
    analysed = cache.load(scenario_json)
    results = cache.cases(scenario_json)
    metrics = {name: result[0] for name, result in results.items()}
    pools = cache.pools(scenario_json)
    st.markdown(f"**{text.scenarios_takeaway(language, metrics)}**")
    rate = format_number(analysed.discount_rate * 100, language, 1)
    years = analysed.horizon_years
    rows = [{translate(language, "an.case"): translate(language, f"an.{name}"),
             translate(language, "an.col_budget_payback"):
                 text.months_text(language, m.budget_payback_months, in_sentence=False),
             translate(language, "kpi.budget_total", years=years): format_dkk(m.budget_total,
                                                                         language),
             translate(language, "kpi.payback"): text.months_text(language, m.payback_months,
                                                             in_sentence=False),
             translate(language, "kpi.npv", rate=rate): format_dkk(m.npv, language),
             **({} if not pools else {
                 translate(language, "bv.pool"): format_dkk(pools[name].expected_cost, language),
                 translate(language, "bv.npv_after_pool"):
                     format_dkk(pools[name].npv_after_pool, language)}),
             translate(language, "kpi.total_net", years=years): format_dkk(m.total_net, language),
             translate(language, "kpi.annual_net"): format_dkk(m.annual_net_steady_state, language)}
            for name, m in metrics.items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if pools:
        st.caption(translate(language, "an.pool_note"))
    curves = {name: (times, values) for name, (_, times, values) in results.items()}
    _draw(charts.scenarios_figure(curves, language))


def _tornado(scenario_json: str, language: str, labels: dict[str, str],
             table: pd.DataFrame, metric: str) -> go.Figure:
    """The one-way sensitivity of the net present value (`npv`) or the payback (`payback`,
    capped at the horizon)."""
    base = cache.cases(scenario_json)["base"][0]
    if metric == "npv":
        return charts.tornado_figure(table, labels, base.npv, language)
    horizon_months = 12 * cache.load(scenario_json).horizon_years
    payback = base.payback_months if base.payback_months is not None else horizon_months
    return charts.tornado_figure(table, labels, payback, language, metric="payback",
                                 cap=horizon_months)


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def sensitivity_view(scenario_json: str, language: str) -> None:
    """Both tornados with their takeaways, the one-way table and the two-way grid."""
    table, grid = cache.sensitivity(scenario_json)
    if table.empty:
        st.info(translate(language, "an.no_ranges"))
        return
    found = drivers(cache.load(scenario_json))
    labels = {d.key: text.driver_label(language, d) for d in found}
    npv_takeaway, payback_takeaway = text.tornado_takeaways(language, table, labels)
    st.markdown(f"**{npv_takeaway}**")
    _draw(_tornado(scenario_json, language, labels, table, "npv"))
    st.markdown(f"**{payback_takeaway}**")
    _draw(_tornado(scenario_json, language, labels, table, "payback"))
    st.subheader(translate(language, "an.one_way"))
    st.dataframe(text.one_way_table(language, table, found), hide_index=True, width="stretch")
    if grid is None:
        st.info(translate(language, "an.two_way_none"))
    else:
        st.markdown(f"**{text.two_way_takeaway(language, grid)}**")
        _draw(charts.two_way_figure(grid, labels[grid.x.key], labels[grid.y.key], language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def monte_carlo_view(scenario_json: str, language: str, draws: int, seed: int,
                     within: int) -> None:
    """The simulation's probabilities, the three distributions with their takeaways and the
    payback table. Raises SimulationTooLarge (before drawing anything) like the simulation."""
    result = cache.monte_carlo(scenario_json, draws, seed)
    summary = summarise(result, within)
    rate = cache.load(scenario_json).discount_rate
    takeaways = text.monte_carlo_takeaways(language, summary, rate)
    within_label = text.within_text(language, 12 * within)
    cards = [(translate(language, "an.p_positive"), summary.probability_positive_npv),
             (translate(language, "an.p_within", within=within_label),
              summary.payback.probability_within),
             (translate(language, "an.p_within_discounted", within=within_label),
              summary.discounted_payback.probability_within)]
    for column, (title, share) in zip(st.columns(3), cards, strict=True):
        column.metric(title, format_share(share, language), border=True)
    npv_column, table_column = st.columns(2)
    simple_column, discounted_column = st.columns(2)
    span = charts.shared_span(result.payback_months, result.discounted_payback_months)
    count = format_number(summary.draws, language)
    histograms = [
        (npv_column, "npv", result.npv, summary.npv_percentiles, True, None),
        (simple_column, "payback", result.payback_months, summary.payback.percentiles, False,
         span),
        (discounted_column, "discounted_payback", result.discounted_payback_months,
         summary.discounted_payback.percentiles, False, span),
    ]
    for (column, name, values, marks, money, shared), takeaway in zip(histograms, takeaways,
                                                                      strict=True):
        with column:
            st.markdown(f"**{takeaway}**")
            _draw(charts.histogram_figure(values, marks,
                                          translate(language, f"an.mc_{name}_title", draws=count),
                                          translate(language, f"an.{name}_axis"), language,
                                          money=money, span=shared))
    table_column.markdown(f"**{translate(language, 'an.mc_payback_table')}**")
    table_column.dataframe(text.payback_table(language, summary, rate), hide_index=True,
                           width="stretch")


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def break_even_view(scenario_json: str, language: str, months: int) -> None:
    """What must hold for the case to pay back within `months`, and its value today."""
    found = cache.break_even(scenario_json, months)
    if found is None:
        st.info(translate(language, "an.break_even_none"))
        return
    analysed = cache.load(scenario_json)
    sentences = text.break_even_sentences(language, analysed, found)
    st.markdown(f"### {sentences[0]}")
    for sentence in sentences[1:]:
        st.markdown(f"**{sentence}**")
    if found.needed:
        cols = st.columns(2)
        cols[0].metric(translate(language, "an.needed"),
                       text.quantity_text(language, analysed, found.driver, found.needed),
                       border=True)
        cols[1].metric(translate(language, "an.today"),
                       text.quantity_text(language, analysed, found.driver, found.current),
                       border=True)


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def rollout_view(scenario_json: str, language: str) -> None:
    """The roll-out's takeaway, totals and per unit, batches and the per-unit chart."""
    batches, per_unit, summary = cache.rollout(scenario_json)
    st.markdown(f"**{text.rollout_takeaway(language, summary)}**")
    rows = [(translate(language, "ro.investment"), summary.investment),
            (translate(language, "ro.npv"), summary.npv),
            (translate(language, "ro.annual_net"), summary.annual_net)]
    st.dataframe(pd.DataFrame({
        "": [name for name, _ in rows],
        translate(language, "ro.total"): [format_dkk(value, language) for _, value in rows],
        translate(language, "ro.per_unit"): [format_dkk(summary.per_unit(value), language)
                                             if summary.units else "–" for _, value in rows],
    }), hide_index=True)
    st.subheader(translate(language, "ro.batches"))
    st.dataframe(batches.rename(columns={c: translate(language, f"ro.{c}")
                                         for c in batches.columns}), hide_index=True)
    _draw(charts.rollout_figure(per_unit, language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def fund_view(scenario_json: str, language: str) -> None:
    """The fund's takeaway, positions, position cost and repayment chart."""
    plan = cache.fund(scenario_json)
    st.markdown(f"**{text.fund_takeaway(language, plan)}**")
    st.caption(translate(language, "fund.fte_note",
                         pledged=format_number(plan.fte_share, language, 2),
                         released=format_number(plan.fte_released, language, 2),
                         taken_out=format_number(plan.fte_taken_out, language, 2)))
    if not plan.share_backed:
        st.warning(translate(language, "fund.share_not_backed"))
    st.caption(translate(language, "fund.position_note",
                         cost=format_dkk(plan.position.value, language),
                         source=position_source(plan.position, language)))
    _draw(charts.fund_figure(plan.schedule, language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def procurement_view(scenario_json: str, language: str) -> None:
    """The contract value, the route it calls for and why, and the chart of the thresholds."""
    route = cache.procurement_route(scenario_json)
    if route.route is None:
        st.warning(translate(language, "proc.no_row", year=route.year))
    if route.beyond_horizon:
        st.warning(translate(language, "proc.beyond_horizon", years=route.years))
    value_col, route_col = st.columns(2)
    value_col.metric(translate(language, "proc.value"), format_dkk(route.value, language),
                     border=True)
    with route_col.container(border=True, height="stretch"):
        st.caption(translate(language, "proc.route"))
        st.markdown(f"#### {translate(language, 'proc.route.' + (route.route or 'none'))}")
    st.markdown(f"**{text.procurement_takeaway(language, route)}**")
    if route.route is not None:
        st.markdown(translate(language, f"proc.detail.{route.route.value}"))
    if route.threshold is not None:
        st.caption(text.threshold_line(language, route.threshold))
    if route.over_policy:
        st.info(translate(language, "proc.policy",
                          amount=format_dkk(route.settings.user_policy_threshold, language)))
    chosen = route.chosen.value
    named = translate(language, f"proc_route.{chosen}")
    st.markdown(f"{translate(language, 'proc.chosen', route=named)} "
                f"{translate(language, f'proc_route_detail.{chosen}')}")
    _draw(charts.procurement_figure(route, language))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def threshold_table(language: str) -> None:
    """The whole dated threshold table, as shipped."""
    st.dataframe(text.threshold_frame(language), hide_index=True)
