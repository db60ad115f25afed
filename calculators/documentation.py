"""The documentation plan: how the gains and VTV elements will be measured, and what was measured.

The advice of *10 skarpe om at mødes* (OPALL, Væksthus Hovedstadsregionen, 2015): ask who will
use the documentation and for what; agree on the measurement between municipality and company;
reuse other municipalities' test set-ups; fit the test to the resources (a typical test lasts
four months). A measured value can
replace a gain's estimate in the business case (calculators.assessment); the plan keeps a record.
Pure Python: unit conversion here, the engine link in calculators.assessment.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from calculators.base import (
    MAX_AMOUNT,
    MAX_PLAN_ITEMS,
    PERIODS_PER_YEAR,
    Id,
    LongText,
    Period,
    ShortText,
    Strict,
    Text,
    new_id,
)

DEFAULT_TEST_MONTHS = 4


class Method(StrEnum):
    TIME_REGISTRATION = "time_registration"
    QUESTIONNAIRE = "questionnaire"
    INCIDENT_COUNT = "incident_count"
    INTERVIEW = "interview"
    OBSERVATION = "observation"
    REGISTER_DATA = "register_data"


class Unit(StrEnum):
    MINUTES = "minutes"
    HOURS = "hours"
    KR = "kr"
    COUNT = "count"


TIME_UNITS_PER_HOUR = {Unit.MINUTES: 60.0, Unit.HOURS: 1.0}


class DocumentationError(ValueError):
    """A measurement that cannot replace an estimate; `code` names the reason for translation."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class PlanItem(Strict):
    """One thing to document. `subject` is "gain.<line id>", "vtv.<element key>" or ""."""

    id: Id = Field(default_factory=new_id)
    subject: Annotated[Text, Field(max_length=80)] = ""
    indicator: ShortText = Field(min_length=1)
    baseline: ShortText = ""
    target: ShortText = ""
    method: Method = Method.TIME_REGISTRATION
    who: ShortText = ""
    when: ShortText = ""
    test_months: int = Field(DEFAULT_TEST_MONTHS, ge=0, le=60)
    measured: float | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    unit: Unit = Unit.MINUTES
    period: Period = Period.WEEK
    measured_on: date | None = None
    note: ShortText = ""

    @property
    def gain_id(self) -> str | None:
        return self.subject.removeprefix("gain.") if self.subject.startswith("gain.") else None


class Replacement(Strict):
    """A gain estimate replaced by a measured value: quantities in the gain's own unit/period."""

    item_id: Id
    gain_id: Id
    gain_name: ShortText = ""
    estimate: float = Field(ge=0, le=MAX_AMOUNT)
    measured: float = Field(ge=0, le=MAX_AMOUNT)
    period: Period
    measured_value: float = Field(ge=0, le=MAX_AMOUNT)
    unit: Unit
    measured_period: Period
    replaced_on: date


class TakenOut(Strict):
    """Benefit follow-up (gevinstopfølgning): hours of a released-time gain actually taken out
    of the budget in a calendar year, as the budget decision was carried out (a budget
    reduction of hours × the gain's hourly cost). Recorded by the economist; the plan's share
    taken out (`GainLine.budget_shares`) is what was planned."""

    id: Id = Field(default_factory=new_id)
    gain_id: Id
    year: int = Field(ge=2000, le=2100, description="Calendar (budget) year")
    hours: float = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    note: ShortText = Field("", description="The decision carried out, e.g. the budget line")


class DocumentationPlan(Strict):
    audience: LongText = Field("", description="Who will use the documentation and for what")
    agreement: LongText = Field("", description="What municipality and company agreed to measure")
    resources: LongText = Field(
        "", description="How the test fits the resources; test set-ups reused from elsewhere")
    items: list[PlanItem] = Field([], max_length=MAX_PLAN_ITEMS)
    replacements: list[Replacement] = Field([], max_length=MAX_PLAN_ITEMS)
    taken_out: list[TakenOut] = Field(
        [], max_length=MAX_PLAN_ITEMS,
        description="Hours taken out of the budget per gain and calendar year (follow-up)")

    @model_validator(mode="after")
    def _unique(self) -> DocumentationPlan:
        ids = [item.id for item in self.items]
        if len(ids) != len(set(ids)):
            raise PydanticCustomError("doc_duplicate_id", "Two plan lines share an id", {})
        pairs = [(record.gain_id, record.year) for record in self.taken_out]
        if len(pairs) != len(set(pairs)):
            raise PydanticCustomError(
                "taken_out_twice", "Hours taken out are recorded twice for one gain and year", {})
        return self


def convert(value: float, unit: Unit, period: Period, to_unit: Unit, to_period: Period,
            time_based: bool) -> float:
    """A value in `unit` per `period` expressed in `to_unit` per `to_period`.

    value × (units per hour of to_unit / units per hour of unit) × periods a year of `period` /
    periods a year of `to_period`. Time gains are hours per period; money gains kr per period.
    Excel: ``=value/60*52/365`` for minutes a week → hours a day.

    >>> round(convert(52, Unit.MINUTES, Period.WEEK, Unit.HOURS, Period.DAY, True), 5)
    0.12347

    One hour a day is 60 × 365 / 52 = 421.2 minutes a week (a year has 365 days, 52 weeks):

    >>> round(convert(1, Unit.HOURS, Period.DAY, Unit.MINUTES, Period.WEEK, True), 2)
    421.15
    """
    allowed = TIME_UNITS_PER_HOUR if time_based else {Unit.KR: 1.0}
    if unit not in allowed or to_unit not in allowed:
        raise DocumentationError("unit_mismatch")
    factor = allowed[to_unit] / allowed[unit]
    return value * factor * PERIODS_PER_YEAR[period] / PERIODS_PER_YEAR[to_period]
