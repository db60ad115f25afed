"""Risikopulje / Risk pool (calculators.risk_pool): each quantified risk's probability and
consequence, p × c and the pool Σ p × c beside the base case's NPV.

A consequence in kr is a live formula, kr / (1 + DiscountRate)^year; the NPV a driver change
loses is the value the app computed at export (the sheet says so); p × c, the pool and the NPV
after the pool are live formulas (the NPV from the Calculation sheet).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from calculators.drivers import drivers
from calculators.model import Scenario
from calculators.risk_pool import risk_pool
from exporters.excel_cells import (
    BOLD,
    KPI_FILL,
    KR_FORMAT,
    NOTE_FONT,
    SHARE_FORMAT,
    TITLE_FONT,
    YEAR_FORMAT,
    a4,
    header_row,
    put,
    put_text,
    widths,
)
from exporters.excel_registry import SheetContext, register_sheet
from ui.analysis_text import driver_label
from ui.i18n import label_for

HEADER_ROW = 5
HEADERS = ("bv.col.risk", "field.probability", "field.risk_amount", "field.risk_year",
           "field.risk_driver", "field.risk_change", "excel.risk.driver_loss",
           "bv.col.consequence", "bv.col.expected", "bv.col.level")


def has_quantified_risks(scenario: Scenario) -> bool:
    return any(risk.quantified for risk in scenario.risks)


@register_sheet("risk_pool", "excel.sheet.risk_pool", order=15, applies=has_quantified_risks)
def build(ws: Worksheet, context: SheetContext) -> None:
    lang, scenario = context.lang, context.scenario
    kr = KR_FORMAT[lang]
    pool = risk_pool(scenario)
    labels = {d.key: driver_label(lang, d) for d in drivers(scenario)}
    put_text(ws, "A1", context.t("excel.risk.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("bv.pool_help"), font=NOTE_FONT)
    put_text(ws, "A3", context.t("excel.risk.note"), font=NOTE_FONT)
    header_row(ws, HEADER_ROW, [context.t(key) for key in HEADERS])
    first = HEADER_ROW + 1
    for row, priced in enumerate(pool.risks, start=first):
        risk = priced.risk
        driver_loss = priced.consequence - risk.amount / (1 + scenario.discount_rate) ** risk.year
        put_text(ws, f"A{row}", risk.text)
        put(ws, f"B{row}", risk.probability, fmt=SHARE_FORMAT)
        put(ws, f"C{row}", risk.amount, fmt=kr)
        put(ws, f"D{row}", risk.year, fmt=YEAR_FORMAT)
        put_text(ws, f"E{row}", labels.get(risk.driver, "") if risk.driver else "")
        put(ws, f"F{row}", risk.change)
        put(ws, f"G{row}", driver_loss, fmt=kr)
        put(ws, f"H{row}", f"=C{row}/(1+DiscountRate)^D{row}+G{row}", fmt=kr)
        put(ws, f"I{row}", f"=B{row}*H{row}", fmt=kr)
        put_text(ws, f"J{row}", label_for(lang, "risk", priced.level.value))
    last = first + len(pool.risks) - 1
    total = last + 2
    rows = (("bv.pool", f"=SUM(I{first}:I{last})"),
            ("excel.kpi.npv", f"={context.calc.kpi('npv')}"),
            ("bv.npv_after_pool", f"=I{total + 1}-I{total}"))
    for row, (label, formula) in enumerate(rows, start=total):
        put_text(ws, f"H{row}", context.t(label), font=BOLD)
        put(ws, f"I{row}", formula, fmt=kr, font=BOLD, fill=KPI_FILL)
    widths(ws, {"A": 44, "B": 12, "C": 14, "D": 8, "E": 30, "F": 10, "G": 16, "H": 30, "I": 18,
                "J": 12})
    a4(ws, landscape=True)
