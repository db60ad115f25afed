"""The large case the benchmarks and the Excel tests share: 30 years, 50 cost and gain lines
(one-off with lifetimes and recurring costs, per unit or in total; every gain kind and period),
rolled out over 5 years with implementation and ramp-up."""

from __future__ import annotations

import copy

from calculators.base import (
    LONG_TEXT,
    MAX_AMOUNT,
    MAX_COST_LINES,
    MAX_GAIN_LINES,
    MAX_OWN_ELEMENTS,
    MAX_PLAN_ITEMS,
    MAX_RANGES,
    MAX_RISKS,
    MAX_SOFT_GAINS,
    MAX_SOURCES,
    MAX_TAGS,
    SHORT_TEXT,
)
from calculators.documentation import DocumentationPlan, PlanItem
from calculators.drivers import driver_bounds, drivers
from calculators.model import (
    MAX_HORIZON_YEARS,
    MAX_HOURLY_COST,
    MAX_HOURS_PER_FTE,
    MIN_HOURS_PER_FTE,
    Beneficiary,
    Collaboration,
    CostCategory,
    CostKind,
    CostLine,
    FundSettings,
    GainKind,
    GainLine,
    GainOwner,
    OpiStep,
    Period,
    ProcurementSettings,
    Risk,
    Scale,
    Scenario,
    SoftGain,
)
from calculators.scenario_file import load_sample
from calculators.vtv import STANDARD_KEYS, Assessment, Category, Element

LINES = 50
HORIZON = 30


def large_scenario(lines: int = LINES, horizon: int = HORIZON) -> Scenario:
    costs = [
        CostLine(id=f"c{i}", name=f"Cost line {i}", amount=1_000 + 37 * i,
                 category=CostCategory.PURCHASE if i % 2 else CostCategory.SERVICE,
                 kind=CostKind.ONE_OFF if i % 2 else CostKind.RECURRING,
                 per_unit=i % 3 != 0, lifetime_years=(5 + i % 4) if i % 2 else None,
                 source=f"Offer {i}")
        for i in range(lines // 2)
    ]
    kinds = list(GainKind)
    gains = [
        GainLine(id=f"g{i}", name=f"Gain line {i}", kind=kinds[i % 4], quantity=0.5 + i,
                 period=list(Period)[i % 4], hourly_cost=320, per_unit=i % 3 != 0,
                 owner=list(GainOwner)[i % 6],
                 budget_shares=[0.0, 0.1 * (i % 10)] if kinds[i % 4] is GainKind.RELEASED_TIME
                 else [], source=f"Measurement {i}")
        for i in range(lines - lines // 2)
    ]
    return Scenario(title="Benchmark", horizon_years=horizon, costs=costs, gains=gains,
                    scale=Scale(units=500, rollout=[100] * 5, adoption=0.8, realisation=0.9,
                                implementation_months=6, ramp_up_months=6))


def with_ranges(scenario: Scenario, first: list[str] = ()) -> Scenario:
    """`first` and then the other drivers up to MAX_RANGES given a ±20 % range (within their
    bounds): the Sensitivity sheet's worst case."""
    ranges = {}
    found = sorted(drivers(scenario), key=lambda d: d.key not in first)
    for driver in found[:MAX_RANGES - 2]:
        lowest, highest = driver_bounds(driver.key)
        ranges[driver.key] = {"low": max(lowest, driver.value * 0.8),
                              "high": min(highest, driver.value * 1.2)}
    return Scenario.model_validate({**scenario.model_dump(), "ranges": ranges})


def long_text(length: int, seed: str = "") -> str:
    """`length` characters, mostly 4-byte UTF-8 (the most bytes a character can cost), with
    markdown, HTML and formula look-alikes in front: the worst text the model accepts."""
    head = f"=1+1 <b>{seed}</b> ![x](http://example.invalid/x.png) "
    return (head + "🚽" * length)[:length]


def worst_scenario() -> Scenario:
    """The largest scenario the model accepts: every list at its limit, every text at its
    length, 30 years rolled out over 30, every driver ranged, one-off costs renewed every year.
    Pages, exports and imports of it are measured by benchmarks/limits.py."""
    short, long = (lambda s="": long_text(SHORT_TEXT, s)), (lambda s="": long_text(LONG_TEXT, s))
    horizon = MAX_HORIZON_YEARS
    costs = [CostLine(name=short(f"c{i}"), amount=1_000 + i, per_unit=i % 2 == 0,
                      kind=CostKind.ONE_OFF if i % 2 else CostKind.RECURRING,
                      category=CostCategory.PURCHASE if i % 2 else CostCategory.SERVICE,
                      years=list(range(i % 2 == 0, horizon + 1)),
                      lifetime_years=1 if i % 2 else None, source=short())
             for i in range(MAX_COST_LINES)]
    gains = [GainLine(name=short(f"g{i}"), kind=list(GainKind)[i % 4], quantity=1 + i,
                      period=list(Period)[i % 4], hourly_cost=MAX_HOURLY_COST, source=short(),
                      budget_decision=short(), budget_shares=[0.5] * MAX_HORIZON_YEARS
                      if list(GainKind)[i % 4] is GainKind.RELEASED_TIME else [])
             for i in range(MAX_GAIN_LINES)]
    own = [Element(category=list(Category)[i % 3], name=short(f"e{i}"), score=1 + i % 5,
                   evidence=long(), source=short()) for i in range(MAX_OWN_ELEMENTS)]
    standard = [Element(key=key, category=category, score=3, evidence=long(), source=short())
                for key, category in STANDARD_KEYS.items() if category is not Category.ECONOMY]
    items = [PlanItem(indicator=short(f"p{i}"), baseline=short(), target=short(), who=short(),
                      when=short(), note=short()) for i in range(MAX_PLAN_ITEMS)]
    step = OpiStep(notes=long())
    scenario = Scenario(
        title=short("title"), organisation=short(), technology=short(), description=long(),
        purpose=long(), baseline=long(), with_technology=long(), alternatives=long(),
        beneficiaries=list(Beneficiary),
        risks=[Risk(text=short(f"r{i}")) for i in range(MAX_RISKS)],
        soft_gains=[SoftGain(description=short(f"s{i}"), beneficiaries=list(Beneficiary),
                             documentation=short()) for i in range(MAX_SOFT_GAINS)],
        sources={f"source_{i}": short() for i in range(MAX_SOURCES)},
        tags=[short(f"t{i}") for i in range(MAX_TAGS)],
        horizon_years=horizon, hours_per_fte=MIN_HOURS_PER_FTE,
        scale=Scale(units=1_000_000 - 1_000_000 % horizon,
                    rollout=[1_000_000 // horizon] * horizon, adoption=0.9, realisation=0.9,
                    implementation_months=120, ramp_up_months=120),
        costs=costs, gains=gains, vtv=Assessment(elements=standard + own, conclusion=long()),
        documentation_plan=DocumentationPlan(audience=long(), agreement=long(),
                                             resources=long(), items=items),
        fund=FundSettings(fte_share=1000), procurement=ProcurementSettings(source=short()),
        collaboration=Collaboration(need=step, match=step, develop=step, spread=step),
    )
    lifetimes = [d.key for d in drivers(scenario) if d.field == "lifetime_years"]
    ranged = with_ranges(scenario, lifetimes[:MAX_RANGES // 2])
    # the widest timing ranges a simulation of this many lines may draw (MAX_PROFILE_ROWS)
    timing = {"scale.implementation_months": {"low": 117, "high": 120},
              "scale.ramp_up_months": {"low": 118, "high": 120}}
    return Scenario.model_validate({**ranged.model_dump(), "ranges": ranged.ranges | timing})


def extreme_scenarios() -> dict[str, Scenario]:
    """Valid cases at the model's limits, by name: each must open on every page."""
    toilet = load_sample("aarhus_toilet")
    base = toilet.model_dump()
    gain, cost = base["gains"][0], base["costs"][0]

    def case(**fields: object) -> Scenario:
        data = copy.deepcopy(base)
        for key, value in fields.items():
            target = data["scale"] if key in data["scale"] else data
            target[key] = value
        return Scenario.model_validate(data)

    markup = "![x](http://example.invalid/x.png) <a href='http://example.invalid'>klik</a>"
    return {
        "no_units": case(units=0, rollout=[]),
        "no_units_rolled_out": case(units=0, rollout=[0, 0], horizon_years=2),
        "fewest_hours_per_fte": case(hours_per_fte=MIN_HOURS_PER_FTE),
        "most_hours_per_fte": case(hours_per_fte=MAX_HOURS_PER_FTE),
        "dearest_hour": case(gains=[gain | {"hourly_cost": MAX_HOURLY_COST}]),
        "largest_amounts": case(units=1_000_000, costs=[cost | {"amount": MAX_AMOUNT}],
                                gains=[gain | {"quantity": MAX_AMOUNT, "period": "day",
                                               "hourly_cost": MAX_HOURLY_COST}]),
        "only_costs": case(gains=[], ranges={}),
        "nothing": case(costs=[], gains=[], risks=[], soft_gains=[], ranges={}),
        "nothing_adopted": case(adoption=0.0, realisation=0.0),
        "one_year_long_timing": case(horizon_years=1, implementation_months=120,
                                     ramp_up_months=120, discount_rate=0.5),
        "markup_in_text": case(title=markup, organisation="**fed** # overskrift",
                               risks=[{"text": f"{markup}\n\n</div><script>x</script>",
                                       "level": "large"}],
                               soft_gains=[{"description": markup}]),
        "fund_extremes": case(fund={"loan": MAX_AMOUNT, "fte_share": 1000,
                                    "position_cost": 0.0, "years": MAX_HORIZON_YEARS}),
    }
