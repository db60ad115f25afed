"""The analysis pages in Chromium: navigation from the start page keeps the language and shows
no exception (a page switch once dropped the language widget's state, which AppTest missed)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_pages_in_english_after_navigation(page: Page) -> None:
    page.get_by_text("English").click()
    page.get_by_role("link", name="Uncertainty").click()
    page.get_by_text("Expected to pay back", exact=False).wait_for(timeout=60_000)
    page.get_by_role("tab", name="Break-even").click()
    page.get_by_text("at least 11 minutes a day", exact=False).first.wait_for(timeout=30_000)
    page.get_by_role("link", name="Roll-out, fund and procurement").click()
    page.get_by_text("Below the EU threshold", exact=False).first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
