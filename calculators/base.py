"""Building blocks shared by the scenario model and its parts (VTV assessment, documentation
plan): the strict base model, text sizes, ids and gain periods."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MAX_AMOUNT = 1e12
ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=20_000)]


def new_id() -> str:
    return uuid.uuid4().hex[:8]


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
