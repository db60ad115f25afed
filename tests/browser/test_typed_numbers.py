"""Numbers typed key by key in a real browser, in the browser locale of the page's language:
each is stored as the user meant it, or refused at its field."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.driver import (
    VIEWPORT,
    download,
    edit_grid_cell,
    expect_no_exception,
    fill_number,
    metric_value,
    open_app,
    open_lazy_tab,
    open_page,
    rerun_after,
    screenshot,
    set_language,
)

pytestmark = pytest.mark.browser

LOCALES = {"da": "da-DK", "en": "en-GB"}
QUANTITY, HOURLY_COST = 2, 4  # columns of the gains table
PITCH = {  # the pitch page's fields and its download button
    "da": {"cost": "Kommunens timepris (kr. pr. bruttotime)", "units": "Antal borgere / enheder",
           "json": "Hent casen som fil (JSON)"},
    "en": {"cost": "The municipality's hourly cost (DKK per gross hour)",
           "units": "Number of citizens / units", "json": "Download the case as a file (JSON)"},
}


def in_locale(browser: Browser, app_url: str, lang: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True,
                                  locale=LOCALES[lang])
    tab = context.new_page()
    open_app(tab, app_url)
    if lang == "en":
        set_language(tab, "English")
    yield tab
    context.close()


@pytest.fixture
def danish(browser: Browser, app_url: str) -> Iterator[Page]:
    yield from in_locale(browser, app_url, "da")


@pytest.fixture
def english(browser: Browser, app_url: str) -> Iterator[Page]:
    yield from in_locale(browser, app_url, "en")


def stored(page: Page, button: str) -> dict:
    _, content = download(page, button)
    return json.loads(content)


def gains_grid(page: Page, tab: str):
    open_lazy_tab(page, tab)
    return page.get_by_role("tabpanel", name=tab).get_by_test_id("stDataFrame").first


def choose(page: Page, box: str, option: str) -> None:
    page.get_by_role("combobox", name=box, exact=True).click()
    rerun_after(page, page.get_by_role("option", name=option, exact=True).click)


def error_with(page: Page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text)


def test_danish_gains_table(danish: Page) -> None:
    grid = gains_grid(danish, "Gevinster")
    edit_grid_cell(danish, grid, row=0, column=QUANTITY, value="0,5")
    # 40,000 / (0.5 h × kr 300 × 365 / 12) = 8.77 months
    expect(metric_value(danish, "Udgifterne dækket efter")).to_have_text("8,8 mdr.")
    edit_grid_cell(danish, grid, row=0, column=HOURLY_COST, value="1.234,5")
    # 40,000 / (0.5 × 1,234.5 × 365 / 12) = 2.13 months
    expect(metric_value(danish, "Udgifterne dækket efter")).to_have_text("2,1 mdr.")
    edit_grid_cell(danish, grid, row=0, column=QUANTITY, value="1.5")
    expect(error_with(danish, "Række 1, Mængde (timer eller kr.): »1.5« er ikke gemt")
           ).to_be_visible()
    expect(metric_value(danish, "Udgifterne dækket efter")).to_have_text("2,1 mdr.")
    gain = stored(danish, "Hent som JSON")["gains"][0]
    assert (gain["quantity"], gain["hourly_cost"]) == (0.5, 1234.5)
    expect_no_exception(danish)


def test_danish_number_fields(danish: Page) -> None:
    open_lazy_tab(danish, "Skala og tid")
    choose(danish, "Rentens grundlag", "Kommunens egen kalkulationsrente")
    choose(danish, "Timer pr. årsværk regnes som", "Eget tal")
    expect(danish.get_by_label("Diskonteringsrente (% p.a.)", exact=True)).to_have_value("3,5 %")
    expect(danish.get_by_label("Timer pr. årsværk", exact=True)).to_have_value("1.924,0")
    fill_number(danish, "Diskonteringsrente (% p.a.)", "4,5")
    expect(metric_value(danish, "Nettonutidsværdi, samlet (4,5 %)")).to_be_visible()
    fill_number(danish, "Diskonteringsrente (% p.a.)", "3,5 %")
    fill_number(danish, "Timer pr. årsværk", "1.234,5")
    fill_number(danish, "Antal enheder", "40.000")
    fill_number(danish, "Implementeringsperiode (mdr.)", "6")
    saved = stored(danish, "Hent som JSON")
    assert (saved["discount_rate"], saved["hours_per_fte"]) == (0.035, 1234.5)
    assert (saved["scale"]["units"], saved["scale"]["implementation_months"]) == (40_000, 6)
    expect(metric_value(danish, "Udgifterne dækket efter")).to_have_text("10,4 mdr.")
    fill_number(danish, "Antal enheder", "40000")
    fill_number(danish, "Diskonteringsrente (% p.a.)", "25")
    expect(error_with(danish, "»25« er ikke gemt: højst 20 %.")).to_be_visible()
    fill_number(danish, "Timer pr. årsværk", "1.5")
    expect(error_with(danish, "»1.5« er ikke gemt: skriv decimaler med komma")).to_be_visible()
    saved = stored(danish, "Hent som JSON")
    assert (saved["discount_rate"], saved["hours_per_fte"]) == (0.035, 1234.5)
    expect_no_exception(danish)
    screenshot(danish, "typed_numbers_da")
    limit = danish.get_by_test_id("stFileUploaderDropzoneInstructions").first.locator("span")
    # the uploader's own text is drawn over in the page's language, with the real limit
    assert limit.evaluate("e => getComputedStyle(e, '::after').content") == (
        '"Højst 20 MB pr. fil · JSON"')


def test_danish_pitch_page(danish: Page) -> None:
    open_page(danish, "Pitch til kommunen")
    expect(danish.get_by_label(PITCH["da"]["cost"], exact=True)).to_have_value("300 kr.")
    fill_number(danish, PITCH["da"]["cost"], "1.234,5")
    fill_number(danish, PITCH["da"]["units"], "40.000")
    # cut 30 %: 40,000 / (1 h × 1,234.5 × 365 × 0.7 / 12) = 1.52 months, per unit as in total
    expect(metric_value(danish, "Udgifterne dækket efter")).to_have_text("1,5 mdr.")
    pitch = stored(danish, PITCH["da"]["json"])
    assert pitch["gains"][0]["hourly_cost"] == 1234.5
    assert pitch["scale"]["units"] == 40_000
    fill_number(danish, PITCH["da"]["units"], "0,5")
    expect(error_with(danish, "»0,5« er ikke gemt: skriv et helt tal.")).to_be_visible()
    assert stored(danish, PITCH["da"]["json"])["scale"]["units"] == 40_000
    expect_no_exception(danish)


def test_english_gains_fields_and_pitch(english: Page) -> None:
    grid = gains_grid(english, "Gains")
    edit_grid_cell(english, grid, row=0, column=QUANTITY, value="0.5")
    expect(metric_value(english, "Costs covered after")).to_have_text("8.8 months")
    edit_grid_cell(english, grid, row=0, column=HOURLY_COST, value="1,234.5")
    expect(metric_value(english, "Costs covered after")).to_have_text("2.1 months")
    open_lazy_tab(english, "Scale and time")
    choose(english, "Basis of the discount rate", "The municipality's own calculation rate")
    choose(english, "Hours per FTE counted as", "Own figure")
    expect(english.get_by_label("Discount rate (% a year)", exact=True)).to_have_value("3.5%")
    fill_number(english, "Hours per FTE", "1,234.5")
    fill_number(english, "Discount rate (% a year)", "0,5")
    expect(error_with(english, "“0,5” was not saved")).to_be_visible()
    saved = stored(english, "Download as JSON")
    assert (saved["gains"][0]["quantity"], saved["gains"][0]["hourly_cost"]) == (0.5, 1234.5)
    assert (saved["hours_per_fte"], saved["discount_rate"]) == (1234.5, 0.035)
    open_page(english, "Pitch to a municipality")
    fill_number(english, PITCH["en"]["cost"], "300.5")
    fill_number(english, PITCH["en"]["units"], "40,000")
    # 40,000 / (0.5 h × 300.5 × 365 × 0.7 / 12) = 12.50 months
    expect(metric_value(english, "Costs covered after")).to_have_text("12.5 months")
    pitch = stored(english, PITCH["en"]["json"])
    assert (pitch["gains"][0]["hourly_cost"], pitch["scale"]["units"]) == (300.5, 40_000)
    expect_no_exception(english)
