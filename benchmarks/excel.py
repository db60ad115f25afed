"""Time the Excel export and import of a large scenario: 30 years, 50 cost/gain lines.

Run: ``.venv/bin/python -m benchmarks.excel [--runs N]``; prints the median of N runs.
"""

from __future__ import annotations

import argparse

from benchmarks.timing import median_seconds
from calculators.drivers import driver_bounds, drivers
from calculators.model import (
    CostCategory,
    CostKind,
    CostLine,
    GainKind,
    GainLine,
    Period,
    Scale,
    Scenario,
)
from exporters.excel import workbook_bytes
from exporters.excel_import import read_workbook


def large_scenario(lines: int = 50, horizon: int = 30) -> Scenario:
    costs = [
        CostLine(id=f"c{i}", name=f"Cost line {i}", amount=1_000 + 37 * i,
                 category=CostCategory.PURCHASE if i % 2 else CostCategory.SERVICE,
                 kind=CostKind.ONE_OFF if i % 2 else CostKind.RECURRING,
                 per_unit=i % 3 != 0, lifetime_years=(5 + i % 4) if i % 2 else None,
                 source=f"Offer {i}")
        for i in range(lines // 2)
    ]
    kinds = list(GainKind)
    gains = [
        GainLine(id=f"g{i}", name=f"Gain line {i}", kind=kinds[i % 4], quantity=0.5 + i,
                 period=list(Period)[i % 4], hourly_cost=320, per_unit=i % 3 != 0,
                 cash_releasing=i % 4 == 1, source=f"Measurement {i}")
        for i in range(lines - lines // 2)
    ]
    return Scenario(title="Benchmark", horizon_years=horizon, costs=costs, gains=gains,
                    scale=Scale(units=500, rollout=[100] * 5, adoption=0.8, realisation=0.9,
                                implementation_months=6, ramp_up_months=6))


def with_ranges(scenario: Scenario) -> Scenario:
    """Every driver given a ±20 % range (within its bounds): the Sensitivity sheet's worst case."""
    ranges = {}
    for driver in drivers(scenario):
        lowest, highest = driver_bounds(driver.key)
        ranges[driver.key] = {"low": max(lowest, driver.value * 0.8),
                              "high": min(highest, driver.value * 1.2)}
    return Scenario.model_validate({**scenario.model_dump(), "ranges": ranges})


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.excel")
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    scenario = large_scenario()
    data = workbook_bytes(scenario)
    assert read_workbook(data) == scenario
    export = median_seconds(lambda: workbook_bytes(scenario), runs, warmup=0)
    load = median_seconds(lambda: read_workbook(data), runs, warmup=0)
    print(f"Excel, 30 years, {len(scenario.costs) + len(scenario.gains)} cost/gain lines, "
          f"{len(data) / 1024:.0f} KiB, median of {runs} runs:")
    ranged = with_ranges(scenario)
    ranged_data = workbook_bytes(ranged)
    assert read_workbook(ranged_data) == ranged
    ranged_export = median_seconds(lambda: workbook_bytes(ranged), runs, warmup=0)
    ranged_load = median_seconds(lambda: read_workbook(ranged_data), runs, warmup=0)
    print(f"  export  {export * 1000:7.0f} ms")
    print(f"  import  {load * 1000:7.0f} ms")
    print(f"with a range on each of its {len(ranged.ranges)} drivers (Sensitivity sheet, "
          f"{len(ranged_data) / 1024:.0f} KiB):")
    print(f"  export  {ranged_export * 1000:7.0f} ms")
    print(f"  import  {ranged_load * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
