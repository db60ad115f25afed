"""Numbers as people type them, read strictly in the page's language. No Streamlit here.

Danish writes 1.234,5 (point between thousands, decimal comma), English 1,234.5. A space may
separate thousands in both. A text that could be the other language's number (`1.5` on a Danish
page, `0,5` on an English one) is refused with a suggestion rather than guessed; a text that is
plainly grouped in thousands (`40.000` in Danish) is read as such. `format_input` writes a value
so that `parse_number` gives it back unchanged.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from ui.formatting import LOCALES
from ui.i18n import translate

SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
MINUS = "-\u2212"
DECIMALS_KEPT = 10  # a shown percentage is value × 100 rounded to this many decimals


class NumberError(ValueError):
    """Why a typed text is not a number here; `suggestion` is what was probably meant."""

    def __init__(self, code: str, text: str, suggestion: str = "") -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text
        self.suggestion = suggestion


@dataclass(frozen=True)
class NumberSpec:
    """How one input is shown and what it accepts. `unit` is "", "%" (shown value = stored
    × 100) or "kr"; `decimals` is the least number of decimals shown (more are kept); a year
    is not `grouped` (2026, not 2.026)."""

    decimals: int = 0
    grouped: bool = True
    optional: bool = False  # an empty field is no number (None), not an error
    unit: str = ""
    whole: bool = False
    minimum: float | None = None
    maximum: float | None = None


def _symbols(lang: str) -> tuple[str, str]:
    return get_decimal_symbol(LOCALES[lang]), get_group_symbol(LOCALES[lang])


def _pattern(decimal: str, group: str) -> re.Pattern[str]:
    """Digits grouped by threes (one separator throughout) or not at all, then decimals."""
    grouped = rf"[1-9]\d{{0,2}}(?:(?P<sep>[{re.escape(group)} ])\d{{3}})(?:(?P=sep)\d{{3}})*"
    return re.compile(rf"(?P<int>{grouped}|\d*)(?:{re.escape(decimal)}(?P<dec>\d*))?")


def _read(body: str, lang: str) -> float | None:
    decimal, group = _symbols(lang)
    match = _pattern(decimal, group).fullmatch(body)
    if match is None:
        return None
    whole = re.sub(r"\D", "", match["int"])
    fraction = match["dec"] or ""
    if not whole and not fraction:
        return None
    return float(Decimal(f"{whole or 0}.{fraction or 0}"))


def _strip_unit(text: str, unit: str) -> str:
    """The text without the unit the field is shown with (`%`, `kr.`, `DKK`)."""
    if unit == "%":
        return text.removesuffix("%").strip()
    if unit == "kr":
        lowered = text.lower()
        for suffix in ("kr.", "kr", "dkk"):
            if lowered.endswith(suffix):
                return text[:-len(suffix)].strip()
        if lowered.startswith("dkk"):
            return text[3:].strip()
    return text


def parse_number(text: str | float | None, lang: str, unit: str = "") -> float | None:
    """The number `text` means on a page in `lang`; None for an empty text. Raises NumberError.

    >>> parse_number("1.234,5", "da"), parse_number("40.000", "da"), parse_number("0,5", "da")
    (1234.5, 40000.0, 0.5)
    >>> parse_number("3,5 %", "da", unit="%"), parse_number("1,234.5", "en")
    (3.5, 1234.5)
    >>> parse_number("1.5", "da")
    Traceback (most recent call last):
    ...
    ui.numbers.NumberError: ambiguous: '1.5'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, int | float):
        return float(text)
    cleaned = SPACES.sub(" ", str(text)).strip()
    if not cleaned:
        return None
    body = _strip_unit(cleaned, unit)
    sign = -1.0 if body[:1] in MINUS else 1.0
    body = body[1:].strip() if body[:1] in MINUS + "+" else body
    value = _read(body, lang)
    if value is not None:
        return sign * value + 0.0
    other = "en" if lang == "da" else "da"
    meant = _read(body, other)
    if meant is not None:
        raise NumberError("ambiguous", str(text), format_input(sign * meant, lang))
    raise NumberError("not_a_number", str(text))


def format_input(value: float | None, lang: str, decimals: int = 0, grouped: bool = True) -> str:
    """`value` written the way `parse_number` reads it back unchanged: grouped thousands, at
    least `decimals` decimals and every further decimal the value has (0,1238 stays 0,1238)."""
    if value is None or not math.isfinite(value):
        return ""
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(repr(float(value))), format=pattern, locale=LOCALES[lang],
                          decimal_quantization=False).replace("\u00a0", " ")


def shown(value: float | None, spec: NumberSpec) -> float | None:
    """The number as the field shows it: a share as a percentage."""
    if value is None or spec.unit != "%":
        return value
    return round(value * 100, DECIMALS_KEPT)


def stored(value: float, spec: NumberSpec) -> float:
    return value / 100 if spec.unit == "%" else value


def _with_unit(number: str, lang: str, unit: str) -> str:
    if not number or not unit:
        return number
    if unit == "%":
        return f"{number} %" if lang == "da" else f"{number}%"
    return f"{number} kr." if lang == "da" else f"DKK {number}"


def field_text(value: float | None, lang: str, spec: NumberSpec) -> str:
    """What a number field shows: `3,5 %`, `40.000 kr.` (`DKK 40,000`), `1.924`."""
    number = format_input(shown(value, spec), lang, spec.decimals, spec.grouped)
    return _with_unit(number, lang, spec.unit)


def read_field(text: str | float | None, lang: str, spec: NumberSpec) -> float | None:
    """The stored value a field's text means, checked against the spec; raises NumberError.
    Limits apply to the number as shown (20 for 20 %)."""
    value = parse_number(text, lang, spec.unit)
    if value is None:
        return None
    if spec.whole and value != int(value):
        raise NumberError("not_whole", str(text))
    if spec.minimum is not None and value < spec.minimum:
        raise NumberError("too_small", str(text),
                          _with_unit(format_input(spec.minimum, lang), lang, spec.unit))
    if spec.maximum is not None and value > spec.maximum:
        raise NumberError("too_large", str(text),
                          _with_unit(format_input(spec.maximum, lang), lang, spec.unit))
    return int(value) if spec.whole else stored(value, spec)


def error_text(error: NumberError, lang: str) -> str:
    """The message for a refused number, in the page's language."""
    return translate(lang, f"number.{error.code}", text=error.text.strip(),
                     suggestion=error.suggestion)
