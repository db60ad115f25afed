"""Figures are written as dictionaries and wrapped without validation (ui/figures.py, for
speed); here plotly's own validator checks every one, so a misspelt property or a wrong value
fails a test instead of showing a broken chart."""

from __future__ import annotations

import json
from collections.abc import Callable

import plotly.graph_objects as go
import pytest

from calculators.assessment import compare, evaluate
from calculators.cashflow import cashflow_table, cumulative_curve, monthly_flows
from calculators.follow_up import follow_up
from calculators.metrics import compute_metrics
from calculators.portfolio import Criterion, candidate, rank, select
from calculators.scenario_file import load_sample, sample_names
from tests.conftest import open_page
from tests.test_follow_up import planned_case
from tests.test_limits import PAGES
from ui import charts, library_charts, meeting_charts, vtv_charts
from ui.figures import merged, relaid, traces
from ui.vtv_widgets import measured_label

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
}


# The VTV, documentation, compare, portfolio and meeting figures, from the samples
SAMPLES = [load_sample(name) for name in sample_names()]
SERIES = [(case.title, evaluate(case).summary.category_scores) for case in SAMPLES]
MEASURED = [row for row in compare(planned_case()) if row.comparable]  # two dated measurements
CANDIDATES = [candidate(str(key), case) for key, case in enumerate(SAMPLES)]
BUILDERS |= {
    "radar, one case with its scores": lambda: vtv_charts.radar_figure(SERIES[:1], "da"),
    "radar, unassessed categories": lambda: vtv_charts.radar_figure(SERIES[2:3], "en"),
    "radar, every sample": lambda: vtv_charts.radar_figure(SERIES, "en"),
    "radar with its legend": lambda: vtv_charts.legend_radar_figure(SERIES, "da"),
    "element bars": lambda: vtv_charts.element_bars_figure(evaluate(TOILET).elements, "en"),
    "measured vs expected": lambda: vtv_charts.measured_figure(
        MEASURED, [measured_label(row) for row in MEASURED], "da"),
    "follow-up, planned and realised": lambda: vtv_charts.follow_up_figure(
        follow_up(planned_case()), "en"),
    "follow-up, nothing measured": lambda: vtv_charts.follow_up_figure(follow_up(TOILET), "da"),
    "compare": lambda: library_charts.compare_figure(
        [(case.title, *cumulative_curve(monthly_flows(case), budget=True)) for case in SAMPLES],
        "da", "cmp.chart_title.budget"),
    "portfolio by net present value": lambda: library_charts.portfolio_figure(
        rank(CANDIDATES, Criterion.NPV), set(select(CANDIDATES, 1e6, Criterion.NPV).keys),
        Criterion.NPV, 1e6, "da"),
    "portfolio by hours": lambda: library_charts.portfolio_figure(
        rank(CANDIDATES, Criterion.HOURS), set(select(CANDIDATES, 1e6, Criterion.HOURS).keys),
        Criterion.HOURS, 1e6, "en"),
    "portfolio, empty library": lambda: library_charts.portfolio_figure(
        [], set(), Criterion.NPV, 1e6, "da"),
    "meeting radar on the screen": lambda: meeting_charts.screen_sized(
        meeting_charts.radar(TOILET, [], "da")),
    "meeting comparison on the screen": lambda: meeting_charts.screen_sized(
        meeting_charts.comparison(TOILET, SAMPLES[2:], "en")),
}

def assert_valid(figure: go.Figure) -> None:
    """plotly's validator accepts the figure (a ValueError names the wrong property)."""
    go.Figure({"data": traces(figure), "layout": figure.layout.to_plotly_json()})


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_makes_a_valid_figure(name: str) -> None:
    assert_valid(BUILDERS[name]())


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
        "margin": {"t": 40, "b": 20}, "height": None}
    assert base == {"margin": {"t": 88, "b": 20}, "height": 520}


def test_a_slide_keeps_the_data_and_enlarges_the_type() -> None:
    figure = BUILDERS["cumulative"]()
    slide = charts.for_projector(figure)
    assert [list(t.y) for t in slide.data] == [list(t.y) for t in figure.data]
    assert slide.layout.font.size == figure.layout.font.size + 6
    assert [n.font.size for n in slide.layout.annotations] == [
        n.font.size + 6 for n in figure.layout.annotations]
