"""Every page opens in a real browser, in Danish and English, without an exception; each page is
photographed at 1920×1080 and 1280×720 (artefacts/screenshots/) and for the README.

A new page plugs in with one line in PAGES: (file stem, Danish navigation title, a text the
page shows in English once loaded).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from storage.library import Entry
from tests.browser.driver import (
    expect_no_exception,
    open_page,
    screenshot,
    screenshots_of_page,
    set_language,
)

pytestmark = pytest.mark.browser

PAGES = [
    ("business_case", "Business case", "Pays back after"),
    ("uncertainty", "Usikkerhed", "the costs are expected to be covered"),
    ("rollout_fund", "Udrulning, fond og udbud", "Aarhus welfare-technology fund: repayment"),
    ("vtv", "VTV-vurdering", "VTV-inspired assessment"),
    ("documentation", "Dokumentation", "Documentation plan and measured results"),
    ("library", "Bibliotek", "Library of business cases"),
    ("compare", "Sammenlign", "Compare business cases"),
    ("portfolio", "Portefølje", "Portfolio: what should the fund finance?"),
    ("meeting", "Mødevisning", "The decision"),
    ("pitch", "Pitch til kommunen", "Pitch: a business case the municipality can make its own"),
    ("opi", "OPI-processen", "Public–private innovation in four steps"),
]


@pytest.mark.parametrize(("stem", "nav_title", "english_text"), PAGES, ids=[p[0] for p in PAGES])
def test_page_opens_in_both_languages(page: Page, sample_library: list[Entry], stem: str,
                                      nav_title: str, english_text: str) -> None:
    open_page(page, nav_title)
    expect_no_exception(page)
    screenshots_of_page(page, stem)
    set_language(page, "English")
    expect(page.get_by_text(english_text).first).to_be_visible()
    expect_no_exception(page)
    screenshot(page, f"{stem}_en")
