"""The engine on a large case (30 years, 50 lines, roll-out over 5 years) and the JSON file."""

from __future__ import annotations

from benchmarks.cases import HORIZON, LINES, large_scenario
from benchmarks.timing import Row, timed
from calculators.cashflow import cashflow_table, monthly_flows
from calculators.metrics import compute_metrics
from calculators.scenario_file import dump_scenario, parse_scenario


def run() -> list[Row]:
    scenario = large_scenario()
    case = f"{HORIZON} years, {LINES} lines"
    flows = monthly_flows(scenario)
    text = dump_scenario(scenario)
    data = text.encode()
    return [
        timed("engine", f"compute_metrics, {case}", lambda: compute_metrics(scenario), 21),
        timed("engine", f"monthly_flows, {case}", lambda: monthly_flows(scenario), 21),
        timed("engine", f"cashflow_table, {case}", lambda: cashflow_table(scenario, flows), 21),
        timed("json", f"parse_scenario ({len(data) / 1024:.0f} KiB)",
              lambda: parse_scenario(data), 21),
        timed("json", "dump_scenario", lambda: dump_scenario(scenario), 21),
    ]
