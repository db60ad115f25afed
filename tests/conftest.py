"""Suite-wide reporting: tests that try many generated cases record them with
``record_property("cases", n)``; the totals are printed at the end of the run (xdist too)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from calculators.model import Scenario
from calculators.scenario_file import load_sample

APP_PATH = str(Path(__file__).resolve().parent.parent / "app.py")

CASES = "cases"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts: Counter[str] = Counter()
    for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed"):
        if report.when != "call":
            continue
        for name, value in report.user_properties:
            if name == CASES:
                counts[report.nodeid] += int(value)
    if counts:
        terminalreporter.section("cases tried")
        for nodeid, count in sorted(counts.items()):
            terminalreporter.write_line(f"{count:>8,}  {nodeid}")
        terminalreporter.write_line(f"{sum(counts.values()):>8,}  in total")


@pytest.fixture
def toilet() -> Scenario:
    return load_sample("aarhus_toilet")


def make_scenario(**changes: object) -> Scenario:
    """The Aarhus toilet with top-level fields, scale fields or lines replaced."""
    data = load_sample("aarhus_toilet").model_dump()
    for key, value in changes.items():
        if key in data["scale"]:
            data["scale"][key] = value
        else:
            data[key] = value
    return Scenario.model_validate(data)


def open_page(page: str) -> AppTest:
    """The app started afresh and switched to pages/<page>.py, with no exception."""
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    return at


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))
