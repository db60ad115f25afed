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


def summary(path: str) -> dict:
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
    return _json_safe(result)


def _json_safe(value: object) -> object:
    """The value with every non-finite number as null: JSON has no Infinity or NaN."""
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


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
