"""Fond og udbud / Fund and procurement: the fund's repayment year by year as live formulas
(calculators.fund.fund_plan) over the Calculation sheet's flows, and the procurement
(calculators.procurement): the contract value (udbudsloven §§ 30, 37–38) as the sum of the
Calculation sheet's cost lines bought from the supplier over the contract years, the year's
thresholds looked up in the dated threshold table written on the sheet, and the route.

Input cells (yellow): the fund settings and the contract's period, open-endedness and own EU
threshold (`SETTINGS`, `CONTRACT`), each row keyed by its scenario path in the hidden key column
for the importer. An empty loan is written as the formula of the roll-out's one-off costs
(calculators.fund.default_loan), an empty position cost as the formula of the hourly cost × hours
per FTE (calculators.fund.position_cost); read back showing that value, each stays empty, so it
keeps following the scenario. An empty contract period is written as the horizon and read back as
empty while it still shows the horizon.

The repayment is compared with the budget effect (Calculation's budget gains − operating costs
− one-off costs after the roll-out); released time kept in the unit is shown beside it."""

from __future__ import annotations

import math

from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from calculators.fund import FALLBACK_POSITION_COST, default_loan, position_cost
from calculators.model import ContractKind, Scenario
from calculators.procurement import (
    EU_KIND,
    OPEN_ENDED_MONTHS,
    SUPPLIER_CATEGORIES,
    Route,
    ThresholdKind,
    threshold_table,
)
from exporters.excel_calc import YEAR_ROW, CalcLayout
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    INPUT_FILL,
    KPI_FILL,
    KR_FORMAT,
    NOTE_FONT,
    NUMBER_FORMAT,
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
from exporters.excel_spec import COST_COLUMNS, GAIN_COLUMNS, quoted, text_literal
from ui.i18n import label_for

SETTINGS_ROW = 4  # loan, FTE share, position cost, years, pledge, repaid after: rows 4–9
FTE_ROWS = {"fte_released_per_year": 10, "fte_taken_out_per_year": 11}
# Input cells, in sheet order: scenario path (also the row's key) -> label.
SETTINGS = {"fund.loan": "excel.fund.loan", "fund.fte_share": "excel.fund.fte_share",
            "fund.position_cost": "excel.fund.position_cost", "fund.years": "excel.fund.years"}
CONTRACT = {"procurement.contract_years": "excel.proc.contract_years",
            "procurement.open_ended": "excel.proc.open_ended",
            "procurement.user_eu_threshold": "excel.proc.user_eu"}
WHOLE = {"fund.years", "procurement.contract_years"}
DERIVED = {"fund.loan", "fund.position_cost"}  # empty = a formula that follows the scenario
BLANK = {*DERIVED, "procurement.user_eu_threshold"}
TABLE_COLUMNS = ("proc.col.from", "proc.col.to", "proc.col.kind", "proc.col.dkk", "proc.col.eur",
                 "proc.col.rate", "proc.col.law", "proc.col.source")
CODE_COLUMN = "J"  # the threshold's code, which the lookups match: hidden, the kind is shown
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
              for key in ("annual_hours", "hourly_cost", "per_unit", "price_factor")}
    weight = f"(Units*{column['per_unit']}+1-{column['per_unit']})"
    hours = f"SUMPRODUCT({column['annual_hours']},{weight})"
    return (f"=IF({hours}>0,SUMPRODUCT({column['annual_hours']},{column['hourly_cost']},"
            f"{column['price_factor']},{weight})/{hours}*HoursPerFTE,"
            f"{FALLBACK_POSITION_COST:.0f})")


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


def _threshold_table(ws: Worksheet, context: SheetContext, row: int) -> tuple[int, int]:
    """The dated threshold table as shipped, from `row`; returns its first and last data row."""
    put_text(ws, f"A{row}", context.t("proc.table"), font=BOLD)
    put_text(ws, f"A{row + 1}", context.t("proc.stale"), font=NOTE_FONT)
    header_row(ws, row + 2, [context.t(key) for key in TABLE_COLUMNS])
    header_row(ws, row + 2, [context.t("excel.proc.code")],
               first_column=column_index_from_string(CODE_COLUMN))
    first = row + 3
    for r, threshold in enumerate(threshold_table(), start=first):
        put(ws, f"A{r}", threshold.valid_from.year, fmt=YEAR_FORMAT)
        put(ws, f"B{r}", threshold.valid_to.year if threshold.valid_to else None,
            fmt=YEAR_FORMAT)
        put_text(ws, f"{CODE_COLUMN}{r}", threshold.kind.value)
        put_text(ws, f"C{r}", label_for(context.lang, "threshold_kind", threshold.kind.value))
        put(ws, f"D{r}", threshold.amount_dkk, fmt=KR_FORMAT[context.lang])
        put(ws, f"E{r}", threshold.amount_eur, fmt=NUMBER_FORMAT)
        put(ws, f"F{r}", threshold.estimated_rate, fmt="0.0000")
        put_text(ws, f"G{r}", threshold.law)
        put_text(ws, f"H{r}", threshold.source)
    return first, first + len(threshold_table()) - 1


def _lookup(kind: str, year: str, rows: tuple[int, int]) -> tuple[str, str]:
    """(rows of `kind` valid in `year`, their amount) over the table: an empty 'to' is open."""
    first, last = rows

    def col(c: str) -> str:
        return f"${c}${first}:${c}${last}"

    valid = (f"({col(CODE_COLUMN)}={text_literal(kind)})*({col('A')}<={year})"
             f"*((({col('B')}=\"\")+({col('B')}>={year}))>0)")
    return f"SUMPRODUCT({valid})", f"SUMPRODUCT({valid}*{col('D')})"


def _contract_lines(ws: Worksheet, context: SheetContext, row: int, counted: str) -> int:
    """Per cost line: bought from the supplier (the Inputs sheet's answer, else its category)
    and its payments in years 0 … `counted` from the Calculation sheet; returns the last row."""
    calc, inputs, c = context.calc, context.inputs, COST_COLUMNS
    header_row(ws, row, [context.t(k) for k in ("proc.col.line", "proc.col.supplier",
                                                 "proc.col.value")])
    years = f"{quoted(calc.sheet)}!$B${YEAR_ROW}:${calc.last}${YEAR_ROW}"
    bought = [label_for(context.lang, "cost_category", c_.value) for c_ in SUPPLIER_CATEGORIES]
    for r, (line, input_row, (_, kr_row)) in enumerate(
            zip(context.scenario.costs, inputs.cost_rows, calc.cost_rows, strict=True),
            start=row + 1):
        put_text(ws, f"A{r}", line.name)
        category = inputs.ref(c["category"], input_row)
        default = "OR(" + ",".join(f"{category}={text_literal(b)}" for b in sorted(bought)) + ")"
        answer = inputs.ref(c["supplier"], input_row)
        put(ws, f"B{r}", f"=IF({answer}=\"\",{default},{answer}=TRUE)")
        put(ws, f"C{r}", f"=IF(B{r},SUMPRODUCT(({years}<={counted})"
            f"*{calc.row_ref(kr_row)}),0)", fmt=KR_FORMAT[context.lang])
    return row + len(context.scenario.costs)


PROC_ROWS = ("kind", "years", "open_ended", "counted", "start", "user_eu", "eu", "one",
             "licitation", "value", "route", "chosen", "gap", "lines")


def proc_rows(title: int) -> dict[str, int]:
    """Rows of the procurement block under its title row (`lines`: the lines' header)."""
    return {"title": title} | {name: title + 1 + i for i, name in enumerate(PROC_ROWS)}


def _contract(ws: Worksheet, context: SheetContext, r: dict[str, int]) -> None:
    """The contract's kind, period (inputs), the years counted and the thresholds' year."""
    settings = context.scenario.procurement
    put_text(ws, f"A{r['title']}", context.t("excel.proc.title"), font=BOLD)
    put_text(ws, f"A{r['kind']}", context.t("proc.contract_kind"))
    put_text(ws, f"B{r['kind']}", label_for(context.lang, "contract_kind", settings.contract_kind))
    values = {"procurement.contract_years": (settings.contract_years
                                             or context.scenario.horizon_years, YEAR_FORMAT),
              "procurement.open_ended": (settings.open_ended, None),
              "procurement.user_eu_threshold": (settings.user_eu_threshold,
                                                KR_FORMAT[context.lang])}
    for row, (path, label) in zip((r['years'], r['open_ended'], r['user_eu']), CONTRACT.items(),
                                  strict=True):
        _input(ws, context, row, path, label, *values[path])
    put_text(ws, f"A{r['counted']}", context.t("excel.proc.counted"))
    put(ws, f"B{r['counted']}", f"=IF(B{r['open_ended']},{OPEN_ENDED_MONTHS // 12},"
        f"MIN(B{r['years']},Horizon))", fmt=YEAR_FORMAT)
    put_text(ws, f"A{r['start']}", context.t("excel.proc.start_year"))
    put(ws, f"B{r['start']}", "=StartYear", fmt=YEAR_FORMAT)


def _kind_literals(context: SheetContext) -> tuple[str, str]:
    """The social-services and building-work labels as formula literals (the kind cell's text)."""
    return tuple(text_literal(label_for(context.lang, "contract_kind", c.value))
                 for c in (ContractKind.SOCIAL_SERVICES, ContractKind.BUILDING_WORK))


def _thresholds(ws: Worksheet, context: SheetContext, r: dict[str, int],
                table: tuple[int, int]) -> None:
    """The year's EU threshold for the contract's kind (or the own one) and tilbudsloven's."""
    year, kind = f"$B${r['start']}", f"B{r['kind']}"
    social, building = _kind_literals(context)

    def by_kind(part: int) -> str:
        """The contract kind's EU threshold lookup: part 0 = rows found, 1 = amount."""
        of = {c: _lookup(EU_KIND[c].value, year, table)[part] for c in ContractKind}
        return (f"IF({kind}={building},{of[ContractKind.BUILDING_WORK]},IF({kind}={social},"
                f"{of[ContractKind.SOCIAL_SERVICES]},{of[ContractKind.SUPPLIES_SERVICES]}))")

    kr = KR_FORMAT[context.lang]
    put_text(ws, f"A{r['eu']}", context.t("excel.proc.eu"))
    put(ws, f"B{r['eu']}", f"=IF(B{r['user_eu']}<>\"\",B{r['user_eu']},IF({by_kind(0)}=0,\"\","
        f"{by_kind(1)}))", fmt=kr)
    for row, code, label in ((r['one'], ThresholdKind.TILBUDSLOVEN_ONE_OFFER, "excel.proc.one"),
                             (r['licitation'], ThresholdKind.TILBUDSLOVEN_LICITATION,
                              "excel.proc.licitation")):
        put_text(ws, f"A{row}", context.t(label))
        put(ws, f"B{row}", f"={_lookup(code.value, year, table)[1]}", fmt=kr)


def _route(ws: Worksheet, context: SheetContext, r: dict[str, int], last_line: int) -> None:
    """The contract value (sum of the lines) and the rules it falls under, as formulas."""
    put_text(ws, f"A{r['value']}", context.t("proc.value"), font=BOLD)
    put(ws, f"B{r['value']}", f"=SUM(C{r['lines'] + 1}:C{max(last_line, r['lines'] + 1)})",
        fmt=KR_FORMAT[context.lang], font=BOLD, fill=KPI_FILL)
    label = {k: text_literal(label_for(context.lang, "proc.route", k.value)) for k in Route}
    social, building = _kind_literals(context)
    none = text_literal(context.t("proc.route.none"))
    value, kind = f"B{r['value']}", f"B{r['kind']}"
    one, licitation = f"B{r['one']}", f"B{r['licitation']}"
    tilbud = (f"IF({value}<{one},{label[Route.TILBUD_ONE_OFFER]},IF({value}<={licitation},"
              f"{label[Route.TILBUD_INVITED]},{label[Route.TILBUD_LICITATION]}))")
    put_text(ws, f"A{r['route']}", context.t("excel.proc.route"), font=BOLD)
    eu = f"B{r['eu']}"
    put(ws, f"B{r['route']}", f"=IF({eu}=\"\",{none},IF({value}>={eu},IF({kind}={social},"
        f"{label[Route.LIGHT_REGIME]},{label[Route.EU_TENDER]}),IF({kind}={building},"
        f"{tilbud},{label[Route.BELOW_THRESHOLD]})))", font=BOLD, fill=KPI_FILL)
    put_text(ws, f"A{r['chosen']}", context.t("proc.chosen_route"))
    put_text(ws, f"B{r['chosen']}", label_for(context.lang, "proc_route",
                                            context.scenario.procurement.route))


def _procurement(ws: Worksheet, context: SheetContext, row: int) -> None:
    rows = proc_rows(row)
    _contract(ws, context, rows)
    last_line = _contract_lines(ws, context, rows["lines"], f"$B${rows['counted']}")
    table = _threshold_table(ws, context, last_line + 2)
    _thresholds(ws, context, rows, table)
    _route(ws, context, rows, last_line)


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
    """The settings and the contract as edited; rows gone from the sheet keep the stored values."""
    for path in (*SETTINGS, *CONTRACT):
        group, name = path.split(".")
        target = data.setdefault(group, {})
        row = reader.first_row(path)
        if row is None or not isinstance(target, dict):
            continue
        if path == "procurement.open_ended":
            target[name] = reader.boolean((group, name), f"B{row}")
            continue
        value = reader.number((group, name), f"B{row}", whole=path in WHOLE,
                              blank=path in BLANK)
        if path in DERIVED and target.get(name) is None and value is not None and \
                _follows_formula(data, exported, name, value):
            value = None
        if path == "procurement.contract_years" and target.get(name) is None and \
                value == data.get("horizon_years"):
            value = None  # still the horizon: keeps following it
        target[name] = value if path in WHOLE else as_stored(value, target.get(name))


@register_sheet("fund", "excel.sheet.fund", order=40, applies=has_costs, read=read)
def build(ws: Worksheet, context: SheetContext) -> None:
    put_text(ws, "A1", context.t("excel.fund.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.fund.note"), font=NOTE_FONT)
    _settings(ws, context)
    _schedule(ws, context)
    _procurement(ws, context, FIRST_YEAR_ROW + context.scenario.horizon_years + 1)
    widths(ws, {"A": 44, **{c: 18 for c in "BCDEFGHI"}})
    ws.column_dimensions[CODE_COLUMN].hidden = True
    ws.freeze_panes = f"A{FIRST_YEAR_ROW}"
    a4(ws, landscape=True)
