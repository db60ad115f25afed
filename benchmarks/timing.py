"""Timing helpers shared by the benchmark modules: median wall time of several runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the results table; `median_ms` is the median of `runs` timed runs."""

    benchmark: str
    case: str
    median_ms: float
    runs: int
    note: str = ""


def median_seconds(action: Callable[[], object], runs: int = 7, warmup: int = 1,
                   clock: Callable[[], float] = time.perf_counter) -> float:
    """Median time of `runs` calls after `warmup` untimed calls: wall time by default, CPU time
    with clock=time.process_time."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def timed(benchmark: str, case: str, action: Callable[[], object], runs: int = 7,
          note: str = "") -> Row:
    return Row(benchmark, case, median_seconds(action, runs) * 1000, runs, note)
