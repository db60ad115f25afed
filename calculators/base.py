"""Building blocks shared by the scenario model and its parts (VTV assessment, documentation
plan): the strict base model, text types, size limits, ids and gain periods.

Limits. A scenario is typed by a person about one welfare technology, so the model caps what a
real business case needs, with a wide margin (the largest of the project's samples has 6 cost
lines and 3 gain lines). The caps keep every page, export and import of the largest accepted
scenario within the bounds stated in the README (time and memory on a shared server);
`benchmarks/limits.py` measures them.
"""

from __future__ import annotations

import re
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

MAX_AMOUNT = 1e12
SHORT_TEXT = 500
LONG_TEXT = 20_000
MAX_COST_LINES = 200
MAX_GAIN_LINES = 200
MAX_RISKS = 50
MAX_SOFT_GAINS = 50
MAX_TAGS = 30
MAX_SOURCES = 100
MAX_OWN_ELEMENTS = 60
MAX_PLAN_ITEMS = 200
MAX_RANGES = 40
MAX_TICKED = 100

_PLANES = "".join(f"{chr(plane)}-{chr(plane + 0xFFFD)}" for plane in range(0x10000, 0x110000,
                                                                            0x10000))
NOT_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd" + _PLANES + "]")
"""Characters that are not text: control characters other than tab, line feed and carriage
return (NUL among them, which PostgreSQL refuses in a text column), lone surrogates and the
Unicode non-characters (U+FFFE, U+FFFF, U+FDD0…U+FDEF, …), none of which XML can hold."""


def clean_text(value: object) -> object:
    """Text without the characters in NOT_TEXT; anything else is left for pydantic to judge.

    >>> clean_text("Toilet\\x00 \\ufffeAarhus\\x1b")
    'Toilet Aarhus'
    """
    return NOT_TEXT.sub("", value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(clean_text)]
ShortText = Annotated[Text, Field(max_length=SHORT_TEXT)]
LongText = Annotated[Text, Field(max_length=LONG_TEXT)]
Id = Annotated[Text, Field(max_length=40)]


def new_id() -> str:
    """A line id that never collides (a random 128-bit UUID; 8 hex digits did in large cases)."""
    return uuid.uuid4().hex


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


PERIODS_PER_YEAR: dict[Period, float] = {
    Period.DAY: 365.0,
    Period.WEEK: 52.0,
    Period.MONTH: 12.0,
    Period.YEAR: 1.0,
}
