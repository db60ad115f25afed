"""Fixtures for browser tests: one real `streamlit run` server per test worker, one Chromium,
and a fresh browser context (= a fresh Streamlit session) per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from calculators.scenario_file import load_sample, sample_names
from storage.library import Entry, Library
from tests.browser.driver import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, open_app
from tests.browser.server import LIBRARY_FILE, running_app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: install Debian's chromium "
                                   "(apt-get install chromium; .ci/run does it)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def app_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worker's server folder; its library is app_data / "library.db"."""
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="session")
def app_url(app_data: Path) -> Iterator[str]:
    with running_app(app_data) as (url, _pid):
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    tab = context.new_page()
    open_app(tab, app_url)
    yield tab
    context.close()


@pytest.fixture
def sample_library(app_data: Path) -> Iterator[list[Entry]]:
    """The worker's library holding exactly the samples (earlier entries moved to the bin), in
    sample_names() order. Tests on one worker run one at a time, so this is theirs alone."""
    lib = Library.open(f"sqlite:///{app_data / LIBRARY_FILE}")
    try:
        for entry in lib.entries():
            lib.delete(entry.id)
        yield lib.create_many([load_sample(n) for n in sample_names()], "Test", "samples")
    finally:
        lib.dispose()
