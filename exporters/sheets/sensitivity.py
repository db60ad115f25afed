"""Følsomhed / Sensitivity: worst, base and best case (with each case's risk pool and the NPV
after it when risks are quantified, calculators.risk_pool.case_pools) and the tornado table, as
values the app computed at export (calculators.ranges, calculators.sensitivity); the sheet says
they are not live.
"""

from __future__ import annotations

import math

from openpyxl.worksheet.worksheet import Worksheet

from calculators.drivers import drivers
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.ranges import scenario_set
from calculators.risk_pool import case_pools
from calculators.sensitivity import tornado
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    KR_FORMAT,
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
from exporters.excel_summary import KPI_FORMATS
from ui.analysis_text import driver_label

SCENARIO_KPIS = ("total_investment", "total_net", "npv", "irr", "payback_months",
                 "annual_net_steady_state")


def number_or_never(ws: Worksheet, ref: str, value: float | None, fmt: str, context: SheetContext
            ) -> None:
    if value is None or not math.isfinite(value):
        put_text(ws, ref, context.t("excel.sens.never"), font=NOTE_FONT)
    else:
        put(ws, ref, value, fmt=fmt)


def has_ranges(scenario: Scenario) -> bool:
    return bool(scenario.ranges)


@register_sheet("sensitivity", "excel.sheet.sensitivity", order=10, applies=has_ranges)
def build(ws: Worksheet, context: SheetContext) -> None:
    kr = KR_FORMAT[context.lang]
    put_text(ws, "A1", context.t("excel.sens.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.sens.note", date=context.today.isoformat()), font=BOLD)
    put_text(ws, "A4", context.t("excel.sens.scenarios"), font=BOLD)
    header_row(ws, 5, [context.t(k) for k in ("excel.sens.kpi", "excel.sens.worst",
                                               "excel.sens.base", "excel.sens.best")])
    cases = scenario_set(context.scenario)
    found = {name: compute_metrics(case) for name, case in cases.items()}
    metrics = [m.as_dict() for m in found.values()]
    for row, key in enumerate(SCENARIO_KPIS, start=6):
        put_text(ws, f"A{row}", context.t(f"excel.kpi.{key}"))
        for column, values in zip("BCD", metrics, strict=True):
            number_or_never(ws, f"{column}{row}", values[key], KPI_FORMATS.get(key, kr), context)
    row = 6 + len(SCENARIO_KPIS)
    pools = case_pools(cases, found)
    for label, figure in (("bv.pool", "expected_cost"), ("bv.npv_after_pool", "npv_after_pool")):
        if not pools:
            break
        put_text(ws, f"A{row}", context.t(label))
        for column, pool in zip("BCD", pools.values(), strict=True):
            put(ws, f"{column}{row}", getattr(pool, figure), fmt=kr)
        row += 1
    row += 1
    put_text(ws, f"A{row}", context.t("excel.sens.tornado"), font=BOLD)
    header_row(ws, row + 1, [context.t(k) for k in (
        "excel.field.driver", "field.low", "excel.doc.expected", "field.high",
        "excel.sens.npv_low", "excel.sens.npv_high", "excel.sens.npv_swing",
        "excel.sens.payback_low", "excel.sens.payback_high")])
    labels = {d.key: driver_label(context.lang, d) for d in drivers(context.scenario)}
    for at, line in enumerate(tornado(context.scenario).itertuples(), start=row + 2):
        put_text(ws, f"A{at}", labels[line.key])
        for column, value in zip("BCD", (line.low, line.expected, line.high), strict=True):
            put(ws, f"{column}{at}", value, fmt=DECIMAL_FORMAT)
        for column, value in zip("EFG", (line.npv_low, line.npv_high, line.npv_swing),
                                 strict=True):
            put(ws, f"{column}{at}", value, fmt=kr)
        number_or_never(ws, f"H{at}", line.payback_low, MONTHS_FORMAT, context)
        number_or_never(ws, f"I{at}", line.payback_high, MONTHS_FORMAT, context)
    widths(ws, {"A": 44, **{c: 16 for c in "BCDEFGHI"}})
    a4(ws, landscape=True)
