"""The analysis pages through AppTest (load, language, edits, bad input) and their sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from calculators.drivers import drivers
from calculators.fund import fund_plan
from calculators.model import Scenario
from calculators.montecarlo import run, summarise
from calculators.procurement import procurement
from calculators.scenario_file import load_sample
from calculators.sensitivity import break_even_for, tornado, two_way
from ui import analysis_charts as charts
from ui import analysis_text as text
from ui.analysis_widgets import ranges_from_rows
from ui.safe_text import md

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/uncertainty.py", "pages/rollout_fund.py"]


def open_page(page: str, lang: str = "da") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.session_state["lang"] = lang
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_in_danish_and_english(page):
    app = open_page(page)
    danish = shown(app)
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception
    assert shown(app) != danish


def test_uncertainty_page_shows_discounted_payback_in_danish():
    app = open_page("pages/uncertainty.py")
    assert ("Diskonteret med 3,5 % er udgifterne inkl. frigjort tid dækket inden for 2 år i"
            in shown(app))
    assert any(m.label == "Dækket inden for 2 år, diskonteret" for m in app.metric)
    # a chart's title, as page text
    assert f"**{md('Diskonteret: udgifterne dækket efter')}**" in shown(app)


def test_uncertainty_page_states_break_even_and_takes_edits():
    app = open_page("pages/uncertainty.py", "en")
    assert "the costs are covered within 2 years if" in shown(app)
    assert "at least 11 minutes a day" in shown(app)
    app.slider(key="be_months@0").set_value(12).run()
    assert "the costs are covered within 12 months if" in shown(app)
    assert "at least 22 minutes a day" in shown(app)  # 40,000 / (300 · 365) h = 21.9 min
    app.text_input(key="mc_draws@0").input("2,000").run()
    app.text_input(key="mc_within@0").input("1").run()
    assert not app.exception
    assert "the costs are covered within 12 months in" in shown(app)
    assert ("Discounted at 3.5 %, the costs incl. released time are covered within 12 months in"
            in shown(app))
    payback = next(frame.value for frame in app.dataframe if "Simple" in frame.value.columns)
    assert list(payback.columns) == ["Statistic", "Simple", "Discounted (3.5 %)"]
    assert list(payback["Statistic"]) == ["P10", "P50", "P90", "Covered within the horizon",
                                          "Covered within 12 months"]
    app.toggle(key="analysis_conservative").set_value(True).run()
    assert not app.exception
    assert "118.9 months" in shown(app)  # worst case payback, now also the base case


def test_conservative_switch_carries_over_to_the_other_page():
    app = open_page("pages/uncertainty.py", "en")
    app.toggle(key="analysis_conservative").set_value(True).run()
    app.switch_page("pages/rollout_fund.py").run()
    assert not app.exception
    assert app.toggle(key="analysis_conservative").value is True


def test_fund_and_procurement_edits_are_stored():
    app = open_page("pages/rollout_fund.py", "en")
    app.text_input(key="fund_loan@0").input("DKK 600,000").run()
    assert app.session_state["scenario"].fund.loan == 600_000
    # 0.5 × (300 kr/h × 1,924 h) = 288,600 a year: 2 + 22,800 / 288,600 = 2.08 years
    assert "repaid after 2.1 years" in shown(app)
    assert "The contract value is DKK 40,000 over 10 years. Below the EU threshold" in shown(app)
    assert "udbudsloven § 191" in shown(app)
    app.session_state["procurement_own_thresholds"] = True  # drawn once the expander opens
    app.run()
    app.text_input(key="proc_user_eu@0").input("30,000").run()
    assert app.session_state["scenario"].procurement.user_eu_threshold == 30_000
    assert "EU tender under udbudsloven" in shown(app)
    assert any("user-entered" in c.value for c in app.caption)
    app.text_input(key="proc_source@0").set_value("![x](http://host/x.png)").run()
    assert any("\\!\\[x\\]" in c.value for c in app.caption)  # shown as text
    app.text_input(key="proc_years@0").input("4").run()
    assert app.session_state["scenario"].procurement.contract_years == 4
    app.selectbox(key="proc_route@0").set_value("framework").run()
    assert app.session_state["scenario"].procurement.route == "framework"
    assert "Framework agreement (e.g. SKI" in shown(app)
    assert not app.exception


def test_supplier_ticks_are_stored_on_the_cost_lines():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.session_state["lang"] = "en"
    app.session_state["scenario"] = load_sample("medicine_dispenser")
    app.switch_page("pages/rollout_fund.py").run()
    assert "The contract value is DKK 2,216,000 over 8 years. EU tender" in shown(app)
    assert app.session_state["scenario"].costs[1].supplier is None
    app.session_state["proc_lines@0"] = {"edited_rows": {1: {"Bought from the supplier": True}},
                              "added_rows": [], "deleted_rows": []}
    app.run()
    assert app.session_state["scenario"].costs[1].supplier is True
    assert "DKK 2,306,000" in shown(app)


def test_a_year_without_thresholds_warns():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.session_state["lang"] = "en"
    app.session_state["scenario"] = load_sample().model_copy(update={"start_year": 2031})
    app.switch_page("pages/rollout_fund.py").run()
    assert not app.exception
    assert any("no row for 2031" in w.value for w in app.warning)


def test_other_samples_render_on_both_pages():
    for name in ("ceiling_lifts", "medicine_dispenser"):
        for page in PAGES:
            app = AppTest.from_file(APP, default_timeout=60).run()
            app.session_state["scenario"] = load_sample(name)
            app.switch_page(page).run()
            assert not app.exception, (name, page, [e.value for e in app.exception])


def test_break_even_sentence_by_hand_in_both_languages():
    toilet = load_sample()
    result = break_even_for(toilet, 24)
    danish = text.break_even_sentences("da", toilet, result)
    assert danish[0].endswith(": inkl. frigjort tid er udgifterne dækket inden for 2 år, hvis "
                              "Sparet personaletid ved toiletbesøg er mindst 11 minutter om dagen.")
    english = text.break_even_sentences("en", toilet, result)
    assert "at least 11 minutes a day" in english[0]
    # 60 minutes against 10.96 needed: 1 / 0.18265 − 1 = 447.5 % above
    assert "(60 minutes a day) is 447" in english[1] or "(60 minutes a day) is 448" in english[1]


def test_monte_carlo_text_shows_simple_and_discounted_payback_by_hand():
    """Toilet with every range collapsed: every draw pays back after 40,000 / 9,125 = 4.38
    months, discounted 40,000 / (9,125 / 1.035) = 4.54 months."""
    toilet = load_sample()
    flat = toilet.model_copy(update={"ranges": {}})
    summary = summarise(run(flat, 100, seed=0), within_years=1)
    npv, simple, discounted = text.monte_carlo_takeaways("en", summary, toilet.discount_rate)
    assert simple == ("Incl. released time, the costs are covered within 12 months in 100 % of "
                      "the draws; median 4.4 months.")
    assert discounted == ("Discounted at 3.5 %, the costs incl. released time are covered within "
                          "12 months in 100 % of the draws; median 4.5 months.")
    assert "median DKK 870,668" in npv
    danish = text.payback_table("da", summary, toilet.discount_rate)
    assert danish.to_dict("list") == {
        "Nøgletal": ["P10", "P50", "P90", "Dækket inden for horisonten",
                     "Dækket inden for 12 mdr."],
        "Simpel": ["4,4 mdr."] * 3 + ["100 %"] * 2,
        "Diskonteret (3,5 %)": ["4,5 mdr."] * 3 + ["100 %"] * 2}


def test_payback_histograms_share_one_axis_and_bins():
    simple = np.array([1.0, 5.0, np.nan])
    discounted = np.array([2.0, 8.0, np.inf])
    span = charts.shared_span(simple, discounted)
    assert span == (1.0, 8.0)
    assert charts.shared_span(np.array([np.nan]), np.array([4.4, 4.4])) is None
    figure = charts.histogram_figure(simple, {50: 3.0}, "t", "x", "en", money=False, span=span)
    bins = figure.data[0].xbins
    assert (bins.start, bins.end, bins.size) == (1.0, 8.0, pytest.approx(7 / 50))
    assert figure.layout.xaxis.range == (pytest.approx(1 - 0.14), pytest.approx(8 + 0.14))
    assert list(figure.data[0].x) == [1.0, 5.0]  # beyond the horizon is not drawn


def test_takeaways_follow_the_numbers():
    lifts = load_sample("ceiling_lifts")
    plan = fund_plan(lifts)
    # 0.5 × (320 kr/h × 1,924 h) = 307,840 a year for 3 years: 1,690,000 − 923,520
    assert "766,480 is left" in text.fund_takeaway("en", plan)
    assert text.procurement_takeaway("en", procurement(lifts)) == \
        "The contract value is DKK 3,190,000 over 15 years. EU tender under udbudsloven."
    toilet = text.procurement_takeaway("en", procurement(load_sample()))
    assert "It can grow by DKK 1,571,360 before it reaches the threshold of DKK 1,611,360." \
        in toilet
    table = tornado(lifts)
    labels = {key: key for key in table["key"]}
    npv_sentence, _ = text.tornado_takeaways("en", table, labels)
    assert table.loc[0, "key"] in npv_sentence
    assert ".." not in npv_sentence.replace("…", "")


def test_figures_build_from_results():
    lifts = load_sample("ceiling_lifts")
    table = tornado(lifts)
    labels = {key: key for key in table["key"]}
    figure = charts.tornado_figure(table, labels, 0.0, "da")
    assert len(figure.data) == 2 and len(figure.data[0].y) == len(table)
    grid = two_way(lifts, steps=5)
    heat = charts.two_way_figure(grid, "x", "y", "en")
    assert heat.data[0].z.shape == (5, 5)
    plan = fund_plan(lifts)
    assert list(charts.fund_figure(plan.schedule, "en").data[1].y[:3]) == [307_840] * 3


def test_range_rows_become_ranges_and_bad_rows_keep_the_old_range():
    toilet = load_sample()
    rows = [
        {"driver": "time", "low": 0.5, "high": None, "distribution": "pert"},
        {"driver": "rate", "low": None, "high": None, "distribution": "triangular"},
        {"driver": "toilet", "low": 45_000.0, "high": 50_000.0, "distribution": "triangular"},
        {"driver": "adoption", "low": 80.0, "high": 100.0, "distribution": "triangular"},
        {"driver": "realisation", "low": float("nan"), "high": float("nan"),
         "distribution": "triangular"},
        {"driver": "implementation", "low": 0.0, "high": 9.0, "distribution": None},
        {"driver": "ramp", "low": None, "high": None, "distribution": "triangular"},
        {"driver": "discount rate", "low": 2.0, "high": 5.0, "distribution": "triangular"},
    ]
    ranges, refused = ranges_from_rows(toilet, rows)
    assert ranges["discount_rate"]["low"] == pytest.approx(0.02)  # entered in per cent
    assert ranges["gain.time.quantity"] == {"low": 0.5, "high": 1.0, "distribution": "pert"}
    assert "gain.time.hourly_cost" not in ranges and "scale.realisation" not in ranges
    assert refused == ["toilet"]  # 45,000 is above the expected 40,000
    assert ranges["cost.toilet.amount"]["low"] == 35_000  # the old range is kept
    assert ranges["scale.adoption"]["low"] == pytest.approx(0.8)  # entered in per cent
    assert ranges["scale.implementation_months"]["distribution"] == "triangular"
    edited = Scenario.model_validate({**toilet.model_dump(), "ranges": ranges})
    assert edited.ranges["scale.implementation_months"].high == 9


def test_shares_are_shown_in_per_cent_in_the_table_and_the_heat_map():
    toilet = load_sample()
    table = tornado(toilet)
    shown_table = text.one_way_table("da", table, drivers(toilet)).set_index("Faktor")
    # the Aarhus ranges: realisation 60–100 %, adoption 70–100 %, quantity 0.1238–1 h a day
    assert shown_table.loc["Realiseringsgrad (%)", "Lav"] == "60 %"
    assert shown_table.loc["Andel i brug (%)", "Forventet"] == "100 %"
    assert shown_table.loc["Vaske-/tørretoilet, indkøb – Beløb (kr.)", "Lav"] == "35.000"
    grid = two_way(toilet, steps=5)
    assert (grid.x.field, grid.y.field) == ("quantity", "realisation")
    heat = charts.two_way_figure(grid, "x", "y", "da")
    assert list(heat.data[0].y) == pytest.approx([60, 70, 80, 90, 100])
    assert list(heat.data[0].x) == pytest.approx(grid.x_values)  # hours stay hours
    assert heat.layout.yaxis.ticksuffix == " %" and heat.layout.xaxis.ticksuffix is None
    assert heat.data[-1].y == (100.0,)  # today's realisation, 100 %


def test_roll_out_axes_share_zero_and_have_round_ticks():
    table = pd.DataFrame({"year": [0, 1, 2], "net": [-400_000.0, 1_095_000.0, 1_095_000.0],
                          "net_per_unit": [-40_000.0, 109_500.3, 109_500.3]})
    figure = charts.rollout_figure(table, "da")
    total, unit = figure.layout.yaxis, figure.layout.yaxis2
    # span 1,495,000 / 6 = 249,167 → step 250,000; per unit 25,000; 2 steps below, 5 above
    assert (total.dtick, unit.dtick) == (250_000, 25_000)
    assert list(total.range) == pytest.approx([-2.7 * 250_000, 5.7 * 250_000])
    assert list(unit.range) == pytest.approx([-2.7 * 25_000, 5.7 * 25_000])


def test_worst_base_best_table_shows_each_cases_risk_pool():
    from calculators.model import Risk
    from calculators.ranges import scenario_set
    from calculators.risk_pool import case_pools
    from ui.formatting import format_dkk

    case = load_sample().model_copy(update={"risks": [
        Risk(text="Replaced at once", probability=0.1, amount=40_000)]})
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.session_state["scenario"] = case
    app.switch_page("pages/uncertainty.py").run()
    assert not app.exception
    table = next(frame.value for frame in app.dataframe
                 if "Nettonutidsværdi efter risikopulje" in frame.value.columns)
    assert list(table["Risikopulje (forventet omkostning)"]) == ["4.000 kr."] * 3  # 0.1 × 40,000
    pools = case_pools(scenario_set(case))
    assert list(table["Nettonutidsværdi efter risikopulje"]) == [
        format_dkk(pools[name].npv_after_pool, "da") for name in ("worst", "base", "best")]
    assert table["Nettonutidsværdi efter risikopulje"][1] == "866.668 kr."  # 870,668 − 4,000
    assert any("Σ sandsynlighed × konsekvens" in c.value for c in app.caption)
