"""The Calculation (years across) and Months sheets: the engine's time convention as formulas.

Calculation: one column per year 0 … horizon. Per line, one-off costs count purchases (roll-out
batches, or the years given) plus reinvestments every lifetime before the horizon; recurring
costs are paid for the units installed before the year; gains are the line's annual value times
the year's share of gain-earning unit-months (implementation and ramp-up), computed on Months.
Months: one row per month 0 … 12·horizon with the engine's accruals and lumps, the cumulative
net before and after each lump, and payback T = the last time the cumulative is negative — the
same definition and arithmetic as `calculators.metrics.payback_months_array`.

Two tracks, never blended: the total value incl. released time (net) and the budget effect.
Each gain line has a share row: the share of its value reaching the municipality's budget in
each year (`GainLine.budget_share`: 0 unless the owner is the municipality; 1 for budget
savings, avoided costs and income; for released time the realisation plan typed on Inputs as
"0; 50 %", read here by formula, the last share repeating). Budget gains = Σ value · share.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from calculators.cashflow import GAIN_COLUMNS as ENGINE_GAIN_COLUMNS
from calculators.model import MUNICIPAL_OWNERS, CostKind, GainKind, Scenario
from exporters.excel_cells import (
    BOLD,
    FACTOR_FORMAT,
    HELPER_FONT,
    KPI_FILL,
    KR_FORMAT,
    MONTHS_FORMAT,
    NOTE_FONT,
    NUMBER_FORMAT,
    SECTION_FILL,
    SHARE_FORMAT,
    TITLE_FONT,
    TOP_BORDER,
    YEAR_FORMAT,
    a4,
    header_row,
    put,
    put_text,
    widths,
)
from exporters.excel_inputs import InputsLayout, fixed_prices, label_is, name
from exporters.excel_spec import (
    COST_COLUMNS,
    FIRST_DATA_ROW_MONTHS,
    GAIN_COLUMNS,
    PLAN_COLUMNS,
    quoted,
)
from exporters.excel_spec import text_literal as lit
from ui.i18n import label_for, translate

YEAR_ROW, CALENDAR_ROW, ADDED_ROW, INSTALLED_ROW = 4, 5, 6, 7
UNIT_YEARS_ROW, SHARE_ROW, FACTOR_ROW = 8, 9, 10
FLOW_ROWS = ["one_off_costs", "recurring_costs", "total_costs", *ENGINE_GAIN_COLUMNS.values(),
             "total_gains", "net", "cumulative_net", "discounted_net", "cumulative_discounted",
             "hours_released", "budget_gains", "budget_effect", "cumulative_budget",
             "discounted_budget", "cumulative_discounted_budget", "hours_taken_out",
             "released_time_kept", "residual_value", "budget_per_unit", "budget_fixed"]
HELPER_FLOWS = {"budget_per_unit", "budget_fixed"}  # annual budget gains a unit / of total lines
FIRST_FLOW_ROW = 13
KPIS = ["total_investment", "total_net", "npv", "irr", "payback_months",
        "discounted_payback_months", "annual_net_steady_state", "hours_released_per_year",
        "fte_released_per_year", "budget_total", "budget_npv", "budget_payback_months",
        "budget_discounted_payback_months", "annual_budget_effect_steady_state",
        "hours_taken_out_per_year", "fte_taken_out_per_year", "residual_value"]
HELPERS = ["gains_per_unit", "gains_fixed", "payback_years", "zero", "budget_payback_years",
           "budget_zero"]
TOLERANCE = "1E-9"
MONTH_COLUMNS = [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB", "AC", "AD", "AE"]
# Payback columns per track: cumulative, before the lump, marker, candidate, accrual, lump.
TRACKS = {"net": ("J", "K", "L", "M", "I", "H"), "discounted": ("Q", "R", "S", "T", "O", "P"),
          "budget": ("W", "X", "Y", "Z", "V", "H"),
          "budget_discounted": ("AB", "AC", "AD", "AE", "AA", "P")}


@dataclass
class CalcLayout:
    sheet: str
    months_sheet: str
    horizon: int
    flow_rows: dict[str, int]
    kpi_rows: dict[str, int]
    cost_rows: list[tuple[int, int]]  # (count row, kr row) per cost line
    gain_rows: list[int]
    cost_header: int
    gain_header: int
    share_rows: list[int]  # per gain line: the share of its value reaching the budget
    share_header: int

    def col(self, year: int) -> str:
        return get_column_letter(2 + year)

    @property
    def last(self) -> str:
        return self.col(self.horizon)

    @property
    def tag(self) -> str:
        return get_column_letter(4 + self.horizon)

    @property
    def cash(self) -> str:
        return get_column_letter(5 + self.horizon)

    def row_ref(self, row: int) -> str:
        return f"{quoted(self.sheet)}!$B${row}:${self.last}${row}"

    def kpi(self, key: str) -> str:
        return f"{quoted(self.sheet)}!$B${self.kpi_rows[key]}"

    @property
    def months_last_row(self) -> int:
        return FIRST_DATA_ROW_MONTHS + 12 * self.horizon

    def months_ref(self, column: str) -> str:
        return (f"{quoted(self.months_sheet)}!${column}${FIRST_DATA_ROW_MONTHS}"
                f":${column}${self.months_last_row}")


def plan(scenario: Scenario, sheet: str, months_sheet: str) -> CalcLayout:
    flow_rows = {key: FIRST_FLOW_ROW + i for i, key in enumerate(FLOW_ROWS)}
    first_kpi = FIRST_FLOW_ROW + len(FLOW_ROWS) + 2
    kpi_rows = {key: first_kpi + i for i, key in enumerate([*KPIS, *HELPERS])}
    cost_header = first_kpi + len(KPIS) + len(HELPERS) + 1
    cost_rows = [(cost_header + 1 + 2 * i, cost_header + 2 + 2 * i)
                 for i in range(len(scenario.costs))]
    gain_header = cost_header + 2 * len(scenario.costs) + 2
    gain_rows = list(range(gain_header + 1, gain_header + 1 + len(scenario.gains)))
    share_header = gain_header + len(scenario.gains) + 2
    share_rows = list(range(share_header + 1, share_header + 1 + len(scenario.gains)))
    return CalcLayout(sheet, months_sheet, scenario.horizon_years, flow_rows, kpi_rows, cost_rows,
                      gain_rows, cost_header, gain_header, share_rows, share_header)


def _label(ws: Worksheet, row: int, text: str, **style: object) -> None:
    put_text(ws, f"A{row}", text, **style)


def _across(ws: Worksheet, calc: CalcLayout, row: int, formula, fmt: str, **style: object) -> None:
    """One formula per year column; `formula(year, column, previous_column)` builds it."""
    for year in range(calc.horizon + 1):
        column = calc.col(year)
        previous = calc.col(year - 1) if year else None
        put(ws, f"{column}{row}", formula(year, column, previous), fmt=fmt, **style)


def _time_rows(ws: Worksheet, wb: Workbook, calc: CalcLayout, lang: str) -> None:
    header_row(ws, YEAR_ROW, [translate(lang, "table.year")])
    for year in range(calc.horizon + 1):
        put(ws, f"{calc.col(year)}{YEAR_ROW}", year, fmt=YEAR_FORMAT, font=BOLD, fill=SECTION_FILL)
    rows = {
        CALENDAR_ROW: ("table.calendar_year", YEAR_FORMAT,
                       lambda y, c, p: f"=StartYear+{c}${YEAR_ROW}"),
        ADDED_ROW: ("excel.calc.units_added", NUMBER_FORMAT,
                    lambda y, c, p: f"=IF(COUNT(Rollout)=0,IF({c}${YEAR_ROW}=0,Units,0),"
                    f"IF({c}${YEAR_ROW}<ROWS(Rollout),N(INDEX(Rollout,{c}${YEAR_ROW}+1)),0))"),
        INSTALLED_ROW: ("table.units_installed", NUMBER_FORMAT,
                        lambda y, c, p: f"=SUM($B${ADDED_ROW}:{c}{ADDED_ROW})"),
        UNIT_YEARS_ROW: ("excel.calc.unit_years", "0.0000",
                         lambda y, c, p: f"=SUMIF({calc.months_ref('B')},{c}${YEAR_ROW},"
                         f"{calc.months_ref('D')})/12"),
        SHARE_ROW: ("excel.calc.share_of_year", "0.0000",
                    lambda y, c, p: f"=SUMIF({calc.months_ref('B')},{c}${YEAR_ROW},"
                    f"{calc.months_ref('E')})/12"),
        FACTOR_ROW: ("table.discount_factor", FACTOR_FORMAT,
                     lambda y, c, p: f"=1/(1+DiscountRate)^{c}${YEAR_ROW}"),
    }
    for row, (key, fmt, formula) in rows.items():
        _label(ws, row, translate(lang, key))
        _across(ws, calc, row, formula, fmt)
    for defined, row in (("YearNumbers", YEAR_ROW), ("UnitsAdded", ADDED_ROW),
                         ("DiscountFactors", FACTOR_ROW)):
        name(wb, defined, calc.row_ref(row))


@dataclass(frozen=True)
class CostRefs:
    """The Inputs cells of one cost line, as used in its Calculation formulas."""

    one_off: str  # formula: the line is one-off
    per_unit: str
    years: str
    lifetime: str
    amount: str

    def member(self, year: str) -> str:
        """1 when the year is in the line's comma-separated list of years, else 0."""
        return (f'--ISNUMBER(SEARCH(","&{year}&",",'
                f'","&SUBSTITUTE({self.years}," ","")&","))')

    def count(self, column: str, previous: str | None) -> str:
        """Units bought (one-off) or paid for (recurring) in the column's year."""
        year = f"{column}${YEAR_ROW}"
        no_years = f"LEN(TRIM({self.years}))=0"
        in_years = f"IF({no_years},1,{self.member(year)})"
        installed = f"{previous}${INSTALLED_ROW}" if previous else "0"
        one_off = (f"IF({self.per_unit},{column}${ADDED_ROW}*{in_years},"
                   f"IF({no_years},--({year}=0),{self.member(year)}))")
        recurring = f"IF({year}=0,0,IF({self.per_unit},{installed},1)*{in_years})"
        return f"=IF({year}>Horizon,0,IF({self.one_off},{one_off},{recurring}))"

    def kroner(self, column: str, previous: str | None, count_row: int) -> str:
        """Amount × (this year's count + reinvestments of earlier purchases before the horizon)."""
        if previous is None:
            return f"={self.amount}*{column}{count_row}"
        year = f"{column}${YEAR_ROW}"
        earlier = f"$B{count_row}:{previous}{count_row}"
        due = f"--(MOD({year}-$B${YEAR_ROW}:{previous}${YEAR_ROW},MAX(1,{self.lifetime}))=0)"
        reinvest = (f"IF(AND({self.one_off},{self.lifetime}>0,{year}<Horizon),"
                    f"SUMPRODUCT({earlier},{due}),0)")
        return f"={self.amount}*({column}{count_row}+{reinvest})"

    def residual(self, kr_row: int, last: str) -> str:
        """Residual value at the horizon's end: each year's purchases (kr) times the share of
        the lifetime left, max(0, L − (Horizon − year)) / L (cashflow.residual_share)."""
        left = f"({self.lifetime}-(Horizon-YearNumbers))"
        return (f"=IF(AND({self.one_off},{self.lifetime}>0),SUMPRODUCT($B{kr_row}:${last}{kr_row},"
                f"--(YearNumbers<=Horizon),--({left}>0),{left}/{self.lifetime}),0)")


def _cost_lines(ws: Worksheet, calc: CalcLayout, inputs: InputsLayout, lang: str) -> None:
    c = COST_COLUMNS
    _label(ws, calc.cost_header, translate(lang, "excel.calc.cost_lines"), font=BOLD,
           fill=SECTION_FILL)
    put_text(ws, f"{calc.tag}{calc.cost_header}", translate(lang, "field.kind"), font=BOLD)
    put_text(ws, f"{calc.cash}{calc.cost_header}", translate(lang, "table.residual_value"),
             font=BOLD)
    count_label = lit(translate(lang, "excel.calc.count"))
    for (count_row, kr_row), r in zip(calc.cost_rows, inputs.cost_rows, strict=True):
        kind = inputs.ref(c["kind"], r)
        refs = CostRefs(one_off=label_is(lang, kind, "cost_kind", CostKind.ONE_OFF.value),
                        per_unit=inputs.ref(c["per_unit"], r), years=inputs.ref(c["years"], r),
                        lifetime=f"N({inputs.ref(c['lifetime_years'], r)})",
                        amount=f"{inputs.ref(c['amount'], r)}"
                        f"*{inputs.ref(c['price_factor'], r)}")
        name_ref = inputs.ref(c["name"], r)
        put(ws, f"A{count_row}", f'={name_ref}&" – "&{count_label}', font=HELPER_FONT)
        _across(ws, calc, count_row, lambda y, col, prev, refs=refs: refs.count(col, prev),
                "0.##", font=HELPER_FONT)
        put(ws, f"A{kr_row}", f"={name_ref}")
        _across(ws, calc, kr_row, lambda y, col, prev, refs=refs, row=count_row:
                refs.kroner(col, prev, row), KR_FORMAT[lang])
        put(ws, f"{calc.tag}{kr_row}", f"={kind}")
        put(ws, f"{calc.cash}{kr_row}", refs.residual(kr_row, calc.last), fmt=KR_FORMAT[lang])


def _gain_lines(ws: Worksheet, calc: CalcLayout, inputs: InputsLayout, lang: str) -> None:
    g = GAIN_COLUMNS
    header = calc.gain_header
    _label(ws, header, translate(lang, "excel.calc.gain_lines"), font=BOLD, fill=SECTION_FILL)
    put_text(ws, f"{calc.tag}{header}", translate(lang, "field.kind"), font=BOLD)
    put_text(ws, f"{calc.cash}{header}", translate(lang, "field.owner"), font=BOLD)
    for row, r in zip(calc.gain_rows, inputs.gain_rows, strict=True):
        annual = inputs.ref(g["annual_value"], r)
        per_unit = inputs.ref(g["per_unit"], r)
        put(ws, f"A{row}", f"={inputs.ref(g['name'], r)}")
        _across(ws, calc, row, lambda y, col, p, annual=annual, per_unit=per_unit:
                f"={annual}*IF({per_unit},Adoption*Realisation*{col}${UNIT_YEARS_ROW},"
                f"Realisation*{col}${SHARE_ROW})", KR_FORMAT[lang])
        put(ws, f"{calc.tag}{row}", f"={inputs.ref(g['kind'], r)}")
        put(ws, f"{calc.cash}{row}", f"={inputs.ref(g['owner'], r)}")


def plan_share(lang: str, owner: str, kind: str, text: str, count: str, year: str) -> str:
    """Formula: a gain line's budget share in `year` (`GainLine.budget_share`). `text` is the
    plan with spaces and % removed and decimal commas made points ("0;50"), `count` its number
    of shares; the year's share is item min(max(year, 1), count). Numbers are read digit by
    digit (VALUE of whole digits only), so the result does not depend on the locale."""
    municipal = ",".join(label_is(lang, owner, "gain_owner", o.value)
                         for o in sorted(MUNICIPAL_OWNERS))
    item = f"MIN(MAX({year},1),{count})"
    element = f'TRIM(MID(SUBSTITUTE({text},";",REPT(" ",99)),({item}-1)*99+1,99))'
    point = f'FIND(".",{element}&".")'
    decimals = f"MID({element},{point}+1,15)"
    number = (f'(VALUE("0"&LEFT({element},{point}-1))'
              f"+IFERROR(VALUE({decimals})/10^LEN({decimals}),0))/100")
    time = label_is(lang, kind, "gain_kind", GainKind.RELEASED_TIME.value)
    return f"=IF(OR({municipal}),IF({time},IF({count}=0,0,{number}),1),0)"


def _share_lines(ws: Worksheet, calc: CalcLayout, inputs: InputsLayout, lang: str) -> None:
    """Per gain line the share of its value reaching the budget each year; the plan's
    normalised text and count of shares sit in the kind and owner columns as helpers."""
    header = calc.share_header
    _label(ws, header, translate(lang, "excel.calc.share_lines"), font=BOLD, fill=SECTION_FILL)
    put_text(ws, f"{calc.tag}{header}", translate(lang, "field.budget_shares"), font=BOLD)
    put_text(ws, f"{calc.cash}{header}", translate(lang, "excel.calc.plan_count"), font=BOLD)
    for row, r, p in zip(calc.share_rows, inputs.gain_rows, inputs.plan_rows, strict=True):
        plan_cell = inputs.ref(PLAN_COLUMNS["budget_shares"], p)
        text, count = f"${calc.tag}{row}", f"${calc.cash}{row}"
        put(ws, f"A{row}", f"={inputs.ref(GAIN_COLUMNS['name'], r)}")
        put(ws, f"{calc.tag}{row}", f'=SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({plan_cell},'
            f'"%","")," ",""),CHAR(160),""),",",".")', font=HELPER_FONT)
        put(ws, f"{calc.cash}{row}", f'=IF(LEN({text})=0,0,LEN({text})-LEN(SUBSTITUTE({text},'
            f'";",""))+1)', font=HELPER_FONT)
        owner = inputs.ref(GAIN_COLUMNS["owner"], r)
        kind = inputs.ref(GAIN_COLUMNS["kind"], r)
        _across(ws, calc, row, lambda y, col, prev, owner=owner, kind=kind, text=text,
                count=count: plan_share(lang, owner, kind, text, count, f"{col}${YEAR_ROW}"),
                SHARE_FORMAT)


def _sum_lines(rows: list[int], criteria_column: str, criteria: str, col: str) -> str:
    if not rows:
        return "0"
    return (f"SUMIF(${criteria_column}${rows[0]}:${criteria_column}${rows[-1]},{criteria},"
            f"{col}{rows[0]}:{col}{rows[-1]})")


def _flow_rows(ws: Worksheet, wb: Workbook, calc: CalcLayout, inputs: InputsLayout,
               lang: str) -> None:
    f = calc.flow_rows
    kr_rows = [kr for _, kr in calc.cost_rows]
    gains = calc.gain_rows
    one_off = lit(label_for(lang, "cost_kind", CostKind.ONE_OFF.value))
    recurring = lit(label_for(lang, "cost_kind", CostKind.RECURRING.value))
    hours = inputs.column(GAIN_COLUMNS["annual_hours"], inputs.gain_rows) if gains else ""
    per_unit = inputs.column(GAIN_COLUMNS["per_unit"], inputs.gain_rows) if gains else ""

    def hours_formula(y: int, col: str, prev: str | None) -> str:
        if not gains:
            return "=0"
        return (f"=Adoption*Realisation*{col}${UNIT_YEARS_ROW}*SUMPRODUCT({hours},--{per_unit})"
                f"+Realisation*{col}${SHARE_ROW}*SUMPRODUCT({hours},1-{per_unit})")

    def residual_formula(y: int, col: str, prev: str | None) -> str:
        if not kr_rows:
            return "=0"
        lines = f"${calc.cash}${kr_rows[0]}:${calc.cash}${kr_rows[-1]}"
        return f"=IF({col}${YEAR_ROW}=Horizon,SUM({lines}),0)"

    shares = calc.share_rows

    def budget(col: str, weights: str = "") -> str:
        """Σ over gain lines of value · budget share (· weights) in the column's year."""
        if not gains:
            return "0"
        return (f"SUMPRODUCT({col}{gains[0]}:{col}{gains[-1]},"
                f"{col}{shares[0]}:{col}{shares[-1]}{weights})")

    def taken_out_formula(y: int, col: str, prev: str | None) -> str:
        if not gains:
            return "=0"
        plan = f"{col}{shares[0]}:{col}{shares[-1]}"
        return (f"=Adoption*Realisation*{col}${UNIT_YEARS_ROW}*SUMPRODUCT({hours},--{per_unit},"
                f"{plan})+Realisation*{col}${SHARE_ROW}*SUMPRODUCT({hours},1-{per_unit},{plan})")

    def annual_budget(per_unit_lines: bool) -> object:
        annual = inputs.column(GAIN_COLUMNS["annual_value"], inputs.gain_rows) if gains else ""
        which = f"--{per_unit}" if per_unit_lines else f"1-{per_unit}"
        return lambda y, c, p: (f"=SUMPRODUCT({annual},{which},{c}{shares[0]}:{c}{shares[-1]})"
                                if gains else "=0")

    time_label = lit(label_for(lang, "gain_kind", GainKind.RELEASED_TIME.value))
    time_lines = (f",--(${calc.tag}${gains[0]}:${calc.tag}${gains[-1]}={time_label})"
                  if gains else "")
    time_column = ENGINE_GAIN_COLUMNS[GainKind.RELEASED_TIME]
    formulas = {
        "one_off_costs": lambda y, c, p: "=" + _sum_lines(kr_rows, calc.tag, one_off, c),
        "recurring_costs": lambda y, c, p: "=" + _sum_lines(kr_rows, calc.tag, recurring, c),
        "total_costs": lambda y, c, p: f"={c}{f['one_off_costs']}+{c}{f['recurring_costs']}",
        "total_gains": lambda y, c, p: "=SUM(" + ",".join(
            f"{c}{f[col]}" for col in ENGINE_GAIN_COLUMNS.values()) + ")",
        "net": lambda y, c, p: f"={c}{f['total_gains']}-{c}{f['total_costs']}",
        "cumulative_net": lambda y, c, p: f"=SUM($B{f['net']}:{c}{f['net']})",
        "discounted_net": lambda y, c, p: f"={c}{f['net']}*{c}${FACTOR_ROW}",
        "cumulative_discounted":
            lambda y, c, p: f"=SUM($B{f['discounted_net']}:{c}{f['discounted_net']})",
        "hours_released": hours_formula,
        "budget_gains": lambda y, c, p: "=" + budget(c),
        "budget_effect": lambda y, c, p: f"={c}{f['budget_gains']}-{c}{f['total_costs']}",
        "cumulative_budget":
            lambda y, c, p: f"=SUM($B{f['budget_effect']}:{c}{f['budget_effect']})",
        "discounted_budget": lambda y, c, p: f"={c}{f['budget_effect']}*{c}${FACTOR_ROW}",
        "cumulative_discounted_budget": lambda y, c, p:
            f"=SUM($B{f['discounted_budget']}:{c}{f['discounted_budget']})",
        "hours_taken_out": taken_out_formula,
        "released_time_kept": lambda y, c, p: f"={c}{f[time_column]}-" + budget(c, time_lines),
        "budget_per_unit": annual_budget(True),
        "budget_fixed": annual_budget(False),
        "residual_value": residual_formula,
    }
    for kind, column in ENGINE_GAIN_COLUMNS.items():
        label = lit(label_for(lang, "gain_kind", kind.value))
        formulas[column] = lambda y, c, p, label=label: "=" + _sum_lines(gains, calc.tag, label, c)
    _label(ws, FIRST_FLOW_ROW - 1, translate(lang, "excel.calc.cashflow"), font=BOLD,
           fill=SECTION_FILL)
    bold_rows = {"total_costs", "total_gains", "net", "budget_effect"}
    for key in FLOW_ROWS:
        row = f[key]
        style = {"font": BOLD, "border": TOP_BORDER} if key in bold_rows else {}
        if key in HELPER_FLOWS:
            style = {"font": HELPER_FONT}
        label = f"excel.calc.{key}" if key in HELPER_FLOWS else f"table.{key}"
        _label(ws, row, translate(lang, label), **style)
        hours_row = key in ("hours_released", "hours_taken_out")
        _across(ws, calc, row, formulas[key], NUMBER_FORMAT if hours_row else KR_FORMAT[lang],
                **style)
    for defined, key in (("OneOffCosts", "one_off_costs"), ("RecurringCosts", "recurring_costs"),
                         ("NetCashFlow", "net"), ("BudgetEffect", "budget_effect"),
                         ("BudgetPerUnit", "budget_per_unit"), ("BudgetFixed", "budget_fixed")):
        name(wb, defined, calc.row_ref(f[key]))


def _payback(calc: CalcLayout, lang: str, track: str) -> str:
    cumulative, _, marker, candidate, _, _ = TRACKS[track]
    last = calc.months_last_row
    first = FIRST_DATA_ROW_MONTHS
    months = quoted(calc.months_sheet)
    markers = f"{months}!${marker}${first}:${marker}${last}"
    never = lit(translate(lang, "unit.not_within_horizon"))
    return (f"=IF({months}!${cumulative}${last}<-{TOLERANCE},{never},IF(MAX({markers})=0,0,"
            f"INDEX({months}!${candidate}${first}:${candidate}${last},"
            f"MATCH(MAX({markers}),{calc.months_ref('A')},0))))")


def _kpis(ws: Worksheet, calc: CalcLayout, inputs: InputsLayout, lang: str) -> None:
    f, k = calc.flow_rows, calc.kpi_rows
    last = calc.last
    net = f"B{f['net']}:{last}{f['net']}"
    g = GAIN_COLUMNS
    gains = inputs.gain_rows
    annual = inputs.column(g["annual_value"], gains) if gains else ""
    per_unit = inputs.column(g["per_unit"], gains) if gains else ""
    npv_rest = f",C{f['net']}:{last}{f['net']}" if calc.horizon >= 1 else ""
    residual = f"B{f['residual_value']}:{last}{f['residual_value']}"
    budget = f"B{f['budget_effect']}:{last}{f['budget_effect']}"
    budget_rest = (f",C{f['budget_effect']}:{last}{f['budget_effect']}" if calc.horizon >= 1
                   else "")

    def final(key: str) -> str:
        """The value in the horizon's last year (Horizon may be shortened in the workbook)."""
        return f"INDEX($B${f[key]}:${last}${f[key]},1,Horizon+1)"

    # Newton from a start left of the root converges for conventional flows (see the tests).
    guess = f'(SUMIF({net},">0")/-SUMIF({net},"<0"))^(1/{calc.horizon})-1'
    formulas = {
        "total_investment": (f"=SUM(B{f['one_off_costs']}:{last}{f['one_off_costs']})",
                             KR_FORMAT[lang]),
        "total_net": (f"=SUM({net})", KR_FORMAT[lang]),
        "npv": (f"=B{f['net']}+NPV(DiscountRate{npv_rest})"
                f"+IncludeResidual*SUMPRODUCT({residual},DiscountFactors)", KR_FORMAT[lang]),
        "irr": (f'=IF(AND(COUNTIF({net},"<0")>0,COUNTIF({net},">0")>0),IFERROR(IRR({net},'
                f'{guess}),IRR({net})),{lit(translate(lang, "unit.none"))})', SHARE_FORMAT),
        "payback_months": (_payback(calc, lang, "net"), MONTHS_FORMAT),
        "discounted_payback_months": (_payback(calc, lang, "discounted"), MONTHS_FORMAT),
        "annual_net_steady_state": (
            f"={final('total_gains')}-{final('recurring_costs')}", KR_FORMAT[lang]),
        "hours_released_per_year": (f"={final('hours_released')}", NUMBER_FORMAT),
        "fte_released_per_year": (f"=B{k['hours_released_per_year']}/HoursPerFTE", "0.00"),
        "residual_value": (f"=SUM({residual})", KR_FORMAT[lang]),
        "budget_total": (f"=SUM({budget})", KR_FORMAT[lang]),
        "budget_npv": (f"=B{f['budget_effect']}+NPV(DiscountRate{budget_rest})", KR_FORMAT[lang]),
        "budget_payback_months": (_payback(calc, lang, "budget"), MONTHS_FORMAT),
        "budget_discounted_payback_months": (_payback(calc, lang, "budget_discounted"),
                                             MONTHS_FORMAT),
        "annual_budget_effect_steady_state": (
            f"={final('budget_gains')}-{final('recurring_costs')}", KR_FORMAT[lang]),
        "hours_taken_out_per_year": (f"={final('hours_taken_out')}", NUMBER_FORMAT),
        "fte_taken_out_per_year": (f"=B{k['hours_taken_out_per_year']}/HoursPerFTE", "0.00"),
        "gains_per_unit": (f"=SUMPRODUCT({annual},--{per_unit})" if gains else "=0",
                           KR_FORMAT[lang]),
        "gains_fixed": (f"=SUMPRODUCT({annual},1-{per_unit})" if gains else "=0", KR_FORMAT[lang]),
        "payback_years": (f"=IF(ISNUMBER(B{k['payback_months']}),B{k['payback_months']}/12,NA())",
                          "0.00"),
        "zero": (f"=IF(ISNUMBER(B{k['payback_months']}),0,NA())", NUMBER_FORMAT),
        "budget_payback_years": (f"=IF(ISNUMBER(B{k['budget_payback_months']}),"
                                 f"B{k['budget_payback_months']}/12,NA())", "0.00"),
        "budget_zero": (f"=IF(ISNUMBER(B{k['budget_payback_months']}),0,NA())", NUMBER_FORMAT),
    }
    _label(ws, k[KPIS[0]] - 1, translate(lang, "excel.calc.kpis"), font=BOLD, fill=SECTION_FILL)
    for key, (formula, fmt) in formulas.items():
        helper = key in HELPERS
        _label(ws, k[key], translate(lang, f"excel.kpi.{key}"),
               font=HELPER_FONT if helper else BOLD)
        put(ws, f"B{k[key]}", formula, fmt=fmt, font=HELPER_FONT if helper else BOLD,
            fill=None if helper else KPI_FILL)


def write_calculation(wb: Workbook, ws: Worksheet, scenario: Scenario, calc: CalcLayout,
                      inputs: InputsLayout, lang: str) -> None:
    put_text(ws, "A1", translate(lang, "excel.calc.title"), font=TITLE_FONT)
    put_text(ws, "A2", translate(lang, "excel.calc.note"), font=NOTE_FONT)
    put(ws, "A3", fixed_prices(lang), font=NOTE_FONT)
    _time_rows(ws, wb, calc, lang)
    _flow_rows(ws, wb, calc, inputs, lang)
    _kpis(ws, calc, inputs, lang)
    _cost_lines(ws, calc, inputs, lang)
    _gain_lines(ws, calc, inputs, lang)
    _share_lines(ws, calc, inputs, lang)
    widths(ws, {"A": 44, **{calc.col(y): 13 for y in range(calc.horizon + 1)},
                calc.tag: 22, calc.cash: 14})
    ws.freeze_panes = f"B{YEAR_ROW + 1}"
    a4(ws, landscape=True, title_rows=f"{YEAR_ROW}:{YEAR_ROW}", title_columns="A:A")


def _month_formulas(r: int, first: bool, calc: CalcLayout) -> dict[str, str]:
    p = r - 1
    gains_per_unit = calc.kpi("gains_per_unit")
    gains_fixed = calc.kpi("gains_fixed")
    shift = f"(A{r}-12*YearNumbers-ImplementationMonths)"
    ramp = f"({shift}-0.5)/RampUpMonths"
    year = f"1,B{r}+1"
    formulas = {
        "B": f"=ROUNDUP(A{r}/12,0)",
        "C": f"=A{r}/12",
        "D": f"=IF(B{r}>Horizon,0,IF(RampUpMonths=0,SUMPRODUCT(UnitsAdded,--({shift}>=1)),"
             f"SUMPRODUCT(UnitsAdded,--({shift}>=1),{ramp}-({ramp}>1)*({ramp}-1))))",
        "E": f"=IF(OR(B{r}>Horizon,A{r}-ImplementationMonths<1),0,IF(RampUpMonths=0,1,"
             f"MIN(1,(A{r}-ImplementationMonths-0.5)/RampUpMonths)))",
        "F": f"=({gains_per_unit}*Adoption*D{r}+{gains_fixed}*E{r})*Realisation/12",
        "G": f"=IF(A{r}=0,0,INDEX(RecurringCosts,1,B{r}+1)/12)",
        "H": f"=IF(MOD(A{r},12)=0,-INDEX(OneOffCosts,1,A{r}/12+1),0)",
        "I": f"=F{r}-G{r}",
        "N": f"=INDEX(DiscountFactors,1,B{r}+1)",
        "O": f"=I{r}*N{r}",
        "P": f"=H{r}*N{r}",
        "U": f"=(INDEX(BudgetPerUnit,{year})*Adoption*D{r}+INDEX(BudgetFixed,{year})*E{r})"
             f"*Realisation/12",
        "V": f"=U{r}-G{r}",
        "AA": f"=V{r}*N{r}",
    }
    for cum, before, marker, candidate, accrual, lump in TRACKS.values():
        formulas[cum] = f"={accrual}{r}+{lump}{r}" if first else f"={cum}{p}+{accrual}{r}+{lump}{r}"
        if first:
            formulas[marker] = formulas[candidate] = "=0"
            continue
        formulas[before] = f"={cum}{p}+{accrual}{r}"
        formulas[marker] = (f"=IF(OR({cum}{p}<-{TOLERANCE},{before}{r}<-{TOLERANCE}),A{r},0)")
        formulas[candidate] = (f"=IF(AND({cum}{p}<0,{before}{r}>=-{TOLERANCE},{accrual}{r}>0),"
                               f"A{p}-{cum}{p}/{accrual}{r},A{r})")
    return formulas


MONTH_FORMATS = {"A": YEAR_FORMAT, "B": YEAR_FORMAT, "C": "0.00", "D": "0.00", "E": "0.00",
                 "N": FACTOR_FORMAT,
                 **{marker: YEAR_FORMAT for _, _, marker, _, _, _ in TRACKS.values()},
                 **{candidate: MONTHS_FORMAT for _, _, _, candidate, _, _ in TRACKS.values()}}


def write_months(ws: Worksheet, calc: CalcLayout, lang: str) -> None:
    put_text(ws, "A1", translate(lang, "excel.months.title"), font=TITLE_FONT)
    put_text(ws, "A2", translate(lang, "excel.months.note"), font=NOTE_FONT)
    header_row(ws, FIRST_DATA_ROW_MONTHS - 1,
               [translate(lang, f"excel.months.{c}") for c in MONTH_COLUMNS])
    kr = KR_FORMAT[lang]
    for month in range(12 * calc.horizon + 1):
        r = FIRST_DATA_ROW_MONTHS + month
        put(ws, f"A{r}", month, fmt=YEAR_FORMAT)
        for column, formula in _month_formulas(r, month == 0, calc).items():
            put(ws, f"{column}{r}", formula, fmt=MONTH_FORMATS.get(column, kr))
    widths(ws, {c: 14 for c in MONTH_COLUMNS})
    ws.row_dimensions[FIRST_DATA_ROW_MONTHS - 1].height = 45
    ws.freeze_panes = f"B{FIRST_DATA_ROW_MONTHS}"
    a4(ws, landscape=True, title_rows=f"{FIRST_DATA_ROW_MONTHS - 1}:{FIRST_DATA_ROW_MONTHS - 1}")
