"""A bookmarked page opened as the very first request to a freshly started server runs through
app.py (state, language, navigation) instead of on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.driver import TIMEOUT_MS, VIEWPORT, expect_no_exception, wait_idle
from tests.browser.server import running_app

pytestmark = pytest.mark.browser


def test_first_request_to_a_deep_link(browser: Browser, tmp_path: Path) -> None:
    with running_app(tmp_path) as (url, _pid):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{url}/uncertainty")
        expect(page.get_by_role("heading", name="Usikkerhed")).to_be_visible()
        wait_idle(page)
        expect_no_exception(page)
        expect(page.get_by_test_id("stSidebarNav")).to_contain_text("VTV-vurdering")
        context.close()
