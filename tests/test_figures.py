"""Figures are written as dictionaries and wrapped without validation (ui/figures.py, for
speed); here plotly's own validator checks every one, so a misspelt property or a wrong value
fails a test instead of showing a broken chart."""

from __future__ import annotations

import json
from collections.abc import Callable

import plotly.graph_objects as go
import pytest

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.metrics import compute_metrics
from calculators.scenario_file import load_sample
from tests.analysis_figure_cases import ANALYSIS_BUILDERS
from tests.conftest import open_page
from tests.test_limits import PAGES
from tests.vtv_figure_cases import VTV_BUILDERS
from ui import charts
from ui.figures import merged, relaid, traces

TOILET = load_sample("aarhus_toilet")
FLOWS = monthly_flows(TOILET)
TABLE = cashflow_table(TOILET, FLOWS)
METRICS = compute_metrics(TOILET, FLOWS, TABLE)
NEVER = TOILET.model_copy(deep=True)
NEVER.gains[0].budget_shares = [0.0]  # nothing taken out: the budget track never pays back

BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "cumulative": lambda: charts.cumulative_figure(*charts.tracks(FLOWS, METRICS), "da"),
    "cumulative, budget never paid back": lambda: charts.cumulative_figure(
        *charts.tracks(monthly_flows(NEVER), compute_metrics(NEVER)), "en"),
    "cumulative, one track": lambda: charts.cumulative_figure(
        charts.tracks(FLOWS, METRICS)[0], None, "da"),
    "cash flow": lambda: charts.cashflow_figure(TABLE, "en"),
    "cumulative on a slide": lambda: charts.for_projector(
        charts.cumulative_figure(*charts.tracks(FLOWS, METRICS), "da")),
    "untitled cash flow": lambda: charts.untitled(charts.cashflow_figure(TABLE, "da"))[1],
} | ANALYSIS_BUILDERS | VTV_BUILDERS


def assert_valid(figure: go.Figure) -> None:
    """plotly's validator accepts the figure (a ValueError names the wrong property)."""
    go.Figure({"data": traces(figure), "layout": figure.layout.to_plotly_json()})


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_makes_a_valid_figure(name: str) -> None:
    assert_valid(BUILDERS[name]())


@pytest.mark.parametrize("name", BUILDERS)
def test_no_builder_names_a_colour_scale(name: str) -> None:
    """The validator writes a named scale out as plotly's colours; a figure written as a
    dictionary sends the name, and plotly.js reads some names the other way round ("RdBu":
    blue below zero instead of red)."""
    for item in traces(BUILDERS[name]()):
        assert not isinstance(item.get("colorscale"), str), item["type"]


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_a_page_draws_is_valid(page: str) -> None:
    for element in open_page(page).get("plotly_chart"):
        go.Figure(json.loads(element.proto.spec))


def test_the_validator_would_catch_a_misspelt_property() -> None:
    broken = relaid(BUILDERS["cash flow"](), {"xaxis": {"tickformatt": ",.0f"}})
    with pytest.raises(ValueError, match="tickformatt"):
        assert_valid(broken)


def test_merged_lays_nested_updates_over_the_base_without_changing_it() -> None:
    base = {"margin": {"t": 88, "b": 20}, "height": 520}
    assert merged(base, {"margin": {"t": 40}}, {"height": None}) == {
        "margin": {"t": 40, "b": 20}}  # None: the key is removed, plotly's default again
    assert base == {"margin": {"t": 88, "b": 20}, "height": 520}


def test_a_slide_keeps_the_data_and_enlarges_the_type() -> None:
    figure = BUILDERS["cumulative"]()
    slide = charts.for_projector(figure)
    assert [list(t.y) for t in slide.data] == [list(t.y) for t in figure.data]
    assert slide.layout.font.size == figure.layout.font.size + 6
    assert [n.font.size for n in slide.layout.annotations] == [
        n.font.size + 6 for n in figure.layout.annotations]
