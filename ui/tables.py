"""Tables for display: engine columns renamed to the user's language, kroner rounded."""

from __future__ import annotations

import pandas as pd

from calculators.cashflow import VERSION_1_COLUMNS
from ui.i18n import translate


def cashflow_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = table.drop(columns=list(VERSION_1_COLUMNS))
    shown = table.drop(columns=["discount_factor"]).round(0)
    shown["discount_factor"] = table["discount_factor"].round(4)
    shown = shown[table.columns]
    return shown.rename(columns={c: translate(lang, f"table.{c}") for c in table.columns})
