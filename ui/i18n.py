"""One string catalogue for the interface, Danish first, English second. No Streamlit here."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from pydantic import ValidationError

import ui.strings
from ui.formatting import format_number

PERCENT_FIELDS = frozenset({"adoption", "realisation", "discount_rate", "budget_shares"})
LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in pkgutil.iter_modules(ui.strings.__path__):
        strings = importlib.import_module(f"ui.strings.{module.name}").STRINGS
        clash = merged.keys() & strings.keys()
        if clash:
            raise ValueError(f"string keys defined twice: {sorted(clash)}")
        merged.update(strings)
    return merged


def translate(lang: str, key: str, /, **values: object) -> str:
    text = catalogue()[key][lang]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in catalogue()


def label_for(lang: str, prefix: str, value: str) -> str:
    """The translated label of an enum value, e.g. label_for("da", "gain_kind", "income")."""
    key = f"{prefix}.{value}"
    return translate(lang, key) if has(key) else value


def source_label(lang: str, key: str) -> str:
    """What a source's key (e.g. `hours_saved`, from files and the pitch) is called on screen
    and in the workbook; a key the user typed is its own name."""
    for prefix in ("source_key", "field"):
        if has(f"{prefix}.{key}"):
            return translate(lang, f"{prefix}.{key}")
    return key


def _field_label(lang: str, loc: tuple[int | str, ...]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(translate(lang, "validation.row", row=part + 1))
        elif has(f"field.{part}"):
            parts.append(translate(lang, f"field.{part}"))
        elif not part.startswith(("function-", "function_")):
            parts.append(str(part))
    return " › ".join(parts)


def _limit(lang: str, value: object, percent: bool, year: bool = False) -> object:
    """Bounds as the user typed them: 1 (not 1.0), shares as percent (100 %), years with no
    thousands separator (2000, not 2.000)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if year and float(value).is_integer():
        return str(int(value))
    if percent:
        return f"{format_number(value * 100, lang, 1 if value * 100 % 1 else 0)} %"
    return format_number(value, lang, 0 if float(value).is_integer() else 2)


def explain_validation(lang: str, error: ValidationError) -> list[str]:
    """Each pydantic error as one plain sentence in the user's language."""
    messages = []
    for item in error.errors():
        key = f"error.{item['type']}"
        # a share in a list (budget_shares.2) is a percentage like its list
        percent = any(part in PERCENT_FIELDS for part in item["loc"][-2:])
        year = bool(item["loc"]) and "year" in str(item["loc"][-1])
        context = {k: _limit(lang, v, percent, year) for k, v in (item.get("ctx") or {}).items()}
        text = translate(lang, key, **context) if has(key) else item["msg"]
        where = _field_label(lang, item["loc"])
        messages.append(f"{where}: {text}" if where else text)
    return messages
