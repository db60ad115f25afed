"""Chart labels never overlap and are never cut: the tornado's driver names and bar values and
the VTV radar's category names and scores, drawn by plotly.js in Chromium as the pages show them
(title as page text, `ui.widgets.chart`) at a desktop column's width and a phone's, every text
box measured against every other."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import plotly.graph_objects as go
import pytest
from playwright.sync_api import Browser

from calculators.assessment import evaluate
from calculators.drivers import drivers
from calculators.metrics import compute_metrics
from calculators.scenario_file import load_sample, sample_names
from calculators.sensitivity import tornado
from ui.analysis_charts import tornado_figure
from ui.analysis_text import driver_label
from ui.charts import untitled
from ui.vtv_charts import radar_figure

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 940, "phone": 358}  # a chart's width in the page at 1440 px and at 390 px
TEXTS = "() => [...document.querySelectorAll('svg text')].filter(t => t.textContent.trim())" \
        ".map(t => { const b = t.getBoundingClientRect(); return {text: t.textContent, " \
        "x: b.x, y: b.y, width: b.width, height: b.height}; })"


def figures(lang: str) -> Iterator[tuple[str, go.Figure]]:
    for name in sample_names():
        case = load_sample(name)
        table = tornado(case)
        if not table.empty:
            labels = {d.key: driver_label(lang, d) for d in drivers(case)}
            metrics = compute_metrics(case)
            yield f"{name} tornado", tornado_figure(table, labels, metrics.npv, lang)
            horizon = 12 * case.horizon_years
            yield f"{name} payback tornado", tornado_figure(
                table, labels, metrics.payback_months or horizon, lang, metric="payback",
                cap=horizon)
        scores = evaluate(case).summary.category_scores
        yield f"{name} radar", radar_figure([(case.title, scores)], lang)
    yield "compare radar", radar_figure(
        [(load_sample(n).title, evaluate(load_sample(n)).summary.category_scores)
         for n in sample_names()], lang)


def overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return not (a["x"] + a["width"] <= b["x"] + slack or b["x"] + b["width"] <= a["x"] + slack
                or a["y"] + a["height"] <= b["y"] + slack
                or b["y"] + b["height"] <= a["y"] + slack)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_chart_labels_neither_overlap_nor_are_cut(browser: Browser, width: int,
                                                  lang: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    checked = 0
    for name, figure in figures(lang):
        page.set_content(untitled(figure)[1].to_html(include_plotlyjs=True, full_html=True,
                                        default_width="100%"))
        page.wait_for_function("() => document.querySelector('svg.main-svg text')")
        drawn = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                              "'.nsewdrag, .maindrag')].map(g => g.getBoundingClientRect().width))")
        assert drawn >= 100, name  # labels and legend leave the plot area room
        texts = page.evaluate(TEXTS)
        assert len(texts) >= 4, name
        cut = [t["text"] for t in texts if t["x"] < 0 or t["x"] + t["width"] > width]
        assert cut == [], (name, cut)
        crossing = [(a["text"], b["text"]) for a, b in combinations(texts, 2) if overlap(a, b)]
        assert crossing == [], (name, crossing)
        checked += 1
    assert checked >= 8
    page.close()
