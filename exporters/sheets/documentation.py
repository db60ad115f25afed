"""Dokumentationsplan / Documentation plan: what is measured, how and when, the expected value
next to the measured one (calculators.assessment.compare) and estimates replaced by measurements.

Input cells (yellow), found on import by the hidden key column: the three texts and, per plan
line, the measured value, the day it was measured and the note (`RESULT_COLUMNS`).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from calculators.assessment import compare
from calculators.model import Scenario
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    INPUT_FILL,
    MONTHS_FORMAT,
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
from ui.i18n import label_for

TEXTS = ("audience", "agreement", "resources")
PLAN_FIELDS = ("subject", "indicator", "baseline", "target", "method", "who", "when",
               "test_months", "unit", "period")
RESULT_COLUMNS = {"measured": "D", "measured_on": "E", "note": "G"}  # inputs of a result row
RESULT_KEY = "result."
TEXT_KEY = "text."


def has_plan(scenario: Scenario) -> bool:
    plan = scenario.documentation_plan
    return bool(plan.items or plan.replacements or any(getattr(plan, f) for f in TEXTS))


def _subject(context: SheetContext, subject: str) -> str:
    names = {f"gain.{g.id}": g.name for g in context.scenario.gains}
    names |= {f"vtv.{e.key}": e.name for e in context.scenario.vtv.elements if e.name}
    if subject.startswith("vtv.") and subject not in names:
        return label_for(context.lang, "vtv_element", subject.removeprefix("vtv."))
    return names.get(subject, subject)


def _plan_rows(ws: Worksheet, context: SheetContext, row: int) -> int:
    lang = context.lang
    put_text(ws, f"A{row}", context.t("excel.doc.plan"), font=BOLD)
    header_row(ws, row + 1, [context.t("excel.doc.baseline" if f == "baseline" else f"field.{f}")
                             for f in PLAN_FIELDS])
    row += 2
    for item in context.scenario.documentation_plan.items:
        values = {
            "subject": _subject(context, item.subject), "indicator": item.indicator,
            "baseline": item.baseline, "target": item.target,
            "method": label_for(lang, "doc_method", item.method.value), "who": item.who,
            "when": item.when, "unit": label_for(lang, "doc_unit", item.unit.value),
            "period": label_for(lang, "period", item.period.value),
        }
        for column, name in zip("ABCDEFGHIJ", PLAN_FIELDS, strict=True):
            if name == "test_months":
                put(ws, f"{column}{row}", item.test_months)
            else:
                put_text(ws, f"{column}{row}", values[name], wrap=True)
        row += 1
    return row + 1


def _results(ws: Worksheet, context: SheetContext, row: int) -> int:
    put_text(ws, f"A{row}", context.t("excel.doc.results"), font=BOLD)
    header_row(ws, row + 1, [context.t(k) for k in (
        "field.indicator", "field.unit", "excel.doc.expected", "excel.doc.measured",
        "field.measured_on", "excel.doc.payback_measured", "field.note")])
    row += 2
    for found in compare(context.scenario):
        item = found.item
        c = {name: f"{column}{row}" for name, column in RESULT_COLUMNS.items()}
        put_text(ws, f"A{row}", item.indicator, wrap=True)
        put_text(ws, f"B{row}", label_for(context.lang, "doc_unit", item.unit.value))
        put(ws, f"C{row}", found.expected, fmt=DECIMAL_FORMAT)
        put(ws, c["measured"], found.measured, fmt=DECIMAL_FORMAT, fill=INPUT_FILL)
        put_text(ws, c["measured_on"], item.measured_on.isoformat() if item.measured_on else "",
                 fill=INPUT_FILL)
        put(ws, f"F{row}", found.payback_measured, fmt=MONTHS_FORMAT)
        put_text(ws, c["note"], item.note, wrap=True, fill=INPUT_FILL)
        key_cell(ws, row, RESULT_KEY + item.id)
        row += 1
    return row + 1


def _replacements(ws: Worksheet, context: SheetContext, row: int) -> None:
    replaced = context.scenario.documentation_plan.replacements
    if not replaced:
        return
    put_text(ws, f"A{row}", context.t("excel.doc.replacements"), font=BOLD)
    header_row(ws, row + 1, [context.t(k) for k in (
        "field.name", "excel.doc.estimate", "excel.doc.measured", "field.period",
        "excel.doc.replaced_on")])
    for at, record in enumerate(replaced, start=row + 2):
        put_text(ws, f"A{at}", record.gain_name)
        put(ws, f"B{at}", record.estimate, fmt=DECIMAL_FORMAT)
        put(ws, f"C{at}", record.measured, fmt=DECIMAL_FORMAT)
        put_text(ws, f"D{at}", label_for(context.lang, "period", record.period.value))
        put_text(ws, f"E{at}", record.replaced_on.isoformat())


def read(reader: Reader, data: dict, _exported: dict) -> None:
    """The texts and each plan line's result as edited; rows gone from the sheet keep the
    stored values."""
    plan = data.setdefault("documentation_plan", {})
    if not isinstance(plan, dict):  # not a plan: validation says so
        return
    for name in TEXTS:
        row = reader.first_row(TEXT_KEY + name)
        if row is not None:
            plan[name] = reader.stored_text(("documentation_plan", name), f"B{row}",
                                            plan.get(name))
    items = plan.get("items")
    for at, item in enumerate(items if isinstance(items, list) else []):
        row = reader.first_row(RESULT_KEY + str(item.get("id"))) if isinstance(item, dict) else None
        if row is None:
            continue
        c = {name: f"{column}{row}" for name, column in RESULT_COLUMNS.items()}
        loc = ("documentation_plan", "items", at)
        item["measured"] = as_stored(reader.number((*loc, "measured"), c["measured"],
                                                   blank=True), item.get("measured"))
        item["measured_on"] = reader.day((*loc, "measured_on"), c["measured_on"])
        item["note"] = reader.stored_text((*loc, "note"), c["note"], item.get("note"))


@register_sheet("documentation", "excel.sheet.documentation", order=30, applies=has_plan,
                read=read)
def build(ws: Worksheet, context: SheetContext) -> None:
    plan = context.scenario.documentation_plan
    put_text(ws, "A1", context.t("excel.doc.title"), font=TITLE_FONT)
    row = 3
    for name in TEXTS:
        put_text(ws, f"A{row}", context.t(f"field.{name}"), wrap=True, font=NOTE_FONT)
        put_text(ws, f"B{row}", getattr(plan, name), wrap=True, fill=INPUT_FILL)
        ws.merge_cells(f"B{row}:J{row}")
        key_cell(ws, row, TEXT_KEY + name)
        row += 1
    row = _plan_rows(ws, context, row + 1)
    row = _results(ws, context, row)
    _replacements(ws, context, row)
    widths(ws, {"A": 30, "B": 30, "C": 18, "D": 18, "E": 18, "F": 28, "G": 24, "H": 14,
                "I": 12, "J": 12})
    fit_rows(ws)
    a4(ws, landscape=True)
