"""Headlines from calculators/headlines.py as sentences in the reader's language (pure)."""

from __future__ import annotations

from calculators.headlines import Headline, Value
from calculators.model import Scenario
from calculators.price_level import estimates_used
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



def amounts_in(scenario: Scenario, lang: str) -> str:
    """'Beløb i faste priser (P/L 2026)': the budget's price level the figures are in.

    >>> from calculators.scenario_file import load_sample
    >>> amounts_in(load_sample("aarhus_toilet"), "en")
    'Amounts in constant prices (2012 price level)'
    """
    return translate(lang, "pl.amounts", label=translate(
        lang, "pl.fixed_prices", year=scenario.price_level.year))


def estimates_note(scenario: Scenario, lang: str) -> str:
    """Which index figures a conversion uses are estimates ('' when none is)."""
    years = ", ".join(map(str, estimates_used(scenario)))
    return translate(lang, "pl.estimates", years=years) if years else ""


def price_note(scenario: Scenario, lang: str) -> str:
    """The price level and, when a line is converted with an estimated index figure, which
    years are estimates: what every document states beside its figures' source and date.

    >>> from calculators.scenario_file import load_sample
    >>> case = load_sample("aarhus_toilet")
    >>> price_note(case, "da")
    'Beløb i faste priser (P/L 2012)'
    >>> case = case.model_copy(update={"price_level": case.price_level.model_copy(
    ...     update={"year": 2026})})
    >>> case = case.model_copy(update={"costs": [c.model_copy(update={"price_year": 2023})
    ...                                          for c in case.costs]})
    >>> price_note(case, "en").split(" · ")[1]
    'The conversion uses index figures that are estimates: 2026'
    """
    return " · ".join(p for p in (amounts_in(scenario, lang), estimates_note(scenario, lang))
                      if p)
