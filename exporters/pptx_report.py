"""The meeting slides as a PowerPoint deck (16:9) with native, editable charts.

Each slide of exporters/deck.py becomes one PowerPoint slide: the kicker in the title
placeholder, the message in large type, large figures side by side, bullets and notes, the chart
as a PowerPoint chart whose data sheet holds the engine's numbers, and the source and date of
the figures in small type at the bottom. An organisation's template (.potx/.pptx) supplies the
master, the layouts and the slide size; its own slides are dropped.

Text is laid out top-down with an estimate of line breaks (a conservative average character
width), shrinking the type until the slide's text fits above the footer; the chart takes the
height that is left. tests/test_office_exports.py checks the result through LibreOffice.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from exporters.deck import Chart, Slide
from exporters.office_template import as_document

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
WIDE = (Inches(13.333), Inches(7.5))
INK = RGBColor(0x1B, 0x1B, 0x1B)
GREY = RGBColor(0x44, 0x44, 0x44)
BLUE = RGBColor(0x0B, 0x3C, 0x6E)
RED = RGBColor(0x8E, 0x1B, 0x12)
SERIES = [RGBColor(0x1F, 0x5F, 0x99), RGBColor(0xB0, 0x3A, 0x2E), RGBColor(0x2E, 0x6B, 0x3F),
          RGBColor(0x9A, 0x5B, 0x00), RGBColor(0x6A, 0x3D, 0x9A), RGBColor(0x55, 0x55, 0x55)]
PALETTES = {"range": [SERIES[1], SERIES[0], SERIES[2]]}  # worst red, base blue, best green
CHART_TYPES = {"line": XL_CHART_TYPE.LINE_MARKERS, "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "radar": XL_CHART_TYPE.RADAR_MARKERS}
CHAR_WIDTH = {False: 0.56, True: 0.64}  # average glyph width in em (regular, bold), on the
# safe side for Calibri/Arial and for DejaVu Sans, which LibreOffice uses in their place
LINE_HEIGHT = 1.25
MIN_CHART = Inches(2.4)
GAP = Inches(0.08)


@dataclass(frozen=True)
class Frame:
    left: int
    top: int
    width: int
    bottom: int


def text_height(text: str, size: float, width: int, bold: bool = False) -> int:
    """Estimated height (EMU) of `text` at `size` pt wrapped in `width` EMU."""
    per_line = max(1, int(Emu(width).pt / (size * CHAR_WIDTH[bold])))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return int(Pt(lines * size * LINE_HEIGHT)) + int(Inches(0.1))


def add_text(slide: PptxSlide, frame: Frame, top: int, text: str, size: float,
             bold: bool = False, colour: RGBColor = INK) -> int:
    """A text box at `top` across the frame; returns the top of what comes next."""
    height = text_height(text, size, frame.width - int(Inches(0.2)), bold)
    box = slide.shapes.add_textbox(frame.left, top, frame.width, height)
    body = box.text_frame
    body.word_wrap = True
    body.vertical_anchor = MSO_ANCHOR.TOP
    for index, part in enumerate(text.split("\n")):
        paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
        run = paragraph.add_run()
        run.text = part
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    return top + height + int(GAP)


def text_blocks(content: Slide) -> list[tuple[str, float, bool, RGBColor]]:
    """The slide's text below the title, in order: (text, size at full scale, bold, colour)."""
    blocks = []
    if content.statement:
        blocks.append((content.statement, 30, True, INK))
    blocks += [("\n".join(f"• {b.badge + ': ' if b.badge else ''}{b.text}"
                          for b in content.bullets), 20, False, INK)] if content.bullets else []
    blocks += [(line.text, 20 if line.style == "text" else 16, line.style == "warning",
                RED if line.style == "warning" else (INK if line.style == "text" else GREY))
               for line in content.lines]
    return blocks


def figures_height(content: Slide, scale: float, width: int) -> int:
    if not content.figures:
        return 0
    column = width // len(content.figures)
    return max(text_height(f.value, 48 * scale, column, True)
               + text_height(f.label, 18 * scale, column, True) for f in content.figures)


def fit_scale(content: Slide, frame: Frame) -> float:
    """The largest type scale (1.0 down to 0.5) at which the text leaves room for the chart."""
    needed_chart = MIN_CHART if content.chart else 0
    scale = 1.0
    while scale > 0.5:
        used = figures_height(content, scale, frame.width) + sum(
            text_height(text, size * scale, frame.width - int(Inches(0.2)), bold) + int(GAP)
            for text, size, bold, _ in text_blocks(content))
        if frame.top + used + needed_chart <= frame.bottom:
            break
        scale -= 0.05
    return scale


def add_figures(slide: PptxSlide, content: Slide, frame: Frame, top: int, scale: float) -> int:
    column = frame.width // len(content.figures)
    bottom = top
    for index, item in enumerate(content.figures):
        part = Frame(frame.left + index * column, top, column, frame.bottom)
        below = add_text(slide, part, top, item.value, 48 * scale, True,
                         RED if item.negative else BLUE)
        bottom = max(bottom, add_text(slide, part, below, item.label, 18 * scale, True))
    return bottom


def add_chart(slide: PptxSlide, chart: Chart, frame: Frame, top: int) -> None:
    data = CategoryChartData(number_format="#,##0" if chart.chart_type != "radar" else "0.0")
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, series.values)
    graphic = slide.shapes.add_chart(CHART_TYPES[chart.chart_type], frame.left, top, frame.width,
                                     frame.bottom - top, data)
    native = graphic.chart
    native.has_title = True
    native.chart_title.text_frame.text = chart.title
    native.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(16)
    native.has_legend = len(chart.series) > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(14)
    native.font.size = Pt(14)
    palette = PALETTES.get(chart.kind, SERIES)
    for index, plot_series in enumerate(native.plots[0].series):
        colour = palette[index % len(palette)]
        if chart.chart_type == "bar":
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = colour
        else:
            plot_series.format.line.color.rgb = colour
            plot_series.format.line.width = Pt(3)
            plot_series.smooth = False
    if chart.chart_type == "bar":
        native.plots[0].overlap = 100
        native.plots[0].gap_width = 60
    axis = native.value_axis
    axis.tick_labels.number_format = "0" if chart.chart_type == "radar" else "#,##0"
    axis.tick_labels.number_format_is_linked = False
    for titled, title in ((axis, chart.y_title), (native.category_axis, chart.x_title)):
        if title and chart.chart_type != "radar":
            titled.has_title = True
            titled.axis_title.text_frame.text = title
            titled.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    if chart.chart_type != "radar":  # year labels below the plot, not among negative values
        native.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if chart.chart_type == "radar":
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 5, 1


def _drop_slides(deck: Deck) -> None:
    """Remove a template's own slides: keep its master and layouts only."""
    ids = deck.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public slide removal
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _layout(deck: Deck):  # noqa: ANN202 - a python-pptx SlideLayout
    """'Title Only' when the master has it, else the layout with a title and fewest others."""
    layouts = list(deck.slide_layouts)
    titled = [lay for lay in layouts if any(p.placeholder_format.type in TITLES
                                            for p in lay.placeholders)] or layouts
    named = [lay for lay in titled if lay.name.lower() in ("title only", "kun titel")]
    return named[0] if named else min(titled, key=lambda lay: len(lay.placeholders))


def deck_pptx(slides: list[Slide], template: bytes | None = None) -> bytes:
    """A .pptx of the slides; `template` is an organisation's .potx/.pptx (optional)."""
    deck = Presentation(as_document(template, "pptx")) if template else Presentation()
    if template:
        _drop_slides(deck)
    else:
        deck.slide_width, deck.slide_height = WIDE
    width, height = deck.slide_width, deck.slide_height
    margin = int(Inches(0.5))
    layout = _layout(deck)
    for content in slides:
        slide = deck.slides.add_slide(layout)
        for placeholder in list(slide.placeholders):
            if placeholder.placeholder_format.type not in TITLES:  # only the title stays
                placeholder.element.getparent().remove(placeholder.element)
        title = slide.shapes.title
        if title is not None and not template:
            title.left, title.top, title.width, title.height = (
                margin, int(Inches(0.25)), width - 2 * margin, int(Inches(0.7)))
        if title is not None:
            title.text = content.kicker
            if not template:
                title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
                run = title.text_frame.paragraphs[0].runs[0]
                run.font.size, run.font.bold, run.font.color.rgb = Pt(24), True, GREY
            top = title.top + title.height + int(GAP)
        else:
            top = add_text(slide, Frame(margin, 0, width - 2 * margin, height), int(Inches(0.3)),
                           content.kicker, 24, True, GREY)
        footer_top = height - int(Inches(0.45))
        frame = Frame(margin, top, width - 2 * margin, footer_top - int(GAP))
        scale = fit_scale(content, frame)
        blocks = text_blocks(content)
        if content.statement:
            text, size, bold, colour = blocks.pop(0)
            top = add_text(slide, frame, top, text, size * scale, bold, colour)
        if content.figures:
            top = add_figures(slide, content, frame, top, scale)
        for text, size, bold, colour in blocks:
            top = add_text(slide, frame, top, text, size * scale, bold, colour)
        if content.chart:
            add_chart(slide, content.chart, frame, top)
        add_text(slide, Frame(margin, footer_top, width - 2 * margin, height), footer_top,
                 content.footer, 9, False, GREY)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
