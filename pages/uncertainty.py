"""Uncertainty: ranges, worst/base/best, sensitivity, Monte Carlo and break-even."""

import streamlit as st

from calculators.montecarlo import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    MAX_DRAWS,
    SimulationTooLarge,
    default_within_years,
)
from ui import analysis_cache as cache
from ui import analysis_views as views
from ui.analysis_widgets import analysed_json_of, range_editor
from ui.entry import through_app
from ui.formatting import format_number
from ui.numbers import NumberSpec
from ui.session import apply_part, lang, scenario, t, widget_key
from ui.widgets import number_field

through_app()

language = lang()
current = scenario()
st.title(t("nav.uncertainty"))
st.caption(t("an.estimates"))

with st.expander(t("an.ranges"), expanded=not current.ranges):
    st.caption(t("an.ranges_help"))
    apply_part("ranges", range_editor(current))
current = scenario()
analysed_json = analysed_json_of(current)
analysed = cache.load(analysed_json)

tabs = st.tabs([t("an.tab_scenarios"), t("an.tab_sensitivity"), t("an.tab_montecarlo"),
                t("an.tab_break_even")])

with tabs[0]:
    views.scenarios_view(analysed_json, language)

with tabs[1]:
    views.sensitivity_view(analysed_json, language)

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
        views.monte_carlo_view(analysed_json, language, int(draws), int(seed), int(within))
    except SimulationTooLarge as exc:
        st.warning(t("an.mc_too_large", combinations=format_number(exc.combinations, language),
                     lines=exc.lines))

with tabs[3]:
    months = st.slider(t("an.within_months"), min_value=1,
                       max_value=12 * analysed.horizon_years,
                       value=min(24, 12 * analysed.horizon_years), key=widget_key("be_months"))
    views.break_even_view(analysed_json, language, int(months))
