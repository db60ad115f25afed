"""The council paper (sagsfremstilling) as a Word document, in Danish or English.

The structure of a Danish municipal decision paper and of the State's business-case model's
management summary: resumé, sagsfremstilling (background, the 0- and 1-scenario, economy with
the budget effect and released time kept apart, risks, the VTV conclusion, the documentation
plan, assumptions and sources) and indstilling (the decision asked for, with lines for the
decision and a signature). Sentences come from the headlines, numbers from the engine; key
figures are real Word tables. An organisation's .dotx/.docx supplies styles, page set-up,
headers and footers; its body text is dropped.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.headlines import Briefing, Headline, briefing
from calculators.model import Scenario
from calculators.vtv import Category
from exporters.deck import Stamp, format_day, key_figures, sources
from exporters.office_template import as_document
from ui.formatting import format_number, format_share
from ui.headlines import price_note, sentence
from ui.i18n import label_for, translate

GREY = RGBColor(0x55, 0x55, 0x55)


def _style(doc: WordDocument, name: str, fallback: str = "Normal") -> str:
    """`name` when the document (an organisation's template) has it, else `fallback`."""
    names = {style.name for style in doc.styles}
    return name if name in names else fallback


def heading(doc: WordDocument, text: str, level: int) -> None:
    style = _style(doc, "Title" if level == 0 else f"Heading {level}")
    paragraph = doc.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if style == "Normal":  # a template without heading styles: bold and larger
        run.bold, run.font.size = True, Pt(16 - 2 * level)


def paragraph(doc: WordDocument, text: str, bold: bool = False, grey: bool = False) -> None:
    run = doc.add_paragraph().add_run(text)
    run.bold = bold
    if grey:
        run.font.color.rgb = GREY


def bullets(doc: WordDocument, items: list[str]) -> None:
    style = _style(doc, "List Bullet")
    for item in items:
        doc.add_paragraph(item if style != "Normal" else f"• {item}", style=style)


def text_width(doc: WordDocument) -> int:
    section = doc.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def table(doc: WordDocument, header: list[str], rows: list[list[str]],
          numeric_from: int = 1, weights: list[float] | None = None, bold_header: bool = True,
          size: float = 9) -> Table:
    """A Word table across the text width with a bold header row (unless a key–value table);
    columns from `numeric_from` on right-aligned; `weights` share the width between the columns
    (equal by default); `size` is the type size in points."""
    grid = doc.add_table(rows=1 + len(rows), cols=len(header))
    if style := _style(doc, "Table Grid", ""):
        grid.style = style
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    weights = weights or [1.0] * len(header)
    widths = [int(text_width(doc) * w / sum(weights)) for w in weights]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.width = widths[c]
            cell.text = value
            para = cell.paragraphs[0]
            if c >= numeric_from:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in para.runs:
                run.bold = r == 0 and bold_header
                run.font.size = Pt(size)
    doc.add_paragraph()
    return grid


def _a4(doc: WordDocument) -> None:
    """A4 with 25 mm margins and a sans-serif body for the paper without a template."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(22)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)


def _clear_body(doc: WordDocument) -> None:
    """Drop a template's body text; keep its section set-up (page size, headers, footers)."""
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def full_stop(text: str) -> str:
    """A headline written as a label ("Net gain over 10 years: DKK 1,055,000") ends a sentence."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def recommendation(b: Briefing) -> Headline:
    """The decision as a recommendation: the decision headline's values, worded for the paper."""
    return Headline(b.decision.key.replace("hl.decision.", "hl.recommend."), b.decision.values)


def council_docx(scenario: Scenario, lang: str, stamp: Stamp, template: bytes | None = None,
                 b: Briefing | None = None) -> bytes:
    """The council paper as .docx bytes; `template` is an organisation's .dotx/.docx."""
    b = b or briefing(scenario)
    doc = Document(as_document(template, "docx")) if template else Document()
    if template:
        _clear_body(doc)
    else:
        _a4(doc)

    def tr(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    def say(headline: Headline | None) -> list[str]:
        return [] if headline is None else [sentence(headline, lang)]

    paragraph(doc, tr("paper.kicker").upper(), grey=True)
    heading(doc, scenario.title, 0)
    table(doc, [tr("paper.meta_organisation"), scenario.organisation or "–"], [
        [tr("paper.meta_technology"), scenario.technology or "–"],
        [tr("paper.meta_author"), stamp.author or "–"],
        [tr("paper.meta_version"),
         tr("paper.unsaved") if stamp.version is None else str(stamp.version)],
        [tr("paper.meta_date"), format_day(stamp.on, lang)],
    ], numeric_from=2, weights=[1, 2], bold_header=False)

    heading(doc, tr("paper.resume"), 1)
    paragraph(doc, sentence(b.decision, lang), bold=True)
    paragraph(doc, " ".join(full_stop(text) for text in [
        *say(b.budget_payback), *say(b.budget_net), *say(b.payback), *say(b.net), *say(b.hours),
        *say(b.taken_out), *say(b.money_split), *say(b.basis)]))

    heading(doc, tr("paper.case"), 1)
    heading(doc, tr("paper.background"), 2)
    for text in (scenario.description, scenario.purpose):
        if text:
            paragraph(doc, text)
    if not (scenario.description or scenario.purpose):
        paragraph(doc, tr("paper.not_given"))
    heading(doc, tr("paper.scenarios"), 2)
    for key, text in (("field.baseline", scenario.baseline),
                      ("field.with_technology", scenario.with_technology),
                      ("field.alternatives", scenario.alternatives)):
        if text or key != "field.alternatives":
            paragraph(doc, tr(key), bold=True)
            paragraph(doc, text or tr("paper.not_given"))

    heading(doc, tr("paper.economy"), 2)
    paragraph(doc, price_note(scenario, lang), grey=True)
    notes = ([*say(b.budget_payback), *say(b.budget_year)], [*say(b.payback), *say(b.npv)])
    for (track, figures), track_notes in zip(key_figures(scenario, b, lang), notes, strict=True):
        heading(doc, track, 3)
        table(doc, [tr("paper.col_figure"), tr("paper.col_value")],
              [[label, value] for label, value in figures], weights=[2, 1])
        bullets(doc, track_notes)
    cash = cashflow_table(scenario, monthly_flows(scenario))
    money = lambda v: format_number(v, lang)  # noqa: E731
    table(doc, [tr("paper.col_year"), tr("paper.col_costs"), tr("paper.col_gains"),
                tr("paper.col_net"), tr("paper.col_cumulative"), tr("paper.col_budget"),
                tr("paper.col_cumulative_budget")],
          [[str(int(row.calendar_year)), money(row.total_costs), money(row.total_gains),
            money(row.net), money(row.cumulative_net), money(row.budget_effect),
            money(row.cumulative_budget)] for row in cash.itertuples()],
          weights=[0.6, 1, 1, 1, 1.05, 1.45, 1.45], size=8)  # seven columns: whole words
    heading(doc, tr("paper.released_time"), 3)
    bullets(doc, [*say(b.hours), *say(b.taken_out), *say(b.money_split), *say(b.released_note)])

    heading(doc, tr("paper.risks"), 2)
    paragraph(doc, sentence(b.risks, lang))
    if scenario.risks:
        table(doc, [tr("paper.col_level"), tr("paper.col_risk")],
              [[label_for(lang, "risk", r.level.value), r.text] for r in scenario.risks],
              numeric_from=2, weights=[1, 6])
    bullets(doc, [*say(b.break_even), sentence(b.range, lang), *say(b.range_pool)])

    heading(doc, tr("paper.vtv"), 2)
    paragraph(doc, sentence(b.vtv, lang))
    scores = b.vtv_summary.category_scores
    table(doc, [tr("paper.col_category"), tr("paper.col_score")],
          [[label_for(lang, "vtv_category", c.value),
            tr("paper.not_assessed") if scores.get(c) is None
            else format_number(scores[c], lang, 1)] for c in Category], weights=[2, 1])

    heading(doc, tr("paper.documentation"), 2)
    plan = scenario.documentation_plan
    for text in (plan.audience, plan.agreement, plan.resources):
        if text:
            paragraph(doc, text)
    if plan.items:
        table(doc, [tr("field.indicator"), tr("doc.col_baseline"), tr("field.target"),
                    tr("field.method"), tr("field.who"), tr("field.when")],
              [[i.indicator, i.baseline, i.target, label_for(lang, "doc_method", i.method.value),
                i.who, i.when] for i in plan.items], numeric_from=6,
              weights=[2.2, 1.6, 1.4, 1.2, 1.2, 1.2])
    else:
        paragraph(doc, tr("paper.no_plan"))

    heading(doc, tr("paper.assumptions"), 2)
    bullets(doc, [
        tr("app.estimates_note"),
        tr("pdf.assumptions", years=scenario.horizon_years, start=scenario.start_year,
           rate=format_share(scenario.discount_rate, lang, 1),
           hours=format_number(scenario.hours_per_fte, lang),
           realisation=format_share(scenario.scale.realisation, lang),
           adoption=format_share(scenario.scale.adoption, lang)),
        *[tr("pdf.source", source=s) for s in sources(scenario)],
    ])

    heading(doc, tr("paper.recommendation"), 1)
    paragraph(doc, sentence(recommendation(b), lang), bold=True)
    paragraph(doc, "")
    paragraph(doc, f"{tr('paper.decision_line')} {'_' * 60}")
    paragraph(doc, f"{tr('paper.signature_line')} {'_' * 52}")
    doc.core_properties.title = scenario.title
    doc.core_properties.author = stamp.author
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
