"""Rerun time of every page in pages/ through AppTest, next to an empty Streamlit page measured
in the same run (AppTest's own overhead). New pages are picked up without registration."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.cases import large_scenario
from benchmarks.timing import Row, timed

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


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        empty_script = Path(folder) / "empty.py"
        empty_script.write_text("import streamlit as st\n")
        empty = AppTest.from_file(str(empty_script)).run()
        rows = [timed("page rerun", "empty Streamlit page (baseline)", empty.run, RUNS)]
    for page in page_files():
        app = app_on(page)
        rows.append(timed("page rerun", page.stem, app.run, RUNS))
    large = app_on(ROOT / "pages" / "business_case.py")
    large.session_state["scenario"] = large_scenario()
    large.session_state["scenario_rev"] += 1
    rows.append(timed("page rerun", "business_case, 30 years, 50 lines", large.run, RUNS))
    rows.append(timed("page rerun", "business_case, 30 years, 50 lines, after an edit",
                      editing(large), RUNS, "implementation months changed each run"))
    return rows


def editing(app: AppTest) -> Callable[[], object]:
    """A rerun that changes the scenario every time (no cache hit for the engine)."""
    months = iter(range(1, 120))
    field = app.text_input(key=f"implementation@{app.session_state['scenario_rev']}")
    return lambda: field.input(str(next(months))).run()
