"""Budgetår / Budget years: calculators.budget_years as live formulas over the Inputs,
Calculation and Months sheets.

Calendar year of operating month m: INT((Off + m − 1) / 12) years after StartYear, with
Off = StartMonth − 1 (blank StartMonth: 12, the end of the start year). So operating year k
(k ≥ 1) lies in calendar years A_k = k − 1 + INT(Off/12) (its first 12 − MOD(Off, 12) months)
and A_k + 1 (the rest), and its one-off costs, falling at its end, in
L_k = INT((Off + 12k − 1)/12); year 0's in the start year.

Per line, from the Calculation sheet's operating-year row:
- one-off cost: Σ_k kr_k · (L_k = c);
- recurring cost (even over the year): Σ_k kr_k · ((A_k = c)·(12 − MOD(Off,12)) +
  (A_k + 1 = c)·MOD(Off,12)) / 12;
- gain: F_k, the value of the first 12 − MOD(Off,12) months of year k (from the Months sheet's
  gain-earning unit-months, column D, or share of the year, column E), falls in A_k, the rest of
  year k's value in A_k + 1; its budget part is weighted by the line's budget share of year k.
The last column sums every calendar year from the fifth on.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from calculators.budget_years import ANLAEG_CATEGORIES, ROWS, SHOWN_YEARS, budget_areas
from calculators.model import CostKind, GainKind, Scenario
from exporters.excel_calc import YEAR_ROW, CalcLayout
from exporters.excel_cells import (
    BOLD,
    HELPER_FONT,
    KPI_FILL,
    KR_FORMAT,
    NOTE_FONT,
    SECTION_FILL,
    TITLE_FONT,
    TOP_BORDER,
    YEAR_FORMAT,
    a4,
    header_row,
    put,
    put_text,
    widths,
)
from exporters.excel_inputs import fixed_prices, label_is
from exporters.excel_registry import SheetContext, register_sheet
from exporters.excel_spec import COST_COLUMNS, GAIN_COLUMNS, quoted
from exporters.excel_spec import text_literal as lit
from ui.i18n import label_for

COLUMNS = "BCDEF"  # the budget year, three following years, the rest summed
HEADER_ROW = 4
FIRST_ROW = 5
AREA_COLUMN, FLAG_COLUMN = "G", "H"


def _condition(array: str, column: int) -> str:
    """The array equals the budget column's calendar index (the last: from the fifth year)."""
    return f"({array}={column})" if column < SHOWN_YEARS else f"({array}>={SHOWN_YEARS})"


class Layout:
    """Rows of the sheet: summary rows, one row per cost line, per gain line its budget part
    (one block) and its value (the next block), the helper rows across operating years (as on
    the Calculation sheet)."""

    def __init__(self, context: SheetContext) -> None:
        scenario = context.scenario
        self.areas = budget_areas(scenario)
        self.summary = {key: FIRST_ROW + i for i, key in enumerate(ROWS)}
        self.area_rows = {area: FIRST_ROW + len(ROWS) + i for i, area in enumerate(self.areas)}
        self.lines_header = FIRST_ROW + len(ROWS) + len(self.areas) + 1
        self.cost_rows = [self.lines_header + 1 + i for i in range(len(scenario.costs))]
        first_gain = self.lines_header + 1 + len(scenario.costs)
        count = len(scenario.gains)  # budget parts, then values: each block contiguous
        self.gain_rows = [(first_gain + i, first_gain + count + i) for i in range(count)]
        self.helper_header = first_gain + 2 * len(scenario.gains) + 1
        self.offset = self.helper_header + 1
        self.a_row, self.l_row, self.d_row, self.e_row = (self.helper_header + 2 + i
                                                          for i in range(4))
        self.first_rows = [self.e_row + 1 + i for i in range(len(scenario.gains))]

    def across(self, calc: CalcLayout, row: int, sheet: str = "") -> str:
        """Operating years 0 … horizon of a row, columns as on the Calculation sheet."""
        prefix = f"{quoted(sheet)}!" if sheet else ""
        return f"{prefix}$B${row}:${calc.last}${row}"


def _helpers(ws: Worksheet, context: SheetContext, layout: Layout) -> None:
    calc = context.calc
    put_text(ws, f"A{layout.helper_header}", context.t("excel.by.helpers"), font=BOLD,
             fill=SECTION_FILL)
    put_text(ws, f"A{layout.offset}", context.t("excel.by.offset"), font=HELPER_FONT)
    put(ws, f"B{layout.offset}", "=IF(ISNUMBER(StartMonth),StartMonth-1,12)", fmt=YEAR_FORMAT,
        font=HELPER_FONT)
    off = f"$B${layout.offset}"
    months = calc.months_ref
    rows = {
        layout.a_row: ("excel.by.a_k", lambda k: f"=IF({k}=0,-2,{k}-1+INT({off}/12))"),
        layout.l_row: ("excel.by.l_k", lambda k: f"=IF({k}=0,0,INT(({off}+12*{k}-1)/12))"),
        layout.d_row: ("excel.by.d_k", lambda k: f"=SUMIFS({months('D')},{months('B')},{k},"
                       f"{months('A')},\"<=\"&(12*{k}-MOD({off},12)))/12"),
        layout.e_row: ("excel.by.e_k", lambda k: f"=SUMIFS({months('E')},{months('B')},{k},"
                       f"{months('A')},\"<=\"&(12*{k}-MOD({off},12)))/12"),
    }
    year_cell = f"{quoted(calc.sheet)}!{{col}}${YEAR_ROW}"
    for row, (label, formula) in rows.items():
        put_text(ws, f"A{row}", context.t(label), font=HELPER_FONT)
        for year in range(calc.horizon + 1):
            col = calc.col(year)
            put(ws, f"{col}{row}", formula(year_cell.format(col=col)), fmt="0.0000",
                font=HELPER_FONT)
    g = GAIN_COLUMNS
    inputs = context.inputs
    for row, r, (budget_row, _) in zip(layout.first_rows, inputs.gain_rows, layout.gain_rows,
                                       strict=True):
        annual, per_unit = inputs.ref(g["annual_value"], r), inputs.ref(g["per_unit"], r)
        put(ws, f"A{row}", f'=A{budget_row}&" – "&{lit(context.t("excel.by.first_part"))}',
            font=HELPER_FONT)
        for year in range(calc.horizon + 1):
            col = calc.col(year)
            put(ws, f"{col}{row}", f"={annual}*IF({per_unit},Adoption*Realisation*{col}"
                f"${layout.d_row},Realisation*{col}${layout.e_row})",
                fmt=KR_FORMAT[context.lang], font=HELPER_FONT)


def _cost_formula(one_off: str, kr: str, layout: Layout, calc: CalcLayout, column: int) -> str:
    off = f"$B${layout.offset}"
    lumps = _condition(layout.across(calc, layout.l_row), column)
    a = layout.across(calc, layout.a_row)
    even = (f"{_condition(a, column)}*(12-MOD({off},12))/12"
            f"+{_condition(a + '+1', column)}*MOD({off},12)/12")
    return f"=IF({one_off},SUMPRODUCT({kr},{lumps}),SUMPRODUCT({kr},{even}))"


def _gain_formula(value: str, first: str, share: str | None, layout: Layout, calc: CalcLayout,
                  column: int) -> str:
    a = layout.across(calc, layout.a_row)
    split = f"{first}*{_condition(a, column)}+({value}-{first})*{_condition(a + '+1', column)}"
    return f"=SUMPRODUCT({share},{split})" if share else f"=SUMPRODUCT({split})"


def _lines(ws: Worksheet, context: SheetContext, layout: Layout) -> None:
    calc, inputs, lang = context.calc, context.inputs, context.lang
    kr_format = KR_FORMAT[lang]
    header_row(ws, layout.lines_header, [context.t("excel.by.lines"), *[""] * len(COLUMNS),
                                         context.t("field.budget_area"),
                                         context.t("excel.by.flag")])
    c = COST_COLUMNS
    anlaeg = [lit(label_for(lang, "cost_category", category.value))
              for category in sorted(ANLAEG_CATEGORIES)]
    for row, r, (_, kr_row) in zip(layout.cost_rows, inputs.cost_rows, calc.cost_rows,
                                   strict=True):
        kind, category = inputs.ref(c["kind"], r), inputs.ref(c["category"], r)
        one_off = label_is(lang, kind, "cost_kind", CostKind.ONE_OFF.value)
        put(ws, f"A{row}", f"={inputs.ref(c['name'], r)}")
        kr = layout.across(calc, kr_row, calc.sheet)
        for column, letter in enumerate(COLUMNS):
            put(ws, f"{letter}{row}", _cost_formula(one_off, kr, layout, calc, column),
                fmt=kr_format)
        put(ws, f"{AREA_COLUMN}{row}", f'=""&{inputs.ref(c["budget_area"], r)}')
        put(ws, f"{FLAG_COLUMN}{row}", f"=IF(AND({one_off},OR(" + ",".join(
            f"{category}={label}" for label in anlaeg) + ")),1,0)", fmt=YEAR_FORMAT)
    g = GAIN_COLUMNS
    budget_label = lit(" – " + context.t("excel.by.budget_part"))
    for (budget_row, value_row), r, calc_row, share_row, first_row in zip(
            layout.gain_rows, inputs.gain_rows, calc.gain_rows, calc.share_rows,
            layout.first_rows, strict=True):
        name = inputs.ref(g["name"], r)
        is_time = label_is(lang, inputs.ref(g["kind"], r), "gain_kind",
                           GainKind.RELEASED_TIME.value)
        value = layout.across(calc, calc_row, calc.sheet)
        share = layout.across(calc, share_row, calc.sheet)
        first = layout.across(calc, first_row)
        put(ws, f"A{budget_row}", f"={name}&{budget_label}")
        put(ws, f"A{value_row}", f"={name}", font=HELPER_FONT)
        for column, letter in enumerate(COLUMNS):
            put(ws, f"{letter}{budget_row}",
                _gain_formula(value, first, share, layout, calc, column), fmt=kr_format)
            put(ws, f"{letter}{value_row}",
                _gain_formula(value, first, None, layout, calc, column), fmt=kr_format,
                font=HELPER_FONT)
        put(ws, f"{AREA_COLUMN}{budget_row}", f'=""&{inputs.ref(g["budget_area"], r)}')
        put(ws, f"{FLAG_COLUMN}{budget_row}", f"=IF({is_time},1,0)", fmt=YEAR_FORMAT)


def _summary(ws: Worksheet, context: SheetContext, layout: Layout) -> None:
    lang = context.lang
    header_row(ws, HEADER_ROW, [context.t("excel.by.kr")])
    last_index = f"INT(($B${layout.offset}+12*Horizon-1)/12)"
    for column, letter in enumerate(COLUMNS):
        formula = (f"=StartYear+{column}" if column < SHOWN_YEARS else
                   f'=(StartYear+{SHOWN_YEARS})&"–"&(StartYear+{last_index})')
        put(ws, f"{letter}{HEADER_ROW}", formula, fmt=YEAR_FORMAT, font=BOLD, fill=SECTION_FILL)

    def lines(letter: str, rows: list[int]) -> str:
        return f"{letter}{rows[0]}:{letter}{rows[-1]}" if rows else ""

    costs = layout.cost_rows
    budget = [b for b, _ in layout.gain_rows]
    values = [v for _, v in layout.gain_rows]

    def total(letter: str, rows: list[int]) -> str:
        return f"SUM({lines(letter, rows)})" if rows else "0"

    def flagged(letter: str, rows: list[int], flags: list[int]) -> str:
        if not rows:
            return "0"
        return f"SUMPRODUCT({lines(letter, rows)},{lines(FLAG_COLUMN, flags)})"

    def area_sum(letter: str, rows: list[int], area_rows: list[int], area: str) -> str:
        if not rows:
            return "0"
        return f"SUMPRODUCT(--({lines(AREA_COLUMN, area_rows)}={lit(area)}),{lines(letter, rows)})"

    s = layout.summary
    for letter in COLUMNS:
        anlaeg = flagged(letter, costs, costs)
        kept = (f"{flagged(letter, values, budget)}-{flagged(letter, budget, budget)}"
                if budget else "0")
        formulas = {
            "anlaeg": f"={anlaeg}",
            "drift": f"={total(letter, costs)}-{letter}{s['anlaeg']}",
            "budget_gains": f"={total(letter, budget)}",
            "budget_effect": f"={letter}{s['budget_gains']}-{letter}{s['anlaeg']}"
                             f"-{letter}{s['drift']}",
            "released_time_kept": f"={kept}",
        }
        for key, formula in formulas.items():
            bold = key == "budget_effect"
            put(ws, f"{letter}{s[key]}", formula, fmt=KR_FORMAT[lang],
                font=BOLD if bold else None, fill=KPI_FILL if bold else None,
                border=TOP_BORDER if bold else None)
        for area, row in layout.area_rows.items():
            put(ws, f"{letter}{row}", f"={area_sum(letter, budget, budget, area)}"
                f"-{area_sum(letter, costs, costs, area)}", fmt=KR_FORMAT[lang])
    for key, row in s.items():
        put_text(ws, f"A{row}", context.t(f"by.row.{key}"),
                 font=BOLD if key == "budget_effect" else None)
    for area, row in layout.area_rows.items():
        put_text(ws, f"A{row}", context.t("by.row.area", area=area or context.t("by.no_area")))


def has_lines(scenario: Scenario) -> bool:
    return bool(scenario.costs or scenario.gains)


@register_sheet("budget_years", "excel.sheet.budget_years", order=45, applies=has_lines)
def build(ws: Worksheet, context: SheetContext) -> None:
    layout = Layout(context)
    put_text(ws, "A1", context.t("excel.by.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("by.note"), font=NOTE_FONT)
    put(ws, "A3", fixed_prices(context.lang), font=NOTE_FONT)
    _summary(ws, context, layout)
    _lines(ws, context, layout)
    _helpers(ws, context, layout)
    widths(ws, {"A": 52, **{letter: 15 for letter in COLUMNS}, AREA_COLUMN: 20,
                FLAG_COLUMN: 10})
    ws.freeze_panes = f"B{FIRST_ROW}"
    a4(ws, landscape=True)

