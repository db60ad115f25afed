"""The very first request to a freshly started server runs through app.py (state, language,
navigation), whether it opens the start page or a bookmarked page: Streamlit's old automatic
page discovery of `pages/` (see ui/entry.py) must never show or run a page on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.driver import TIMEOUT_MS, VIEWPORT, expect_no_exception, wait_idle
from tests.browser.server import running_app
from ui.i18n import translate

pytestmark = pytest.mark.browser

SECTIONS = {
    "section_case": ["business_case", "uncertainty", "rollout_fund"],
    "section_assessment": ["vtv", "documentation"],
    "section_library": ["library", "compare", "portfolio"],
    "section_meeting": ["meeting", "pitch", "opi"],
}


def sidebar_as_app_defines_it(page: Page) -> None:
    nav = page.get_by_test_id("stSidebarNav")
    headers = nav.get_by_test_id("stNavSectionHeader")
    expect(headers).to_have_count(len(SECTIONS))
    expect(headers).to_contain_text([translate("da", f"nav.{s}") for s in SECTIONS])
    titles = [translate("da", f"nav.{name}") for names in SECTIONS.values() for name in names]
    links = nav.get_by_test_id("stSidebarNavLink")
    expect(links).to_have_count(len(titles))
    expect(links).to_contain_text(titles)
    # app.py's own sidebar controls: it ran
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(translate("da", "app.language"))).to_be_visible()


@pytest.mark.parametrize(("path", "heading"),
                         [("", translate("da", "bc.inputs")),
                          ("/uncertainty", translate("da", "nav.uncertainty"))])
def test_first_request_runs_through_app(browser: Browser, tmp_path: Path, path: str,
                                        heading: str) -> None:
    with running_app(tmp_path) as (url, _pid):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{url}{path}")
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        wait_idle(page)
        expect_no_exception(page)
        sidebar_as_app_defines_it(page)
        assert page.url.rstrip("/") == f"{url}{path}"
        context.close()
