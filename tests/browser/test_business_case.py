"""The business-case page in a real browser: KPIs, language, editing, files, sessions."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Browser, Page, expect

from calculators.scenario_file import SAMPLE_DIR, load_sample, parse_scenario
from tests.browser.driver import (
    VIEWPORT,
    download,
    expect_no_exception,
    fill_number,
    metric_value,
    open_app,
    open_lazy_tab,
    screenshot,
    set_language,
    upload,
    wait_idle,
)

pytestmark = pytest.mark.browser

AARHUS = load_sample("aarhus_toilet")
LIFTS = load_sample("ceiling_lifts")


def title(page: Page):
    return page.get_by_role("heading", level=1)


def test_opens_with_aarhus_in_danish(page: Page) -> None:
    expect(title(page)).to_have_text(AARHUS.title)
    expect(metric_value(page, "Udgifterne dækket efter")).to_have_text("4,4 mdr.")
    expect(metric_value(page, "Nettonutidsværdi, samlet")).to_have_text("870.668 kr.")
    expect(metric_value(page, "Tjent hjem efter")).to_have_text("> 10 år")
    expect(metric_value(page, "Budgetvirkning pr. år")).to_have_text("0 kr.")
    expect_no_exception(page)
    screenshot(page, "business_case_da")


def test_english(page: Page) -> None:
    set_language(page, "English")
    expect(metric_value(page, "Costs covered after")).to_have_text("4.4 months")
    expect(metric_value(page, "Net present value, total")).to_have_text("DKK 870,668")
    expect(metric_value(page, "Pays back after")).to_have_text("> 10 years")
    expect_no_exception(page)
    screenshot(page, "business_case_en")


def test_implementation_period_moves_payback(page: Page) -> None:
    open_lazy_tab(page, "Skala og tid")
    fill_number(page, "Implementeringsperiode (mdr.)", "6")
    expect(metric_value(page, "Udgifterne dækket efter")).to_have_text("10,4 mdr.")
    expect_no_exception(page)
    screenshot(page, "business_case_edited")


def test_upload_then_download_round_trips(page: Page) -> None:
    upload(page, "ceiling_lifts.json", (SAMPLE_DIR / "ceiling_lifts.json").read_bytes())
    expect(title(page)).to_have_text(LIFTS.title)
    name, content = download(page, "Hent som JSON")
    assert name == "loftlifte_på_plejecenter_illustrativt.json"
    assert parse_scenario(content) == LIFTS


def test_bad_upload_keeps_edited_scenario(page: Page) -> None:
    open_lazy_tab(page, "Skala og tid")
    fill_number(page, "Implementeringsperiode (mdr.)", "6")
    upload(page, "noise.json", random.Random(9).randbytes(4096))
    expect(page.get_by_test_id("stAlert").filter(
        has_text="Filen noise.json kunne ikke indlæses: det er ikke en JSON-fil")).to_be_visible()
    expect(title(page)).to_have_text(AARHUS.title)
    expect(metric_value(page, "Udgifterne dækket efter")).to_have_text("10,4 mdr.")
    screenshot(page, "business_case_bad_upload")


def test_two_sessions_do_not_share_state(browser: Browser, app_url: str) -> None:
    contexts = [browser.new_context(viewport=VIEWPORT) for _ in range(2)]
    first, second = (context.new_page() for context in contexts)
    try:
        for tab in (first, second):
            open_app(tab, app_url)
        upload(first, "ceiling_lifts.json", (SAMPLE_DIR / "ceiling_lifts.json").read_bytes())
        open_lazy_tab(second, "Skala og tid")
        fill_number(second, "Implementeringsperiode (mdr.)", "6")
        set_language(second, "English")
        wait_idle(first)
        expect(title(first)).to_have_text(LIFTS.title)
        expect(metric_value(first, "Udgifterne dækket efter")).to_be_visible()
        expect(title(second)).to_have_text(AARHUS.title)
        expect(metric_value(second, "Costs covered after")).to_have_text("10.4 months")
        open_lazy_tab(first, "Skala og tid")
        expect(first.get_by_label("Implementeringsperiode (mdr.)", exact=True)).to_have_value(
            str(LIFTS.scale.implementation_months))
    finally:
        for context in contexts:
            context.close()
