"""Fond og udbud / Fund and procurement: the fund's repayment year by year as live formulas
(calculators.fund.fund_plan) over the Calculation sheet's flows, and the procurement route
(calculators.procurement) with its thresholds and their year.

Input cells (yellow): the fund settings and the procurement thresholds (`INPUTS`), each row keyed
by its scenario path in the hidden key column for the importer. An empty loan is written as the
formula of the roll-out's one-off costs (calculators.fund.default_loan); read back showing that
value, it stays empty, so it keeps following the costs."""

from __future__ import annotations

import math

from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from calculators.fund import default_loan
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
    key_cell,
    put,
    put_text,
    widths,
)
from exporters.excel_reader import Reader, as_stored
from exporters.excel_registry import SheetContext, register_sheet
from exporters.excel_spec import quoted, text_literal
from ui.i18n import label_for

SETTINGS_ROW = 4  # loan, FTE share, position cost, years, pledge, repaid after: rows 4–9
# Input cells, in sheet order: scenario path (also the row's key) -> label.
SETTINGS = {"fund.loan": "excel.fund.loan", "fund.fte_share": "excel.fund.fte_share",
            "fund.position_cost": "excel.fund.position_cost", "fund.years": "excel.fund.years"}
THRESHOLDS = {"procurement.national_threshold": "excel.proc.national",
              "procurement.eu_threshold": "excel.proc.eu", "procurement.year": "excel.proc.year"}
WHOLE = {"fund.years", "procurement.year"}
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


def _input(ws: Worksheet, context: SheetContext, row: int, path: str, label: str,
           value: object, fmt: str) -> None:
    put_text(ws, f"A{row}", context.t(label))
    put(ws, f"B{row}", value, fmt=fmt, fill=INPUT_FILL)
    key_cell(ws, row, path)


def _settings(ws: Worksheet, context: SheetContext) -> None:
    settings, kr = context.scenario.fund, KR_FORMAT[context.lang]
    rollout_end = len(context.scenario.scale.batches()) - 1
    loan = (f"=SUM({flow(context.calc, 'one_off_costs', 0, rollout_end)})"
            if settings.loan is None else settings.loan)
    values = {"fund.loan": (loan, kr), "fund.fte_share": (settings.fte_share, "0.00"),
              "fund.position_cost": (settings.position_cost, kr),
              "fund.years": (settings.years, YEAR_FORMAT)}
    for row, (path, label) in enumerate(SETTINGS.items(), start=SETTINGS_ROW):
        _input(ws, context, row, path, label, *values[path])
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
    first = row + 1
    put_text(ws, f"A{first}", context.t("excel.proc.value"))
    put(ws, f"B{first}", found.value, fmt=kr)
    for row, (path, label) in enumerate(THRESHOLDS.items(), start=first + 1):
        value = getattr(settings, path.split(".")[1])
        _input(ws, context, row, path, label, value, YEAR_FORMAT if path in WHOLE else kr)
    put_text(ws, f"A{row + 1}", context.t("excel.proc.source"))
    put_text(ws, f"B{row + 1}", settings.source)
    label = {r: text_literal(label_for(context.lang, "proc.route", r.value)) for r in Route}
    value, national, eu = f"B{first}", f"B{first + 1}", f"B{first + 2}"
    put_text(ws, f"A{row + 2}", context.t("excel.proc.route"), font=BOLD)
    put(ws, f"B{row + 2}", f"=IF({value}<{national},{label[Route.NONE]},"
        f"IF({value}<={eu},{label[Route.NATIONAL]},{label[Route.EU]}))", font=BOLD,
        fill=KPI_FILL)


def _follows_costs(data: dict, exported: dict, loan: float) -> bool:
    """The loan cell shows what its formula gives for the edited scenario: it is still the
    formula (summing the roll-out years of the scenario as exported)."""
    try:
        scenario = Scenario.model_validate(data)
        rollout_years = len(Scenario.model_validate(exported).scale.batches())
    except ValidationError:
        return False
    return math.isclose(loan, default_loan(scenario, rollout_years=rollout_years),
                        rel_tol=1e-9, abs_tol=0.01)


def read(reader: Reader, data: dict, exported: dict) -> None:
    """The settings and thresholds as edited; rows gone from the sheet keep the stored values."""
    for path in (*SETTINGS, *THRESHOLDS):
        group, name = path.split(".")
        target = data.setdefault(group, {})
        row = reader.first_row(path)
        if row is None or not isinstance(target, dict):
            continue
        value = reader.number((group, name), f"B{row}", whole=path in WHOLE,
                              blank=path == "fund.loan")
        if path == "fund.loan" and target.get(name) is None and value is not None and \
                _follows_costs(data, exported, value):
            value = None
        target[name] = value if path in WHOLE else as_stored(value, target.get(name))


@register_sheet("fund", "excel.sheet.fund", order=40, applies=has_costs, read=read)
def build(ws: Worksheet, context: SheetContext) -> None:
    put_text(ws, "A1", context.t("excel.fund.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.fund.note"), font=NOTE_FONT)
    _settings(ws, context)
    _schedule(ws, context)
    _procurement(ws, context, FIRST_YEAR_ROW + context.scenario.horizon_years + 1)
    widths(ws, {"A": 44, **{c: 18 for c in "BCDEFGH"}})
    ws.freeze_panes = f"A{FIRST_YEAR_ROW}"
    a4(ws, landscape=True)
