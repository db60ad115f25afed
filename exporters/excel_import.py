"""Read an exported workbook back into a Scenario.

The hidden sheet's JSON carries everything; the numbers and texts on the Inputs sheet win over
it (the user may have changed them in Excel), found by the hidden key column, not by row.
The merged data is validated as a Scenario. Anything wrong raises `ExcelImportError` with
every problem found and where (sheet and cell); `describe` says it in the user's language.
"""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import dataclass, field
from enum import StrEnum

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from calculators.drivers import driver_bounds
from calculators.model import (
    CostCategory,
    CostKind,
    Distribution,
    EstimateBasis,
    GainKind,
    Period,
    Scenario,
)
from calculators.scenario_file import MAX_FILE_BYTES
from exporters.excel_cells import decode_text, fit_cell
from exporters.excel_data import read_data
from exporters.excel_spec import (
    COST_COLUMNS,
    FORMAT_VERSION,
    GAIN_COLUMNS,
    KEY_COLUMN,
    MARKER,
    RANGE_COLUMNS,
    SCALARS,
    TEXT_FIELDS,
    Scalar,
    sheet_title,
)
from ui.i18n import LANGUAGES, explain_validation, label_for, translate

TRUE_WORDS = {"true", "sand", "ja", "yes", "x", "1"}
FALSE_WORDS = {"false", "falsk", "nej", "no", "0", ""}
ENUMS: dict[str, tuple[str, type[StrEnum]]] = {
    "basis": ("basis", EstimateBasis),
    "category": ("cost_category", CostCategory),
    "cost_kind": ("cost_kind", CostKind),
    "gain_kind": ("gain_kind", GainKind),
    "period": ("period", Period),
    "distribution": ("distribution", Distribution),
}
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong. `name_key` (a string key) and `choices` (enum label prefix) are
    translated when described, so the message follows the user's language, not the file's."""

    code: str
    sheet: str = ""
    cell: str = ""
    params: dict[str, object] = field(default_factory=dict)
    name_key: str = ""
    choices: str = ""

    def text(self, lang: str) -> str:
        params = dict(self.params)
        if self.name_key:
            params["name"] = translate(lang, self.name_key)
        if self.choices:
            prefix, values = ENUMS[self.choices]
            params["expected"] = ", ".join(label_for(lang, prefix, v.value) for v in values)
        return translate(lang, f"excel.error.{self.code}", **params)


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


class _Reader:
    """Reads typed values from the Inputs sheet, noting problems instead of stopping."""

    def __init__(self, ws: Worksheet, lang: str):
        self.ws = ws
        self.lang = lang
        self.problems: list[Problem] = []
        self.cells: dict[Loc, tuple[str, str]] = {}
        self.rows: dict[str, list[int]] = {}
        for row in range(1, ws.max_row + 1):
            key = ws[f"{KEY_COLUMN}{row}"].value
            if isinstance(key, str):
                self.rows.setdefault(decode_text(key), []).append(row)

    def problem(self, code: str, cell: str, choices: str = "", **params: object) -> None:
        self.problems.append(Problem(code, self.ws.title, cell, params, choices=choices))

    def at(self, loc: Loc, cell: str) -> object:
        self.cells[loc] = (self.ws.title, cell)
        return self.ws[cell].value

    def text(self, loc: Loc, cell: str) -> str:
        value = self.at(loc, cell)
        if value is None:
            return ""
        if isinstance(value, bool):
            return str(value).upper()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return decode_text(str(value))

    def number(self, loc: Loc, cell: str, whole: bool = False, blank: bool = False
               ) -> float | int | None:
        value = self.at(loc, cell)
        if value is None or (isinstance(value, str) and not value.strip()):
            if not blank:
                self.problem("empty", cell)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem("not_number", cell, value=_shown(value))
            return None
        if whole:
            if not float(value).is_integer():
                self.problem("not_whole", cell, value=_shown(value))
                return None
            return int(value)
        return float(value)

    def boolean(self, loc: Loc, cell: str) -> bool | None:
        value = self.at(loc, cell)
        if isinstance(value, bool):
            return value
        word = "" if value is None else str(value).strip().lower()
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        self.problem("not_bool", cell, value=_shown(value))
        return None

    def choice(self, loc: Loc, cell: str, enum: str) -> str | None:
        prefix, values = ENUMS[enum]
        text = self.text(loc, cell).strip().casefold()
        for value in values:
            names = {value.value} | {label_for(lang, prefix, value.value) for lang in LANGUAGES}
            if text in {n.casefold() for n in names}:
                return value.value
        self.problem("unknown_label", cell, choices=enum, value=_shown(self.at(loc, cell)))
        return None

    def years(self, loc: Loc, cell: str) -> list[int] | None:
        text = self.text(loc, cell)
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        if all(p.isdigit() for p in parts):
            return [int(p) for p in parts]
        self.problem("bad_years", cell, value=_shown(text))
        return None

    def row_of(self, key: str, name_key: str) -> int | None:
        rows = self.rows.get(key)
        if not rows:
            self.problems.append(Problem("missing_row", self.ws.title, name_key=name_key))
            return None
        return rows[0]


def _shown(value: object) -> str:
    text = decode_text(str(value)) if value is not None else ""
    return text if len(text) <= 40 else text[:39] + "…"


def _read_scalar(reader: _Reader, spec: Scalar, row: int) -> object:
    loc = tuple(spec.path.split("."))
    cell = f"B{row}"
    if spec.kind == "text":
        return reader.text(loc, cell)
    if spec.kind == "basis":
        return reader.choice(loc, cell, "basis")
    return reader.number(loc, cell, whole=spec.kind == "int")


def _set(data: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def _cost(reader: _Reader, index: int, row: int) -> dict[str, object]:
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
        "source": reader.text((*loc, "source"), c["source"]),
    }
    reader.cells[loc] = (reader.ws.title, c["name"])
    line_id = reader.text((*loc, "id"), c["id"])
    return {**line, "id": line_id} if line_id else line


def _gain(reader: _Reader, index: int, row: int) -> dict[str, object]:
    g = {name: f"{letter}{row}" for name, letter in GAIN_COLUMNS.items()}
    loc = ("gains", index)
    line = {
        "name": reader.text((*loc, "name"), g["name"]),
        "kind": reader.choice((*loc, "kind"), g["kind"], "gain_kind"),
        "quantity": reader.number((*loc, "quantity"), g["quantity"]),
        "period": reader.choice((*loc, "period"), g["period"], "period"),
        "hourly_cost": reader.number((*loc, "hourly_cost"), g["hourly_cost"]),
        "per_unit": reader.boolean((*loc, "per_unit"), g["per_unit"]),
        "cash_releasing": reader.boolean((*loc, "cash_releasing"), g["cash_releasing"]),
        "source": reader.text((*loc, "source"), g["source"]),
    }
    reader.cells[loc] = (reader.ws.title, g["name"])
    line_id = reader.text((*loc, "id"), g["id"])
    return {**line, "id": line_id} if line_id else line


def _plain(value: float) -> str:
    """99 rather than 99.0 in a message."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _as_stored(value: float | None, stored: object) -> float | None:
    """The stored number when the cell still shows it (openpyxl writes 16 significant digits,
    so the last binary digit of a float can differ), else the cell's value."""
    if isinstance(stored, int | float) and value is not None and float(f"{stored:.16g}") == value:
        return float(stored)
    return value


def _ranges(reader: _Reader, stored: object) -> dict[str, object]:
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
        low, high = (_as_stored(reader.number((*loc, end), r[end]), before.get(end))
                     for end in ("low", "high"))
        lowest, highest = driver_bounds(key)
        for value, cell in ((low, r["low"]), (high, r["high"])):
            if value is not None and not lowest <= value <= highest:
                reader.problem("range_bounds", cell, value=_plain(value),
                               lowest=_plain(lowest), highest=_plain(highest))
        if low is not None and high is not None and low > high:
            reader.problem("range_order", r["low"], low=_plain(low), high=_plain(high))
        found[key] = {"low": low, "high": high, "distribution": reader.choice(
            (*loc, "distribution"), r["distribution"], "distribution")}
        reader.cells[loc] = (reader.ws.title, r["low"])
    return found


def _rollout(reader: _Reader) -> list[int]:
    values = [reader.number(("scale", "rollout", i), f"B{row}", whole=True, blank=True)
              for i, row in enumerate(reader.rows.get("rollout", []))]
    while values and values[-1] is None:
        values.pop()
    return [v or 0 for v in values]


def _inputs(reader: _Reader, data: dict) -> None:
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
            text = reader.text((text_field,), f"B{row}")
            stored = data.get(text_field)
            unchanged = isinstance(stored, str) and text == decode_text(fit_cell(stored))
            data[text_field] = stored if unchanged else text
    for row in reader.rows.get("source", []):
        key = reader.text(("sources",), f"A{row}")
        if key:
            sources[key] = reader.text(("sources", key), f"B{row}")
    data["sources"] = sources
    data.setdefault("scale", {})["rollout"] = _rollout(reader)
    reader.row_of("costs.header", "excel.inputs.costs")
    reader.row_of("gains.header", "excel.inputs.gains")
    data["costs"] = [_cost(reader, i, row) for i, row in enumerate(reader.rows.get("cost", []))]
    data["gains"] = [_gain(reader, i, row) for i, row in enumerate(reader.rows.get("gain", []))]
    data["ranges"] = _ranges(reader, data.get("ranges"))
    reader.cells[("scale",)] = reader.cells.get(("scale", "units"), ("", ""))


def read_workbook(data: bytes) -> Scenario:
    """The scenario in an exported workbook; ExcelImportError says what is wrong and where."""
    if len(data) > MAX_FILE_BYTES:
        raise ExcelImportError([Problem("too_large", params={"mb": MAX_FILE_BYTES // 2**20})])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an xlsx
        raise ExcelImportError([Problem("not_xlsx")]) from exc
    stored = read_data(wb)
    if stored is None or stored[0]["marker"] != MARKER:
        raise ExcelImportError([Problem("not_ours")])
    header, text = stored
    if not isinstance(header["version"], int | float) or header["version"] > FORMAT_VERSION:
        raise ExcelImportError([Problem("newer_format")])
    try:
        base = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExcelImportError([Problem("broken_data")]) from exc
    if not isinstance(base, dict):
        raise ExcelImportError([Problem("broken_data")])
    lang = header["lang"] if header["lang"] in LANGUAGES else LANGUAGES[0]
    inputs = next((name for name in (sheet_title(lang, "inputs"),
                                     *(sheet_title(other, "inputs") for other in LANGUAGES))
                   if name in wb.sheetnames), None)
    if inputs is None:
        raise ExcelImportError([Problem("missing_sheet", params={"name":
                                                                 sheet_title(lang, "inputs")})])
    reader = _Reader(wb[inputs], lang)
    _inputs(reader, base)
    if reader.problems:
        raise ExcelImportError(reader.problems)
    try:
        return Scenario.model_validate(base)
    except ValidationError as exc:
        raise ExcelImportError([], exc, reader.cells) from exc
