"""Every figure builder of ui/vtv_charts.py, ui/library_charts.py and the meeting slides'
restyling (ui/meeting_charts.py) with the inputs their pages give it, worked out from the samples
by the calculators (tests/test_figures.py validates each)."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go

from calculators.assessment import compare, evaluate
from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.follow_up import follow_up
from calculators.portfolio import Criterion, candidate, rank, select
from calculators.scenario_file import load_sample, sample_names
from tests.test_follow_up import planned_case
from ui import library_charts, meeting_charts, vtv_charts
from ui.vtv_widgets import measured_label

SAMPLES = [load_sample(name) for name in sample_names()]
TOILET = SAMPLES[sample_names().index("aarhus_toilet")]
SERIES = [(case.title, evaluate(case).summary.category_scores) for case in SAMPLES]
UNASSESSED = [(case.title, scores) for case, (_, scores) in zip(SAMPLES, SERIES, strict=True)
              if None in scores.values()]  # only the economy worked out
MEASURED = [row for row in compare(planned_case()) if row.comparable]  # two dated measurements
CANDIDATES = [candidate(str(key), case) for key, case in enumerate(SAMPLES)]


def _portfolio(objective: Criterion, lang: str) -> go.Figure:
    chosen = select(CANDIDATES, 1e6, objective).keys
    return library_charts.portfolio_figure(rank(CANDIDATES, objective), set(chosen), objective,
                                           1e6, lang)


VTV_BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "radar, one case with its scores": lambda: vtv_charts.radar_figure(SERIES[:1], "da"),
    "radar, unassessed categories": lambda: vtv_charts.radar_figure(UNASSESSED[:1], "en"),
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
    "portfolio by net present value": lambda: _portfolio(Criterion.NPV, "da"),
    "portfolio by hours": lambda: _portfolio(Criterion.HOURS, "en"),
    "portfolio, empty library": lambda: library_charts.portfolio_figure(
        [], set(), Criterion.NPV, 1e6, "da"),
    "meeting radar on the screen": lambda: meeting_charts.screen_sized(
        meeting_charts.radar(TOILET, [], "da")),
    "meeting comparison on the screen": lambda: meeting_charts.screen_sized(
        meeting_charts.comparison(TOILET, [case for case in SAMPLES if case is not TOILET], "en")),
}
