"""No request leaves the server's own origin: every page, in both languages, loads its scripts,
fonts, icons (tab icon and navigation) and data from the app itself. A closed municipal network
has no internet, and a request to a third party would hand it the user's IP address."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from storage.library import Entry
from tests.browser.driver import (
    TIMEOUT_MS,
    VIEWPORT,
    count_finished_runs,
    expect_no_exception,
    open_page,
    set_language,
    wait_idle,
)
from tests.browser.test_pages import PAGES
from ui.i18n import translate

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}


def test_no_request_leaves_the_origin(browser: Browser, app_url: str,
                                      sample_library: list[Entry]) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))
    count_finished_runs(page)
    page.goto(app_url)
    # the worker's server may be cold (first imports): a longer wait for this first run only
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=4 * TIMEOUT_MS)
    wait_idle(page)
    set_language(page, "English")
    # through the sidebar, meeting mode last (it hides the sidebar)
    for stem, _nav_title, english_text in sorted(PAGES, key=lambda p: p[0] == "meeting"):
        open_page(page, translate("en", f"nav.{stem}"))
        expect(page.get_by_text(english_text).first).to_be_visible()
        expect_no_exception(page)
    origin = urlsplit(app_url).netloc
    assert len(seen) > 20  # the page's own scripts, styles and fonts were all seen
    foreign = sorted({url for url in seen
                      if urlsplit(url).scheme not in LOCAL_SCHEMES
                      and urlsplit(url).netloc != origin})
    context.close()
    assert foreign == []
