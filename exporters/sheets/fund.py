"""Fond og udbud / Fund and procurement: the fund's repayment year by year as live formulas
(calculators.fund.fund_plan) over the Calculation sheet's flows, and the procurement route
(calculators.procurement) with its thresholds and their year.

Input cells (yellow): the fund settings and the procurement thresholds (`INPUTS`), each row keyed
by its scenario path in the hidden key column for the importer. An empty loan is written as the
formula of the roll-out's one-off costs (calculators.fund.default_loan), an empty position cost
as the formula of the hourly cost × hours per FTE (calculators.fund.position_cost); read back
showing that value, each stays empty, so it keeps following the scenario.

The repayment is compared with the budget effect (Calculation's budget gains − operating costs
− one-off costs after the roll-out); released time kept in the unit is shown beside it."""

from __future__ import annotations

import math

from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from calculators.fund import FALLBACK_POSITION_COST, default_loan, position_cost
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
from exporters.excel_spec import GAIN_COLUMNS, quoted, text_literal
from ui.i18n import label_for

SETTINGS_ROW = 4  # loan, FTE share, position cost, years, pledge, repaid after: rows 4–9
FTE_ROWS = {"fte_released_per_year": 10, "fte_taken_out_per_year": 11}
# Input cells, in sheet order: scenario path (also the row's key) -> label.
SETTINGS = {"fund.loan": "excel.fund.loan", "fund.fte_share": "excel.fund.fte_share",
            "fund.position_cost": "excel.fund.position_cost", "fund.years": "excel.fund.years"}
THRESHOLDS = {"procurement.national_threshold": "excel.proc.national",
              "procurement.eu_threshold": "excel.proc.eu", "procurement.year": "excel.proc.year"}
WHOLE = {"fund.years", "procurement.year"}
FIRST_YEAR_ROW = 13
COLUMNS = ("excel.col.year", "excel.col.calendar_year", "excel.fund.savings",
           "excel.fund.repayment", "excel.fund.repaid", "excel.fund.balance", "excel.fund.kept",
           "excel.fund.covered", "excel.fund.released_time")


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


def derived_position_cost(context: SheetContext) -> str:
    """Formula: the hours-weighted hourly cost of released time × HoursPerFTE
    (`calculators.fund.position_cost`), the fallback when there are no released hours."""
    rows = context.inputs.gain_rows
    if not rows:
        return f"={FALLBACK_POSITION_COST:.0f}"
    column = {key: context.inputs.column(GAIN_COLUMNS[key], rows)
              for key in ("annual_hours", "hourly_cost", "per_unit")}
    weight = f"(Units*{column['per_unit']}+1-{column['per_unit']})"
    hours = f"SUMPRODUCT({column['annual_hours']},{weight})"
    return (f"=IF({hours}>0,SUMPRODUCT({column['annual_hours']},{column['hourly_cost']},"
            f"{weight})/{hours}*HoursPerFTE,{FALLBACK_POSITION_COST:.0f})")


def _settings(ws: Worksheet, context: SheetContext) -> None:
    settings, kr = context.scenario.fund, KR_FORMAT[context.lang]
    rollout_end = len(context.scenario.scale.batches()) - 1
    loan = (f"=SUM({flow(context.calc, 'one_off_costs', 0, rollout_end)})"
            if settings.loan is None else settings.loan)
    position = (derived_position_cost(context) if settings.position_cost is None
                else settings.position_cost)
    values = {"fund.loan": (loan, kr), "fund.fte_share": (settings.fte_share, "0.00"),
              "fund.position_cost": (position, kr),
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
    for key, row in FTE_ROWS.items():
        put_text(ws, f"A{row}", context.t(f"excel.fund.{key.removesuffix('_per_year')}"))
        put(ws, f"B{row}", f"={context.calc.kpi(key)}", fmt="0.00", fill=KPI_FILL)


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
        put(ws, f"C{row}", f"={flow(calc, 'budget_gains', year)}"
            f"-{flow(calc, 'recurring_costs', year)}{unfinanced}", fmt=kr)
        put(ws, f"D{row}", f"=IF(A{row}<=$B$7,MIN($B$8,{before}),0)", fmt=kr)
        put(ws, f"E{row}", f"=$B$4-F{row}", fmt=kr)
        put(ws, f"F{row}", f"={before}-D{row}", fmt=kr)
        put(ws, f"G{row}", f"=C{row}-D{row}", fmt=kr)
        put(ws, f"H{row}", f"=C{row}>=D{row}-0.000000001")
        put(ws, f"I{row}", f"={flow(calc, 'released_time_kept', year)}", fmt=kr)


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


def _follows_formula(data: dict, exported: dict, name: str, value: float) -> bool:
    """The loan or position-cost cell shows what its formula gives for the edited scenario:
    it is still the formula (the loan summing the roll-out years of the scenario as exported)."""
    try:
        scenario = Scenario.model_validate({**data, "fund": {**data["fund"], name: None}})
        rollout_years = len(Scenario.model_validate(exported).scale.batches())
    except (ValidationError, TypeError):
        return False
    derived = (default_loan(scenario, rollout_years=rollout_years) if name == "loan"
               else position_cost(scenario).value)
    return math.isclose(value, derived, rel_tol=1e-9, abs_tol=0.01)


def read(reader: Reader, data: dict, exported: dict) -> None:
    """The settings and thresholds as edited; rows gone from the sheet keep the stored values."""
    for path in (*SETTINGS, *THRESHOLDS):
        group, name = path.split(".")
        target = data.setdefault(group, {})
        row = reader.first_row(path)
        if row is None or not isinstance(target, dict):
            continue
        derived = path in ("fund.loan", "fund.position_cost")
        value = reader.number((group, name), f"B{row}", whole=path in WHOLE, blank=derived)
        if derived and target.get(name) is None and value is not None and \
                _follows_formula(data, exported, name, value):
            value = None
        target[name] = value if path in WHOLE else as_stored(value, target.get(name))


@register_sheet("fund", "excel.sheet.fund", order=40, applies=has_costs, read=read)
def build(ws: Worksheet, context: SheetContext) -> None:
    put_text(ws, "A1", context.t("excel.fund.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.fund.note"), font=NOTE_FONT)
    _settings(ws, context)
    _schedule(ws, context)
    _procurement(ws, context, FIRST_YEAR_ROW + context.scenario.horizon_years + 1)
    widths(ws, {"A": 44, **{c: 18 for c in "BCDEFGHI"}})
    ws.freeze_panes = f"A{FIRST_YEAR_ROW}"
    a4(ws, landscape=True)
