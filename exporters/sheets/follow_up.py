"""Gevinstopfølgning / Benefit follow-up (calculators.follow_up): per budget year, planned vs
realised hours released, hours taken out of the budget and the gains' budget effect.

Planned: with no start month, budget year c is operating year c − StartYear, so each cell
refers to the Calculation sheet's column of that year (hours released, hours taken out, budget
gains); with a start month the years straddle operating years and the cells hold the app's
figures. Realised hours released and measured kr gains: the app's figures from the
documentation plan's dated measurements (a blank cell: nothing measured). Hours taken out: the
records below are the input cells (yellow, found on import by the hidden key column); a year's
realised hours = SUMIFS of the records' hours, its budget effect = SUMIFS of hours × the gain's
hourly cost × its P/L factor (both from the Inputs sheet) + the measured kr gains; blank when
there is neither.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from calculators.documentation import TakenOut
from calculators.follow_up import MEASURES, follow_up
from calculators.model import GainKind, Scenario
from exporters.excel_cells import (
    BOLD,
    DECIMAL_FORMAT,
    HELPER_FONT,
    INPUT_FILL,
    KR_FORMAT,
    NOTE_FONT,
    SECTION_FILL,
    TITLE_FONT,
    YEAR_FORMAT,
    a4,
    header_row,
    key_cell,
    put,
    put_text,
    style_cell,
    widths,
)
from exporters.excel_reader import Reader, as_stored, shown
from exporters.excel_registry import SheetContext, register_sheet
from exporters.excel_spec import GAIN_COLUMNS, RECORD_SPARE_ROWS, quoted

HEADER_ROW = 5
ROWS = {(measure, kind): HEADER_ROW + 1 + 2 * i + j
        for i, measure in enumerate(MEASURES) for j, kind in enumerate(("planned", "realised"))}
MEASURED_KR_ROW = HEADER_ROW + 1 + 2 * len(MEASURES)
RECORDS_TITLE_ROW = MEASURED_KR_ROW + 2
FIRST_RECORD_ROW = RECORDS_TITLE_ROW + 2
RECORD_COLUMNS = {"year": "B", "hours": "C", "note": "F"}  # input cells of a record
RECORD_KEY = "taken_out."
SPARE_KEY = "taken_out:spare"  # not RECORD_KEY + an id: a record's id may be any text
CALC_ROWS = {"hours_released": "hours_released", "hours_taken_out": "hours_taken_out",
             "budget_effect": "budget_gains"}


def followed_up(scenario: Scenario) -> bool:
    """Gains to follow up: a documentation-plan line measuring one, or hours taken out."""
    plan, gains = scenario.documentation_plan, {line.id for line in scenario.gains}
    return bool(plan.taken_out) or any(item.gain_id in gains for item in plan.items)


def _column(index: int) -> str:
    """The column of the index-th budget year (as the Calculation sheet's year columns)."""
    return get_column_letter(2 + index)


def _hourly_cost(context: SheetContext, record: TakenOut | None, row: int) -> str | int:
    """Column D: the gain's hourly cost × its P/L factor from the Inputs sheet; a spare row
    looks its gain up by the name typed in column A (blank until one is)."""
    inputs, gains = context.inputs, context.scenario.gains
    if not inputs.gain_rows:
        return 0
    if record is not None:
        rows = {line.id: at for line, at in zip(gains, inputs.gain_rows, strict=True)}
        gain_row = rows.get(record.gain_id)
        return (f"={inputs.ref(GAIN_COLUMNS['hourly_cost'], gain_row)}"
                f"*{inputs.ref(GAIN_COLUMNS['price_factor'], gain_row)}" if gain_row else 0)
    match = f"MATCH(A{row},{inputs.column(GAIN_COLUMNS['name'], inputs.gain_rows)},0)"
    return (f'=IF(A{row}="","",'
            + "*".join(f"INDEX({inputs.column(GAIN_COLUMNS[part], inputs.gain_rows)},{match})"
                       for part in ("hourly_cost", "price_factor")) + ")")


def _records(ws: Worksheet, context: SheetContext) -> tuple[str, str, str]:
    """The recorded hours taken out, then spare yellow rows for records typed in Excel (the gain
    chosen by name); returns the ranges of their years, hours and kr."""
    scenario = context.scenario
    put_text(ws, f"A{RECORDS_TITLE_ROW}", context.t("excel.fu.records"), font=BOLD)
    header_row(ws, RECORDS_TITLE_ROW + 1, [context.t(key) for key in (
        "field.taken_out_gain", "field.taken_out_year", "field.taken_out_hours",
        "excel.fu.hourly_cost", "excel.fu.kr", "field.taken_out_note")])
    names = {line.id: line.name for line in scenario.gains}
    records = scenario.documentation_plan.taken_out
    rows = [*records, *[None] * RECORD_SPARE_ROWS]
    for row, record in enumerate(rows, start=FIRST_RECORD_ROW):
        put(ws, f"D{row}", _hourly_cost(context, record, row), fmt=DECIMAL_FORMAT)
        if record is None:  # a spare row: every cell an input but the formulas
            for column, fmt in (("A", None), ("B", YEAR_FORMAT), ("C", DECIMAL_FORMAT),
                                ("F", None)):
                style_cell(ws[f"{column}{row}"], fmt=fmt, fill=INPUT_FILL)
            put(ws, f"E{row}", f'=IF(C{row}="","",C{row}*D{row})', fmt=KR_FORMAT[context.lang])
            key_cell(ws, row, SPARE_KEY)
            continue
        put_text(ws, f"A{row}", names.get(record.gain_id, record.gain_id))
        put(ws, f"B{row}", record.year, fmt=YEAR_FORMAT, fill=INPUT_FILL)
        put(ws, f"C{row}", record.hours, fmt=DECIMAL_FORMAT, fill=INPUT_FILL)
        put(ws, f"E{row}", f"=C{row}*D{row}", fmt=KR_FORMAT[context.lang])
        put_text(ws, f"F{row}", record.note, fill=INPUT_FILL)
        key_cell(ws, row, RECORD_KEY + record.id)
    spare = [f"A{row}" for row in range(FIRST_RECORD_ROW + len(records),
                                        FIRST_RECORD_ROW + len(rows))]
    if context.inputs.gain_rows:
        names_list = DataValidation(type="list", allow_blank=True, formula1=context.inputs.column(
            GAIN_COLUMNS["name"], context.inputs.gain_rows))
        ws.add_data_validation(names_list)
        for cell in spare:
            names_list.add(cell)
    last = FIRST_RECORD_ROW + len(rows) - 1
    return tuple(f"${c}${FIRST_RECORD_ROW}:${c}${last}" for c in "BCE")


def _planned(context: SheetContext, measure: str, index: int, value: float) -> str | float:
    calc = context.calc
    if context.scenario.start_month is not None:
        return value
    return f"={quoted(calc.sheet)}!{calc.col(index)}{calc.flow_rows[CALC_ROWS[measure]]}"


def read(reader: Reader, data: dict, _exported: dict) -> None:
    """Each record's year, hours and note as edited (records gone from the sheet keep the
    stored values), then the records typed into the spare rows."""
    plan = data.get("documentation_plan")
    records = plan.get("taken_out") if isinstance(plan, dict) else None
    if not isinstance(records, list):
        return
    for at, record in enumerate(records):
        row = (reader.first_row(RECORD_KEY + str(record.get("id")))
               if isinstance(record, dict) else None)
        if row is None:
            continue
        c = {name: f"{column}{row}" for name, column in RECORD_COLUMNS.items()}
        loc = ("documentation_plan", "taken_out", at)
        record["year"] = reader.number((*loc, "year"), c["year"], whole=True)
        record["hours"] = as_stored(reader.number((*loc, "hours"), c["hours"]),
                                    record.get("hours"))
        record["note"] = reader.stored_text((*loc, "note"), c["note"], record.get("note"))
    records.extend(_typed_records(reader, data.get("gains"), len(records)))


def _typed_records(reader: Reader, gains: object, first: int) -> list[dict]:
    """The spare rows filled in Excel as records: the gain found by its name (a released-time
    gain), year, hours and note; a blank row is skipped, a bad cell is a problem naming the
    sheet and cell."""
    lines = [g for g in gains if isinstance(g, dict)] if isinstance(gains, list) else []
    expected = ", ".join(str(g.get("name")) for g in lines
                         if g.get("kind") == GainKind.RELEASED_TIME.value) or "–"
    found: list[dict] = []
    for row in reader.rows.get(SPARE_KEY, []):
        c = {"gain": f"A{row}"} | {name: f"{column}{row}" for name, column in
                                    RECORD_COLUMNS.items()}
        if all(reader.ws[cell].value in (None, "") or str(reader.ws[cell].value).isspace()
               for cell in c.values()):
            continue
        loc = ("documentation_plan", "taken_out", first + len(found))
        name = reader.text((*loc, "gain_id"), c["gain"]).strip()
        # the first gain of that name, as the row's MATCH (case-insensitive) finds it
        gain = next((g for g in lines
                     if str(g.get("name", "")).strip().casefold() == name.casefold()), {})
        gain_id = gain.get("id") if gain.get("kind") == GainKind.RELEASED_TIME.value else None
        if gain_id is None:
            reader.problem("unknown_gain" if name else "no_gain", c["gain"], value=shown(name),
                           expected=expected)
        found.append({"gain_id": gain_id,
                      "year": reader.number((*loc, "year"), c["year"], whole=True),
                      "hours": reader.number((*loc, "hours"), c["hours"]),
                      "note": reader.text((*loc, "note"), c["note"])})
        reader.cells[loc] = (reader.ws.title, c["gain"])
    return found


@register_sheet("follow_up", "excel.sheet.follow_up", order=31, applies=followed_up, read=read)
def build(ws: Worksheet, context: SheetContext) -> None:
    result = follow_up(context.scenario)
    kr = KR_FORMAT[context.lang]
    put_text(ws, "A1", context.t("fu.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("fu.intro"), font=NOTE_FONT)
    put_text(ws, "A3", context.t("excel.fu.note"), font=NOTE_FONT)
    header_row(ws, HEADER_ROW, [""])
    years, hours, money = _records(ws, context)
    measured_kr = _measured_kr(context.scenario)
    for index, year in enumerate(result.years):
        c = _column(index)
        put(ws, f"{c}{HEADER_ROW}", year, fmt=YEAR_FORMAT, font=BOLD, fill=SECTION_FILL)
        at = f"{c}${HEADER_ROW}"
        for measure in MEASURES:
            fmt = kr if measure == "budget_effect" else DECIMAL_FORMAT
            put(ws, f"{c}{ROWS[(measure, 'planned')]}",
                _planned(context, measure, index, result.planned[measure][index]), fmt=fmt)
        realised = result.realised["hours_released"][index]
        put(ws, f"{c}{ROWS[('hours_released', 'realised')]}", realised, fmt=DECIMAL_FORMAT)
        put(ws, f"{c}{MEASURED_KR_ROW}", measured_kr[index], fmt=kr, font=HELPER_FONT)
        put(ws, f"{c}{ROWS[('hours_taken_out', 'realised')]}",
            f'=IF(COUNTIF({years},{at})=0,"",SUMIFS({hours},{years},{at}))', fmt=DECIMAL_FORMAT)
        put(ws, f"{c}{ROWS[('budget_effect', 'realised')]}",
            f'=IF(AND(COUNTIF({years},{at})=0,ISBLANK({c}{MEASURED_KR_ROW})),"",'
            f"SUMIFS({money},{years},{at})+N({c}{MEASURED_KR_ROW}))", fmt=kr)
    for (measure, kind), row in ROWS.items():
        put_text(ws, f"A{row}", context.t("fu.row", measure=context.t(f"fu.measure.{measure}"),
                                          kind=context.t(f"fu.{kind}")),
                 font=BOLD if kind == "realised" else None)
    put_text(ws, f"A{MEASURED_KR_ROW}", context.t("excel.fu.measured_kr"), font=HELPER_FONT)
    widths(ws, {"A": 44, **{_column(i): 12 for i in range(len(result.years))}})
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    a4(ws, landscape=True)


def _measured_kr(scenario: Scenario) -> list[float | None]:
    """The realised budget effect of measured kr gains per year: the follow-up's realised budget
    effect of the scenario without its records of hours taken out."""
    plan = scenario.documentation_plan.model_copy(update={"taken_out": []})
    return follow_up(scenario.model_copy(update={"documentation_plan": plan})
                     ).realised["budget_effect"]
