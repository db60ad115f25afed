"""Reading typed values from an exported workbook's cells, noting every problem with its
sheet and cell instead of stopping (the Inputs sheet and the extra sheets' input cells).

`Problem` is translated when described, so the message follows the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from openpyxl.worksheet.worksheet import Worksheet

from calculators.discounting import DiscountBasis
from calculators.model import (
    CostCategory,
    CostKind,
    Distribution,
    EstimateBasis,
    GainKind,
    GainOwner,
    Period,
    parse_budget_plan,
)
from calculators.vtv import Confidence
from exporters.excel_cells import decode_text, fit_cell
from exporters.excel_spec import KEY_COLUMN
from ui.i18n import LANGUAGES, label_for, translate

TRUE_WORDS = {"true", "sand", "ja", "yes", "x", "1"}
FALSE_WORDS = {"false", "falsk", "nej", "no", "0", ""}
ENUMS: dict[str, tuple[str, type[StrEnum]]] = {
    "basis": ("basis", EstimateBasis),
    "category": ("cost_category", CostCategory),
    "cost_kind": ("cost_kind", CostKind),
    "gain_kind": ("gain_kind", GainKind),
    "owner": ("gain_owner", GainOwner),
    "period": ("period", Period),
    "distribution": ("distribution", Distribution),
    "confidence": ("vtv_confidence", Confidence),
    "discount_basis": ("discount_basis", DiscountBasis),
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


class Reader:
    """Reads typed values from one sheet, noting problems instead of stopping; rows are found by
    the hidden key column (`rows`), and `cells` maps each field location to its cell."""

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
            self.problem("not_number", cell, value=shown(value))
            return None
        if whole:
            if not float(value).is_integer():
                self.problem("not_whole", cell, value=shown(value))
                return None
            return int(value)
        return float(value)

    def boolean(self, loc: Loc, cell: str, blank: bool = False) -> bool | None:
        """TRUE/FALSE, 1/0 or a yes/no word; an empty cell is None when `blank` allows it."""
        value = self.at(loc, cell)
        if blank and (value is None or (isinstance(value, str) and not value.strip())):
            return None
        if isinstance(value, bool):
            return value
        word = "" if value is None else str(value).strip().lower()
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        self.problem("not_bool", cell, value=shown(value))
        return None

    def choice(self, loc: Loc, cell: str, enum: str) -> str | None:
        prefix, values = ENUMS[enum]
        text = self.text(loc, cell).strip().casefold()
        for value in values:
            names = {value.value} | {label_for(lang, prefix, value.value) for lang in LANGUAGES}
            if text in {n.casefold() for n in names}:
                return value.value
        self.problem("unknown_label", cell, choices=enum, value=shown(self.at(loc, cell)))
        return None

    def stored_text(self, loc: Loc, cell: str, stored: object) -> str:
        """The cell's text; the stored text when the cell still shows it (the cell may hold it
        cut to Excel's limit)."""
        text = self.text(loc, cell)
        unchanged = isinstance(stored, str) and text == decode_text(fit_cell(stored))
        return stored if unchanged else text

    def day(self, loc: Loc, cell: str) -> str | None:
        """A date typed as a date or as YYYY-MM-DD text, in ISO form; None when blank."""
        value = self.at(loc, cell)
        if isinstance(value, datetime | date):
            return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
        text = self.text(loc, cell).strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            self.problem("bad_date", cell, value=shown(text))
            return None

    def years(self, loc: Loc, cell: str) -> list[int] | None:
        text = self.text(loc, cell)
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        # isdecimal, not isdigit: "²" is a digit int() cannot read; three digits at most, so
        # a 5,000-digit number is a bad year, not Python's integer-length error
        if all(p.isdecimal() and p.isascii() and len(p) <= 3 for p in parts):
            return [int(p) for p in parts]
        self.problem("bad_years", cell, value=shown(text))
        return None

    def plan(self, loc: Loc, cell: str) -> list[float | str]:
        """A realisation plan: percentages per operating year as text ("0; 50 %"); a number
        typed into the cell is one percentage (or a fraction when shown as a percentage)."""
        value = self.at(loc, cell)
        if isinstance(value, int | float) and not isinstance(value, bool):
            percent = "%" in str(self.ws[cell].number_format)
            return [float(value) if percent else float(value) / 100]
        return parse_budget_plan(self.text(loc, cell))

    def row_of(self, key: str, name_key: str) -> int | None:
        rows = self.rows.get(key)
        if not rows:
            self.problems.append(Problem("missing_row", self.ws.title, name_key=name_key))
            return None
        return rows[0]

    def first_row(self, key: str) -> int | None:
        """The row of `key`, None when it is gone (the caller keeps the stored value)."""
        rows = self.rows.get(key)
        return rows[0] if rows else None


def shown(value: object) -> str:
    text = decode_text(str(value)) if value is not None else ""
    return text if len(text) <= 40 else text[:39] + "…"


def plain(value: float) -> str:
    """99 rather than 99.0 in a message."""
    return str(int(value)) if float(value).is_integer() else str(value)


def as_stored(value: float | None, stored: object) -> float | None:
    """The stored number when the cell still shows it (openpyxl writes 16 significant digits,
    so the last binary digit of a float can differ), else the cell's value."""
    if isinstance(stored, int | float) and value is not None and float(f"{stored:.16g}") == value:
        return float(stored)
    return value
