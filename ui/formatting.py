"""Numbers the Danish way on screen (1.234.567 kr.); English with DKK. Files keep plain numbers."""

from __future__ import annotations

import math

from babel.numbers import format_decimal, format_percent

LOCALES = {"da": "da_DK", "en": "en_GB"}


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern, locale=LOCALES[lang])


def format_dkk(value: float, lang: str) -> str:
    """1.234.567 kr. in Danish, DKK 1,234,567 in English; whole kroner."""
    number = format_number(value, lang)
    return f"{number} kr." if lang == "da" else f"DKK {number}"


def format_share(value: float, lang: str, decimals: int = 0) -> str:
    pattern = "0" + ("." + "0" * decimals if decimals else "") + " %"
    return format_percent(value, format=pattern, locale=LOCALES[lang])


def format_significant(value: float, lang: str, digits: int = 4) -> str:
    """Up to `digits` significant digits without trailing zeros: 0,1238 · 300 · 35.000."""
    if value is None or not math.isfinite(value):
        return "–"
    if value == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return format_decimal(round(value, decimals), format="#,##0." + "#" * max(decimals, 1),
                          locale=LOCALES[lang])
