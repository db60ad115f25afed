"""Rerun time of every page in pages/ through AppTest, next to an empty Streamlit page measured
in the same run (AppTest's own overhead). New pages are picked up without registration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.cases import large_scenario
from benchmarks.timing import Row, timed
from ui.i18n import translate

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def page_files() -> list[Path]:
    return sorted((ROOT / "pages").glob("[!_]*.py"))


def app_on(page: Path) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    app.switch_page(f"pages/{page.name}").run()
    if app.exception:
        raise RuntimeError(f"{page.name}: {app.exception[0].message}")
    return app


def empty_page() -> AppTest:
    """The yardstick (benchmarks/empty_page.py), run once."""
    return AppTest.from_file(str(ROOT / "benchmarks" / "empty_page.py")).run()


def large_case() -> AppTest:
    """The business case on the 30-year, 50-line case."""
    large = app_on(ROOT / "pages" / "business_case.py")
    large.session_state["scenario"] = large_scenario()
    large.session_state["scenario_rev"] += 1
    return large


def run() -> list[Row]:
    rows = [timed("page rerun", "empty Streamlit page (baseline)", empty_page().run, RUNS)]
    for page in page_files():
        app = app_on(page)
        rows.append(timed("page rerun", page.stem, app.run, RUNS))
    large = large_case()
    rows.append(timed("page rerun", "business_case, 30 years, 50 lines", large.run, RUNS))
    rows.append(timed("page rerun", "business_case, 30 years, 50 lines, after an edit",
                      editing(large), RUNS, "implementation months changed each run"))
    return rows


def editing(app: AppTest) -> Callable[[], object]:
    """A rerun that changes the scenario every time (no cache hit for the engine)."""
    months = iter(range(1, 120))
    app.session_state["business_case_tabs"] = translate("da", "bc.tab_scale")  # the field's tab
    app.run()
    field = app.text_input(key=f"implementation@{app.session_state['scenario_rev']}")
    return lambda: field.input(str(next(months))).run()
