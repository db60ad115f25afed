"""The business case on a phone (390 px wide) is usable without scrolling sideways: the KPIs,
the main-assumptions panel and the charts fit; and plotly's toolbar never covers a chart title
(its title starts below the toolbar)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.driver import TIMEOUT_MS, VIEWPORT, count_finished_runs, wait_idle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def opened(browser: Browser, url: str, viewport: dict[str, int]) -> Page:
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    count_finished_runs(page)
    page.goto(url)
    # the worker's server may be cold (first imports): a longer wait for this first run only
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=4 * TIMEOUT_MS)
    wait_idle(page)
    return page


def right_edges(items: Locator) -> list[float]:
    return [box["x"] + box["width"] for box in (item.bounding_box() for item in items.all())
            if box is not None]


def test_business_case_fits_a_phone(browser: Browser, app_url: str) -> None:
    page = opened(browser, app_url, PHONE)
    widths = page.evaluate("() => [document.documentElement.scrollWidth,"
                           " document.querySelector('[data-testid=stMain]').scrollWidth]")
    assert max(widths) <= PHONE["width"]
    panel_field = page.get_by_label("Sparet tid, timer pr. dag", exact=True)
    expect(panel_field).to_be_visible()
    for part in ("stMetric", "stPlotlyChart", "stTextInput"):
        edges = right_edges(page.get_by_test_id(part))
        assert edges and max(edges) <= PHONE["width"], part
    page.context.close()


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["desktop", "phone"])
def test_chart_toolbar_never_covers_a_title(browser: Browser, app_url: str,
                                            viewport: dict[str, int]) -> None:
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{app_url}/rollout_fund")  # three charts with their titles inside the figure
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible(timeout=4 * TIMEOUT_MS)
    wait_idle(page)
    for chart in charts.all():  # a chart scrolled into view draws late on a loaded machine
        chart.scroll_into_view_if_needed()
    expect(page.locator(".gtitle").nth(1)).to_be_attached()
    titles = 0
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        chart.hover()
        modebar = chart.locator(".modebar")
        expect(modebar).to_be_visible()
        for title in chart.locator(".gtitle").all():
            titles += 1
            assert not overlap(modebar.bounding_box(), title.bounding_box())
    assert titles >= 2
    page.context.close()
