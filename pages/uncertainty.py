"""Uncertainty: ranges, worst/base/best, sensitivity, Monte Carlo and break-even."""

import pandas as pd
import streamlit as st

from calculators.drivers import drivers
from calculators.montecarlo import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    MAX_DRAWS,
    SimulationTooLarge,
    default_within_years,
    summarise,
)
from ui import analysis_cache as cache
from ui import analysis_text as text
from ui.analysis_charts import shared_span
from ui.analysis_widgets import analysed_json_of, range_editor
from ui.entry import through_app
from ui.figure_cache import histogram_figure, scenarios_figure, tornado_figure, two_way_figure
from ui.formatting import format_dkk, format_number, format_share
from ui.numbers import NumberSpec
from ui.session import apply_edit, lang, scenario, t, widget_key
from ui.widgets import chart as show_chart
from ui.widgets import number_field

through_app()

language = lang()
current = scenario()
st.title(t("nav.uncertainty"))
st.caption(t("an.estimates"))

with st.expander(t("an.ranges"), expanded=not current.ranges):
    st.caption(t("an.ranges_help"))
    apply_edit({**current.model_dump(), "ranges": range_editor(current)})
current = scenario()
analysed_json = analysed_json_of(current)
analysed = cache.load(analysed_json)
labels = {d.key: text.driver_label(language, d) for d in drivers(analysed)}

tabs = st.tabs([t("an.tab_scenarios"), t("an.tab_sensitivity"), t("an.tab_montecarlo"),
                t("an.tab_break_even")])

with tabs[0]:
    results = cache.cases(analysed_json)
    metrics = {name: result[0] for name, result in results.items()}
    pools = cache.pools(analysed_json)
    st.markdown(f"**{text.scenarios_takeaway(language, metrics)}**")
    rate = format_number(analysed.discount_rate * 100, language, 1)
    rows = [{t("an.case"): t(f"an.{name}"),
             t("an.col_budget_payback"): text.months_text(language, m.budget_payback_months,
                                                          in_sentence=False),
             t("kpi.budget_total", years=analysed.horizon_years):
                 format_dkk(m.budget_total, language),
             t("kpi.payback"): text.months_text(language, m.payback_months,
                                                      in_sentence=False),
             t("kpi.npv", rate=rate): format_dkk(m.npv, language),
             **({} if not pools else {
                 t("bv.pool"): format_dkk(pools[name].expected_cost, language),
                 t("bv.npv_after_pool"): format_dkk(pools[name].npv_after_pool, language)}),
             t("kpi.total_net", years=analysed.horizon_years): format_dkk(m.total_net, language),
             t("kpi.annual_net"): format_dkk(m.annual_net_steady_state, language)}
            for name, m in metrics.items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if pools:
        st.caption(t("an.pool_note"))
    curves = {name: (times, values) for name, (_, times, values) in results.items()}
    show_chart(scenarios_figure(curves, language))

with tabs[1]:
    table, grid = cache.sensitivity(analysed_json)
    if table.empty:
        st.info(t("an.no_ranges"))
    else:
        base = results["base"][0]
        npv_takeaway, payback_takeaway = text.tornado_takeaways(language, table, labels)
        st.markdown(f"**{npv_takeaway}**")
        show_chart(tornado_figure(table, labels, base.npv, language))
        st.markdown(f"**{payback_takeaway}**")
        horizon_months = 12 * analysed.horizon_years
        base_payback = base.payback_months if base.payback_months is not None else horizon_months
        show_chart(tornado_figure(table, labels, base_payback, language, metric="payback",
                                  cap=horizon_months))
        st.subheader(t("an.one_way"))
        one_way = text.one_way_table(language, table, drivers(analysed))
        st.dataframe(one_way, hide_index=True, width="stretch")
        if grid is None:
            st.info(t("an.two_way_none"))
        else:
            st.markdown(f"**{text.two_way_takeaway(language, grid)}**")
            show_chart(two_way_figure(grid, labels[grid.x.key], labels[grid.y.key], language))

with tabs[2]:
    cols = st.columns(3)
    with cols[0]:
        draws = number_field(t("an.draws"), DEFAULT_DRAWS, widget_key("mc_draws"),
                             NumberSpec(whole=True, minimum=1_000, maximum=MAX_DRAWS))
    with cols[1]:
        seed = number_field(t("an.seed"), DEFAULT_SEED, widget_key("mc_seed"),
                            NumberSpec(whole=True, grouped=False, minimum=0))
    with cols[2]:
        within = number_field(t("an.within_years"), default_within_years(analysed.horizon_years),
                              widget_key("mc_within"),
                              NumberSpec(whole=True, minimum=1, maximum=analysed.horizon_years))
    if not analysed.ranges:
        st.info(t("an.mc_fixed"))
    try:
        result = cache.monte_carlo(analysed_json, int(draws), int(seed))
    except SimulationTooLarge as exc:
        result = None
        st.warning(t("an.mc_too_large", combinations=format_number(exc.combinations, language),
                     lines=exc.lines))
    if result is not None:
        summary = summarise(result, int(within))
        rate = analysed.discount_rate
        npv_takeaway, payback_takeaway, discounted_takeaway = text.monte_carlo_takeaways(
            language, summary, rate)
        within_label = text.within_text(language, 12 * int(within))
        cards = [(t("an.p_positive"), summary.probability_positive_npv),
                 (t("an.p_within", within=within_label), summary.payback.probability_within),
                 (t("an.p_within_discounted", within=within_label),
                  summary.discounted_payback.probability_within)]
        for column, (title, share) in zip(st.columns(3), cards, strict=True):
            column.metric(title, format_share(share, language), border=True)
        count = format_number(summary.draws, language)
        npv_column, table_column = st.columns(2)
        simple_column, discounted_column = st.columns(2)
        payback_span = shared_span(result.payback_months, result.discounted_payback_months)
        histograms = [
            (npv_column, npv_takeaway, result.npv, summary.npv_percentiles, "npv", True, None),
            (simple_column, payback_takeaway, result.payback_months, summary.payback.percentiles,
             "payback", False, payback_span),
            (discounted_column, discounted_takeaway, result.discounted_payback_months,
             summary.discounted_payback.percentiles, "discounted_payback", False, payback_span),
        ]
        for column, takeaway, values, marks, name, money, span in histograms:
            column.markdown(f"**{takeaway}**")
            figure = histogram_figure(values, marks, t(f"an.mc_{name}_title", draws=count),
                                      t(f"an.{name}_axis"), language, money=money, span=span)
            show_chart(figure, column)
        table_column.markdown(f"**{t('an.mc_payback_table')}**")
        table_column.dataframe(text.payback_table(language, summary, rate), hide_index=True,
                               width="stretch")

with tabs[3]:
    months = st.slider(t("an.within_months"), min_value=1,
                       max_value=12 * analysed.horizon_years,
                       value=min(24, 12 * analysed.horizon_years), key=widget_key("be_months"))
    found = cache.break_even(analysed_json, int(months))
    if found is None:
        st.info(t("an.break_even_none"))
    else:
        sentences = text.break_even_sentences(language, analysed, found)
        st.markdown(f"### {sentences[0]}")
        for sentence in sentences[1:]:
            st.markdown(f"**{sentence}**")
        if found.needed:
            cols = st.columns(2)
            cols[0].metric(t("an.needed"),
                           text.quantity_text(language, analysed, found.driver, found.needed),
                           border=True)
            cols[1].metric(t("an.today"),
                           text.quantity_text(language, analysed, found.driver, found.current),
                           border=True)
