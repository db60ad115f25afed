"""Several users at once: N browser sessions edit the business case against one server.

Each session (its own Chromium context = its own Streamlit session) changes the implementation
period `--edits` times and waits until the payback card shows the value the engine expects;
the time from the keypress to that text is one rerun latency. Reports latency percentiles and
the server's resident memory before and after the sessions opened (per session).

    python -m benchmarks.stress --sessions 8 --edits 5          # starts its own server
    python -m benchmarks.stress --url http://127.0.0.1:8501 --pid 1234

Loopback only; sessions and edits are capped and the whole run is bounded by --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from playwright.async_api import Browser, Page, async_playwright, expect

from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from calculators.scenario_file import load_sample
from tests.browser.driver import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.server import running_app
from ui.formatting import format_number
from ui.i18n import translate

MAX_SESSIONS = 32
MAX_EDITS = 50
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FIELD = translate("da", "field.implementation_months")
PAYBACK = translate("da", "kpi.payback")
RESULTS = Path(__file__).resolve().parent / "stress_results.md"


def expected_payback(months: int) -> str:
    scenario = with_value(load_sample(), "scale.implementation_months", months)
    value = compute_metrics(scenario).payback_months
    return translate("da", "unit.months", value=format_number(value, "da", 1))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def open_session(browser: Browser, url: str) -> Page:
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.set_default_timeout(60_000)
    await page.goto(url)
    await expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
    await page.get_by_role("tab", name=translate("da", "bc.tab_scale")).click()
    return page


async def edit_loop(page: Page, session: int, edits: int) -> list[float]:
    field = page.get_by_label(FIELD, exact=True)
    payback = page.get_by_test_id("stMetric").filter(has_text=PAYBACK).get_by_test_id(
        "stMetricValue")
    latencies = []
    for edit in range(edits):
        months = 1 + (session + edit) % 24
        await field.fill(str(months))
        start = time.perf_counter()
        await field.press("Enter")
        await expect(payback).to_have_text(expected_payback(months), timeout=60_000)
        latencies.append(time.perf_counter() - start)
    return latencies


async def drive(url: str, pid: int | None, sessions: int, edits: int) -> dict[str, float | int]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                   args=CHROMIUM_ARGS)
        warm = await open_session(browser, url)
        before = rss_mib(pid) if pid else float("nan")
        pages = [warm, *await asyncio.gather(*(open_session(browser, url)
                                               for _ in range(sessions - 1)))]
        opened = rss_mib(pid) if pid else float("nan")
        started = time.perf_counter()
        runs = await asyncio.gather(*(edit_loop(page, i, edits) for i, page in enumerate(pages)))
        elapsed = time.perf_counter() - started
        after = rss_mib(pid) if pid else float("nan")
        await browser.close()
    latencies = sorted(ms * 1000 for run in runs for ms in run)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"sessions": sessions, "edits per session": edits, "reruns": len(latencies),
            "p50 ms": cuts[49], "p90 ms": cuts[89], "p99 ms": cuts[98], "max ms": latencies[-1],
            "reruns per second": len(latencies) / elapsed, "server RSS, 1 session MiB": before,
            "server RSS, all open MiB": opened, "server RSS, after edits MiB": after,
            "MiB per extra session": (after - before) / max(sessions - 1, 1)}


def report(result: dict[str, float | int]) -> str:
    rows = "\n".join(f"| {key} | {value:,.1f} |" if isinstance(value, float)
                     else f"| {key} | {value:,} |" for key, value in result.items())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (f"# Stress: concurrent sessions on one server\n\n{when}; latency = keypress until "
            f"the payback card shows the new value.\n\n| measure | value |\n|---|---:|\n{rows}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--url", help="a running server on this machine (default: start one)")
    parser.add_argument("--pid", type=int, help="the running server's process id (for memory)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for the whole run")
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.edits <= MAX_EDITS:
        parser.error(f"sessions 1–{MAX_SESSIONS}, edits 1–{MAX_EDITS}")
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        parser.error("loopback addresses only")

    def bounded(url: str, pid: int | None) -> dict[str, float | int]:
        return asyncio.run(asyncio.wait_for(drive(url, pid, args.sessions, args.edits),
                                            args.timeout))

    if args.url:
        result = bounded(args.url, args.pid)
    else:
        with tempfile.TemporaryDirectory() as folder, running_app(Path(folder)) as (url, pid):
            result = bounded(url, pid)
    text = report(result)
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
