"""Price level (P/L): every amount at the budget's price level, in one place.

A municipal budget is drawn up in fixed prices of one year, its price level ("faste priser,
P/L 2026"). An amount stated at another year's prices (a quote from 2024, an hourly cost from
2012) is brought to the budget's price level with a price index:

    amount at P/L B = amount at P/L y × index[B] / index[y]

The scenario holds the budget's P/L year and an editable index table (year → index, its source
and the date the figures were taken); each cost and gain line may name the P/L year of its
amount (`price_year`; empty = already at the budget's price level, so nothing changes). The
engine multiplies each line's amount (a gain line's kr value: quantity × hourly cost, or its kr
per period) by the line's factor where amounts become monthly flows, so every metric, the
budget-year table, the sensitivity analysis and Monte Carlo see converted amounts. Hours are
never converted.

The default table. Municipal budgets use KL's and the Finance Ministry's price and wage
projections for municipal service (pris- og lønskøn, P/L); their series are not published in a
form the app can ship, so the default is Danmarks Statistik's consumer price index (2015 = 100,
annual averages of the monthly index, statistics bank tables PRIS111/PRIS113), published years
2015–2023 as in Danmarks Statistik's "Forbrugerprisindeks" (2024). Years after 2023 are the
app's estimate, 2 % a year, and are marked as estimates. Replace the table with the
municipality's own P/L index where it has one.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import numpy as np
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from calculators.base import ShortText, Strict

if TYPE_CHECKING:
    from calculators.model import Scenario

INDEX_FILE = Path(__file__).parent / "data" / "price_index.csv"
DEFAULT_YEAR = 2026
MAX_INDEX_YEARS = 200
FIRST_YEAR, LAST_YEAR = 1900, 2100
DEFAULT_SOURCE = ("Danmarks Statistik: Forbrugerprisindeks (2015 = 100), årsgennemsnit "
                  "(PRIS111/PRIS113), 2015–2023; 2024 og frem: skøn, 2 % om året")
DEFAULT_TAKEN = "2024-05"  # the month the published figures were read

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


class IndexPoint(Strict):
    """One year of the index; `estimate` marks a figure not (yet) published."""

    year: Year
    index: Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False)]
    estimate: bool = False


@cache
def _default_points() -> tuple[tuple[int, float, bool], ...]:
    with INDEX_FILE.open(encoding="utf-8") as handle:
        return tuple((int(row["year"]), float(row["index"]), row["estimate"] == "true")
                     for row in csv.DictReader(handle))


def default_index() -> list[IndexPoint]:
    """The shipped table (see the module docstring), as index points."""
    return [IndexPoint(year=year, index=index, estimate=estimate)
            for year, index, estimate in _default_points()]


class PriceLevel(Strict):
    """The budget's price level and the index that brings other years' amounts to it."""

    year: Year = Field(DEFAULT_YEAR, description="The budget's price level (P/L year)")
    index: list[IndexPoint] = Field(default_factory=default_index, max_length=MAX_INDEX_YEARS)
    source: ShortText = DEFAULT_SOURCE
    taken: ShortText = Field(DEFAULT_TAKEN, description="When the figures were taken")

    @model_validator(mode="after")
    def _one_figure_a_year(self) -> PriceLevel:
        years = [point.year for point in self.index]
        twice = sorted({year for year in years if years.count(year) > 1})
        if twice:
            raise PydanticCustomError("price_index_twice",
                                      "The price index has {year} more than once",
                                      {"year": str(twice[0])})
        return self

    @property
    def table(self) -> dict[int, float]:
        return {point.year: point.index for point in self.index}


class MissingIndexYear(KeyError):
    """The index table has no figure for `year` (the model refuses such a scenario first)."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


def index_ratio(budget_year: int, line_year: int | None, index: Mapping[int, float]) -> float:
    """Factor that brings an amount at P/L `line_year` to P/L `budget_year`.

    Solves  factor = index[B] / index[y],  so that  amount_B = amount_y · factor.
    No year (None) or the budget's own year gives exactly 1 without a look-up; a year missing
    from the table raises MissingIndexYear, never a silent 1.

    Excel: ``=IF(OR(year="",year=PriceYear),1,INDEX(idx,MATCH(PriceYear,years,0))/
    INDEX(idx,MATCH(year,years,0)))`` on the Inputs sheet; a missing year shows #N/A there.

    The Aarhus washing toilet's 40,000 kr, were it a 2015 price, at P/L 2023 with Danmarks
    Statistik's consumer price index (2015 = 100, 2023 = 117.2):
    40,000 × 117.2 / 100.0 = 46,880 kr.

    >>> table = PriceLevel().table
    >>> round(40_000 * index_ratio(2023, 2015, table), 2)
    46880.0
    >>> index_ratio(2026, None, {}), index_ratio(2012, 2012, {})
    (1.0, 1.0)
    >>> index_ratio(2026, 2012, table)
    Traceback (most recent call last):
    ...
    calculators.price_level.MissingIndexYear: 2012
    """
    if line_year is None or line_year == budget_year:
        return 1.0
    for year in (budget_year, line_year):
        if year not in index:
            raise MissingIndexYear(year)
    return index[budget_year] / index[line_year]


def missing_years(level: PriceLevel, line_years: list[int | None]) -> list[int]:
    """The years a conversion needs that the table lacks (the budget's year first).

    >>> missing_years(PriceLevel(year=2026), [None, 2026, 2024, 2012])
    [2012]
    >>> missing_years(PriceLevel(year=2040), [2024])
    [2040]
    """
    needed = [year for year in line_years if year is not None and year != level.year]
    if not needed:
        return []
    table = level.table
    return [year for year in dict.fromkeys([level.year, *needed]) if year not in table]


def line_factors(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """Each cost line's and each gain line's factor to the budget's price level, in line
    order (`index_ratio`); the engine multiplies amounts and gain values by them."""
    level, table = scenario.price_level, scenario.price_level.table
    return (np.array([index_ratio(level.year, line.price_year, table)
                      for line in scenario.costs], dtype=float),
            np.array([index_ratio(level.year, line.price_year, table)
                      for line in scenario.gains], dtype=float))


def converted_lines(scenario: Scenario) -> list:
    """The cost and gain lines stated at another P/L year than the budget's (converted)."""
    return [line for line in [*scenario.costs, *scenario.gains]
            if line.price_year not in (None, scenario.price_level.year)]


def estimates_used(scenario: Scenario) -> list[int]:
    """The years marked as estimates that a conversion uses (the budget's year included).

    >>> from calculators.model import Scenario
    >>> estimates_used(Scenario(title="x", costs=[{"name": "a", "amount": 1,
    ...                                           "price_year": 2023}]))
    [2026]
    """
    lines = converted_lines(scenario)
    years = {scenario.price_level.year, *(line.price_year for line in lines)} if lines else set()
    return sorted(p.year for p in scenario.price_level.index if p.estimate and p.year in years)
