"""The campaign's accepted-but-extreme cases in a real browser (issue 21): each is uploaded as
the current case and saved in the library, then every page opens without an exception or the
generic error, and no page makes the browser ask the host named in the user's text for
anything (markdown images, links in chart labels). `CAMPAIGN=full` tries every extreme case; a
normal run the five that crashed pages or reached outside before."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from benchmarks.cases import extreme_scenarios
from calculators.scenario_file import dump_scenario
from storage import Library
from tests.browser.driver import expect_no_exception, open_page, upload
from tests.browser.server import LIBRARY_FILE
from tests.browser.test_pages import PAGES
from tests.test_limits import FAST_EXTREMES

pytestmark = pytest.mark.browser
EXTREMES = extreme_scenarios()
NAMES = list(EXTREMES) if os.environ.get("CAMPAIGN") == "full" else FAST_EXTREMES


@pytest.fixture
def saved_extremes(app_data: Path) -> Iterator[None]:
    """The worker's library holding exactly the extreme cases."""
    lib = Library.open(f"sqlite:///{app_data / LIBRARY_FILE}")
    try:
        for entry in lib.entries():
            lib.delete(entry.id)
        lib.create_many(list(EXTREMES.values()), "Test", "extremes")
        yield
    finally:
        lib.dispose()


@pytest.mark.parametrize("name", NAMES)
def test_every_page_opens_an_extreme_case(page: Page, saved_extremes: None, name: str) -> None:
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if urlparse(request.url).netloc == "example.invalid" else None)
    upload(page, "case.json", dump_scenario(EXTREMES[name]).encode())
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    for _, nav_title, _ in sorted(PAGES, key=lambda p: p[0] == "meeting"):  # hides the nav
        open_page(page, nav_title)
        expect_no_exception(page)
        expect(page.get_by_text("This app has encountered an error")).to_have_count(0)
    assert not outside, outside
