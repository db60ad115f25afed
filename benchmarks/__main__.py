"""Run every benchmark module and write the results table to benchmarks/results.md.

A module `benchmarks/<name>.py` plugs in by existing: if it defines `run() -> list[Row]` its
rows join the table; otherwise it is run as a script (`python -m benchmarks.<name>`) and what
it prints is kept under its own heading. `python -m benchmarks engine pages` runs a subset.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.timing import Row

HERE = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"__init__", "__main__", "cases", "timing", "stress", "minimal_app",
                  "empty_page", "national"}  # national: minutes, and a PostgreSQL server
SCRIPT_TIMEOUT_S = 900


def benchmark_names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if p.stem not in NOT_BENCHMARKS)


def run_script(name: str) -> str:
    try:
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], cwd=HERE.parent,
                              capture_output=True, text=True, timeout=SCRIPT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"(stopped after {SCRIPT_TIMEOUT_S} s)"
    output = done.stdout.strip()
    return output if done.returncode == 0 else f"{output}\n(exit {done.returncode})\n{done.stderr}"


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | case | median ms | runs | note |", "|---|---|---:|---:|---|"]
    lines += [f"| {r.benchmark} | {r.case} | {r.median_ms:,.2f} | {r.runs} | {r.note} |"
              for r in rows]
    return "\n".join(lines)


def main(selected: list[str]) -> str:
    rows: list[Row] = []
    scripts: dict[str, str] = {}
    for name in selected or benchmark_names():
        module = importlib.import_module(f"benchmarks.{name}")
        own_run = getattr(module, "run", None)
        if own_run is not None and own_run.__module__ == module.__name__:
            rows += own_run()
        else:
            scripts[name] = run_script(name)
    load = os.getloadavg()[0]
    header = (f"# Benchmark results\n\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"Python {platform.python_version()}, {platform.machine()}, "
              f"{len(os.sched_getaffinity(0))} CPUs, load average {load:.1f} (1 min, machine "
              "shared). Median of the runs shown.\n")
    sections = [header, table(rows)]
    sections += [f"## {name}\n\n```\n{output}\n```" for name, output in scripts.items()]
    return "\n\n".join(sections) + "\n"


if __name__ == "__main__":
    report = main(sys.argv[1:])
    if not sys.argv[1:]:
        (HERE / "results.md").write_text(report)
    print(report)
