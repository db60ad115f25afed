"""Dokumentationsplan / Documentation plan: what is measured, how and when, the expected value
next to the measured one (calculators.assessment.compare) and estimates replaced by measurements.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from calculators.assessment import compare
from calculators.model import Scenario
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    MONTHS_FORMAT,
    NOTE_FONT,
    TITLE_FONT,
    a4,
    header_row,
    put,
    put_text,
    widths,
)
from exporters.excel_registry import SheetContext, register_sheet
from ui.i18n import label_for

TEXTS = ("audience", "agreement", "resources")
PLAN_FIELDS = ("subject", "indicator", "baseline", "target", "method", "who", "when",
               "test_months", "unit", "period")


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
        put_text(ws, f"A{row}", item.indicator, wrap=True)
        put_text(ws, f"B{row}", label_for(context.lang, "doc_unit", item.unit.value))
        put(ws, f"C{row}", found.expected, fmt=DECIMAL_FORMAT)
        put(ws, f"D{row}", found.measured, fmt=DECIMAL_FORMAT)
        put_text(ws, f"E{row}", item.measured_on.isoformat() if item.measured_on else "")
        put(ws, f"F{row}", found.payback_measured, fmt=MONTHS_FORMAT)
        put_text(ws, f"G{row}", item.note, wrap=True)
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


@register_sheet("documentation", "excel.sheet.documentation", order=30, applies=has_plan)
def build(ws: Worksheet, context: SheetContext) -> None:
    plan = context.scenario.documentation_plan
    put_text(ws, "A1", context.t("excel.doc.title"), font=TITLE_FONT)
    row = 3
    for name in TEXTS:
        put_text(ws, f"A{row}", context.t(f"field.{name}"), wrap=True, font=NOTE_FONT)
        put_text(ws, f"B{row}", getattr(plan, name), wrap=True)
        ws.merge_cells(f"B{row}:J{row}")
        row += 1
    row = _plan_rows(ws, context, row + 1)
    row = _results(ws, context, row)
    _replacements(ws, context, row)
    widths(ws, {"A": 30, "B": 30, "C": 18, "D": 18, "E": 18, "F": 16, "G": 24, "H": 14,
                "I": 12, "J": 12})
    a4(ws, landscape=True)
