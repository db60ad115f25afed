"""Headlines from calculators/headlines.py as sentences in the reader's language (pure)."""

from __future__ import annotations

from calculators.headlines import Headline, Value
from ui.formatting import format_dkk, format_number, format_share
from ui.i18n import label_for, translate


def format_value(item: Value, lang: str) -> str:
    unit, value = item
    if unit == "text":
        return str(value)
    if unit == "kr":
        return format_dkk(value, lang)
    if unit in ("months", "minutes", "score"):
        return format_number(value, lang, 1)
    if unit == "hours":
        if value >= 100 or round(value, 2).is_integer():
            return format_number(value, lang)
        return format_number(value, lang, 2 if value < 10 else 1)
    if unit == "fte":
        return format_number(value, lang, 2 if value < 1 else 1)
    if unit == "count":
        return format_number(value, lang)
    if unit == "share":
        return format_share(value, lang, 0 if round(value * 100, 6).is_integer() else 1)
    return label_for(lang, unit, str(value))


def sentence(headline: Headline, lang: str) -> str:
    values = {name: format_value(item, lang) for name, item in headline.values.items()}
    return translate(lang, headline.key, **values)


def figure(headline: Headline, name: str, lang: str) -> str:
    """One value of a headline on its own, e.g. the payback months for a large figure."""
    return format_value(headline.values[name], lang)
