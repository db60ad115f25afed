"""The decision summary as a PDF for a council paper (indstilling): the decision asked for,
the key figures, two charts, released time, soft gains, risks, notes on the estimates and
lines for the decision and a signature.

fpdf2 with an embedded DejaVu font (æøå), charts drawn as vectors: no browser needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from fpdf import FPDF

from calculators.cashflow import cashflow_table, cumulative_curve, monthly_flows
from calculators.headlines import Briefing, Headline, briefing
from calculators.model import EstimateBasis, Scenario
from exporters.deck import Stamp, figures_line, key_figures, sources
from exporters.pdf_charts import GREEN, INK, NAVY, RED, Box, Track, cumulative_chart, yearly_bars
from ui.formatting import format_number, format_share
from ui.headlines import price_note, sentence
from ui.i18n import label_for, translate

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MARGIN = 15.0
WIDTH = 210.0 - 2 * MARGIN
GREY = (90, 90, 90)


class Fit(NamedTuple):
    """Type sizes (pt) a card's text may take and on how many lines."""

    size: float
    smallest: float
    lines: int
    style: str = ""


class Report(FPDF):
    def __init__(self, lang: str, title: str):
        super().__init__(format="A4")
        self.lang, self.report_title = lang, title
        self.add_font("DejaVu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", style="B", fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_font("DejaVu", size=10)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_creator("velfaerd-business-case")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(size=7, style="")
        self.set_text_color(*GREY)
        page = translate(self.lang, "pdf.page", page=self.page_no(), pages="{nb}")
        self.cell(WIDTH / 2, 5, self.report_title[:90])
        self.cell(WIDTH / 2, 5, page, align="R")
        self.set_text_color(*INK)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(3)
        self.set_font(size=12, style="B")
        self.cell(WIDTH, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(size=10, style="")

    def track(self, text: str) -> None:
        """The heading of one track's key figures (budget effect; value incl. released time)."""
        self.ln(1)
        self.set_font(size=9, style="B")
        self.cell(WIDTH, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(size=10, style="")

    def paragraph(self, text: str, size: float = 10, bold: bool = False,
                  colour: tuple[int, int, int] = INK) -> None:
        self.set_font(size=size, style="B" if bold else "")
        self.set_text_color(*colour)
        self.multi_cell(WIDTH, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.set_font(size=10, style="")

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.set_x(MARGIN + 2)
            self.multi_cell(WIDTH - 2, 5, f"•  {item}", align="L", new_x="LMARGIN", new_y="NEXT")

    def signature(self, decision: str, signed: str) -> None:
        """Ruled lines to write the decision and sign on, kept together on one page."""
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(6)
        for label, lines in ((decision, 3), (signed, 1)):
            self.set_font(size=10, style="B")
            self.cell(WIDTH, 6, label, new_x="LMARGIN", new_y="NEXT")
            for _ in range(lines):
                self.ln(7)
                self.set_draw_color(*GREY)
                self.line(MARGIN, self.get_y(), MARGIN + WIDTH, self.get_y())
            self.ln(4)
        self.set_font(size=10, style="")

    def kpis(self, cards: list[tuple[str, str]]) -> None:
        gap = 3.0
        width = (WIDTH - gap * (len(cards) - 1)) / len(cards)
        top = self.get_y() + 2
        for i, (title, value) in enumerate(cards):
            x = MARGIN + i * (width + gap)
            self.set_draw_color(*GREY)
            self.set_line_width(0.3)
            self.rect(x, top, width, 21)
            self.fitted(title, x + 2, top + 2, width - 4, Fit(8.0, 5.5, 2))
            if not self.fitted(value, x + 2, top + 10, width - 4, Fit(13.0, 7.0, 1, "B")):
                self.fitted(value, x + 2, top + 10, width - 4, Fit(7.0, 6.0, 2, "B"))
        self.set_font(size=10, style="")
        self.set_y(top + 23)

    def fitted(self, text: str, x: float, y: float, width: float, fit: Fit) -> bool:
        """Write `text` at (x, y) within `width` on at most `fit.lines` lines, in the largest
        type from `fit.size` down to `fit.smallest` that holds it (the smallest if none does),
        so a long card title never runs into the next card. Whether it fitted."""
        size = fit.size
        while True:
            self.set_font(size=size, style=fit.style)
            lines = self.multi_cell(width, size * 0.42, text, align="L", dry_run=True,
                                    output="LINES")
            fits = len(lines) <= fit.lines
            if fits or size <= fit.smallest:
                break
            size -= 0.5
        if fits or fit.lines > 1:
            self.set_xy(x, y)
            self.multi_cell(width, size * 0.42, text, align="L")
        return fits


def _charts(pdf: Report, scenario: Scenario, b: Briefing, lang: str) -> None:
    flows = monthly_flows(scenario)
    table = cashflow_table(scenario, flows)
    times, values = cumulative_curve(flows)
    money = lambda v: format_number(v, lang)  # noqa: E731

    def track(curve: list[float], months: float | None, name: str, at: str,
              colour: tuple[int, int, int], dashed: bool) -> Track:
        label = "" if months is None else translate(
            lang, at, months=format_number(months, lang, 1))
        return Track(curve, None if months is None else months / 12, translate(lang, name),
                     label, colour, dashed)

    m = b.metrics
    tracks = [
        track(cumulative_curve(flows, budget=True)[1].tolist(), m.budget_payback_months,
              "chart.cumulative_budget", "chart.budget_payback_at", NAVY, False),
        track(values.tolist(), m.payback_months, "chart.cumulative_value", "chart.payback_at",
              GREEN, True),
    ]
    height, half = 66.0, (WIDTH - 6) / 2
    if pdf.get_y() + height + 5 > pdf.page_break_trigger:  # a chart is never split
        pdf.add_page()
    top = pdf.get_y() + 2
    cumulative_chart(
        pdf, Box(MARGIN, top, half, height), times.tolist(), tracks,
        {"title": translate(lang, "chart.cumulative_title") + f" ({translate(lang, 'chart.kr')})",
         "x": translate(lang, "chart.year")}, money)
    yearly_bars(
        pdf, Box(MARGIN + half + 6, top, half, height), table["year"].tolist(),
        table["total_gains"].tolist(), table["total_costs"].tolist(),
        {"title": translate(lang, "pdf.bars_title") + f" ({translate(lang, 'chart.kr')})",
         "x": translate(lang, "chart.year"), "gains": translate(lang, "pdf.gains"),
         "costs": translate(lang, "pdf.costs")}, money)
    pdf.set_y(top + height + 3)


def decision_pdf(scenario: Scenario, lang: str, stamp: Stamp | None = None) -> bytes:
    """A4 decision summary in Danish or English; every sentence comes from the headlines.

    Page 1: the decision, the key figures, two charts and the money/time split; page 2: soft
    gains, risks, VTV, notes on the figures and lines for the decision and a signature. Each
    fact appears once. `stamp` gives the author, library version and date of the figures."""
    b = briefing(scenario)
    stamp = stamp or Stamp(date.today())

    def say(headline: Headline | None) -> list[str]:
        return [] if headline is None else [sentence(headline, lang)]

    pdf = Report(lang, scenario.title)
    pdf.add_page()
    pdf.paragraph(translate(lang, "pdf.kicker").upper(), size=9, colour=GREY)
    pdf.paragraph(scenario.title, size=17, bold=True)
    pdf.paragraph(" · ".join(p for p in (scenario.organisation, scenario.technology) if p),
                  colour=GREY)
    pdf.paragraph(f"{figures_line(scenario, stamp, lang)} · {price_note(scenario, lang)}",
                  size=8, colour=GREY)
    pdf.heading(translate(lang, "pdf.decision"))
    pdf.paragraph(sentence(b.decision, lang), size=13, bold=True)
    optimistic = scenario.estimate_basis is EstimateBasis.OPTIMISTIC
    pdf.paragraph(sentence(b.basis, lang), colour=RED if optimistic else GREY)
    if scenario.purpose:
        pdf.paragraph(f"{translate(lang, 'field.purpose')}: {scenario.purpose}")
    for track, cards in key_figures(scenario, b, lang):
        pdf.track(track)
        pdf.kpis(cards)
    _charts(pdf, scenario, b, lang)
    pdf.heading(translate(lang, "pdf.hours"))
    pdf.bullets([*say(b.money_split), *say(b.released_note)])
    pdf.add_page()
    pdf.heading(translate(lang, "pdf.soft"))
    pdf.paragraph(sentence(b.soft_gains, lang))
    pdf.bullets([translate(lang, "pdf.soft_item", text=g.description, rating=g.rating,
                           who=", ".join(label_for(lang, "beneficiary", w) for w in
                                         g.beneficiaries) or "–")
                 for g in scenario.soft_gains])
    pdf.heading(translate(lang, "pdf.risks"))
    pdf.paragraph(sentence(b.risks, lang))
    pdf.bullets([f"{label_for(lang, 'risk', r.level.value)}: {r.text}" for r in scenario.risks])
    pdf.bullets([*say(b.break_even), sentence(b.range, lang), *say(b.range_pool)])
    pdf.heading(translate(lang, "pdf.vtv"))
    pdf.paragraph(sentence(b.vtv, lang))
    pdf.heading(translate(lang, "pdf.notes"))
    pdf.bullets([
        translate(lang, "app.estimates_note"),
        translate(lang, "pdf.assumptions", years=scenario.horizon_years,
                  start=scenario.start_year,
                  rate=format_share(scenario.discount_rate, lang, 1),
                  hours=format_number(scenario.hours_per_fte, lang),
                  realisation=format_share(scenario.scale.realisation, lang),
                  adoption=format_share(scenario.scale.adoption, lang)),
        *[translate(lang, "pdf.source", source=s) for s in sources(scenario)],
    ])
    pdf.signature(translate(lang, "paper.decision_line"), translate(lang, "paper.signature_line"))
    return bytes(pdf.output())
