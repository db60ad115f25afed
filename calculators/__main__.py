"""Command line: ``python -m calculators summary SCENARIO.json`` and ``… schema``."""

from __future__ import annotations

import argparse
import json
import math
import sys

from calculators.cashflow import cashflow_table
from calculators.drivers import break_even, main_driver
from calculators.metrics import compute_metrics
from calculators.scenario_file import ScenarioFileError, load_scenario, scenario_json_schema


def finite(value: object) -> object:
    """The value with every NaN or infinity replaced by None (JSON null), recursively: the
    summary is strict JSON, never ``NaN`` or ``Infinity``."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def summary(path: str) -> dict:
    """Every metric (`metrics.Metrics`: the total value incl. released time and the budget
    track), the break-even of the main driver and the yearly table (`cashflow`, with
    `budget_effect` per year). A payback not reached within the horizon is null."""
    scenario = load_scenario(path)
    result: dict = compute_metrics(scenario).as_dict()
    driver = main_driver(scenario)
    if driver is not None:
        result["break_even"] = {
            "driver": driver.key,
            "line": driver.line_name,
            "current": driver.value,
            "value_within_horizon": break_even(scenario, driver.key),
        }
    result["cashflow"] = cashflow_table(scenario).to_dict(orient="records")
    return finite(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators")
    commands = parser.add_subparsers(dest="command", required=True)
    summary_parser = commands.add_parser("summary", help="print a scenario file's metrics as JSON")
    summary_parser.add_argument("scenario")
    commands.add_parser("schema", help="print the JSON Schema of the scenario format")
    args = parser.parse_args(argv)
    if args.command == "schema":
        sys.stdout.write(scenario_json_schema())
        return 0
    try:
        result = summary(args.scenario)
    except ScenarioFileError as exc:
        print(f"error: {args.scenario}: {exc}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
