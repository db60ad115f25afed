"""Building blocks of the projector slides: one message per screen, very large figures,
black on white, no editing widgets. User text is escaped and put on one line before it reaches
HTML (a blank line would end the HTML block and let markdown after it render)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from calculators.model import RiskLevel
from exporters.deck import Slide
from ui.safe_text import html_text as escape

CLICKER_KEY = "meeting_remote"
CHART_KEY = "slide_chart"
SLIDE_KEY = "slide"
SLIDE_CSS = f"<style>\n.st-key-{CLICKER_KEY} {{display: none;}}\n" + """
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
.block-container {padding-top: 1.2rem; padding-bottom: 0; max-width: 100%;}
.slide-kicker {font-size: clamp(1.2rem, 1.8vw, 2rem); color: #333; font-weight: 600;
  text-transform: uppercase; letter-spacing: .06em; margin: .4rem 0 .8rem;}
.slide-statement {font-size: clamp(2.2rem, 4vw, 4.4rem); font-weight: 700; color: #000;
  line-height: 1.15; margin-bottom: 1.2rem;}
.slide-statement.with-chart {font-size: clamp(1.8rem, 3.2vw, 3.6rem); margin-bottom: .6rem;}
.slide-figure {font-size: clamp(3.2rem, 6.5vw, 9rem); font-weight: 800; color: #0B3C6E;
  line-height: 1.05; white-space: nowrap;}
.slide-figure.negative {color: #8E1B12;}
.slide-label {font-size: clamp(1.4rem, 2.2vw, 2.4rem); color: #111; font-weight: 600;
  margin-bottom: 1rem;}
.slide-text {font-size: clamp(1.4rem, 2.3vw, 2.5rem); color: #111; line-height: 1.3;
  margin: .5rem 0;}
.slide-note {font-size: clamp(1.3rem, 1.9vw, 2.1rem); color: #333; margin-top: 1rem;}
.slide-warning {font-size: clamp(1.2rem, 1.8vw, 2rem); color: #000; background: #FFE08A;
  padding: .4rem .8rem; border-radius: .3rem; display: inline-block; margin-top: 1rem;}
.slide-list {font-size: clamp(1.4rem, 2.3vw, 2.5rem); color: #111; line-height: 1.35;
  padding-left: 1.4em;}
.slide-list li {margin-bottom: .6rem; font-size: clamp(1.4rem, 2.3vw, 2.5rem) !important;}
.slide-badge {font-size: .7em; font-weight: 700; color: #fff; padding: .1em .45em;
  border-radius: .25em; margin-right: .4em; vertical-align: middle;}
.slide-badge.large {background: #8E1B12;} .slide-badge.medium {background: #9A5B00;}
.slide-badge.small {background: #2E6B3F;}
div.st-key-slide {height: calc(100vh - 9.6rem) !important; flex: 0 0 auto !important;
  flex-wrap: nowrap;}
div.st-key-slide > div {flex: 0 0 auto;}
div.st-key-slide > div:has(.st-key-slide_chart), div.st-key-slide_chart {
  flex: 1 1 0 !important; min-height: 12rem; height: auto !important;}
div.st-key-slide_chart [data-testid="stElementContainer"],
div.st-key-slide_chart [data-testid="stFullScreenFrame"],
div.st-key-slide_chart .stPlotlyChart {height: 100% !important; flex: 1 1 auto;}
.slide-footer {position: fixed; left: 0; right: 0; bottom: 0; padding: .25rem 1.5rem;
  font-size: clamp(.75rem, .8vw, 1rem); color: #444; background: #fff;
  border-top: 1px solid #ddd; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  z-index: 10;}
.slide-counter {font-size: 1.3rem; color: #222; text-align: center; padding-top: .4rem;}
.stButton button p, .stDownloadButton button p, [data-testid="stPageLink"] p,
[data-testid="stPopover"] button p {
  font-size: 1.2rem;}
</style>
"""


def page_style() -> None:
    st.markdown(SLIDE_CSS, unsafe_allow_html=True)


def _html(text: str) -> None:
    st.markdown(text, unsafe_allow_html=True)


def kicker(text: str) -> None:
    _html(f'<div class="slide-kicker">{escape(text)}</div>')


def statement(text: str, with_chart: bool = False) -> None:
    css = "slide-statement with-chart" if with_chart else "slide-statement"
    _html(f'<div class="{css}">{escape(text)}</div>')


def text(value: str, css: str = "slide-text") -> None:
    _html(f'<div class="{css}">{escape(value)}</div>')


def big_figure(value: str, label: str, negative: bool = False) -> None:
    css = "slide-figure negative" if negative else "slide-figure"
    _html(f'<div class="{css}">{escape(value)}</div><div class="slide-label">{escape(label)}</div>')


def bullets(items: list[str]) -> None:
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    _html(f'<ul class="slide-list">{rows}</ul>')


def risk_bullets(items: list[tuple[RiskLevel, str, str]]) -> None:
    """(level, level label, text) per risk, the level as a coloured badge."""
    rows = "".join(
        f'<li><span class="slide-badge {level.value}">{escape(badge)}</span>{escape(body)}</li>'
        for level, badge, body in items
    )
    _html(f'<ul class="slide-list">{rows}</ul>')


def counter(position: int, total: int, title: str) -> None:
    _html(f'<div class="slide-counter">{position} / {total} · {escape(title)}</div>')


def footer(value: str) -> None:
    """Source and date of the slide's figures, in small type at the bottom of the screen."""
    _html(f'<div class="slide-footer" title="{escape(value)}">{escape(value)}</div>')


def render(slide: Slide, draw_chart: Callable[[], None] | None) -> None:
    """One slide: kicker, statement, large figures side by side, lines, bullets, then the chart
    in the free height: the slide is as tall as the screen below the bar and above the footer,
    and the chart's container takes what the text leaves (SLIDE_CSS)."""
    with st.container(key=SLIDE_KEY):
        _body(slide, draw_chart)
    footer(slide.footer)


def _body(slide: Slide, draw_chart: Callable[[], None] | None) -> None:
    kicker(slide.kicker)
    if slide.statement:
        statement(slide.statement, slide.chart is not None)
    if slide.figures:
        for column, item in zip(st.columns(len(slide.figures)), slide.figures, strict=True):
            with column:
                big_figure(item.value, item.label, item.negative)
    if any(b.level for b in slide.bullets):
        risk_bullets([(b.level, b.badge, b.text) for b in slide.bullets if b.level])
    elif slide.bullets:
        bullets([b.text for b in slide.bullets])
    for line in slide.lines:
        text(line.text, {"text": "slide-text", "note": "slide-note",
                         "warning": "slide-warning"}[line.style])
    if draw_chart is not None:
        with st.container(key=CHART_KEY):
            draw_chart()
