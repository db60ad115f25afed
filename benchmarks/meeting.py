"""Timings of meeting mode and the decision summary: `python -m benchmarks.meeting [N]`.

Headlines (engine + break-even bisection), the PDF in both languages, and the meeting and
pitch pages through AppTest. Prints one line per operation; asserts nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from calculators.headlines import briefing
from calculators.scenario_file import load_sample, sample_names
from exporters.pdf_report import decision_pdf

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def timed(name: str, action: Callable[[], object], repeat: int) -> None:
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    each = (time.perf_counter() - start) / repeat
    print(f"{name:<48} {each * 1000:9.1f} ms  (mean of {repeat})")


def page(path: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(path).run()


def main(repeat: int = 5) -> None:
    for name in sample_names():
        scenario = load_sample(name)
        timed(f"briefing({name})", lambda s=scenario: briefing(s), repeat)
        timed(f"decision_pdf({name}, da)", lambda s=scenario: decision_pdf(s, "da"), repeat)
    timed("AppTest: app + meeting page", lambda: page("pages/meeting.py"), max(1, repeat // 2))
    timed("AppTest: app + pitch page", lambda: page("pages/pitch.py"), max(1, repeat // 2))
    timed("AppTest: app + OPI page", lambda: page("pages/opi.py"), max(1, repeat // 2))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
