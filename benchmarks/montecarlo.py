"""Monte Carlo and sensitivity timings: median of several runs, per sample scenario.

    .venv/bin/python -m benchmarks.montecarlo
"""

from __future__ import annotations

import os
import time
from functools import partial

from benchmarks.timing import median_seconds
from calculators.montecarlo import draw, evaluate_many, run
from calculators.scenario_file import load_sample
from calculators.sensitivity import tornado, two_way

SAMPLES = ("aarhus_toilet", "ceiling_lifts", "medicine_dispenser")


def main() -> None:
    load = os.getloadavg()[0]
    print(f"Monte Carlo (draw + vectorised engine), median wall time; {os.cpu_count()} cores, "
          f"load average {load:.1f}")
    for name in SAMPLES:
        scenario = load_sample(name)
        for n, repeats in ((10_000, 7), (100_000, 5)):
            draws = draw(scenario, n, seed=1)
            only_draw = median_seconds(partial(draw, scenario, n, 1), repeats, warmup=0)
            only_engine = median_seconds(partial(evaluate_many, scenario, draws), repeats, warmup=0)
            total = median_seconds(partial(run, scenario, n, 1), repeats, warmup=0)
            cpu = median_seconds(partial(run, scenario, n, 1), repeats, warmup=0,
                                 clock=time.process_time)
            print(f"  {name:20s} {n:>7,d} draws ({len(scenario.ranges)} ranged drivers, "
                  f"{scenario.horizon_years} years): total {total * 1000:7.1f} ms "
                  f"(CPU {cpu * 1000:7.1f} ms; draws {only_draw * 1000:6.1f} ms, "
                  f"engine {only_engine * 1000:7.1f} ms)")
    print("Sensitivity, median wall time")
    for name in SAMPLES:
        scenario = load_sample(name)
        one_way = median_seconds(partial(tornado, scenario), 5, warmup=0) * 1000
        grid = median_seconds(partial(two_way, scenario), 5, warmup=0) * 1000
        print(f"  {name:20s} tornado {one_way:6.1f} ms, two-way 21×21 {grid:6.1f} ms")


if __name__ == "__main__":
    main()
