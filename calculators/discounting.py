"""Which discount rate a business case uses, and the Finance Ministry's schedule.

The Ministry of Finance's socio-economic discount rate (Finansministeriet, "Dokumentationsnotat
– den samfundsøkonomiske diskonteringsrente", 2021) is 3.5 % a year for years 0–35, 2.5 % for
years 36–70 and 1.5 % after. The app's horizon is at most 30 years, so only the 3.5 % step ever
applies and one flat rate is exact. Many municipalities use their own calculation rate (often
their borrowing rate) instead; the scenario says which it uses.
"""

from __future__ import annotations

from enum import StrEnum

FINANCE_MINISTRY_RATE = 0.035
FINANCE_MINISTRY_SOURCE = ("Finansministeriet: den samfundsøkonomiske diskonteringsrente "
                           "(2021): 3,5 % år 0–35, 2,5 % år 36–70, 1,5 % derefter")
STEPS = ((35, 0.035), (70, 0.025))
LATE_RATE = 0.015


class DiscountBasis(StrEnum):
    FINANCE_MINISTRY = "finance_ministry"
    MUNICIPAL = "municipal"


def finance_ministry_rate(year: int) -> float:
    """The Finance Ministry's rate for a year after the decision.

    >>> finance_ministry_rate(10), finance_ministry_rate(36), finance_ministry_rate(71)
    (0.035, 0.025, 0.015)
    """
    return next((rate for last, rate in STEPS if year <= last), LATE_RATE)


def fit_basis(data: object) -> object:
    """Scenario data whose basis fits its rate: any rate but 3.5 % is the municipality's own.
    So a file saved before the basis existed keeps its rate (3.5 %: the Finance Ministry's,
    else the municipality's), and a rate typed into the workbook, or varied by the
    sensitivity analysis, is labelled as the municipality's own instead of being refused."""
    if not isinstance(data, dict) or not isinstance(data.get("discount_rate"), int | float):
        return data  # the model explains what is missing or wrong
    if abs(data["discount_rate"] - FINANCE_MINISTRY_RATE) < 1e-12:
        return data
    return {**data, "discount_basis": DiscountBasis.MUNICIPAL.value}
