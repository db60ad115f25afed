"""Meeting mode on a projector: every slide at 1920×1080 and 1280×720 fits the screen (no
scrolling, nothing under the footer), charts use the free height, and each slide names the date
of its figures; English, which runs longer, at the smaller size too. Screenshots of every slide
land in artifacts/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.driver import (
    ARTIFACT_SIZES,
    ARTIFACTS,
    expect_no_exception,
    open_page,
    rerun_after,
    wait_idle,
)

pytestmark = pytest.mark.browser
SLIDES = 9  # the Aarhus toilet: decision, economy, chart, hours, yearly, soft, VTV, risks, range
CHART_SLIDES = {3, 5, 7, 9}

LAYOUT = """() => {
  const box = el => el ? el.getBoundingClientRect() : null;
  const footer = box(document.querySelector('.slide-footer'));
  const chart = box(document.querySelector('.st-key-slide_chart'));
  const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
  const blocks = [...document.querySelectorAll(
      '.slide-kicker, .slide-statement, .slide-figure, .slide-label, .slide-text, .slide-note,'
      + ' .slide-warning, .slide-list li, .st-key-slide_chart')];
  return {height: innerHeight, width: innerWidth, footer, chart,
          scroll: main.scrollHeight - main.clientHeight,
          lowest: Math.max(...blocks.map(b => b.getBoundingClientRect().bottom)),
          widest: Math.max(...blocks.map(b => b.getBoundingClientRect().right)),
          footerText: document.querySelector('.slide-footer')?.textContent || ''};
}"""


RUNS = [("da", size) for size in ARTIFACT_SIZES] + [("en", ARTIFACT_SIZES[-1])]
STAMP = {"da": "Tal pr. ", "en": "Figures as of "}


@pytest.mark.parametrize(("lang", "size"), RUNS,
                         ids=lambda v: v if isinstance(v, str) else f"{v['width']}x{v['height']}")
def test_every_slide_fills_the_screen_and_nothing_is_cut_off(page: Page, lang: str,
                                                             size: dict) -> None:
    page.set_viewport_size(size)
    open_page(page, "Mødevisning")
    if lang == "en":  # English runs longer: the same slides must still fit
        rerun_after(page, page.get_by_role("button", name="English", exact=True).click)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number in range(1, SLIDES + 1):
        expect(page.get_by_text(f"{number} / {SLIDES}", exact=False)).to_be_visible()
        wait_idle(page)
        if number in CHART_SLIDES:
            expect(page.locator(".st-key-slide_chart .main-svg").first).to_be_visible()
            page.wait_for_timeout(300)  # plotly lays out after the element appears
        suffix = "" if lang == "da" else f"_{lang}"
        page.screenshot(
            path=ARTIFACTS / f"meeting_{number}_{size['width']}x{size['height']}{suffix}.png")
        layout = page.evaluate(LAYOUT)
        where = f"slide {number} at {size}"
        assert layout["scroll"] <= 1, where  # nothing below the screen
        assert layout["lowest"] <= layout["footer"]["top"] + 1, where  # nothing under the footer
        assert layout["widest"] <= layout["width"], where
        assert layout["footerText"].startswith(STAMP[lang]), where
        if number in CHART_SLIDES:  # the chart takes the free height: over half the screen
            assert layout["chart"]["height"] >= 0.5 * layout["height"], where
        expect_no_exception(page)
        if number < SLIDES:
            rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
