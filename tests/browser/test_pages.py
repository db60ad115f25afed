"""Every page opens in a real browser, in Danish and English, without an exception.

A new page plugs in with one line in PAGES: (file stem, Danish navigation title, a text the
page shows in English once loaded).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.driver import expect_no_exception, open_page, screenshot, set_language

pytestmark = pytest.mark.browser

PAGES = [
    ("business_case", "Business case", "Payback"),
]


@pytest.mark.parametrize(("stem", "nav_title", "english_text"), PAGES, ids=[p[0] for p in PAGES])
def test_page_opens_in_both_languages(page: Page, stem: str, nav_title: str,
                                      english_text: str) -> None:
    open_page(page, nav_title)
    expect_no_exception(page)
    screenshot(page, f"page_{stem}_da")
    set_language(page, "English")
    expect(page.get_by_text(english_text).first).to_be_visible()
    expect_no_exception(page)
    screenshot(page, f"page_{stem}_en")
