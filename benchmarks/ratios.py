"""Speed goals as ratios, measured side by side in one run: `python -m benchmarks.ratios`.

Absolute times on a shared two-core machine vary from run to run; a ratio against a yardstick
measured in the same run does not. Two yardsticks:

- in the browser, the minimal app (`benchmarks/minimal_app.py`: one number field, one metric)
  served by the same Streamlit and driven by the same Chromium: time to the first metric of a
  new session, and number typed → metric updated;
- under AppTest, an empty page (`import streamlit as st`): an unchanged rerun, timed in
  turns with each page's so both see the same load.

Each line prints the app's time, the yardstick's, the ratio, the goal and whether it is met.
`--only apptest` or `--only browser` runs one half. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import pages

NEW_SESSIONS = 5
EDITS = 10
CLICKS = 6
RERUNS = 15  # AppTest reruns of each page and of the empty page, in turns
FIRST_KPI_GOAL = 1.5
EDIT_GOAL = 1.5
RERUN_GOAL = 10.0
LARGE_EDIT_GOAL = 20.0


@dataclass(frozen=True)
class Ratio:
    measure: str
    app_ms: float
    yardstick_ms: float
    goal: float

    @property
    def ratio(self) -> float:
        return self.app_ms / self.yardstick_ms

    @property
    def met(self) -> bool:
        return self.ratio <= self.goal


def apptest_ratios() -> list[Ratio]:
    """Every page's unchanged rerun against the empty page; the large case's rerun and edit."""
    empty = pages.empty_page()
    ratios = []

    def measure(case: str, app: Callable[[], object], goal: float) -> None:
        app_ms, empty_ms = side_by_side(app, empty.run, RERUNS)
        ratios.append(Ratio(f"AppTest rerun: {case}", app_ms, empty_ms, goal))

    for page in pages.page_files():
        measure(page.stem, pages.app_on(page).run, RERUN_GOAL)
    large = pages.large_case()
    measure("business_case, 30 years, 50 lines", large.run, RERUN_GOAL)
    measure("business_case, 30 years, 50 lines, after an edit", pages.editing(large),
            LARGE_EDIT_GOAL)
    return ratios


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def side_by_side(action: Callable[[], object], yardstick: Callable[[], object],
                 runs: int) -> tuple[float, float]:
    """Median ms of `action` and of `yardstick`, run in turns after one warm-up each: both
    see the same load of a shared machine, also when it changes during the run."""
    action()
    yardstick()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for measured, call in zip(times, (action, yardstick), strict=True):
            start = time.perf_counter()
            call()
            measured.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def browser_ratios() -> list[Ratio]:
    from playwright.sync_api import Browser, Page, expect, sync_playwright

    from benchmarks.stress import FIELD, PAYBACK, expected_payback
    from tests.browser.driver import (
        CHROMIUM,
        CHROMIUM_ARGS,
        VIEWPORT,
        open_app,
        open_page,
        rerun_after,
        wait_idle,
    )
    from tests.browser.server import running_app
    from ui.i18n import translate

    def first_metric(browser: Browser, url: str) -> Callable[[], None]:
        def action() -> None:
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.goto(url)
            expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
            context.close()
        return action

    def minimal_edit(page: Page) -> Callable[[], None]:
        values = iter(range(2, 10_000))

        def action() -> None:
            value = next(values)
            field = page.get_by_label("Tal", exact=True)
            field.fill(str(value))
            field.press("Enter")
            expect(page.get_by_test_id("stMetricValue")).to_have_text(str(2 * value))
        return action

    def app_edit(page: Page) -> Callable[[], None]:
        months = iter(range(1, 10_000))
        card = page.get_by_test_id("stMetric").filter(has_text=PAYBACK)

        def action() -> None:
            value = 1 + next(months) % 24
            field = page.get_by_label(FIELD, exact=True)
            field.fill(str(value))
            field.press("Enter")
            expect(card.get_by_test_id("stMetricValue")).to_have_text(expected_payback(value))
        return action

    def tab_clicks(page: Page) -> Callable[[], None]:
        names = [translate("da", key) for key in
                 ("an.tab_sensitivity", "an.tab_montecarlo", "an.tab_scenarios")]
        turn = iter(range(10_000))

        def action() -> None:
            tab = page.get_by_role("tab", name=names[next(turn) % len(names)], exact=True)
            tab.click()
            expect(tab).to_have_attribute("aria-selected", "true")
            panel = page.get_by_role("tabpanel").filter(visible=True).first
            expect(panel.locator(".js-plotly-plot, [data-testid='stMetric'], "
                                 "[data-testid='stTable'], [data-testid='stDataFrame']").first
                   ).to_be_visible()
            wait_idle(page)
        return action

    def slide_changes(page: Page) -> Callable[[], None]:
        step = iter(range(10_000))

        def action() -> None:
            name = "meeting.next" if next(step) % 4 < 2 else "meeting.previous"
            button = page.get_by_role("button", name=translate("da", name)).first
            rerun_after(page, button.click)
        return action

    with (tempfile.TemporaryDirectory() as folder,
          running_app(Path(folder)) as (app_url, _),
          running_app(Path(folder), script="benchmarks/minimal_app.py") as (minimal_url, _),
          sync_playwright() as playwright):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for url in (app_url, minimal_url):  # warm each server: imports are not a session's cost
            first_metric(browser, url)()
        first_app = median_ms(first_metric(browser, app_url), NEW_SESSIONS)
        first_minimal = median_ms(first_metric(browser, minimal_url), NEW_SESSIONS)

        minimal = browser.new_context(viewport=VIEWPORT).new_page()
        minimal.goto(minimal_url)
        minimal_edit(minimal)()
        edit_minimal = median_ms(minimal_edit(minimal), EDITS)

        page = browser.new_context(viewport=VIEWPORT).new_page()
        open_app(page, app_url)
        page.get_by_role("tab", name=translate("da", "bc.tab_scale")).click()
        app_edit(page)()
        edit_app = median_ms(app_edit(page), EDITS)

        open_page(page, translate("da", "nav.uncertainty"))
        tab_clicks(page)()
        tab_app = median_ms(tab_clicks(page), CLICKS)
        open_page(page, translate("da", "nav.meeting"))
        slide_changes(page)()
        slide_app = median_ms(slide_changes(page), CLICKS)
        browser.close()
    return [
        Ratio("browser: new session → first KPI", first_app, first_minimal, FIRST_KPI_GOAL),
        Ratio("browser: number typed → KPI updated (business case)", edit_app, edit_minimal,
              EDIT_GOAL),
        Ratio("browser: tab click on the uncertainty page", tab_app, edit_minimal, EDIT_GOAL),
        Ratio("browser: next/previous slide in meeting mode", slide_app, edit_minimal,
              EDIT_GOAL),
    ]


def table(ratios: list[Ratio]) -> str:
    lines = ["| measure | app ms | yardstick ms | ratio | goal | met |",
             "|---|---:|---:|---:|---:|---|"]
    lines += [f"| {r.measure} | {r.app_ms:,.1f} | {r.yardstick_ms:,.1f} | {r.ratio:.1f}× | "
              f"≤ {r.goal:g}× | {'yes' if r.met else '**no**'} |" for r in ratios]
    short = [r.measure for r in ratios if not r.met]
    lines.append("")
    lines.append(f"Short of the goal: {', '.join(short)}." if short else "Every goal is met.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["apptest", "browser"])
    args = parser.parse_args()
    ratios = []
    if args.only != "browser":
        ratios += apptest_ratios()
    if args.only != "apptest":
        ratios += browser_ratios()
    print(table(ratios))


if __name__ == "__main__":
    main()
