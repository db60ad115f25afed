"""Time the Excel export and import of a large scenario: 30 years, 50 cost/gain lines.

Run: ``.venv/bin/python -m benchmarks.excel [--runs N]``; prints the median of N runs.
"""

from __future__ import annotations

import argparse

from benchmarks.cases import large_scenario, with_ranges
from benchmarks.timing import median_seconds
from exporters.excel import workbook_bytes
from exporters.excel_import import read_workbook


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
    print(f"with a range on each of its {len(ranged.ranges)} drivers (Sensitivity and Monte "
          f"Carlo sheets, {len(ranged_data) / 1024:.0f} KiB):")
    print(f"  export  {ranged_export * 1000:7.0f} ms")
    print(f"  import  {ranged_load * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
