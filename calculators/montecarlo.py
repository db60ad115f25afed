"""Many runs of the engine at once: Monte Carlo draws and any batch of driver values.

For fixed timing (implementation, ramp-up, lifetimes) the engine's monthly flows are linear in
every amount, quantity, hourly cost, adoption and realisation (`cashflow.line_profiles`). So
each batch of draws is grouped by its implementation and ramp-up months, the per-line profiles
are computed once per group with the engine, and the draws are combined with matrix products.
A cost line's lifetime moves only its own purchases, so its one-off profile is computed once
per lifetime drawn and picked per draw (grouping by every combination of lifetimes would run
the engine once per draw). NPV and simple and discounted payback then come from the same
functions the single-scenario metrics use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calculators.cashflow import (
    gain_rate,
    line_profiles,
    monthly_discount_factors,
    one_off_lumps,
    residual_share,
)
from calculators.drivers import INTEGER_FIELDS, field_of, get_value
from calculators.metrics import payback_months_array
from calculators.model import Distribution, GainKind, Scenario
from calculators.price_level import line_factors
from calculators.risk_pool import risk_events

# The Uncertainty page's defaults; the workbook's Monte Carlo sheet uses them too, so it shows
# exactly the numbers the page shows before anyone changes a setting.
DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 1
DEFAULT_WITHIN_YEARS = 2
MAX_DRAWS = 100_000
MAX_PROFILE_ROWS = 6_000
"""How many line profiles (lines × implementation/ramp-up combinations drawn) one batch may
build: the bound that keeps a simulation of the largest scenario within the README's time."""


class SimulationTooLarge(ValueError):
    """The batch would build more line profiles than MAX_PROFILE_ROWS (wide implementation and
    ramp-up ranges on a case with many lines); `combinations` and `lines` say why."""

    def __init__(self, combinations: int, lines: int):
        super().__init__(f"{combinations} implementation/ramp-up combinations × {lines} lines")
        self.combinations = combinations
        self.lines = lines
CHUNK = 10_000
PERCENTILES = (10, 50, 90)


@dataclass(frozen=True)
class BatchResult:
    """NPV (kr), simple and discounted payback (months; NaN = not within the horizon) for each
    run."""

    npv: np.ndarray
    payback_months: np.ndarray
    discounted_payback_months: np.ndarray


def _column(values: dict[str, np.ndarray], key: str, default: float, n: int) -> np.ndarray:
    return np.asarray(values[key], dtype=float) if key in values else np.full(n, default)


def _lifetime_lumps(scenario: Scenario, values: dict[str, np.ndarray]
                    ) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """For each cost line whose lifetime varies: its index, each run's row in a table, the
    table of its one-off profiles at the year ends (one-offs fall nowhere else), one per
    lifetime drawn, and the residual value per kr for each of them. A line's purchases and
    reinvestments depend on its own lifetime only (not on implementation or ramp-up), so runs
    are not grouped by every combination of lifetimes."""
    found = []
    months = 12 * scenario.horizon_years
    for line, cost in enumerate(scenario.costs):
        key = f"cost.{cost.id}.lifetime_years"
        if key in values:
            drawn, which = np.unique(np.rint(values[key]), return_inverse=True)
            variants = [cost.model_copy(update={"lifetime_years": int(v)})
                        for v in drawn.tolist()]
            table = np.array([one_off_lumps(variant, scenario, months)
                              for variant in variants])[:, ::12]
            residual = np.array([residual_share(variant, scenario) for variant in variants])
            found.append((line, which.ravel(), table, residual))
    return found


def _timed(scenario: Scenario, keys: list[str], values: list[float]) -> Scenario:
    """The scenario with implementation and ramp-up months set (drawn within their bounds, so
    the copy needs no new validation of the whole case)."""
    scale = scenario.scale.model_copy(
        update={field_of(k): int(v) for k, v in zip(keys, values, strict=True)})
    return scenario.model_copy(update={"scale": scale})


def _timing(values: dict[str, np.ndarray], n: int) -> tuple[list[str], np.ndarray]:
    """The implementation and ramp-up drivers drawn, and their rounded values per run."""
    keys = [key for key in values
            if field_of(key) in INTEGER_FIELDS and field_of(key) != "lifetime_years"]
    return keys, (np.rint(np.column_stack([values[k] for k in keys])) if keys
                  else np.zeros((n, 0)))


def _check_size(combinations: int, lines: int) -> None:
    if combinations * lines > MAX_PROFILE_ROWS:
        raise SimulationTooLarge(combinations, lines)


def simulation_fits(scenario: Scenario, n: int = DEFAULT_DRAWS,
                    seed: int | None = DEFAULT_SEED) -> bool:
    """Whether `run(scenario, n, seed)` stays within MAX_PROFILE_ROWS (cheap: draws only)."""
    values = draw(scenario, n, seed)
    combinations = len(np.unique(_timing(values, n)[1], axis=0)) if values else 1
    return combinations * (len(scenario.costs) + len(scenario.gains)) <= MAX_PROFILE_ROWS


def _discount(scenario: Scenario, values: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Monthly discount factors: one row for all runs, or one row per run when the rate
    varies (the rate as a driver)."""
    if "discount_rate" not in values:
        return monthly_discount_factors(scenario.discount_rate, scenario.horizon_years)
    rates = np.asarray(values["discount_rate"], dtype=float).reshape(n, 1)
    years = np.ceil(np.arange(12 * scenario.horizon_years + 1) / 12)
    return (1.0 + rates) ** -years


def evaluate_many(scenario: Scenario, values: dict[str, np.ndarray],
                  costs_at: dict[int, np.ndarray] | None = None,
                  n: int | None = None) -> BatchResult:
    """NPV and payback (simple and discounted) of the scenario with drivers set to each row of
    `values` (arrays of equal length by driver key; unnamed drivers keep their value).
    Whole-number drivers are rounded as `drivers.with_values` rounds them. `costs_at` adds
    one-off costs per run at month boundaries ({month: kr per run}; the risk pool's events).
    The residual value counts in the NPV when the scenario includes it. Equals one engine run
    per row. `n` (runs) is needed only when neither gives it."""
    if n is None:
        sized = [*values.values(), *(costs_at or {}).values()]
        n = len(sized[0]) if sized else 1
    costs, gains, scale = scenario.costs, scenario.gains, scenario.scale
    cost_factors, gain_factors = line_factors(scenario)  # amounts at the budget's P/L
    amounts = np.column_stack(
        [_column(values, f"cost.{c.id}.amount", c.amount, n) for c in costs]
    ) * cost_factors if costs else np.zeros((n, 0))
    adoption = _column(values, "scale.adoption", scale.adoption, n)
    realisation = _column(values, "scale.realisation", scale.realisation, n)
    gain_values = []
    for line, factor in zip(gains, gain_factors, strict=True):
        quantity = _column(values, f"gain.{line.id}.quantity", line.quantity, n)
        rate = (_column(values, f"gain.{line.id}.hourly_cost", line.hourly_cost, n)
                if line.kind is GainKind.RELEASED_TIME else np.full(n, gain_rate(line)))
        share = realisation * (adoption if line.per_unit else 1.0)
        gain_values.append(quantity * rate * factor * share)
    gain_matrix = np.column_stack(gain_values) if gains else np.zeros((n, 0))

    lifetimes = _lifetime_lumps(scenario, values)
    timing_keys, timing = _timing(values, n)
    groups, group_of = np.unique(timing, axis=0, return_inverse=True)
    _check_size(len(groups), len(costs) + len(gains))
    discount = _discount(scenario, values, n)
    per_run = discount.ndim == 2
    residual = _residual(scenario, amounts, lifetimes) * (discount[..., -1] if per_run
                                                          else discount[-1])
    npv = np.empty(n)
    payback = np.empty(n)
    discounted_payback = np.empty(n)
    for index, group in enumerate(groups):
        profiles = line_profiles(_timed(scenario, timing_keys, group.tolist()))
        one_off = profiles.one_off.copy()
        one_off[[line for line, *_ in lifetimes]] = 0.0
        members = np.flatnonzero(group_of.ravel() == index)
        for start in range(0, members.size, CHUNK):
            rows = members[start:start + CHUNK]
            lumps = -(amounts[rows] @ one_off)
            for line, which, table, _ in lifetimes:
                lumps[:, ::12] -= amounts[rows, line, None] * table[which[rows]]
            for month, kr in (costs_at or {}).items():
                lumps[:, month] -= kr[rows]
            accrual = gain_matrix[rows] @ profiles.gains - amounts[rows] @ profiles.recurring
            factors = discount[rows] if per_run else discount
            flows = accrual + lumps
            npv[rows] = (np.einsum("ij,ij->i", flows, factors) if per_run else flows @ factors)
            npv[rows] += residual[rows]
            payback[rows] = payback_months_array(accrual, lumps)
            discounted_payback[rows] = payback_months_array(accrual, lumps, factors)
    return BatchResult(npv=npv, payback_months=payback,
                       discounted_payback_months=discounted_payback)


def _residual(scenario: Scenario, amounts: np.ndarray,
              lifetimes: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]) -> np.ndarray:
    """Each run's residual value (kr, undiscounted) when the scenario counts it, else 0."""
    if not scenario.include_residual_value or not scenario.costs:
        return np.zeros(amounts.shape[0])
    shares = np.tile(line_profiles(scenario).residual, (amounts.shape[0], 1))
    for line, which, _, residual in lifetimes:
        shares[:, line] = residual[which]
    return np.sum(amounts * shares, axis=1)


def triangular_ppf(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    """Inverse CDF of the triangular distribution (low, mode, high).

    >>> triangular_ppf(np.array([0.0, 0.5, 1.0]), 0.0, 5.0, 10.0).tolist()
    [0.0, 5.0, 10.0]
    """
    width = high - low
    if width <= 0:
        return np.full_like(u, mode, dtype=float)
    split = (mode - low) / width
    rising = low + np.sqrt(u * width * (mode - low))
    falling = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < split, rising, falling)


def pert_draws(rng: np.random.Generator, n: int, low: float, mode: float,
               high: float) -> np.ndarray:
    """PERT: low + (high − low) · Beta(α, β) with α = 1 + 4(mode − low)/(high − low),
    β = 1 + 4(high − mode)/(high − low); its mean is (low + 4·mode + high)/6.

    >>> values = pert_draws(np.random.default_rng(0), 200_000, 0.0, 2.0, 10.0)
    >>> round(float(values.mean()), 1)  # (0 + 4·2 + 10) / 6 = 3
    3.0
    """
    width = high - low
    if width <= 0:
        return np.full(n, mode, dtype=float)
    alpha = 1 + 4 * (mode - low) / width
    beta = 1 + 4 * (high - mode) / width
    return low + width * rng.beta(alpha, beta, n)


def draw(scenario: Scenario, n: int = DEFAULT_DRAWS,
         seed: int | None = DEFAULT_SEED) -> dict[str, np.ndarray]:
    """n draws of every driver with a range (its value is the mode); whole-number drivers
    rounded. The same seed gives the same draws."""
    if not 1 <= n <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS}")
    rng = np.random.default_rng(seed)
    draws = {}
    for key, band in scenario.ranges.items():
        mode = get_value(scenario, key)
        if band.distribution is Distribution.PERT:
            values = pert_draws(rng, n, band.low, mode, band.high)
        else:
            values = triangular_ppf(rng.random(n), band.low, mode, band.high)
        draws[key] = np.rint(values) if field_of(key) in INTEGER_FIELDS else values
    return draws


@dataclass(frozen=True)
class PaybackSummary:
    """Of one payback measure (simple or discounted): P10/P50/P90 in months (+inf = beyond the
    horizon) and the shares of draws paid back within the horizon and within `within_years`."""

    percentiles: dict[int, float]
    probability_in_horizon: float
    probability_within: float


@dataclass(frozen=True)
class MonteCarloSummary:
    draws: int
    npv_percentiles: dict[int, float]
    probability_positive_npv: float
    payback: PaybackSummary
    discounted_payback: PaybackSummary
    within_years: int


def percentiles(values: np.ndarray) -> dict[int, float]:
    """P10/P50/P90 as actual draws (inverted CDF: no interpolation, so a payback beyond the
    horizon, held as +inf, stays +inf)."""
    found = np.percentile(values, PERCENTILES, method="inverted_cdf")
    return {p: float(v) for p, v in zip(PERCENTILES, found, strict=True)}


def summarise_payback(months: np.ndarray, within_years: int) -> PaybackSummary:
    payback = np.where(np.isnan(months), np.inf, months)
    return PaybackSummary(
        percentiles=percentiles(payback),
        probability_in_horizon=float(np.mean(np.isfinite(payback))),
        probability_within=float(np.mean(payback <= 12 * within_years)),
    )


def summarise(result: BatchResult, within_years: int) -> MonteCarloSummary:
    return MonteCarloSummary(
        draws=result.npv.size,
        npv_percentiles=percentiles(result.npv),
        probability_positive_npv=float(np.mean(result.npv > 0)),
        payback=summarise_payback(result.payback_months, within_years),
        discounted_payback=summarise_payback(result.discounted_payback_months, within_years),
        within_years=within_years,
    )


def run(scenario: Scenario, n: int = DEFAULT_DRAWS, seed: int | None = DEFAULT_SEED) -> BatchResult:
    """Monte Carlo: NPV, simple and discounted payback for n draws (one run when no driver has
    a range and no risk is quantified). The risk pool's events are drawn from a second stream
    of the same seed, so adding a risk leaves the drivers' draws as they were."""
    values = draw(scenario, n, seed)
    if not any(risk.quantified for risk in scenario.risks):
        return evaluate_many(scenario, values)
    rng = np.random.default_rng(None if seed is None else [seed, 1])
    values, costs_at = risk_events(scenario, values, n, rng)
    return evaluate_many(scenario, values, costs_at, n)


def default_within_years(horizon_years: int) -> int:
    """The page's default "paid back within" years: two, or the whole horizon when shorter."""
    return min(DEFAULT_WITHIN_YEARS, horizon_years)


def default_summary(scenario: Scenario) -> MonteCarloSummary:
    """The summary the Uncertainty page shows before any setting is changed."""
    return summarise(run(scenario, DEFAULT_DRAWS, DEFAULT_SEED),
                     default_within_years(scenario.horizon_years))
