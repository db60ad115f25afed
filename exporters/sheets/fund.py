"""Fond og udbud / Fund and procurement: the fund's repayment year by year as live formulas
(calculators.fund.fund_plan) over the Calculation sheet's flows, and the procurement route
(calculators.procurement) with its thresholds and their year."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from calculators.model import Scenario
from calculators.procurement import Route, procurement
from exporters.excel_calc import CalcLayout
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    INPUT_FILL,
    KPI_FILL,
    KR_FORMAT,
    NOTE_FONT,
    TITLE_FONT,
    YEAR_FORMAT,
    a4,
    header_row,
    put,
    put_text,
    widths,
)
from exporters.excel_registry import SheetContext, register_sheet
from exporters.excel_spec import quoted, text_literal
from ui.i18n import label_for

SETTINGS_ROW = 4  # loan, FTE share, position cost, years, pledge, repaid after: rows 4–9
FIRST_YEAR_ROW = 13
COLUMNS = ("excel.col.year", "excel.col.calendar_year", "excel.fund.savings",
           "excel.fund.repayment", "excel.fund.repaid", "excel.fund.balance", "excel.fund.kept",
           "excel.fund.covered")


def flow(calc: CalcLayout, key: str, first: int, last: int | None = None) -> str:
    """The Calculation sheet's `key` row in year `first` (… `last`)."""
    row = calc.flow_rows[key]
    end = "" if last is None else f":${calc.col(last)}${row}"
    return f"{quoted(calc.sheet)}!${calc.col(first)}${row}{end}"


def has_costs(scenario: Scenario) -> bool:
    return bool(scenario.costs)


def _settings(ws: Worksheet, context: SheetContext) -> None:
    settings, kr = context.scenario.fund, KR_FORMAT[context.lang]
    rollout_end = len(context.scenario.scale.batches()) - 1
    loan = (f"=SUM({flow(context.calc, 'one_off_costs', 0, rollout_end)})"
            if settings.loan is None else settings.loan)
    rows = (("excel.fund.loan", loan, kr), ("excel.fund.fte_share", settings.fte_share, "0.00"),
            ("excel.fund.position_cost", settings.position_cost, kr),
            ("excel.fund.years", settings.years, YEAR_FORMAT))
    for row, (key, value, fmt) in enumerate(rows, start=SETTINGS_ROW):
        put_text(ws, f"A{row}", context.t(key))
        put(ws, f"B{row}", value, fmt=fmt, fill=INPUT_FILL)
    put_text(ws, "A8", context.t("excel.fund.pledge"))
    put(ws, "B8", "=B5*B6", fmt=kr, fill=KPI_FILL)
    last = FIRST_YEAR_ROW + context.scenario.horizon_years - 1
    put_text(ws, "A9", context.t("excel.fund.repaid_after"), font=BOLD)
    put(ws, "B9", f"=IF(B4=0,0,IF(F{last}>0.000001,"
        f"{text_literal(context.t('excel.fund.not_repaid'))},B4/B8))", fmt=DECIMAL_FORMAT,
        font=BOLD, fill=KPI_FILL)


def _schedule(ws: Worksheet, context: SheetContext) -> None:
    kr, calc = KR_FORMAT[context.lang], context.calc
    rollout_years = len(context.scenario.scale.batches())
    header_row(ws, FIRST_YEAR_ROW - 1, [context.t(k) for k in COLUMNS])
    for year in range(1, context.scenario.horizon_years + 1):
        row = FIRST_YEAR_ROW + year - 1
        before = "$B$4" if year == 1 else f"F{row - 1}"
        unfinanced = f"-{flow(calc, 'one_off_costs', year)}" if year >= rollout_years else ""
        put(ws, f"A{row}", year, fmt=YEAR_FORMAT)
        put(ws, f"B{row}", f"=StartYear+A{row}", fmt=YEAR_FORMAT)
        put(ws, f"C{row}", f"={flow(calc, 'total_gains', year)}"
            f"-{flow(calc, 'recurring_costs', year)}{unfinanced}", fmt=kr)
        put(ws, f"D{row}", f"=IF(A{row}<=$B$7,MIN($B$8,{before}),0)", fmt=kr)
        put(ws, f"E{row}", f"=$B$4-F{row}", fmt=kr)
        put(ws, f"F{row}", f"={before}-D{row}", fmt=kr)
        put(ws, f"G{row}", f"=C{row}-D{row}", fmt=kr)
        put(ws, f"H{row}", f"=C{row}>=D{row}-0.000000001")


def _procurement(ws: Worksheet, context: SheetContext, row: int) -> None:
    found, kr = procurement(context.scenario), KR_FORMAT[context.lang]
    settings = found.settings
    put_text(ws, f"A{row}", context.t("excel.proc.title"), font=BOLD)
    rows = (("excel.proc.value", found.value, kr), ("excel.proc.national",
                                                    settings.national_threshold, kr),
            ("excel.proc.eu", settings.eu_threshold, kr), ("excel.proc.year", settings.year,
                                                          YEAR_FORMAT))
    first = row + 1
    for row, (key, value, fmt) in enumerate(rows, start=first):
        put_text(ws, f"A{row}", context.t(key))
        put(ws, f"B{row}", value, fmt=fmt, fill=INPUT_FILL)
    put_text(ws, f"A{row + 1}", context.t("excel.proc.source"))
    put_text(ws, f"B{row + 1}", settings.source)
    label = {r: text_literal(label_for(context.lang, "proc.route", r.value)) for r in Route}
    value, national, eu = f"B{first}", f"B{first + 1}", f"B{first + 2}"
    put_text(ws, f"A{row + 2}", context.t("excel.proc.route"), font=BOLD)
    put(ws, f"B{row + 2}", f"=IF({value}<{national},{label[Route.NONE]},"
        f"IF({value}<={eu},{label[Route.NATIONAL]},{label[Route.EU]}))", font=BOLD,
        fill=KPI_FILL)


@register_sheet("fund", "excel.sheet.fund", order=40, applies=has_costs)
def build(ws: Worksheet, context: SheetContext) -> None:
    put_text(ws, "A1", context.t("excel.fund.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.fund.note"), font=NOTE_FONT)
    _settings(ws, context)
    _schedule(ws, context)
    _procurement(ws, context, FIRST_YEAR_ROW + context.scenario.horizon_years + 1)
    widths(ws, {"A": 44, **{c: 18 for c in "BCDEFGH"}})
    ws.freeze_panes = f"A{FIRST_YEAR_ROW}"
    a4(ws, landscape=True)
