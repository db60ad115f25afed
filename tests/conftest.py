"""Suite-wide reporting: tests that try many generated cases record them with
``record_property("cases", n)``; the totals are printed at the end of the run (xdist too)."""

from __future__ import annotations

from collections import Counter

import pytest

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
