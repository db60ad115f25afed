"""The Inputs sheet: every assumption in one place, yellow cells, units, sources, names."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.utils import column_index_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from calculators.drivers import drivers
from calculators.model import (
    PERIODS_PER_YEAR,
    CostCategory,
    CostKind,
    CostLine,
    Distribution,
    GainKind,
    GainLine,
    GainOwner,
    Period,
    Scenario,
    format_budget_plan,
)
from exporters.excel_cells import (
    BOLD,
    CENTRE,
    DECIMAL_FORMAT,
    FACTOR_FORMAT,
    INDENT,
    INPUT_FILL,
    NOTE_FONT,
    NUMBER_FORMAT,
    SECTION_FILL,
    SHARE_FORMAT,
    TITLE_FONT,
    YEAR_FORMAT,
    a4,
    header_row,
    key_cell,
    put,
    put_text,
    widths,
)
from exporters.excel_reader import ENUMS
from exporters.excel_spec import (
    COST_COLUMNS,
    GAIN_COLUMNS,
    ID_COLUMN,
    KEY_COLUMN,
    PLAN_COLUMNS,
    PRICE_COLUMNS,
    PRICE_SPARE_ROWS,
    RANGE_COLUMNS,
    SCALARS,
    TEXT_FIELDS,
    quoted,
    text_literal,
)
from ui.analysis_text import driver_label
from ui.i18n import has, label_for, source_label, translate

FORMATS = {"int": YEAR_FORMAT, "float": NUMBER_FORMAT, "share": SHARE_FORMAT,
           "month": YEAR_FORMAT}


@dataclass
class InputsLayout:
    """Where things are on the Inputs sheet, for the formulas of the other sheets."""

    sheet: str
    cost_rows: list[int] = field(default_factory=list)
    gain_rows: list[int] = field(default_factory=list)
    plan_rows: list[int] = field(default_factory=list)  # one per gain line, same order
    rollout: str = ""  # absolute range of the roll-out cells (years 0 … horizon-1)
    scalar_rows: dict[str, int] = field(default_factory=dict)  # path -> row
    range_rows: dict[str, int] = field(default_factory=dict)  # driver key -> row

    def ref(self, column: str, row: int) -> str:
        return f"{quoted(self.sheet)}!${column}${row}"

    def column(self, column: str, rows: list[int]) -> str:
        return f"{quoted(self.sheet)}!${column}${rows[0]}:${column}${rows[-1]}"


def enum_labels(lang: str, prefix: str, values: type) -> list[str]:
    return [label_for(lang, prefix, v.value) for v in values]


def label_is(lang: str, cell: str, prefix: str, value: str) -> str:
    """Formula test: the cell holds this enum's label."""
    return f"{cell}={text_literal(label_for(lang, prefix, value))}"


def name(wb: Workbook, defined: str, ref: str) -> None:
    wb.defined_names[defined] = DefinedName(defined, attr_text=ref)


def _section(ws: Worksheet, row: int, lang: str, key: str) -> int:
    put_text(ws, f"A{row}", translate(lang, key), font=BOLD, fill=SECTION_FILL)
    for column in "BCDEFGHIJK":
        ws[f"{column}{row}"].fill = SECTION_FILL
    return row + 1


def _dropdown(ws: Worksheet, labels: list[str], cells: list[str]) -> None:
    if not cells:
        return
    check = DataValidation(type="list", formula1=text_literal(",".join(labels)), allow_blank=False)
    ws.add_data_validation(check)
    for cell in cells:
        check.add(cell)


def _table_header(ws: Worksheet, row: int, lang: str, columns: dict[str, str]) -> None:
    for column_field, letter in columns.items():
        key = f"excel.field.{column_field}"
        text = translate(lang, key if has(key) else f"field.{column_field}")
        header_row(ws, row, [text], first_column=column_index_from_string(letter))


def _table_start(ws: Worksheet, row: int, lang: str, area: str, columns: dict[str, str]) -> int:
    """Section title, note and header of the cost or gain table; returns its first line's row."""
    row = _section(ws, row, lang, f"excel.inputs.{area}")
    put_text(ws, f"A{row}", translate(lang, f"excel.inputs.{area}_note"), font=NOTE_FONT)
    _table_header(ws, row + 1, lang, columns)
    key_cell(ws, row + 1, f"{area}.header")
    return row + 2


def price_factor(year_cell: str) -> str:
    """Formula: the factor to the budget's price level of an amount at the P/L year in
    `year_cell` (blank: the budget's own), index[PriceYear] / index[year]
    (calculators.price_level.index_ratio); a year missing from the index gives #N/A."""
    index = "INDEX(PriceIndexValues,MATCH({year},PriceIndexYears,0))"
    return (f'=IF(OR({year_cell}="",{year_cell}=PriceYear),1,'
            f"{index.format(year='PriceYear')}/{index.format(year=year_cell)})")


def fixed_prices(lang: str) -> str:
    """Formula: 'Beløb i faste priser (P/L 2026)' following the PriceYear cell."""
    before, after = translate(lang, "pl.amounts", label=translate(
        lang, "pl.fixed_prices", year="\n")).split("\n")
    return f"={text_literal(before)}&PriceYear&{text_literal(after)}"


def _line_end(ws: Worksheet, columns: dict[str, str], row: int, line: CostLine | GainLine,
              key: str, rows: list[int]) -> int:
    """Source, id, budget area, P/L year, price factor and row key of a cost or gain line; the
    row recorded; the next row."""
    put_text(ws, f"{columns['source']}{row}", line.source, fill=INPUT_FILL)
    put_text(ws, f"{columns['budget_area']}{row}", line.budget_area, fill=INPUT_FILL)
    put(ws, f"{columns['price_year']}{row}", line.price_year, fmt=YEAR_FORMAT, fill=INPUT_FILL)
    put(ws, f"{columns['price_factor']}{row}", price_factor(f"{columns['price_year']}{row}"),
        fmt=FACTOR_FORMAT)
    put_text(ws, f"{columns['id']}{row}", line.id, font=NOTE_FONT)
    key_cell(ws, row, key)
    rows.append(row)
    return row + 1


def _scalar_value(scenario: Scenario, path: str) -> object:
    value: object = scenario
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _scalars(ws: Worksheet, wb: Workbook, scenario: Scenario, lang: str, row: int,
             layout: InputsLayout) -> int:
    header_row(ws, row, [translate(lang, k) for k in
                         ("excel.col.assumption", "excel.col.value", "excel.col.unit",
                          "excel.col.source")])
    row += 1
    for spec in SCALARS:
        value = _scalar_value(scenario, spec.path)
        put_text(ws, f"A{row}", translate(lang, f"field.{spec.field}"))
        if spec.kind == "text":
            put_text(ws, f"B{row}", value, fill=INPUT_FILL)
        elif spec.kind in ENUMS:
            prefix, values = ENUMS[spec.kind]
            put_text(ws, f"B{row}", label_for(lang, prefix, value.value), fill=INPUT_FILL)
            _dropdown(ws, enum_labels(lang, prefix, values), [f"B{row}"])
        elif spec.kind == "bool":
            put(ws, f"B{row}", value, fill=INPUT_FILL)
        else:
            put(ws, f"B{row}", value, fmt=FORMATS[spec.kind], fill=INPUT_FILL)
        if spec.unit:
            put_text(ws, f"C{row}", translate(lang, f"excel.unit.{spec.unit}"), align=INDENT)
        put_text(ws, f"D{row}", scenario.sources.get(spec.field, ""), fill=INPUT_FILL)
        key_cell(ws, row, spec.path)
        layout.scalar_rows[spec.path] = row
        if spec.name:
            name(wb, spec.name, layout.ref("B", row))
        row += 1
    put_text(ws, f"A{row}", translate(lang, "excel.inputs.horizon_note"), font=NOTE_FONT)
    return row + 2


def _rollout(ws: Worksheet, wb: Workbook, scenario: Scenario, lang: str, row: int,
             layout: InputsLayout) -> int:
    row = _section(ws, row, lang, "excel.inputs.rollout")
    put_text(ws, f"A{row}", translate(lang, "excel.inputs.rollout_note"), font=NOTE_FONT)
    row += 1
    header_row(ws, row, [translate(lang, key) for key in ("excel.col.year",
                                                          "excel.col.units_added")])
    row += 1
    first = row
    for year in range(scenario.horizon_years):
        put(ws, f"A{row}", year, fmt=YEAR_FORMAT)
        if year < len(scenario.scale.rollout):
            put(ws, f"B{row}", scenario.scale.rollout[year], fmt=NUMBER_FORMAT, fill=INPUT_FILL)
        else:
            ws[f"B{row}"].fill = INPUT_FILL
        key_cell(ws, row, "rollout")
        row += 1
    layout.rollout = f"{quoted(layout.sheet)}!$B${first}:$B${row - 1}"
    name(wb, "Rollout", layout.rollout)
    return row + 1


def _price_level(ws: Worksheet, wb: Workbook, scenario: Scenario, lang: str, row: int,
                 layout: InputsLayout) -> int:
    """The budget's P/L year (named PriceYear), the index's source and date, and the index
    table (named PriceIndexYears and PriceIndexValues), with spare rows for added years."""
    level = scenario.price_level
    row = _section(ws, row, lang, "excel.inputs.price_level")
    put_text(ws, f"A{row}", translate(lang, "excel.inputs.price_level_note"), font=NOTE_FONT)
    row += 1
    for part, value in (("year", level.year), ("source", level.source), ("taken", level.taken)):
        put_text(ws, f"A{row}", translate(lang, f"field.price_level.{part}"))
        if part == "year":
            put(ws, f"B{row}", value, fmt=YEAR_FORMAT, fill=INPUT_FILL)
            name(wb, "PriceYear", layout.ref("B", row))
        else:
            put_text(ws, f"B{row}", value, fill=INPUT_FILL)
            ws.merge_cells(f"B{row}:J{row}")
        key_cell(ws, row, f"price_level.{part}")
        row += 1
    header_row(ws, row, [translate(lang, f"field.price_index.{part}") for part in PRICE_COLUMNS])
    key_cell(ws, row, "price_index.header")
    first = row + 1
    points = [(p.year, p.index, p.estimate) for p in level.index]
    for values in [*points, *[(None, None, None)] * PRICE_SPARE_ROWS]:
        row += 1
        for (part, letter), value in zip(PRICE_COLUMNS.items(), values, strict=True):
            fmt = {"year": YEAR_FORMAT, "index": DECIMAL_FORMAT}.get(part)
            put(ws, f"{letter}{row}", value, fmt=fmt, fill=INPUT_FILL,
                align=CENTRE if part == "estimate" else None)
        key_cell(ws, row, "price_index")
    for defined, letter in (("PriceIndexYears", "A"), ("PriceIndexValues", "B")):
        name(wb, defined, f"{quoted(layout.sheet)}!${letter}${first}:${letter}${row}")
    return row + 2


def _cost_table(ws: Worksheet, scenario: Scenario, lang: str, row: int,
                layout: InputsLayout) -> int:
    row = _table_start(ws, row, lang, "costs", COST_COLUMNS)
    c = COST_COLUMNS
    for line in scenario.costs:
        put_text(ws, f"{c['name']}{row}", line.name, fill=INPUT_FILL)
        put_text(ws, f"{c['category']}{row}", label_for(lang, "cost_category", line.category.value),
                 fill=INPUT_FILL)
        put_text(ws, f"{c['kind']}{row}", label_for(lang, "cost_kind", line.kind.value),
                 fill=INPUT_FILL)
        put(ws, f"{c['amount']}{row}", line.amount, fmt=NUMBER_FORMAT, fill=INPUT_FILL)
        put(ws, f"{c['per_unit']}{row}", line.per_unit, fill=INPUT_FILL, align=CENTRE)
        put_text(ws, f"{c['years']}{row}", ", ".join(str(y) for y in line.years), fill=INPUT_FILL,
                 align=CENTRE)
        put(ws, f"{c['lifetime_years']}{row}", line.lifetime_years, fmt=YEAR_FORMAT,
            fill=INPUT_FILL)
        put(ws, f"{c['supplier']}{row}", line.supplier, fill=INPUT_FILL, align=CENTRE)
        row = _line_end(ws, c, row, line, "cost", layout.cost_rows)
    rows = layout.cost_rows
    _dropdown(ws, enum_labels(lang, "cost_category", CostCategory), [f"B{r}" for r in rows])
    _dropdown(ws, enum_labels(lang, "cost_kind", CostKind), [f"C{r}" for r in rows])
    return row + 1


def _gain_table(ws: Worksheet, scenario: Scenario, lang: str, row: int,
                layout: InputsLayout) -> int:
    row = _table_start(ws, row, lang, "gains", GAIN_COLUMNS)
    g = GAIN_COLUMNS
    released = GainKind.RELEASED_TIME.value
    for line in scenario.gains:
        put_text(ws, f"{g['name']}{row}", line.name, fill=INPUT_FILL)
        put_text(ws, f"{g['kind']}{row}", label_for(lang, "gain_kind", line.kind.value),
                 fill=INPUT_FILL)
        put(ws, f"{g['quantity']}{row}", line.quantity, fmt=DECIMAL_FORMAT, fill=INPUT_FILL)
        put_text(ws, f"{g['period']}{row}", label_for(lang, "period", line.period.value),
                 fill=INPUT_FILL)
        put(ws, f"{g['hourly_cost']}{row}", line.hourly_cost, fmt=NUMBER_FORMAT, fill=INPUT_FILL)
        put(ws, f"{g['per_unit']}{row}", line.per_unit, fill=INPUT_FILL, align=CENTRE)
        put_text(ws, f"{g['owner']}{row}", label_for(lang, "gain_owner", line.owner.value),
                 fill=INPUT_FILL)
        per_year = f"VLOOKUP(D{row},PeriodTable,2,FALSE)"
        is_time = label_is(lang, f"B{row}", "gain_kind", released)
        put(ws, f"{g['annual_value']}{row}",
            f"=C{row}*{per_year}*IF({is_time},E{row},1)*{g['price_factor']}{row}",
            fmt=NUMBER_FORMAT)
        put(ws, f"{g['annual_hours']}{row}", f"=IF({is_time},C{row}*{per_year},0)",
            fmt=NUMBER_FORMAT)
        row = _line_end(ws, g, row, line, "gain", layout.gain_rows)
    rows = layout.gain_rows
    _dropdown(ws, enum_labels(lang, "gain_kind", GainKind), [f"B{r}" for r in rows])
    _dropdown(ws, enum_labels(lang, "period", Period), [f"D{r}" for r in rows])
    _dropdown(ws, enum_labels(lang, "gain_owner", GainOwner), [f"{g['owner']}{r}" for r in rows])
    return row + 1


def _plan_table(ws: Worksheet, scenario: Scenario, lang: str, row: int,
                layout: InputsLayout) -> int:
    """Each gain line's realisation plan: the share of released hours taken out of the budget
    per operating year, typed as in the app ("0; 50 %"), and the decision behind it."""
    row = _table_start(ws, row, lang, "plan", PLAN_COLUMNS)
    p = PLAN_COLUMNS
    decimal = "," if lang == "da" else "."
    for line, gain_row in zip(scenario.gains, layout.gain_rows, strict=True):
        put(ws, f"{p['name']}{row}", f"=A{gain_row}")
        put_text(ws, f"{p['budget_shares']}{row}", format_budget_plan(line.budget_shares, decimal),
                 fmt="@", fill=INPUT_FILL)
        put_text(ws, f"{p['budget_decision']}{row}", line.budget_decision, fill=INPUT_FILL)
        ws.merge_cells(f"{p['budget_decision']}{row}:J{row}")
        put_text(ws, f"{p['id']}{row}", line.id, font=NOTE_FONT)
        key_cell(ws, row, "plan")
        layout.plan_rows.append(row)
        row += 1
    return row + 1


def range_format(field: str) -> str:
    """Number format of a driver's low/expected/high cells."""
    return SHARE_FORMAT if field in ("adoption", "realisation", "discount_rate") else DECIMAL_FORMAT


def driver_cell(scenario: Scenario, layout: InputsLayout, key: str) -> str:
    """The Inputs cell holding a driver's expected value (calculators.drivers key)."""
    part, *rest = key.split(".")
    if part == "scale" or not rest:  # a scale field or a scenario field (the discount rate)
        return layout.ref("B", layout.scalar_rows[key])
    lines, rows, columns = ((scenario.gains, layout.gain_rows, GAIN_COLUMNS) if part == "gain"
                            else (scenario.costs, layout.cost_rows, COST_COLUMNS))
    index = next(i for i, line in enumerate(lines) if line.id == rest[0])
    return layout.ref(columns[rest[1]], rows[index])


def _ranges(ws: Worksheet, scenario: Scenario, lang: str, row: int,
            layout: InputsLayout) -> int:
    """Three-point estimates: low and high are inputs, expected is the driver's own cell."""
    row = _table_start(ws, row, lang, "ranges", RANGE_COLUMNS)
    r = RANGE_COLUMNS
    for driver in drivers(scenario):
        band = scenario.ranges.get(driver.key)
        if band is None:
            continue
        fmt = range_format(driver.field)
        put_text(ws, f"{r['driver']}{row}", driver_label(lang, driver))
        put(ws, f"{r['low']}{row}", band.low, fmt=fmt, fill=INPUT_FILL)
        put(ws, f"{r['expected']}{row}", f"={driver_cell(scenario, layout, driver.key)}",
            fmt=fmt)
        put(ws, f"{r['high']}{row}", band.high, fmt=fmt, fill=INPUT_FILL)
        put_text(ws, f"{r['distribution']}{row}",
                 label_for(lang, "distribution", band.distribution.value), fill=INPUT_FILL)
        put_text(ws, f"{ID_COLUMN}{row}", driver.key, font=NOTE_FONT)
        key_cell(ws, row, "range")
        layout.range_rows[driver.key] = row
        row += 1
    _dropdown(ws, enum_labels(lang, "distribution", Distribution),
              [f"{r['distribution']}{n}" for n in layout.range_rows.values()])
    return row + 1


def _periods(ws: Worksheet, wb: Workbook, lang: str, row: int, layout: InputsLayout) -> int:
    row = _section(ws, row, lang, "excel.inputs.periods")
    first = row
    for period, per_year in PERIODS_PER_YEAR.items():
        put_text(ws, f"A{row}", label_for(lang, "period", period.value))
        put(ws, f"B{row}", per_year, fmt=NUMBER_FORMAT)
        row += 1
    name(wb, "PeriodTable", f"{quoted(layout.sheet)}!$A${first}:$B${row - 1}")
    return row + 1


def _other_sources(ws: Worksheet, scenario: Scenario, lang: str, row: int) -> int:
    row = _section(ws, row, lang, "excel.inputs.sources")
    put_text(ws, f"A{row}", translate(lang, "excel.inputs.sources_note"), font=NOTE_FONT)
    row += 1
    scalar_fields = {spec.field for spec in SCALARS}
    for key, text in scenario.sources.items():
        if key in scalar_fields:
            continue
        put_text(ws, f"A{row}", source_label(lang, key), fill=INPUT_FILL)
        put_text(ws, f"B{row}", text, fill=INPUT_FILL)
        put_text(ws, f"{ID_COLUMN}{row}", key)  # the model's key, hidden; the label is shown
        key_cell(ws, row, "source")
        row += 1
    return row + 1


def _texts(ws: Worksheet, scenario: Scenario, lang: str, row: int) -> int:
    row = _section(ws, row, lang, "excel.inputs.texts")
    for text_field in TEXT_FIELDS:
        put_text(ws, f"A{row}", translate(lang, f"field.{text_field}"), wrap=True)
        put_text(ws, f"B{row}", getattr(scenario, text_field), fill=INPUT_FILL, wrap=True)
        ws.merge_cells(f"B{row}:J{row}")
        key_cell(ws, row, f"text.{text_field}")
        row += 1
    return row


def write_inputs(wb: Workbook, ws: Worksheet, scenario: Scenario, lang: str) -> InputsLayout:
    layout = InputsLayout(sheet=ws.title)
    put_text(ws, "A1", translate(lang, "excel.inputs.title"), font=TITLE_FONT)
    put_text(ws, "A2", translate(lang, "excel.inputs.note"), font=NOTE_FONT)
    row = _scalars(ws, wb, scenario, lang, 4, layout)
    row = _rollout(ws, wb, scenario, lang, row, layout)
    row = _price_level(ws, wb, scenario, lang, row, layout)
    row = _cost_table(ws, scenario, lang, row, layout)
    row = _gain_table(ws, scenario, lang, row, layout)
    row = _plan_table(ws, scenario, lang, row, layout)
    row = _ranges(ws, scenario, lang, row, layout)
    row = _periods(ws, wb, lang, row, layout)
    row = _other_sources(ws, scenario, lang, row)
    _texts(ws, scenario, lang, row)
    widths(ws, {"A": 38, "B": 22, "C": 20, "D": 16, "E": 12, "F": 12, "G": 20, "H": 14, "I": 12,
                "J": 48, "K": 10, KEY_COLUMN: 14, "M": 22, "N": 12, "O": 12})
    for column in (ID_COLUMN, KEY_COLUMN):  # ids and keys are the importer's, not the reader's
        ws.column_dimensions[column].hidden = True
    ws.freeze_panes = "A5"
    a4(ws, landscape=True)
    return layout
