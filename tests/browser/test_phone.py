"""The business case on a phone (390 px wide) is usable without scrolling sideways: the KPIs,
the main-assumptions panel and the charts fit; on every page with charts, a chart's title is
whole at 390 px and plotly's toolbar never covers it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.driver import TIMEOUT_MS, VIEWPORT, count_finished_runs, rerun_after, wait_idle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def opened(browser: Browser, url: str, viewport: dict[str, int], first: str = "stMetric") -> Page:
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    count_finished_runs(page)
    page.goto(url)
    # the worker's server may be cold (first imports): a longer wait for this first run only
    expect(page.get_by_test_id(first).first).to_be_visible(timeout=4 * TIMEOUT_MS)
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


# the page text just above a chart (its title, `ui.widgets.chart`): box and whether it is cut
TITLE_OF = """chart => {
  const box = chart.closest('[data-testid="stElementContainer"]');
  const text = box.previousElementSibling?.querySelector('[data-testid="stMarkdownContainer"]');
  if (!text) return null;
  const r = text.getBoundingClientRect();
  return {text: text.innerText, x: r.x, y: r.y, width: r.width, height: r.height,
          cut: text.scrollWidth > text.clientWidth};
}"""
CHART_PAGES = ("rollout_fund", "uncertainty", "vtv", "documentation", "pitch", "compare",
               "portfolio")
CHART_TABS = {"documentation": "Målte resultater"}  # the tab with charts (only it is drawn)


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_titles_are_whole_and_the_toolbar_never_covers_them(
        browser: Browser, app_url: str, sample_library, viewport: dict[str, int],
        path: str) -> None:
    """Every drawn chart on the page has its title as page text above it: whole (it wraps),
    within the chart's width, never under the chart's toolbar; no title is left inside a
    chart, where plotly would draw it on one line and cut it."""
    tab = CHART_TABS.get(path)
    page = opened(browser, f"{app_url}/{path}", viewport,
                  first="stTabs" if tab else "stPlotlyChart")
    if tab:
        rerun_after(page, page.get_by_role("tab", name=tab).click)
        expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    charts = [chart for chart in page.get_by_test_id("stPlotlyChart").all() if chart.is_visible()]
    assert charts, path
    for chart in charts:
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".main-svg").first).to_be_attached()
        title = chart.evaluate(TITLE_OF)
        assert title is not None and title["text"].strip(), path
        assert not title["cut"], (path, title["text"])
        box = chart.bounding_box()
        assert title["x"] + title["width"] <= box["x"] + box["width"] + 1, (path, title["text"])
        assert chart.locator(".gtitle").evaluate_all(
            "titles => titles.filter(t => t.textContent.trim()).length") == 0, path
        chart.hover()
        modebar = chart.locator(".modebar")
        expect(modebar).to_be_visible()
        assert not overlap(modebar.bounding_box(), title), (path, title["text"])
    page.context.close()
