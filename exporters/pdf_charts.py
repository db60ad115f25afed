"""Charts drawn straight into an fpdf2 page (vector, no browser): the cumulative budget effect
and total value with their paybacks marked, and costs against gains per year. Data in, drawing
out."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fpdf import FPDF

INK = (27, 27, 27)
GRID = (215, 215, 215)
BLUE = (31, 95, 153)
RED = (176, 58, 46)
ORANGE = (230, 126, 34)
NAVY = (11, 60, 110)
GREEN = (46, 139, 87)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] in steps of 1, 2 or 5 × 10^k.

    >>> nice_ticks(-40_000, 1_055_000)
    [0, 500000, 1000000]
    >>> nice_ticks(-3, 12)
    [0, 5, 10]
    """
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1)]


class Plot:
    """Maps data to the page inside a box, leaving room for the axis labels."""

    def __init__(self, pdf: FPDF, box: Box, x_range: tuple[float, float],
                 y_range: tuple[float, float]):
        self.pdf, self.box = pdf, box
        self.left, self.bottom = box.x + 22, box.y + box.h - 9
        self.right, self.top = box.x + box.w - 3, box.y + 12
        low, high = y_range
        pad = (high - low) * 0.06 or 1.0
        self.x0, self.x1 = x_range
        self.y0, self.y1 = low - pad, high + pad

    def px(self, x: float) -> float:
        return self.left + (x - self.x0) / ((self.x1 - self.x0) or 1) * (self.right - self.left)

    def py(self, y: float) -> float:
        return self.bottom - (y - self.y0) / (self.y1 - self.y0) * (self.bottom - self.top)

    def frame(self, title: str, x_label: str, y_format: Callable[[float], str],
              x_ticks: Sequence[float]) -> None:
        pdf = self.pdf
        pdf.set_font(size=10, style="B")
        pdf.set_text_color(*INK)
        pdf.set_xy(self.box.x, self.box.y)
        pdf.cell(self.box.w, 5, title)
        pdf.set_font(size=7, style="")
        pdf.set_line_width(0.15)
        for tick in nice_ticks(self.y0, self.y1):
            y = self.py(tick)
            pdf.set_draw_color(*(INK if tick == 0 else GRID))
            pdf.line(self.left, y, self.right, y)
            pdf.set_xy(self.box.x, y - 2)
            pdf.cell(20, 4, y_format(tick), align="R")
        for tick in x_ticks:
            pdf.set_xy(self.px(tick) - 5, self.bottom + 1)
            pdf.cell(10, 4, f"{tick:g}", align="C")
        pdf.set_xy(self.left, self.bottom + 4.5)
        pdf.cell(self.right - self.left, 4, x_label, align="C")


@dataclass(frozen=True)
class Track:
    """One cumulative line: values on the common time grid, its payback (years) and labels."""

    values: Sequence[float]
    payback_years: float | None
    name: str
    payback_label: str
    colour: tuple[int, int, int]
    dashed: bool = False


def cumulative_chart(pdf: FPDF, box: Box, times: Sequence[float], tracks: Sequence[Track],
                     labels: dict[str, str], y_format: Callable[[float], str]) -> None:
    """Cumulative lines (the budget effect and the total value incl. released time), each in its
    colour with a legend; each payback as a dashed line in that colour with its label."""
    horizon = float(times[-1])
    every = [v for track in tracks for v in track.values]
    plot = Plot(pdf, box, (0.0, horizon), (min(0.0, min(every)), max(0.0, max(every))))
    plot.frame(labels["title"], labels["x"], y_format, range(0, int(horizon) + 1))
    for row, track in enumerate(tracks):
        pdf.set_draw_color(*track.colour)
        pdf.set_line_width(0.7)
        points = [(plot.px(t), plot.py(v)) for t, v in zip(times, track.values, strict=True)]
        with pdf.local_context(dash_pattern={"dash": 2, "gap": 1} if track.dashed else None):
            pdf.polyline(points)
            pdf.line(plot.left + 2, box.y + 7.5 + 4 * row, plot.left + 8, box.y + 7.5 + 4 * row)
        pdf.set_font(size=7)
        pdf.set_xy(plot.left + 9, box.y + 5.5 + 4 * row)
        pdf.cell(60, 4, track.name)
        if track.payback_years is not None:
            x = plot.px(track.payback_years)
            pdf.set_line_width(0.5)
            with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1}):
                pdf.line(x, plot.top + 8, x, plot.bottom)
            pdf.set_font(size=8, style="B")
            pdf.set_text_color(*track.colour)
            width = pdf.get_string_width(track.payback_label) + 2
            left = x + 1.5 if x + width < plot.right else x - width - 1.5
            pdf.set_xy(left, plot.top + 10 + 4 * row)
            pdf.cell(width, 4, track.payback_label)
            pdf.set_text_color(*INK)


def yearly_bars(pdf: FPDF, box: Box, years: Sequence[int], gains: Sequence[float],
                costs: Sequence[float], labels: dict[str, str],
                y_format: Callable[[float], str]) -> None:
    """Gains above zero (blue) and costs below (red), one pair of bars per year."""
    low, high = -max(costs, default=0.0), max(gains, default=0.0)
    plot = Plot(pdf, box, (-0.5, years[-1] + 0.5), (min(low, 0.0), max(high, 0.0)))
    plot.frame(labels["title"], labels["x"], y_format, years)
    half = (plot.px(1) - plot.px(0)) * 0.32
    for year, gain, cost in zip(years, gains, costs, strict=True):
        for value, colour in ((gain, BLUE), (-cost, RED)):
            if value:
                top, bottom = sorted((plot.py(value), plot.py(0)))
                pdf.set_fill_color(*colour)
                pdf.rect(plot.px(year) - half, top, 2 * half, bottom - top, style="F")
    pdf.set_font(size=7)
    for i, (name, colour) in enumerate(((labels["gains"], BLUE), (labels["costs"], RED))):
        x = plot.right - 60 + i * 30
        pdf.set_fill_color(*colour)
        pdf.rect(x, box.y + 6.2, 3, 3, style="F")
        pdf.set_xy(x + 4, box.y + 5.7)
        pdf.cell(25, 4, name)
