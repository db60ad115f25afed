"""The workbook's layout contract, shared by the exporter and the importer.

The Inputs sheet carries a hidden key column; the importer finds every input by its key, not
by its row, so inserted or deleted rows are either tolerated or reported by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import LANGUAGES, translate

MARKER = "velfaerd-business-case workbook"
FORMAT_VERSION = 2  # 2: gain owner in column G and the realisation-plan table (1: cash-releasing)
DATA_SHEET = "_scenario"
JSON_CHUNK = 8_000  # encoded, even all emoji or escapes, it stays under 32,767
ROLES = ("summary", "inputs", "calculation", "months", "about")
KEY_COLUMN = "L"
ID_COLUMN = "K"
FIRST_DATA_ROW_MONTHS = 5


@dataclass(frozen=True)
class Scalar:
    path: str  # "discount_rate" or "scale.adoption"
    kind: str  # text, int, month (1–12 or blank), float, share, bool or a choice (ENUMS key)
    unit: str | None  # key into excel.unit.* strings
    name: str | None  # defined name for formulas

    @property
    def field(self) -> str:
        return self.path.rsplit(".", 1)[-1]


SCALARS = (
    Scalar("title", "text", None, None),
    Scalar("organisation", "text", None, None),
    Scalar("technology", "text", None, None),
    Scalar("estimate_basis", "basis", None, None),
    Scalar("start_year", "int", "year", "StartYear"),
    Scalar("start_month", "month", None, "StartMonth"),
    Scalar("horizon_years", "int", "years", "Horizon"),
    Scalar("discount_rate", "share", "per_year", "DiscountRate"),
    Scalar("discount_basis", "discount_basis", None, None),
    Scalar("include_residual_value", "bool", None, "IncludeResidual"),
    Scalar("hours_per_fte", "float", "hours", "HoursPerFTE"),
    Scalar("scale.units", "int", "units", "Units"),
    Scalar("scale.adoption", "share", "share", "Adoption"),
    Scalar("scale.realisation", "share", "share", "Realisation"),
    Scalar("scale.implementation_months", "int", "months", "ImplementationMonths"),
    Scalar("scale.ramp_up_months", "int", "months", "RampUpMonths"),
)
TEXT_FIELDS = ("description", "purpose", "baseline", "with_technology", "alternatives")

# Columns of the cost and gain tables on the Inputs sheet (field -> column letter).
# price_year: the P/L year of the amount (blank = the budget's); price_factor: its formula
# index[PriceYear] / index[price_year] (calculators.price_level.index_ratio).
COST_COLUMNS = {"name": "A", "category": "B", "kind": "C", "amount": "D", "per_unit": "E",
                "years": "F", "lifetime_years": "G", "supplier": "H", "source": "J",
                "id": ID_COLUMN, "budget_area": "M", "price_year": "N", "price_factor": "O"}
GAIN_COLUMNS = {"name": "A", "kind": "B", "quantity": "C", "period": "D", "hourly_cost": "E",
                "per_unit": "F", "owner": "G", "annual_value": "H", "annual_hours": "I",
                "source": "J", "id": ID_COLUMN, "budget_area": "M", "price_year": "N",
                "price_factor": "O"}
# The price level: the budget's P/L year, the index's source and date, then the index table.
PRICE_COLUMNS = {"year": "A", "index": "B", "estimate": "C"}
PRICE_SPARE_ROWS = 3  # blank yellow rows below the index, for years the user adds
RECORD_SPARE_ROWS = 5  # blank yellow rows below the follow-up's records of hours taken out
# The realisation plan of each gain line (same order as the gain table, matched by id).
PLAN_COLUMNS = {"name": "A", "budget_shares": "B", "budget_decision": "C", "id": ID_COLUMN}

RANGE_COLUMNS = {"driver": "A", "low": "B", "expected": "C", "high": "D", "distribution": "E",
                 "key": ID_COLUMN}


def sheet_title(lang: str, role: str) -> str:
    return translate(lang, f"excel.sheet.{role}")


def sheet_titles_any_language(role: str) -> set[str]:
    return {sheet_title(lang, role) for lang in LANGUAGES}


def quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def text_literal(text: str) -> str:
    """A string constant inside a formula."""
    return '"' + text.replace('"', '""') + '"'
