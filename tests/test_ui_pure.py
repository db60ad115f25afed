"""String catalogue, Danish formatting and figure builders (no browser, no Streamlit run)."""

from __future__ import annotations

import string

import pytest

from calculators.cashflow import cashflow_table, cumulative_curve, monthly_flows
from calculators.metrics import compute_metrics
from ui.charts import cashflow_figure, cumulative_figure
from ui.formatting import format_dkk, format_number, format_share
from ui.i18n import LANGUAGES, catalogue, translate


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_in_both_languages_with_the_same_placeholders():
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts.values()), key
        assert placeholders(texts["da"]) == placeholders(texts["en"]), key


def test_danish_and_english_money():
    assert format_dkk(1_234_567.4, "da") == "1.234.567 kr."
    assert format_dkk(-40_000, "da") == "-40.000 kr."
    assert format_dkk(109_500, "en") == "DKK 109,500"
    assert format_number(4.3836, "da", 1) == "4,4"
    assert format_number(float("nan"), "da") == "–"
    assert format_share(0.035, "da", 1).replace("\xa0", " ") == "3,5 %"


def test_cumulative_figure_marks_the_payback(toilet):
    flows = monthly_flows(toilet)
    metrics = compute_metrics(toilet)
    times, values = cumulative_curve(flows)
    figure = cumulative_figure(times, values, metrics.payback_months, "da")
    assert figure.layout.separators == ",."
    assert figure.layout.font.size >= 18
    marker = [trace for trace in figure.data if trace.mode == "markers"][0]
    assert marker.x[0] == pytest.approx(4.3836 / 12, abs=1e-4)
    assert "4,4" in marker.name
    assert figure.layout.xaxis.title.text == translate("da", "chart.year")


def test_cashflow_figure_stacks_costs_below_and_gains_above(toilet):
    figure = cashflow_figure(cashflow_table(toilet), "en")
    bars = {trace.name: trace for trace in figure.data if trace.type == "bar"}
    assert set(bars) == {"One-off costs", "Released staff time"}
    assert bars["One-off costs"].y[0] == -40_000
    assert bars["Released staff time"].y[1] == pytest.approx(109_500)
    assert figure.layout.barmode == "relative"
