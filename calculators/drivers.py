"""Numeric drivers of a scenario, addressed by a stable key, and the break-even of one.

Keys: ``scale.<field>`` for adoption, realisation, implementation and ramp-up;
``gain.<line id>.<field>`` for quantity and hourly cost; ``cost.<line id>.<field>`` for
amount and lifetime; ``discount_rate`` for the rate. Sensitivity, three-point estimates, the
risk pool and Monte Carlo use the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from calculators.cashflow import monthly_flows
from calculators.metrics import payback_months
from calculators.model import (
    MAX_AMOUNT,
    MAX_HORIZON_YEARS,
    MAX_HOURLY_COST,
    CostKind,
    GainKind,
    Scenario,
)

SCALE_FIELDS = ("adoption", "realisation", "implementation_months", "ramp_up_months")
INTEGER_FIELDS = frozenset({"units", "implementation_months", "ramp_up_months", "lifetime_years"})
BOUNDS: dict[str, tuple[float, float]] = {
    "adoption": (0.0, 1.0),
    "realisation": (0.0, 1.0),
    "implementation_months": (0.0, 120.0),
    "ramp_up_months": (0.0, 120.0),
    "lifetime_years": (1.0, float(MAX_HORIZON_YEARS)),
    "discount_rate": (0.0, 0.5),
    "hourly_cost": (0.0, MAX_HOURLY_COST),
}
SCENARIO_FIELDS = ("discount_rate",)


@dataclass(frozen=True)
class Driver:
    key: str
    field: str
    line_name: str | None
    value: float


def drivers(scenario: Scenario) -> list[Driver]:
    """Every numeric driver with its current value, gains first (they usually matter most)."""
    found = []
    for line in scenario.gains:
        found.append(Driver(f"gain.{line.id}.quantity", "quantity", line.name, line.quantity))
        if line.kind is GainKind.RELEASED_TIME:
            found.append(
                Driver(f"gain.{line.id}.hourly_cost", "hourly_cost", line.name, line.hourly_cost)
            )
    for line in scenario.costs:
        found.append(Driver(f"cost.{line.id}.amount", "amount", line.name, line.amount))
        if line.kind is CostKind.ONE_OFF and line.lifetime_years is not None:
            found.append(
                Driver(f"cost.{line.id}.lifetime_years", "lifetime_years", line.name,
                       line.lifetime_years)
            )
    for field in SCALE_FIELDS:
        found.append(Driver(f"scale.{field}", field, None, getattr(scenario.scale, field)))
    found.extend(Driver(field, field, None, getattr(scenario, field)) for field in SCENARIO_FIELDS)
    return found


def field_of(key: str) -> str:
    return key.rsplit(".", 1)[-1]


def driver_bounds(key: str) -> tuple[float, float]:
    """The values the model allows for a driver (a range must stay inside them)."""
    return BOUNDS.get(field_of(key), (0.0, MAX_AMOUNT))


def get_value(scenario: Scenario, key: str) -> float:
    return next(d.value for d in drivers(scenario) if d.key == key)


def with_values(scenario: Scenario, values: dict[str, float]) -> Scenario:
    """A validated copy of the scenario with some drivers changed (whole numbers rounded)."""
    data = scenario.model_dump()
    for key, value in values.items():
        part, *rest = key.split(".")
        field = field_of(key)
        cast = round(value) if field in INTEGER_FIELDS else float(value)
        if not rest:  # a scenario field: the discount rate
            data[part] = cast
        elif part == "scale":
            data["scale"][field] = cast
        else:
            lines = data["gains" if part == "gain" else "costs"]
            line = next(line for line in lines if line["id"] == rest[0])
            line[field] = cast
    return Scenario.model_validate(data)


def with_value(scenario: Scenario, key: str, value: float) -> Scenario:
    """A validated copy of the scenario with one driver changed."""
    return with_values(scenario, {key: value})


def reconcile_ranges(data: object) -> object:
    """Scenario data with its ranges made to fit its drivers: ranges of drivers that no longer
    exist (a deleted or replaced line) are dropped, and a range is widened to take in its
    driver's expected value, so editing a value never fails on an old range. Data that is
    invalid for other reasons is returned unchanged for the model to explain."""
    if not isinstance(data, dict) or not isinstance(data.get("ranges"), dict) or not data["ranges"]:
        return data
    try:
        bare = Scenario.model_validate({**data, "ranges": {}})
    except ValidationError:
        return data
    values = {d.key: d.value for d in drivers(bare)}
    kept = {}
    for key, band in data["ranges"].items():
        if key in values:
            band = band.model_dump() if isinstance(band, BaseModel) else band
            value = values[key]
            if isinstance(band, dict) and all(
                isinstance(band.get(end), int | float) for end in ("low", "high")
            ):
                band |= {"low": min(band["low"], value), "high": max(band["high"], value)}
            kept[key] = band
    return {**data, "ranges": kept}


def main_driver(scenario: Scenario) -> Driver | None:
    """The quantity of the gain line worth most a year (e.g. hours saved per day)."""
    if not scenario.gains:
        return None
    units = scenario.scale.units
    line = max(scenario.gains, key=lambda g: g.annual_value * (units if g.per_unit else 1))
    return Driver(f"gain.{line.id}.quantity", "quantity", line.name, line.quantity)


def main_investment(scenario: Scenario) -> Driver | None:
    """The one-off cost line that costs most in total (an amount per unit times the units),
    e.g. the toilet itself; a per-unit line is the investment per unit."""
    one_offs = [c for c in scenario.costs if c.kind is CostKind.ONE_OFF]
    if not one_offs:
        return None
    units = scenario.scale.units
    line = max(one_offs, key=lambda c: c.amount * (units if c.per_unit else 1))
    return Driver(f"cost.{line.id}.amount", "amount", line.name, line.amount)


def main_assumptions(scenario: Scenario) -> dict[str, Driver]:
    """The few drivers a reader looks for first, by role: investment, units, the main gain's
    quantity and (for released time) its hourly cost, implementation months, realisation.
    Each edits the same line as the detailed tables (same keys as `drivers`).

    >>> from calculators.scenario_file import load_sample
    >>> found = main_assumptions(load_sample("aarhus_toilet"))
    >>> {role: (d.key, d.value) for role, d in found.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'investment': ('cost.toilet.amount', 40000.0), 'units': ('scale.units', 1),
     'quantity': ('gain.time.quantity', 1.0), 'hourly_cost': ('gain.time.hourly_cost', 300.0),
     'implementation_months': ('scale.implementation_months', 0),
     'realisation': ('scale.realisation', 1.0)}
    """
    found: dict[str, Driver | None] = {
        "investment": main_investment(scenario),
        "units": Driver("scale.units", "units", None, scenario.scale.units),
        "quantity": main_driver(scenario),
    }
    gain = found["quantity"]
    line = next((g for g in scenario.gains if gain and f"gain.{g.id}.quantity" == gain.key), None)
    if line is not None and line.kind is GainKind.RELEASED_TIME:
        found["hourly_cost"] = Driver(f"gain.{line.id}.hourly_cost", "hourly_cost", line.name,
                                      line.hourly_cost)
    for field in ("implementation_months", "realisation"):
        found[field] = Driver(f"scale.{field}", field, None, getattr(scenario.scale, field))
    return {role: driver for role, driver in found.items() if driver is not None}


def _probe(scenario: Scenario, key: str, value: float) -> Scenario:
    """`with_value` for a gain driver without validating the whole case again (the line is
    validated; no rule of the case reads a gain's quantity or hourly cost), so a break-even
    of the largest case costs the engine runs only."""
    part, line_id, field = key.split(".")
    if part != "gain":
        return with_value(scenario, key, value)
    gains = [type(line).model_validate({**line.model_dump(), field: float(value)})
             if line.id == line_id else line for line in scenario.gains]
    return scenario.model_copy(update={"gains": gains})


def _pays_back(scenario: Scenario, within_months: float) -> bool:
    months = payback_months(monthly_flows(scenario))
    return months is not None and months <= within_months


def break_even(
    scenario: Scenario,
    key: str,
    within_months: float | None = None,
    tolerance: float = 1e-6,
) -> float | None:
    """Smallest value of a gain driver at which the case pays back within `within_months`
    (default: the horizon). Payback never lengthens as a gain grows, so bisection is exact
    to `tolerance` (relative). None when no value the model allows pays back.

    Aarhus toilet (kr 40,000, kr 300/hour, 10 years): 40,000 / (300 · 365 · 10) = 0.0365 hours
    a day (2.2 minutes) pays back within the horizon; within 12 months 0.365 hours a day.
    """
    target = 12 * scenario.horizon_years if within_months is None else within_months
    def probe(v: float) -> bool:
        return _pays_back(_probe(scenario, key, v), target)
    if probe(0.0):
        return 0.0
    highest = driver_bounds(key)[1]
    high = min(max(get_value(scenario, key), 1e-6), highest)
    while not probe(high):
        if high >= highest:
            return None
        high = min(high * 4, highest)
    low = 0.0
    while high - low > tolerance * max(high, 1e-9):
        middle = (low + high) / 2
        low, high = (low, middle) if probe(middle) else (middle, high)
    return high
