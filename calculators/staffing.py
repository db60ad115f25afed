"""Hours per full-time position and the cost of a staff hour, built from their parts.

An FTE (årsværk) is 37 hours × 52 weeks = 1,924 *gross* hours, the hours paid. The hours
actually at work (*effective* hours) are what is left after holidays, public holidays on
weekdays, sickness and courses; the state's guidance on an "effektivt årsværk" puts it at
roughly 1,550–1,650 hours. The default parts below are estimates inside that range, to be
replaced by the municipality's own figures:

- holidays: 6 weeks × 37 h = 222 h (5 weeks under the Holiday Act plus the 5 extra holidays
  (feriefridage) of the municipal holiday agreement);
- public holidays on weekdays: 8 days × 7.4 h = 59.2 h (an average year);
- sickness: 8 days × 7.4 h = 59.2 h (an estimate; use the unit's own absence figure);
- courses and training: 3 days × 7.4 h = 22.2 h.

Which hours a business case uses changes its FTE figure, never its kroner: the kroner come from
the hourly cost of the gain lines. So the scenario stores the hours it uses (`hours_per_fte`)
and the pages show the gross and the effective figure beside it, each with its source.

A cost per *productive* hour divides the annual cost of a position by the effective hours:

    hourly cost = (annual salary + pension + other staff costs) / effective hours
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from calculators.base import MAX_AMOUNT, ShortText, Strict

Hours = Annotated[float, Field(ge=0, le=8784, allow_inf_nan=False)]
Kroner = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]

EFFECTIVE_SOURCE = ("Statens vejledning om effektivt årsværk (ca. 1.550–1.650 timer); "
                    "fradrag er skøn, der bør erstattes af enhedens egne tal")


class HoursBasis(StrEnum):
    GROSS = "gross"
    EFFECTIVE = "effective"
    ENTERED = "entered"


class WorkingTime(Strict):
    """The hours of one full-time position, gross and effective (see the module docstring)."""

    weekly_hours: Annotated[float, Field(gt=0, le=168, allow_inf_nan=False)] = 37.0
    weeks: Annotated[float, Field(gt=0, le=53, allow_inf_nan=False)] = 52.0
    holidays: Hours = 222.0
    public_holidays: Hours = 59.2
    sickness: Hours = 59.2
    courses: Hours = 22.2
    source: ShortText = EFFECTIVE_SOURCE

    @property
    def gross(self) -> float:
        """Paid hours a year: 37 × 52 = 1,924 by default."""
        return self.weekly_hours * self.weeks

    @property
    def effective(self) -> float:
        """Hours at work: gross minus holidays, public holidays, sickness and courses (never
        below zero). Default 1,924 − 222 − 59.2 − 59.2 − 22.2 = 1,561.4."""
        return max(0.0, self.gross - self.holidays - self.public_holidays - self.sickness
                   - self.courses)


def basis_of(hours_per_fte: float, working: WorkingTime) -> HoursBasis:
    """Which of the two figures the scenario's hours per FTE is (else: a figure entered)."""
    for basis, hours in ((HoursBasis.GROSS, working.gross),
                         (HoursBasis.EFFECTIVE, working.effective)):
        if abs(hours_per_fte - hours) < 0.05:
            return basis
    return HoursBasis.ENTERED


class StaffCost(Strict):
    """The annual cost of one position, to price released time per productive hour."""

    annual_salary: Kroner = Field(description="kr a year, the salary of one full-time position")
    pension_share: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = Field(
        0.0, description="Employer's pension as a share of the salary")
    other_costs: Kroner = Field(0.0, description="kr a year: holiday allowance, ATP, other")
    price_year: int = Field(2026, ge=1990, le=2100, description="Price level (P/L year)")
    source: ShortText = ""

    @property
    def annual_cost(self) -> float:
        return self.annual_salary * (1 + self.pension_share) + self.other_costs


def hourly_cost(staff: StaffCost, hours: float) -> float:
    """Cost of one hour: annual cost of a position divided by its hours.

    Solves  c = (salary · (1 + pension share) + other costs) / hours.

    Excel: ``=(Salary*(1+Pension)+Other)/Hours``, the same arithmetic.

    A care worker at kr 400,000 a year with 12 % pension and kr 20,000 other costs costs
    (400,000 · 1.12 + 20,000) / 1,561.4 = kr 299.73 per effective hour and
    468,000 / 1,924 = kr 243.24 per gross hour; the Aarhus washing toilet's kr 300 an hour is
    Aarhus Kommune's own 2012 figure, entered as it is:

    >>> staff = StaffCost(annual_salary=400_000, pension_share=0.12, other_costs=20_000)
    >>> round(hourly_cost(staff, WorkingTime().effective), 2)
    299.73
    >>> round(hourly_cost(staff, WorkingTime().gross), 2)
    243.24
    """
    return staff.annual_cost / hours if hours > 0 else 0.0


def fte(hours: float, hours_per_fte: float) -> float:
    """Hours a year as full-time positions: hours / hours per FTE.

    The Aarhus toilet's 365 hours a year are 365 / 1,924 = 0.19 FTE on gross hours and
    365 / 1,561.4 = 0.23 FTE on effective hours:

    >>> round(fte(365, 1924), 2), round(fte(365, WorkingTime().effective), 2)
    (0.19, 0.23)
    """
    return hours / hours_per_fte if hours_per_fte > 0 else 0.0
