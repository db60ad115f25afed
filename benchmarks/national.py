"""A national library on PostgreSQL: `python -m benchmarks.national` (`make national`).

Fills a PostgreSQL database with 100,000 versions of 40,000 cases owned by 100 organisations,
then times, for an editor in one organisation who may also read what others shared with it or
published, the calls the pages make: a page of 50 with its count, the filter choices, a Danish
full-text search, opening one version by id (access-checked), saving a new version (its key
figures computed by the calculators) and the portfolio selection (every case the user may read
with a positive budget NPV, then the exact selection within the Aarhus fund's kr 40 M).

The rows are written with COPY. Their bodies come from a few hundred distinct scenarios (the
samples with other unit counts, organisations and tags); each row's key figures and search
text are the ones the library computes for that scenario when it saves it
(`storage.library.version_columns`, i.e. the calculators), so what is queried is what a real
library would hold.

Uses the database in BENCH_DATABASE_URL (it must be empty or hold nothing you need: its tables
are dropped), else starts a throwaway PostgreSQL server (tests/postgres_server.py). Prints a
Markdown section; `--write` also puts it in benchmarks/results.md (replacing the last one).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks.library import variants
from benchmarks.timing import median_seconds
from calculators.model import Scenario
from calculators.portfolio import AARHUS_FUND_BUDGET, Criterion, figures_candidate, select
from calculators.scenario_file import dump_scenario, load_sample
from storage import EDITOR, EVERYONE, READER, Actor, Library
from storage.library import version_columns

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
HEADING = "## National library on PostgreSQL"
ORGANISATIONS = 100
CASES = 40_000
VERSIONS = 100_000
DISTINCT = 400
RUNS = 7
SHARED_WITH_USER, VERSION_SHARED, PUBLISHED_SHARE, DELETED_SHARE = 200, 50, 0.02, 0.01
USER_ORG = "kommune-000"


def owner(k: int) -> str:
    return f"kommune-{k:03d}"


def distinct_scenarios(n: int = DISTINCT) -> list[tuple[Scenario, str, dict]]:
    """n scenarios (organisation i % 100) with their body and computed columns."""
    result = []
    for i, scenario in enumerate(variants(n, seed=19)):
        scenario = scenario.model_copy(update={
            "organisation": f"Kommune {i % ORGANISATIONS:03d}",
            "title": scenario.title.split(" #")[0] + f" ({i})"})
        result.append((scenario, dump_scenario(scenario), version_columns(scenario)))
    return result


def version_counts(rng: random.Random) -> list[int]:
    """How many versions each case has: 1–4, summing to VERSIONS exactly."""
    counts = [rng.randint(1, 4) for _ in range(CASES)]
    surplus = sum(counts) - VERSIONS
    i = 0
    while surplus:
        step = 1 if surplus > 0 else -1
        if 1 <= counts[i] - step <= 4:
            counts[i] -= step
            surplus -= step
        i = (i + 1) % CASES
    return counts


VERSION_COLUMNS = ("id", "scenario_id", "number", "created_at", "author", "comment", "title",
                   "organisation", "technology", "tags", "body", "search_text",
                   "investment", "npv", "budget_npv", "payback_months", "budget_payback_months",
                   "annual_budget_effect", "hours_released", "hours_taken_out", "horizon_years",
                   "discount_rate", "vtv_score", "figures_revision")


def fill(url: str) -> dict[str, int]:
    """Empty the database, migrate it, COPY the cases, versions and shares in. Returns counts."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    Library.open(url).dispose()
    rng = random.Random(19)
    pool = distinct_scenarios()
    by_org: dict[int, list[int]] = {}
    for i in range(len(pool)):
        by_org.setdefault(i % ORGANISATIONS, []).append(i)
    counts = version_counts(rng)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    cases, versions, shares = [], [], []
    version_id = 0
    for case_id, count in enumerate(counts, start=1):
        org = case_id % ORGANISATIONS
        stamps = sorted(start + timedelta(minutes=rng.randrange(1_000_000)) for _ in range(count))
        author = f"Redaktør {org:03d} <redaktor@kommune-{org:03d}.dk>"
        for number, stamp in enumerate(stamps, start=1):
            version_id += 1
            _, body, computed = pool[rng.choice(by_org[org])]
            row = {**computed, "id": version_id, "scenario_id": case_id, "number": number,
                   "created_at": stamp, "author": author, "comment": "", "body": body}
            versions.append(tuple(row[c] for c in VERSION_COLUMNS))
        deleted = stamps[-1] if rng.random() < DELETED_SHARE else None
        cases.append((case_id, stamps[0], stamps[-1], author, count, deleted, owner(org)))
        if rng.random() < PUBLISHED_SHARE:
            shares.append((case_id, None, EVERYONE, stamps[-1], author))
    others = [c for c in cases if c[6] != USER_ORG]
    for case in rng.sample(others, SHARED_WITH_USER + VERSION_SHARED)[:SHARED_WITH_USER]:
        shares.append((case[0], None, USER_ORG, case[2], case[3]))
    for case in rng.sample(others, VERSION_SHARED):
        shares.append((case[0], 1, USER_ORG, case[2], case[3]))
    raw = create_engine(url).raw_connection()
    try:
        with raw.cursor() as cur:
            copy(cur, "scenario (id, created_at, updated_at, updated_by, head_version, "
                      "deleted_at, owner)", cases)
            copy(cur, f"scenario_version ({', '.join(VERSION_COLUMNS)})", versions)
            copy(cur, "scenario_share (scenario_id, version, grantee, created_at, created_by)",
                 shares)
            for table in ("scenario", "scenario_version"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))")
            cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return {"cases": len(cases), "versions": len(versions), "shares": len(shares),
            "distinct scenarios": len(pool)}


def copy(cursor, target: str, rows: list[tuple]) -> None:
    with cursor.copy(f"COPY {target} FROM STDIN") as stream:
        for row in rows:
            stream.write_row(row)


def timings(url: str) -> list[tuple[str, float, str]]:
    """(operation, median ms, what came back) for the user in USER_ORG."""
    base = Library.open(url)
    user = base.acting_as(Actor("bench", "Bente Bench", "bente@kommune-000.dk",
                                ((USER_ORG, EDITOR), ("kommune-001", READER))))
    rows = []

    def timed(label: str, action, describe) -> None:
        result = action()
        rows.append((label, median_seconds(action, RUNS) * 1000, describe(result)))

    timed("list: newest page of 50 + count", lambda: (user.entries(limit=50), user.count()),
          lambda r: f"{len(r[0])} of {r[1]:,} readable cases")
    timed("filter choices (facets)", user.facets,
          lambda r: f"{len(r.organisations)} organisations, {len(r.tags)} tags")
    timed("search 'toiletter' (Danish full text), page of 50 + count",
          lambda: (user.entries(text="toiletter", limit=50), user.count(text="toiletter")),
          lambda r: f"{len(r[0])} of {r[1]:,} found")
    timed("search '\"vaske- og tørretoilet\" -konservativt' + tag 'hjemmepleje'",
          lambda: user.count(text='"vaske- og tørretoilet" -konservativt', tag="hjemmepleje"),
          lambda r: f"{r:,} found")
    own = user.entries(limit=1)[0]
    shared = next(e for e in user.entries(limit=500) if e.owner != USER_ORG)
    timed("open one version by id (own case)", lambda: user.load(own.id),
          lambda r: f"case {own.id}: {r.title}")
    timed("open one version by id (shared case)", lambda: user.load(shared.id),
          lambda r: f"case {shared.id} of {shared.owner}")
    with base.engine.connect() as conn:
        foreign = conn.execute(text(
            "SELECT min(id) FROM scenario s WHERE owner = 'kommune-050' AND NOT EXISTS "
            "(SELECT 1 FROM scenario_share h WHERE h.scenario_id = s.id)")).scalar_one()

    def refused() -> str:
        try:
            user.load(foreign)
        except Exception as exc:  # noqa: BLE001 - the code is what is reported
            return getattr(exc, "code", type(exc).__name__)
        return "opened (wrong)"

    timed("open an unshared case of another organisation", refused, lambda r: r)
    scenario = load_sample("aarhus_toilet")

    def save() -> int:
        head = user.entry(own.id).version
        return user.save(own.id, scenario, "", "benchmark", head).version

    timed("save a new version (key figures computed)", save, lambda r: f"now version {r}")

    def portfolio():
        found = user.entries(positive="budget_npv", max_investment=AARHUS_FUND_BUDGET)
        items = [figures_candidate(str(e.id), e.title, e.figures) for e in found]
        return items, select(items, AARHUS_FUND_BUDGET, Criterion.BUDGET_NPV)

    timed("portfolio: budget NPV > 0, exact selection within kr 40 M", portfolio,
          lambda r: f"{len(r[1].keys)} chosen of {len(r[0]):,} candidates")

    def whole_portfolio():
        items = [figures_candidate(str(e.id), e.title, e.figures) for e in user.entries()
                 if e.figures is not None]
        return items, select(items, AARHUS_FUND_BUDGET, Criterion.NPV)

    timed("portfolio page: every readable case's figures, selection by NPV", whole_portfolio,
          lambda r: f"{len(r[1].keys)} chosen of {len(r[0]):,} cases")
    base.dispose()
    return rows


@contextmanager
def database() -> Iterator[str]:
    given = os.environ.get("BENCH_DATABASE_URL")
    if given:
        yield given
        return
    from tests.postgres_server import postgres_server, server_bin_dir

    bin_dir = server_bin_dir()
    if bin_dir is None:
        raise SystemExit("no PostgreSQL server (pg_ctl) found: set BENCH_DATABASE_URL")
    with postgres_server(bin_dir) as base:
        yield f"{base}/postgres"


def machine() -> str:
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.machine()}, "
            f"{len(os.sched_getaffinity(0))} CPUs ({cpu}), shared with other work; "
            f"`uptime`: {uptime}")


def report(counts: dict[str, int], fill_s: float, rows: list[tuple[str, float, str]],
           server: str) -> str:
    lines = [f"{HEADING} (`make national`)", "", machine() + ".", "",
             f"{server}. Filled with COPY in {fill_s:.0f} s: "
             + ", ".join(f"{v:,} {k}" for k, v in counts.items())
             + f" across {ORGANISATIONS} organisations. The user edits in one organisation, "
             "reads in a second, and sees what was shared with them or published. Median of "
             f"{RUNS} runs after one warm-up; goal: each below 1 s.", "",
             "| operation | median ms | result |", "|---|---:|---|"]
    lines += [f"| {label} | {ms:,.1f} | {what} |" for label, ms, what in rows]
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    kept = re.sub(rf"\n{re.escape(HEADING)}.*?(?=\n## |\Z)", "", old, flags=re.S)
    RESULTS.write_text(kept.rstrip("\n") + "\n\n" + section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="put the results in results.md")
    args = parser.parse_args()
    with database() as url:
        started = time.perf_counter()
        counts = fill(url)
        fill_s = time.perf_counter() - started
        engine = create_engine(url)
        with engine.connect() as conn:
            server = conn.execute(text("SHOW server_version")).scalar()
            size = conn.execute(text("SELECT pg_size_pretty(pg_database_size("
                                     "current_database()))")).scalar()
        engine.dispose()
        section = report(counts, fill_s, timings(url), f"PostgreSQL {server}, {size}")
    print(section)
    if args.write:
        write(section)


if __name__ == "__main__":
    main()
