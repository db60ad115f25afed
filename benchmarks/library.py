"""Timings of the scenario library at 1,000 scenarios: `python -m benchmarks.library [N]`.

Uses a temporary SQLite file, or the database in BENCH_DATABASE_URL (e.g. a PostgreSQL
database you can throw away). Prints one line per operation; asserts nothing.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from calculators.model import Scenario
from calculators.portfolio import Criterion, scored_candidate, select
from calculators.scenario_file import load_sample, sample_names
from storage import Library
from storage.archive import read_upload, write_zip

ORGANISATIONS = [f"{name} Kommune" for name in ("Aarhus", "Odense", "Aalborg", "Vejle", "Esbjerg",
                                                 "Randers", "Kolding", "Horsens")]
TAGS = ["hjemmepleje", "plejecenter", "toilet", "lift", "medicin", "sensor", "robot", "skærm"]


def variants(n: int, seed: int = 1) -> list[Scenario]:
    rng = random.Random(seed)
    bases = [load_sample(name) for name in sample_names()]
    result = []
    for i in range(n):
        base = bases[i % len(bases)]
        data = base.model_dump()
        data.update(title=f"{base.title} #{i}", organisation=rng.choice(ORGANISATIONS),
                    tags=rng.sample(TAGS, 2))
        data["scale"]["units"] = rng.randint(1, 60)
        data["scale"]["rollout"] = []
        result.append(Scenario.model_validate(data))
    return result


def timed(label: str, action: Callable[[], object], repeat: int = 1) -> object:
    """Mean wall time per run; CPU time beside it (the process's, all threads), which a busy
    shared machine disturbs less."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        result = action()
    elapsed = (time.perf_counter() - start) / repeat
    cpu_elapsed = (time.process_time() - cpu) / repeat
    print(f"{label:<48} {elapsed * 1000:9.1f} ms  (CPU {cpu_elapsed * 1000:7.1f} ms)")
    return result


def main(n: int = 1000) -> None:
    import os

    url = os.environ.get("BENCH_DATABASE_URL")
    folder = tempfile.mkdtemp(prefix="bench-library-")
    url = url or f"sqlite:///{Path(folder) / 'library.sqlite'}"
    print(f"{n} scenarios on {url.split('://')[0]}")
    scenarios = variants(n)
    lib = timed("open + migrate an empty database", lambda: Library.open(url))
    timed(f"import {n} in one transaction", lambda: lib.create_many(scenarios, "bench", ""))
    entry = lib.entries()[0]
    timed("save one new version", lambda: lib.save(entry.id, scenarios[0], "bench", "",
                                                    lib.entry(entry.id).version), repeat=20)
    timed(f"list all {n} (newest first)", lib.entries, repeat=10)
    timed("free-text search 'aarhus'", lambda: lib.entries(text="aarhus"), repeat=10)
    timed("filter organisation + tag", lambda: lib.entries(organisation="Vejle Kommune",
                                                           tag="robot"), repeat=10)
    timed("facets (filter choices)", lib.facets, repeat=10)
    timed("versions of one scenario", lambda: lib.versions(entry.id), repeat=10)
    keys = [(e.id, None) for e in lib.entries()]
    loaded = timed(f"load all {n} scenarios", lambda: lib.load_many(keys))
    items = timed(f"metrics + VTV score of {n} (portfolio)",
                  lambda: [scored_candidate(str(i), s) for i, s in enumerate(loaded)])
    for objective in (Criterion.NPV, Criterion.HOURS):
        timed(f"exact selection within kr 40 M ({objective.value})",
              lambda o=objective: select(items, 40e6, o), repeat=3)
    data = timed(f"export {n} as zip", lambda: write_zip(loaded))
    print(f"{'  zip size':<48} {len(data) / 2**20:9.1f} MB")
    timed(f"read and validate the zip of {n}", lambda: read_upload("all.zip", data))
    lib.dispose()
    if url.startswith("sqlite:///"):
        pages(url.removeprefix("sqlite:///"))


def pages(path: str) -> None:
    """Whole page runs through AppTest (script + widgets, no browser), cold then warm cache."""
    import os

    from streamlit.testing.v1 import AppTest

    os.environ.pop("DATABASE_URL", None)
    os.environ["SCENARIO_DB_PATH"] = path
    app = str(Path(__file__).resolve().parent.parent / "app.py")
    for page in ("pages/library.py", "pages/compare.py", "pages/portfolio.py"):
        at = AppTest.from_file(app, default_timeout=600).run()
        for state in ("cold", "warm"):
            timed(f"page {page} ({state})", lambda a=at, p=page: a.switch_page(p).run())
            if at.exception:
                print(f"  {page} failed: {at.exception[0].message}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
