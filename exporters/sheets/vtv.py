"""VTV: category scores as live weighted means over the element rows (calculators.vtv's
`category_score`), every element's score, confidence, weight and evidence, and a bar chart.

The typed-in elements' score, confidence, weight and evidence and the conclusion are input
cells (yellow), found on import by the hidden key column (`ELEMENT_KEY` + element key); the
economy elements computed from the business case are not inputs."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from calculators.assessment import evaluate
from calculators.model import Scenario
from calculators.vtv import STANDARD_KEYS, Category, Confidence, Rated
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    INPUT_FILL,
    KPI_FILL,
    NOTE_FONT,
    TITLE_FONT,
    a4,
    fit_rows,
    header_row,
    key_cell,
    put,
    put_text,
    widths,
)
from exporters.excel_reader import Reader, as_stored
from exporters.excel_registry import SheetContext, register_sheet
from ui.i18n import has, label_for

CATEGORY_ROW = 5
FIRST_ELEMENT_ROW = CATEGORY_ROW + len(Category) + 4
# The input columns of an element row (field -> column), written and read back.
INPUT_COLUMNS = {"score": "C", "confidence": "D", "weight": "E", "evidence": "F"}
ELEMENT_KEY = "element."
CONCLUSION_KEY = "conclusion"
UNASSESSED = {"score": None, "confidence": Confidence.MEDIUM.value, "weight": 1.0,
              "evidence": ""}


def element_name(lang: str, element: Rated) -> str:
    key = f"vtv_element.{element.key}"
    return element.name or (label_for(lang, "vtv_element", element.key) if has(key) else
                            element.key)


def category_formula(label_cell: str, first: int, last: int) -> str:
    """Weighted mean of the category's scored elements: SUMPRODUCT(w·s) / SUMPRODUCT(w), over
    the rows whose category is `label_cell` and whose score is a number; blank when none."""
    chosen = f"($A${first}:$A${last}={label_cell})*ISNUMBER($C${first}:$C${last})"
    weights = f"$E${first}:$E${last}"
    return (f"=IFERROR(SUMPRODUCT({chosen}*{weights}*$C${first}:$C${last})"
            f"/SUMPRODUCT({chosen}*{weights}),\"\")")


def has_assessment(scenario: Scenario) -> bool:
    return bool(scenario.vtv.elements or scenario.vtv.conclusion)


def _chart(ws: Worksheet, context: SheetContext) -> None:
    last = CATEGORY_ROW + len(Category) - 1
    chart = BarChart()
    chart.type = "bar"
    chart.title = context.t("excel.vtv.chart")
    chart.add_data(Reference(ws, min_col=2, min_row=CATEGORY_ROW, max_row=last))
    chart.set_categories(Reference(ws, min_col=1, min_row=CATEGORY_ROW, max_row=last))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 5
    chart.y_axis.majorUnit = 1
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.legend = None
    chart.height, chart.width = 4.4, 14  # cm: ends above the element table
    ws.add_chart(chart, "D3")


def _element(reader: Reader, loc: tuple[str | int, ...], row: int, before: dict
             ) -> dict[str, object]:
    c = {name: f"{column}{row}" for name, column in INPUT_COLUMNS.items()}
    read = {
        "score": reader.number((*loc, "score"), c["score"], whole=True, blank=True),
        "confidence": reader.choice((*loc, "confidence"), c["confidence"], "confidence"),
        "weight": as_stored(reader.number((*loc, "weight"), c["weight"]), before.get("weight")),
        "evidence": reader.stored_text((*loc, "evidence"), c["evidence"], before.get("evidence")),
    }
    reader.cells[loc] = (reader.ws.title, c["score"])
    return read


def read(reader: Reader, data: dict, _exported: dict) -> None:
    """Edited element rows update the stored elements; a standard element assessed only in
    the workbook is added; rows gone from the sheet keep the stored element."""
    vtv = data.setdefault("vtv", {})
    elements = vtv.setdefault("elements", []) if isinstance(vtv, dict) else None
    if not isinstance(elements, list):  # not an assessment: validation says so
        return
    index = {e.get("key"): i for i, e in enumerate(elements) if isinstance(e, dict)}
    for key, rows in reader.rows.items():
        element_key = key.removeprefix(ELEMENT_KEY)
        if not key.startswith(ELEMENT_KEY) or (element_key not in index
                                                and element_key not in STANDARD_KEYS):
            continue
        at = index.get(element_key, len(elements))
        before = elements[at] if element_key in index else {
            "key": element_key, "category": STANDARD_KEYS[element_key].value}
        values = _element(reader, ("vtv", "elements", at), rows[0], before)
        if element_key in index:
            elements[at] = {**before, **values}
        elif values != UNASSESSED:
            elements.append({**before, **values})
    row = reader.first_row(CONCLUSION_KEY)
    if row is not None:
        vtv["conclusion"] = reader.stored_text(("vtv", "conclusion"), f"B{row}",
                                               vtv.get("conclusion"))


@register_sheet("vtv", "excel.sheet.vtv", order=20, applies=has_assessment, read=read)
def build(ws: Worksheet, context: SheetContext) -> None:
    lang = context.lang
    elements = evaluate(context.scenario).elements
    first, last = FIRST_ELEMENT_ROW, FIRST_ELEMENT_ROW + max(len(elements), 1) - 1
    put_text(ws, "A1", context.t("excel.vtv.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.vtv.note"), font=NOTE_FONT)
    header_row(ws, CATEGORY_ROW - 1, [context.t("excel.vtv.category"),
                                      context.t("excel.vtv.score")])
    for row, category in enumerate(Category, start=CATEGORY_ROW):
        put_text(ws, f"A{row}", label_for(lang, "vtv_category", category.value))
        put(ws, f"B{row}", category_formula(f"$A{row}", first, last), fmt=DECIMAL_FORMAT,
            fill=KPI_FILL)
    overall = CATEGORY_ROW + len(Category)
    put_text(ws, f"A{overall}", context.t("excel.vtv.overall"), font=BOLD, wrap=True)
    put(ws, f"B{overall}",
        f"=IFERROR(AVERAGE(B{CATEGORY_ROW}:B{overall - 1}),\"\")", fmt=DECIMAL_FORMAT,
        font=BOLD, fill=KPI_FILL)
    header_row(ws, first - 1, [context.t(k) for k in (
        "excel.vtv.category", "excel.vtv.element", "excel.vtv.score", "excel.vtv.confidence",
        "excel.vtv.weight", "excel.vtv.evidence", "excel.col.source")])
    computed = context.t("excel.vtv.computed")
    for row, element in enumerate(elements, start=first):
        typed = None if element.computed else INPUT_FILL
        c = {name: f"{column}{row}" for name, column in INPUT_COLUMNS.items()}
        put_text(ws, f"A{row}", label_for(lang, "vtv_category", element.category.value))
        put_text(ws, f"B{row}", element_name(lang, element), wrap=True)
        put(ws, c["score"], element.score, fill=typed)
        put_text(ws, c["confidence"], label_for(lang, "vtv_confidence",
                                                element.confidence.value), fill=typed)
        put(ws, c["weight"], element.weight, fill=typed)
        put_text(ws, c["evidence"], element.evidence, wrap=True, fill=typed)
        put_text(ws, f"G{row}", computed if element.computed else element.source, wrap=True)
        if not element.computed:
            key_cell(ws, row, ELEMENT_KEY + element.key)
    conclusion = last + 2
    put_text(ws, f"A{conclusion}", context.t("excel.vtv.conclusion"), font=BOLD)
    put_text(ws, f"B{conclusion}", context.scenario.vtv.conclusion, wrap=True, fill=INPUT_FILL)
    ws.merge_cells(f"B{conclusion}:G{conclusion}")
    key_cell(ws, conclusion, CONCLUSION_KEY)
    _chart(ws, context)
    widths(ws, {"A": 22, "B": 36, "C": 12, "D": 12, "E": 10, "F": 60, "G": 30})
    fit_rows(ws)
    ws.freeze_panes = f"A{first}"
    a4(ws, landscape=True, title_rows=f"{first - 1}:{first - 1}")  # the element table's header
