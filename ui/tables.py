"""Tables for display: engine columns renamed to the user's language, numbers written the
user's way (1.234.567 in Danish) while the cells stay numbers (sorting, right alignment)."""

from __future__ import annotations

from functools import partial

import pandas as pd
from pandas.io.formats.style import Styler

from calculators.cashflow import VERSION_1_COLUMNS
from ui.formatting import format_number
from ui.i18n import translate

PLAIN = ("year", "calendar_year")  # 2026, not 2.026
DECIMALS = {"discount_factor": 4, "units_installed": 0}


def _plain(value: float) -> str:
    return f"{value:.0f}"


def cashflow_display(table: pd.DataFrame, lang: str) -> Styler:
    """The year-by-year table as shown: kroner and hours whole and grouped, the discount
    factor with four decimals, years plain."""
    table = table.drop(columns=list(VERSION_1_COLUMNS))
    formats = {translate(lang, f"table.{c}"): _plain if c in PLAIN else
               partial(format_number, lang=lang, decimals=DECIMALS.get(c, 0))
               for c in table.columns}
    shown = table.rename(columns={c: translate(lang, f"table.{c}") for c in table.columns})
    return shown.style.format(formats)
