"""Read an exported workbook back into a Scenario.

The hidden sheet's JSON carries everything; the numbers and texts on the Inputs sheet win over
it (the user may have changed them in Excel), found by the hidden key column, not by row. So do
the input cells of the extra sheets that register a reader (VTV, documentation plan, fund and
procurement); a deleted extra sheet leaves the stored values.
The merged data is validated as a Scenario. Anything wrong raises `ExcelImportError` with
every problem found and where (sheet and cell); `describe` says it in the user's language.
"""

from __future__ import annotations

import copy
import io
import warnings

from openpyxl import Workbook, load_workbook
from pydantic import ValidationError

from calculators.drivers import driver_bounds
from calculators.model import Scenario, migrate_gain_v1
from calculators.scenario_file import MAX_FILE_BYTES
from exporters.excel_data import read_data
from exporters.excel_limits import MAX_SHEET_ROWS, unpacked_problem
from exporters.excel_reader import ENUMS, Loc, Problem, Reader, as_stored, plain
from exporters.excel_registry import readable_sheets
from exporters.excel_spec import (
    COST_COLUMNS,
    FORMAT_VERSION,
    GAIN_COLUMNS,
    ID_COLUMN,
    MARKER,
    PLAN_COLUMNS,
    PRICE_COLUMNS,
    RANGE_COLUMNS,
    SCALARS,
    TEXT_FIELDS,
    Scalar,
    sheet_title,
)
from ui.i18n import LANGUAGES, explain_validation, translate


class ExcelImportError(ValueError):
    """The workbook cannot become a scenario: `problems` (cell-level) or pydantic `validation`
    with `cells` mapping each field location to its (sheet, cell)."""

    def __init__(self, problems: list[Problem], validation: ValidationError | None = None,
                 cells: dict[Loc, tuple[str, str]] | None = None):
        self.problems = problems
        self.validation = validation
        self.cells = cells or {}
        super().__init__("; ".join(describe(self, "en")))


def _where(lang: str, sheet: str, cell: str, text: str) -> str:
    if sheet and cell:
        return translate(lang, "excel.error.at_cell", sheet=sheet, cell=cell, text=text)
    if sheet:
        return translate(lang, "excel.error.at_sheet", sheet=sheet, text=text)
    return text


def _cell_of(cells: dict[Loc, tuple[str, str]], loc: Loc) -> tuple[str, str]:
    for end in range(len(loc), 0, -1):
        if loc[:end] in cells:
            return cells[loc[:end]]
    return "", ""


def describe(error: ExcelImportError, lang: str) -> list[str]:
    """Every problem as one sentence in the user's language, with sheet and cell."""
    messages = [_where(lang, p.sheet, p.cell, p.text(lang)) for p in error.problems]
    if error.validation is not None:
        sentences = explain_validation(lang, error.validation)
        for item, sentence in zip(error.validation.errors(), sentences, strict=True):
            messages.append(_where(lang, *_cell_of(error.cells, tuple(item["loc"])), sentence))
    return messages


def _read_scalar(reader: Reader, spec: Scalar, row: int) -> object:
    loc = tuple(spec.path.split("."))
    cell = f"B{row}"
    if spec.kind == "text":
        return reader.text(loc, cell)
    if spec.kind in ENUMS:
        return reader.choice(loc, cell, spec.kind)
    if spec.kind == "bool":
        return reader.boolean(loc, cell)
    if spec.kind == "month":
        return reader.number(loc, cell, whole=True, blank=True)
    return reader.number(loc, cell, whole=spec.kind == "int")


def _set(data: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def _cost(reader: Reader, index: int, row: int) -> dict[str, object]:
    c = {name: f"{letter}{row}" for name, letter in COST_COLUMNS.items()}
    loc = ("costs", index)
    line = {
        "name": reader.text((*loc, "name"), c["name"]),
        "category": reader.choice((*loc, "category"), c["category"], "category"),
        "kind": reader.choice((*loc, "kind"), c["kind"], "cost_kind"),
        "amount": reader.number((*loc, "amount"), c["amount"]),
        "per_unit": reader.boolean((*loc, "per_unit"), c["per_unit"]),
        "years": reader.years((*loc, "years"), c["years"]),
        "lifetime_years": reader.number((*loc, "lifetime_years"), c["lifetime_years"],
                                        whole=True, blank=True),
        "supplier": reader.boolean((*loc, "supplier"), c["supplier"], blank=True),
        "source": reader.text((*loc, "source"), c["source"]),
        "budget_area": reader.text((*loc, "budget_area"), c["budget_area"]),
        "price_year": reader.number((*loc, "price_year"), c["price_year"], whole=True,
                                    blank=True),
    }
    reader.cells[loc] = (reader.ws.title, c["name"])
    line_id = reader.text((*loc, "id"), c["id"])
    return {**line, "id": line_id} if line_id else line


def _gain(reader: Reader, index: int, row: int, version: int) -> dict[str, object]:
    g = {name: f"{letter}{row}" for name, letter in GAIN_COLUMNS.items()}
    loc = ("gains", index)
    line = {
        "name": reader.text((*loc, "name"), g["name"]),
        "kind": reader.choice((*loc, "kind"), g["kind"], "gain_kind"),
        "quantity": reader.number((*loc, "quantity"), g["quantity"]),
        "period": reader.choice((*loc, "period"), g["period"], "period"),
        "hourly_cost": reader.number((*loc, "hourly_cost"), g["hourly_cost"]),
        "per_unit": reader.boolean((*loc, "per_unit"), g["per_unit"]),
        "source": reader.text((*loc, "source"), g["source"]),
        "budget_area": reader.text((*loc, "budget_area"), g["budget_area"]),
        "price_year": reader.number((*loc, "price_year"), g["price_year"], whole=True,
                                    blank=True),
    }
    if version < 2:  # column G held the cash-releasing flag: migrated as the model does
        line = migrate_gain_v1(line | {"cash_releasing": reader.boolean(
            (*loc, "budget_shares"), g["owner"])})
    else:
        line["owner"] = reader.choice((*loc, "owner"), g["owner"], "owner")
    reader.cells[loc] = (reader.ws.title, g["name"])
    line_id = reader.text((*loc, "id"), g["id"])
    return {**line, "id": line_id} if line_id else line


def _plans(reader: Reader, gains: list[dict[str, object]], stored: object) -> None:
    """Each gain line's realisation plan from its row in the plan table (matched by id, else
    by position); a line without a row keeps its stored plan."""
    before = {line.get("id"): line for line in stored if isinstance(line, dict)} \
        if isinstance(stored, list) else {}
    for line in gains:
        kept = before.get(line.get("id"), {})
        for key in ("budget_shares", "budget_decision"):
            if key in kept:
                line[key] = kept[key]
    by_id = {line.get("id"): index for index, line in enumerate(gains)}
    for position, row in enumerate(reader.rows.get("plan", [])):
        p = {name: f"{letter}{row}" for name, letter in PLAN_COLUMNS.items()}
        line_id = reader.text(("plan", position), p["id"])
        index = by_id.get(line_id, position) if line_id else position
        if index >= len(gains):
            continue
        loc = ("gains", index)
        gains[index]["budget_shares"] = reader.plan((*loc, "budget_shares"), p["budget_shares"])
        gains[index]["budget_decision"] = reader.text((*loc, "budget_decision"),
                                                      p["budget_decision"])


def _ranges(reader: Reader, stored: object) -> dict[str, object]:
    """Low, high and distribution per driver key; without the table (an older export) the
    stored ranges stay."""
    stored = stored if isinstance(stored, dict) else {}
    if "ranges.header" not in reader.rows:
        return stored
    found: dict[str, object] = {}
    for row in reader.rows.get("range", []):
        r = {name: f"{letter}{row}" for name, letter in RANGE_COLUMNS.items()}
        key = reader.text(("ranges",), r["key"])
        loc = ("ranges", key)
        before = stored.get(key) if isinstance(stored.get(key), dict) else {}
        low, high = (as_stored(reader.number((*loc, end), r[end]), before.get(end))
                     for end in ("low", "high"))
        lowest, highest = driver_bounds(key)
        for value, cell in ((low, r["low"]), (high, r["high"])):
            if value is not None and not lowest <= value <= highest:
                reader.problem("range_bounds", cell, value=plain(value),
                               lowest=plain(lowest), highest=plain(highest))
        if low is not None and high is not None and low > high:
            reader.problem("range_order", r["low"], low=plain(low), high=plain(high))
        found[key] = {"low": low, "high": high, "distribution": reader.choice(
            (*loc, "distribution"), r["distribution"], "distribution")}
        reader.cells[loc] = (reader.ws.title, r["low"])
    return found


def _price_level(reader: Reader, stored: object) -> object:
    """The budget's P/L year, the index's source and date and the index table (rows with a
    year; blank spare rows skipped); without the section (an older export) the stored price
    level stays."""
    if "price_level.year" not in reader.rows:
        return stored
    loc, year_cell = ("price_level",), f"B{reader.rows['price_level.year'][0]}"
    level: dict[str, object] = {"year": reader.number((*loc, "year"), year_cell, whole=True)}
    for part in ("source", "taken"):
        row = reader.row_of(f"price_level.{part}", f"field.price_level.{part}")
        if row is not None:
            level[part] = reader.text((*loc, part), f"B{row}")
    points = []
    for row in reader.rows.get("price_index", []):
        p = {part: f"{letter}{row}" for part, letter in PRICE_COLUMNS.items()}
        point_loc = (*loc, "index", len(points))
        year = reader.number((*point_loc, "year"), p["year"], whole=True, blank=True)
        if year is None:
            continue
        points.append({"year": year, "index": reader.number((*point_loc, "index"), p["index"]),
                       "estimate": bool(reader.boolean((*point_loc, "estimate"), p["estimate"],
                                                       blank=True))})
        reader.cells[point_loc] = (reader.ws.title, p["year"])
    level["index"] = points
    reader.cells[loc] = (reader.ws.title, year_cell)
    return level


def _rollout(reader: Reader) -> list[int]:
    values = [reader.number(("scale", "rollout", i), f"B{row}", whole=True, blank=True)
              for i, row in enumerate(reader.rows.get("rollout", []))]
    while values and values[-1] is None:
        values.pop()
    return [v or 0 for v in values]


def _inputs(reader: Reader, data: dict, version: int) -> None:
    sources: dict[str, str] = {}
    for spec in SCALARS:
        row = reader.row_of(spec.path, f"field.{spec.field}")
        if row is None:
            continue
        _set(data, spec.path, _read_scalar(reader, spec, row))
        source = reader.text(("sources", spec.field), f"D{row}")
        if source:
            sources[spec.field] = source
    for text_field in TEXT_FIELDS:
        row = reader.row_of(f"text.{text_field}", f"field.{text_field}")
        if row is not None:
            data[text_field] = reader.stored_text((text_field,), f"B{row}", data.get(text_field))
    for row in reader.rows.get("source", []):
        # the model's key in the hidden id column; older workbooks showed it in column A
        key = reader.text(("sources",), f"{ID_COLUMN}{row}") or reader.text(("sources",), f"A{row}")
        if key:
            sources[key] = reader.text(("sources", key), f"B{row}")
    data["sources"] = sources
    data.setdefault("scale", {})["rollout"] = _rollout(reader)
    reader.row_of("costs.header", "excel.inputs.costs")
    reader.row_of("gains.header", "excel.inputs.gains")
    data["costs"] = [_cost(reader, i, row) for i, row in enumerate(reader.rows.get("cost", []))]
    stored_gains = data.get("gains")
    data["gains"] = [_gain(reader, i, row, version)
                     for i, row in enumerate(reader.rows.get("gain", []))]
    if version >= 2:
        _plans(reader, data["gains"], stored_gains)
    data["ranges"] = _ranges(reader, data.get("ranges"))
    data["price_level"] = _price_level(reader, data.get("price_level"))
    reader.cells[("scale",)] = reader.cells.get(("scale", "units"), ("", ""))


def _sheet(wb: Workbook, titles: list[str]) -> str | None:
    """The first of `titles` the workbook has (its language first, then the others)."""
    return next((title for title in titles if title in wb.sheetnames), None)


def _stored_scenario(text: str) -> dict:
    """The hidden sheet's scenario as the model writes it: anything that does not validate (a
    wrong shape, a nesting too deep to read) means the sheet was damaged."""
    try:
        return Scenario.model_validate_json(text).model_dump(mode="json")
    except (ValidationError, ValueError, RecursionError) as exc:
        raise ExcelImportError([Problem("broken_data")]) from exc


def read_workbook(data: bytes) -> Scenario:
    """The scenario in an exported workbook; ExcelImportError says what is wrong and where."""
    if len(data) > MAX_FILE_BYTES:
        raise ExcelImportError([Problem("too_large", params={"mb": MAX_FILE_BYTES // 2**20})])
    unpacked = unpacked_problem(data)
    if unpacked is not None:
        raise ExcelImportError([Problem(unpacked[0], params=unpacked[1])])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an xlsx
        raise ExcelImportError([Problem("not_xlsx")]) from exc
    long = [ws for ws in wb.worksheets if ws.max_row > MAX_SHEET_ROWS]
    if long:
        raise ExcelImportError([Problem("too_many_rows", long[0].title, f"A{long[0].max_row}",
                                        {"rows": long[0].max_row, "limit": MAX_SHEET_ROWS})])
    stored = read_data(wb)
    if stored is None or stored[0]["marker"] != MARKER:
        raise ExcelImportError([Problem("not_ours")])
    header, text = stored
    if not isinstance(header["version"], int | float) or header["version"] > FORMAT_VERSION:
        raise ExcelImportError([Problem("newer_format")])
    base = _stored_scenario(text)
    lang = header["lang"] if header["lang"] in LANGUAGES else LANGUAGES[0]
    inputs = _sheet(wb, [sheet_title(other, "inputs") for other in (lang, *LANGUAGES)])
    if inputs is None:
        raise ExcelImportError([Problem("missing_sheet", params={"name":
                                                                 sheet_title(lang, "inputs")})])
    exported, readers = copy.deepcopy(base), [Reader(wb[inputs], lang)]
    _inputs(readers[0], base, int(header["version"]))
    for extra in readable_sheets():
        title = _sheet(wb, [extra.title(other) for other in (lang, *LANGUAGES)])
        if title is not None:  # a deleted sheet leaves the stored values
            readers.append(Reader(wb[title], lang))
            extra.read(readers[-1], base, exported)
    problems = [problem for reader in readers for problem in reader.problems]
    if problems:
        raise ExcelImportError(problems)
    cells = {loc: cell for reader in readers for loc, cell in reader.cells.items()}
    try:
        return Scenario.model_validate(base)
    except ValidationError as exc:
        raise ExcelImportError([], exc, cells) from exc
