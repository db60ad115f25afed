"""The bound on one user's work: the largest scenario the model accepts
(`benchmarks.cases.worst_scenario`: every list at its limit, every text at its length) through
each entry point, each in a fresh subprocess that reports its CPU time, wall time and peak
resident memory (resource.getrusage). Printed, never asserted as time; the campaign asserts a
generous memory bound (tests/test_limits.py).

    .venv/bin/python -m benchmarks.limits            # a table
    .venv/bin/python -m benchmarks.limits --json     # and one JSON line at the end
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _parse(scenario, text: str) -> None:
    from calculators.scenario_file import parse_scenario

    parse_scenario(text)


def _uncertainty(scenario, _text: str) -> None:
    from calculators.montecarlo import default_summary
    from calculators.sensitivity import break_even_for, tornado, two_way

    tornado(scenario)
    two_way(scenario)
    default_summary(scenario)
    break_even_for(scenario, 24)


def _excel(scenario, _text: str) -> None:
    from exporters.excel import workbook_bytes
    from exporters.excel_import import read_workbook

    assert read_workbook(workbook_bytes(scenario, "da")) == scenario


def _library(scenario, _text: str) -> None:
    from storage import Library
    from storage.archive import read_upload, write_zip

    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(f"sqlite:///{folder}/library.sqlite")
        entry = library.create(scenario, "benchmark")
        assert library.load(entry.id) == scenario
        library.create_many([s for _, s in read_upload("cases.zip", write_zip([scenario]))],
                            "benchmark", "import")
        library.dispose()


def _pages(scenario, _text: str) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    at.session_state["scenario"] = scenario
    at.session_state["scenario_rev"] = 1
    for page in sorted(p.stem for p in (ROOT / "pages").glob("*.py")):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page


ACTIONS = {
    "JSON file read (upload, library)": _parse,
    "Uncertainty: tornado, grid, Monte Carlo 10,000, break-even": _uncertainty,
    "Excel export and import": _excel,
    "Library save, open, zip import": _library,
    "Every page through AppTest": _pages,
}


def measure(name: str) -> dict[str, float | str]:
    """Run one action on the worst case in this process (called in a child)."""
    from benchmarks.cases import worst_scenario
    from calculators.scenario_file import dump_scenario

    scenario = worst_scenario()
    text = dump_scenario(scenario)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu, wall = usage.ru_utime + usage.ru_stime, time.perf_counter()
    ACTIONS[name](scenario, text)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"action": name, "cpu_s": round(usage.ru_utime + usage.ru_stime - cpu, 2),
            "wall_s": round(time.perf_counter() - wall, 2),
            "max_rss_mb": round(usage.ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="end with the rows as one JSON line")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    from benchmarks.cases import worst_scenario
    from calculators.scenario_file import dump_scenario

    size = len(dump_scenario(worst_scenario()).encode())
    print(f"worst accepted scenario: {size / 2**20:.1f} MB of JSON; each action in its own "
          f"process, peak memory includes building the case ({os.cpu_count()} cores)\n")
    print("| action | CPU s | wall s | peak RSS MB |\n|---|---:|---:|---:|")
    rows = []
    for name in ACTIONS:
        done = subprocess.run([sys.executable, "-m", "benchmarks.limits", "--child", name],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"| {name} | {row['cpu_s']} | {row['wall_s']} | {row['max_rss_mb']} |",
              flush=True)
    if args.json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
