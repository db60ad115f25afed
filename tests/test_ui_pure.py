"""String catalogue, Danish formatting and figure builders (no browser, no Streamlit run)."""

from __future__ import annotations

import string

import pytest
from pydantic import ValidationError

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.scenario_file import load_sample
from ui.charts import cashflow_figure, cumulative_figure, for_projector, tracks
from ui.formatting import format_dkk, format_number, format_share
from ui.i18n import LANGUAGES, catalogue, explain_validation, translate


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
    figure = cumulative_figure(*tracks(flows, metrics), "da")
    assert figure.layout.separators == ",."
    assert figure.layout.font.size >= 18
    budget, value = (trace for trace in figure.data if trace.mode == "lines")
    assert (budget.name, value.name) == ("Budgetvirkning", "Samlet værdi inkl. frigjort tid")
    # nothing taken out: the budget track stays at −40,000 and is labelled as never paid back
    assert budget.y[-1] == pytest.approx(-40_000) and value.y[-1] == pytest.approx(1_055_000)
    marker = [trace for trace in figure.data if trace.mode == "markers"][0]
    assert marker.x[0] == pytest.approx(4.3836 / 12, abs=1e-4)
    assert marker.name == "Dækket efter 4,4 mdr."
    notes = [note.text for note in figure.layout.annotations]
    assert notes == ["<b>Ikke tjent hjem i budgettet</b>", "<b>Dækket efter 4,4 mdr.</b>"]
    assert figure.layout.xaxis.title.text == translate("da", "chart.year")


def test_cumulative_figure_marks_both_paybacks(toilet):
    """Half the released hours taken out from year 2: the budget pays back after
    12 + 40,000 / (54,750 / 12) = 20.77 months, the value track after 4.38 months."""
    toilet.gains[0].budget_shares = [0.0, 0.5]
    figure = for_projector(cumulative_figure(*tracks(monthly_flows(toilet),
                                                     compute_metrics(toilet)), "en"))
    markers = {trace.name: trace.x[0] for trace in figure.data if trace.mode == "markers"}
    assert markers == {"Pays back after 20.8 months": pytest.approx(20.767 / 12, abs=1e-4),
                       "Covered after 4.4 months": pytest.approx(4.3836 / 12, abs=1e-4)}
    budget, value = figure.layout.annotations
    assert budget.ay > 0 > value.ay  # the budget label below the zero line, the value above
    assert (budget.xanchor, value.xanchor) == ("left", "left")  # both in the first half


def test_cashflow_figure_stacks_costs_below_and_gains_above(toilet):
    figure = cashflow_figure(cashflow_table(toilet), "en")
    bars = {trace.name: trace for trace in figure.data if trace.type == "bar"}
    assert set(bars) == {"One-off costs", "Released staff time"}
    assert bars["One-off costs"].y[0] == -40_000
    assert bars["Released staff time"].y[1] == pytest.approx(109_500)
    assert figure.layout.barmode == "relative"


def test_a_year_bound_is_written_as_a_year():
    data = load_sample("aarhus_toilet").model_dump()
    data["start_year"] = 1999
    with pytest.raises(ValidationError) as exc:
        Scenario.model_validate(data)
    (message,) = explain_validation("da", exc.value)
    assert "2000" in message and "2.000" not in message
