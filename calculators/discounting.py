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


def migrate_basis(data: object) -> object:
    """A file saved before the basis existed: the Finance Ministry's rate if it used 3.5 %,
    otherwise the municipality's own rate (so its rate is kept as it was)."""
    if not isinstance(data, dict) or "discount_basis" in data or "discount_rate" not in data:
        return data
    rate = data["discount_rate"]
    same = isinstance(rate, int | float) and abs(rate - FINANCE_MINISTRY_RATE) < 1e-12
    basis = DiscountBasis.FINANCE_MINISTRY if same else DiscountBasis.MUNICIPAL
    return {**data, "discount_basis": basis.value}
