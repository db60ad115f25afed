"""Every figure builder of ui/analysis_charts.py with the inputs the analysis pages give it,
worked out from the samples by the calculators (tests/test_figures.py validates each)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import plotly.graph_objects as go

from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.drivers import drivers
from calculators.fund import fund_plan
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.montecarlo import run, summarise
from calculators.procurement import procurement
from calculators.ranges import scenario_set
from calculators.rollout import per_unit_table
from calculators.scenario_file import load_sample
from calculators.sensitivity import tornado, two_way
from ui import analysis_charts as charts
from ui.analysis_text import driver_label


def _changed(scenario: Scenario, change: Callable[[dict], None]) -> Scenario:
    data = scenario.model_dump()
    change(data)
    return Scenario.model_validate(data)


def _realisation_from_zero(data: dict) -> None:
    data["ranges"]["scale.realisation"]["low"] = 0.0  # the grid crosses NPV = 0: a contour


def _no_units(data: dict) -> None:
    data["scale"]["units"] = 0  # net per unit is not a number


def _building_work(data: dict) -> None:
    for line in data["costs"]:
        line["supplier"] = line["category"] == "building"
    data["procurement"]["contract_kind"] = "building_work"  # tilbudsloven's thresholds


TOILET = load_sample("aarhus_toilet")
LIFTS = load_sample("ceiling_lifts")
LIFTS_METRICS = compute_metrics(LIFTS)
HORIZON_MONTHS = 12 * LIFTS.horizon_years
CURVES = {name: cumulative_curve(monthly_flows(case))
          for name, case in scenario_set(LIFTS).items()}
TORNADO = tornado(LIFTS)
LABELS = {driver.key: driver_label("da", driver) for driver in drivers(LIFTS)}
CROSSING = _changed(TOILET, _realisation_from_zero)
CROSSING_LABELS = {driver.key: driver_label("en", driver) for driver in drivers(CROSSING)}
GRID = two_way(LIFTS)
CROSSING_GRID = two_way(CROSSING)
DRAWS = run(LIFTS, 2_000, seed=1)
SUMMARY = summarise(DRAWS, within_years=2)
SPAN = charts.shared_span(DRAWS.payback_months, DRAWS.discounted_payback_months)


ANALYSIS_BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "worst, base and best": partial(charts.scenarios_figure, CURVES, "da"),
    "NPV tornado": partial(charts.tornado_figure, TORNADO, LABELS, LIFTS_METRICS.npv, "da"),
    "payback tornado, capped at the horizon": partial(
        charts.tornado_figure, TORNADO, LABELS, LIFTS_METRICS.payback_months or HORIZON_MONTHS,
        "en", metric="payback", cap=HORIZON_MONTHS),
    "two-way": partial(charts.two_way_figure, GRID, LABELS[GRID.x.key], LABELS[GRID.y.key],
                       "da"),
    "two-way, crossing zero": partial(
        charts.two_way_figure, CROSSING_GRID, CROSSING_LABELS[CROSSING_GRID.x.key],
        CROSSING_LABELS[CROSSING_GRID.y.key], "en"),
    "NPV histogram": partial(charts.histogram_figure, DRAWS.npv, SUMMARY.npv_percentiles,
                             "NPV", "kr.", "da", money=True),
    "payback histogram, shared bins": partial(
        charts.histogram_figure, DRAWS.discounted_payback_months,
        SUMMARY.discounted_payback.percentiles, "Payback", "months", "en", money=False,
        span=SPAN),
    "roll-out": partial(charts.rollout_figure, per_unit_table(LIFTS), "da"),
    "roll-out of no units": partial(charts.rollout_figure,
                                    per_unit_table(_changed(TOILET, _no_units)), "en"),
    "fund": partial(charts.fund_figure, fund_plan(LIFTS).schedule, "en"),
    "procurement, EU threshold": partial(charts.procurement_figure, procurement(LIFTS), "da"),
    "procurement, tilbudsloven": partial(
        charts.procurement_figure, procurement(_changed(LIFTS, _building_work)), "en"),
}
