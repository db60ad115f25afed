"""The engine on a large case (30 years, 50 lines, roll-out over 5 years) and the JSON file."""

from __future__ import annotations

from benchmarks.timing import Row, timed
from calculators.cashflow import cashflow_table, monthly_flows
from calculators.metrics import compute_metrics
from calculators.model import CostKind, GainKind, Period, Scenario
from calculators.scenario_file import dump_scenario, parse_scenario

LINES = 50
HORIZON = 30


def large_scenario(lines: int = LINES, horizon: int = HORIZON) -> Scenario:
    """A 30-year case: half cost lines (one-off with lifetimes, recurring), half gain lines."""
    costs = [{"id": f"c{i}", "name": f"Udgift {i}", "amount": 1_000.0 + 37 * i,
              "kind": CostKind.ONE_OFF if i % 2 else CostKind.RECURRING,
              "lifetime_years": 7 if i % 2 else None} for i in range(lines // 2)]
    gains = [{"id": f"g{i}", "name": f"Gevinst {i}", "quantity": 0.5 + i / 10,
              "period": list(Period)[i % 4], "kind": list(GainKind)[i % 4],
              "hourly_cost": 300.0, "cash_releasing": i % 3 == 0}
             for i in range(lines - lines // 2)]
    return Scenario.model_validate({
        "title": f"Benchmark: {horizon} år, {lines} linjer", "horizon_years": horizon,
        "scale": {"units": 100, "rollout": [20] * 5, "adoption": 0.9, "realisation": 0.8,
                  "implementation_months": 6, "ramp_up_months": 12},
        "costs": costs, "gains": gains,
    })


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
