"""The scenario model: one typed business case, the single source of truth.

Pages edit it, the engine reads it, storage saves it, the Excel exporter writes it and the
importer reads it back. Money is DKK in fixed prices; shares are fractions (0.035 = 3.5 %).

Time convention used everywhere (engine, Excel, charts): year 0 is the moment of the first
investment; operating year k (k >= 1) covers the twelve months after year k-1. One-off costs
booked in year k fall at the end of that year (year 0: at once). Gains and recurring costs
accrue evenly month by month. Discounting is end-of-year: year k is divided by (1 + r)^k.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from calculators.base import (
    MAX_AMOUNT,
    MAX_COST_LINES,
    MAX_GAIN_LINES,
    MAX_RANGES,
    MAX_RISKS,
    MAX_SOFT_GAINS,
    MAX_SOURCES,
    MAX_TAGS,
    MAX_TICKED,
    PERIODS_PER_YEAR,
    Id,
    LongText,
    Period,
    ShortText,
    Strict,
    Text,
    new_id,
)
from calculators.discounting import DiscountBasis, fit_basis
from calculators.documentation import DocumentationPlan
from calculators.price_level import FIRST_YEAR, LAST_YEAR, PriceLevel, missing_years
from calculators.staffing import StaffCost, WorkingTime
from calculators.vtv import Assessment

MODEL_VERSION = 2
MAX_HORIZON_YEARS = 30
DEFAULT_DISCOUNT_RATE = 0.035
DEFAULT_HOURS_PER_FTE = 1924.0
MIN_HOURS_PER_FTE = 100.0
MAX_HOURS_PER_FTE = 8784.0
MAX_HOURLY_COST = 10_000.0

Money = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
PriceYear = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class Beneficiary(StrEnum):
    CITIZENS = "citizens"
    RELATIVES = "relatives"
    CARE_STAFF = "care_staff"
    ADMIN_STAFF = "admin_staff"


class RiskLevel(StrEnum):
    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"


class EstimateBasis(StrEnum):
    OPTIMISTIC = "optimistic"
    REALISTIC = "realistic"
    CONSERVATIVE = "conservative"


class CostKind(StrEnum):
    ONE_OFF = "one_off"
    RECURRING = "recurring"


class CostCategory(StrEnum):
    PURCHASE = "purchase"
    INSTALLATION = "installation"
    BUILDING = "building"
    TRAINING = "training"
    PROJECT_MANAGEMENT = "project_management"
    INTEGRATION = "integration"
    LICENCE = "licence"
    SERVICE = "service"
    MAINTENANCE = "maintenance"
    CONSUMABLES = "consumables"
    SUPPORT = "support"
    OTHER = "other"


ONE_OFF_CATEGORIES = frozenset(
    {
        CostCategory.PURCHASE,
        CostCategory.INSTALLATION,
        CostCategory.BUILDING,
        CostCategory.TRAINING,
        CostCategory.PROJECT_MANAGEMENT,
        CostCategory.INTEGRATION,
    }
)


class GainKind(StrEnum):
    RELEASED_TIME = "released_time"
    BUDGET_SAVING = "budget_saving"
    AVOIDED_COST = "avoided_cost"
    INCOME = "income"


class GainOwner(StrEnum):
    """Who reaps a gain. Only the municipality's own gains can reach its budget."""

    UNIT = "unit"  # the unit itself
    MUNICIPALITY = "municipality"  # another area of the municipality
    REGION = "region"  # e.g. avoided hospital admissions
    STATE = "state"
    CITIZEN = "citizen"  # the citizen or relatives
    COMPANY = "company"


MUNICIPAL_OWNERS = frozenset({GainOwner.UNIT, GainOwner.MUNICIPALITY})


class Distribution(StrEnum):
    TRIANGULAR = "triangular"
    PERT = "pert"


class Range(Strict):
    """A three-point estimate's outer values; the expected value is the driver's own value."""

    low: Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
    high: Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
    distribution: Distribution = Distribution.TRIANGULAR

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise PydanticCustomError(
                "range_low_high", "low {low} is above high {high}",
                {"low": self.low, "high": self.high},
            )
        return self


class FundSettings(Strict):
    """Aarhus welfare-technology fund (DOMAIN.md §3): the fund lends the investment; the unit
    repays it with a share of a position a year for a number of years."""

    loan: Money | None = Field(None, description="kr; empty = the one-off costs of the roll-out")
    fte_share: Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)] = 0.5
    position_cost: Money | None = Field(
        None, description="kr a year for one full position; empty = the scenario's hourly cost "
        "of released time × hours per FTE (calculators.fund.position_cost)",
    )
    years: int = Field(3, ge=1, le=MAX_HORIZON_YEARS)


class ContractKind(StrEnum):
    """What the contract buys: the kind decides which thresholds and law apply (DOMAIN.md §7)."""

    SUPPLIES_SERVICES = "supplies_services"
    SOCIAL_SERVICES = "social_services"
    BUILDING_WORK = "building_work"


class ProcurementRoute(StrEnum):
    """The route the municipality chooses; BY_VALUE follows the contract value and thresholds."""

    BY_VALUE = "by_value"
    FRAMEWORK = "framework"
    JOINT_TENDER = "joint_tender"
    ASSISTIVE_AID = "assistive_aid"
    RD_EXCEPTION = "rd_exception"
    INNOVATION_PARTNERSHIP = "innovation_partnership"


# The 2015 defaults of model version 1's settings (a file that still has them did not edit them).
LEGACY_THRESHOLDS = {"national_threshold": 500_000.0, "eu_threshold": 1_400_000.0}
# Model version 1 filled the source with a line reference into the project's notes; never shown.
NOTE_REFERENCE = re.compile(r"\d{3} l\.\d+\S*")


class ProcurementSettings(Strict):
    """The contract as udbudsloven values it (§§ 30, 37–38) and the route chosen for it. The
    thresholds come from the dated table (calculators/data/thresholds.csv) for the start year;
    the user may enter an own EU threshold, marked user-entered."""

    contract_kind: ContractKind = ContractKind.SUPPLIES_SERVICES
    contract_years: int | None = Field(
        None, ge=1, le=MAX_HORIZON_YEARS,
        description="Contract period in years, options and extensions included; empty = horizon",
    )
    open_ended: bool = Field(False, description="No end date: 48 months count (§§ 37–38)")
    route: ProcurementRoute = ProcurementRoute.BY_VALUE
    user_eu_threshold: Money | None = Field(
        None, description="kr; user-entered, replaces the table's EU threshold")
    user_policy_threshold: Money | None = Field(
        None, description="kr; the municipality's own procurement policy asks for competition "
        "from this value (user-entered)")
    user_source: ShortText = ""

    @model_validator(mode="before")
    @classmethod
    def _from_2015_thresholds(cls, data: object) -> object:
        """Model version 1 stored the 2015 rules (Danish threshold, EU threshold, their year and
        source, a switch for bought services). Thresholds the user had changed are kept as
        user-entered; the defaults give way to the dated table; the switch is gone because
        every line bought from the supplier counts."""
        if not isinstance(data, dict) or not {*LEGACY_THRESHOLDS, "year", "source",
                                               "include_contracts"} & data.keys():
            return data
        data = dict(data)
        old = {key: data.pop(key, default) for key, default in LEGACY_THRESHOLDS.items()}
        year, source = data.pop("year", None), data.pop("source", "")
        data.pop("include_contracts", None)
        changed = {key: value for key, value in old.items()
                   if value != LEGACY_THRESHOLDS[key]}
        if "eu_threshold" in changed:
            data.setdefault("user_eu_threshold", changed["eu_threshold"])
        if "national_threshold" in changed:
            data.setdefault("user_policy_threshold", changed["national_threshold"])
        if changed:
            kept = [str(part) for part in (source, year)
                    if part and not NOTE_REFERENCE.fullmatch(str(part))]
            data.setdefault("user_source", " ".join(kept)[:500])
        return data


MAX_QUANTIFIED_RISKS = 12


class Risk(Strict):
    """A risk, described (text and level) and, for the risk pool, quantified: the probability
    that it happens and its consequence, in kr (a one-off cost at the end of `year`) and/or as
    a change to one driver (calculators.drivers key, e.g. fewer hours saved or more months of
    implementation). No probability = described only, outside the pool."""

    text: ShortText
    level: RiskLevel = RiskLevel.MEDIUM
    probability: Share | None = None
    amount: Money = Field(0.0, description="kr, if it happens")
    year: int = Field(0, ge=0, le=MAX_HORIZON_YEARS, description="When the kr fall")
    driver: str | None = Field(None, max_length=80, description="Driver key the risk changes")
    change: Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT, allow_inf_nan=False)] = 0.0

    @property
    def quantified(self) -> bool:
        return self.probability is not None


class SoftGain(Strict):
    description: ShortText
    beneficiaries: list[Beneficiary] = Field([], max_length=len(Beneficiary))
    rating: int = Field(3, ge=1, le=5, description="Expected effect, 1 (little) to 5 (very large)")
    documentation: ShortText = ""


class CostLine(Strict):
    id: Id = Field(default_factory=new_id)
    name: ShortText
    category: CostCategory = CostCategory.OTHER
    kind: CostKind = CostKind.ONE_OFF
    amount: Money = Field(description="kr, per unit or in total; recurring: per year")
    per_unit: bool = True
    years: list[Annotated[int, Field(ge=0, le=MAX_HORIZON_YEARS)]] = Field(
        default=[], max_length=MAX_HORIZON_YEARS + 1,
        description="Restrict to these years; empty = default timing (one-off: at roll-out or "
        "year 0; recurring: every operating year)",
    )
    lifetime_years: int | None = Field(
        None, ge=1, le=MAX_HORIZON_YEARS, description="One-off only: reinvest when it runs out"
    )
    supplier: bool | None = Field(
        None, description="Paid to the supplier, so part of the contract value (udbudsloven "
        "§ 30); empty = from the category (calculators.procurement.bought_from_supplier)")
    source: ShortText = ""
    budget_area: ShortText = Field("", description="Budget area, e.g. Hjemmeplejen (issue 15)")
    price_year: PriceYear | None = Field(
        None, description="P/L year of the amount; empty = the budget's price level "
        "(calculators.price_level)")

    @model_validator(mode="after")
    def _timing_fits_kind(self) -> CostLine:
        if self.kind is CostKind.RECURRING and self.lifetime_years is not None:
            raise PydanticCustomError(
                "lifetime_recurring",
                "{name}: a lifetime applies only to one-off costs",
                {"name": self.name},
            )
        if self.kind is CostKind.RECURRING and 0 in self.years:
            raise PydanticCustomError(
                "recurring_year_zero",
                "{name}: recurring costs fall in operating years 1, 2, …, not in year 0",
                {"name": self.name},
            )
        return self


class GainLine(Strict):
    id: Id = Field(default_factory=new_id)
    name: ShortText
    kind: GainKind = GainKind.RELEASED_TIME
    quantity: Money = Field(
        description="Released time: hours per period; other kinds: kr per period"
    )
    period: Period = Period.YEAR
    hourly_cost: float = Field(0.0, ge=0, le=MAX_HOURLY_COST, allow_inf_nan=False,
                               description="kr per gross staff hour (released time only)")
    per_unit: bool = True
    owner: GainOwner = GainOwner.UNIT
    budget_shares: list[Share] = Field(
        default=[], max_length=MAX_HORIZON_YEARS,
        description="Released time only: share of the released hours taken out of the budget "
        "(hjemtagning) in operating year 1, 2, …; the last value repeats; empty = none",
    )
    budget_decision: ShortText = Field("", description="The decision the realisation plan rests on")
    source: ShortText = ""
    budget_area: ShortText = Field("", description="Budget area, e.g. Hjemmeplejen (issue 15)")
    price_year: PriceYear | None = Field(
        None, description="P/L year of the amount; empty = the budget's price level "
        "(calculators.price_level)")

    @model_validator(mode="after")
    def _plan_fits_kind(self) -> GainLine:
        if self.budget_shares and self.kind is not GainKind.RELEASED_TIME:
            raise PydanticCustomError(
                "budget_shares_kind",
                "{name}: a realisation plan (share taken out) applies only to released time",
                {"name": self.name},
            )
        return self

    def budget_share(self, year: int) -> float:
        """Share of the line's value that reaches the municipality's budget in operating year
        `year` (1, 2, …; year 0 counts as year 1).

        0 when the owner is not the municipality; 1 for a budget saving, avoided cost or income
        the municipality reaps; for released time the realisation plan, its last share repeating.

        >>> line = GainLine(name="Tid", quantity=1, budget_shares=[0, 0.5])
        >>> [line.budget_share(year) for year in (1, 2, 3)]
        [0.0, 0.5, 0.5]
        >>> GainLine(name="Indlæggelser", kind="avoided_cost", quantity=1,
        ...          owner="region").budget_share(1)
        0.0
        """
        if self.owner not in MUNICIPAL_OWNERS:
            return 0.0
        if self.kind is not GainKind.RELEASED_TIME:
            return 1.0
        if not self.budget_shares:
            return 0.0
        return float(self.budget_shares[min(max(year, 1), len(self.budget_shares)) - 1])

    @property
    def annual_value(self) -> float:
        """kr a year per unit (or in total) before adoption and realisation."""
        rate = self.hourly_cost if self.kind is GainKind.RELEASED_TIME else 1.0
        return self.quantity * PERIODS_PER_YEAR[self.period] * rate

    @property
    def annual_hours(self) -> float:
        if self.kind is not GainKind.RELEASED_TIME:
            return 0.0
        return self.quantity * PERIODS_PER_YEAR[self.period]


def parse_budget_plan(text: str) -> list[float | str]:
    """A realisation plan typed as percentages per operating year, separated by ";", read as
    `GainLine.budget_shares` (fractions); a decimal comma or point both work. What is not a
    number is passed on for the model to reject with its own message.

    >>> parse_budget_plan("0 %; 50 %")
    [0.0, 0.5]
    >>> parse_budget_plan("12,5;100"), parse_budget_plan(" "), parse_budget_plan("0; halvdelen")
    ([0.125, 1.0], [], [0.0, 'halvdelen'])
    """
    shares: list[float | str] = []
    for part in str(text or "").split(";"):
        item = part.replace("%", "").replace(" ", "").replace("\u00a0", "")
        if not item:
            continue
        try:
            shares.append(float(item.replace(",", ".")) / 100)
        except ValueError:
            shares.append(part.strip())
    return shares


def format_budget_plan(shares: list[float], decimal: str = ",") -> str:
    """The plan as `parse_budget_plan` reads it back.

    >>> format_budget_plan([0.0, 0.5]), format_budget_plan([0.125], decimal=".")
    ('0 %; 50 %', '12.5 %')
    """
    return "; ".join(f"{round(share * 100, 6):g}".replace(".", decimal) + " %" for share in shares)


class Scale(Strict):
    units: int = Field(1, ge=0, le=1_000_000, description="Devices or citizens")
    rollout: list[Annotated[int, Field(ge=0, le=1_000_000)]] = Field(
        default=[], max_length=MAX_HORIZON_YEARS,
        description="Units added at the start of each year (index 0 = year 0); "
        "empty = all in year 0",
    )
    adoption: Share = Field(1.0, description="Share of installed units actually in use")
    realisation: Share = Field(1.0, description="Share of the estimated gains realised")
    implementation_months: int = Field(0, ge=0, le=120)
    ramp_up_months: int = Field(0, ge=0, le=120)

    @model_validator(mode="after")
    def _rollout_adds_up(self) -> Scale:
        if self.rollout and sum(self.rollout) != self.units:
            raise PydanticCustomError(
                "rollout_sum",
                "The roll-out adds {total} units but the number of units is {units}",
                {"total": sum(self.rollout), "units": self.units},
            )
        return self

    def batches(self) -> list[int]:
        """Units added at year 0, 1, 2, …"""
        return list(self.rollout) if self.rollout else [self.units]


class OpiStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


ItemId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_.]+$")]


class OpiStep(Strict):
    status: OpiStatus = OpiStatus.NOT_STARTED
    ticked: list[ItemId] = Field(default=[], max_length=MAX_TICKED,
                                 description="Checklist items done in this step")
    notes: LongText = ""


class Collaboration(Strict):
    """Working with a company: questions prepared before the first meeting (*10 skarpe om at
    mødes*, OPALL, 2015) and the four steps of the OPI process (*Fælles om
    velfærdsinnovation*), ticked per project."""

    prep_municipality: list[ItemId] = Field(default=[], max_length=MAX_TICKED,
                                            description="Questions answered")
    prep_company: list[ItemId] = Field(default=[], max_length=MAX_TICKED,
                                       description="Questions answered")
    need: OpiStep = OpiStep()
    match: OpiStep = OpiStep()
    develop: OpiStep = OpiStep()
    spread: OpiStep = OpiStep()


def migrate(data: object) -> object:
    """Scenario data of an older model version brought to the current one (every loader —
    JSON files, library versions, the Excel importer's stored JSON — validates through the
    model, so this runs for all of them). Data of the current version is returned unchanged.

    Version 1 → 2: a gain line's ``cash_releasing`` flag becomes the realisation plan of its
    released time: true → ``budget_shares`` [1.0] (all hours taken out from year 1), false → []
    (nothing taken out). Other kinds drop the flag; their owner stays "unit", so a budget
    saving, avoided cost or income stays a budget effect.

    >>> old = {"model_version": 1, "title": "T", "gains": [
    ...     {"name": "Tid", "quantity": 1, "cash_releasing": True},
    ...     {"name": "Tid 2", "quantity": 1, "cash_releasing": False},
    ...     {"name": "Licens", "kind": "budget_saving", "quantity": 1, "cash_releasing": False}]}
    >>> new = migrate(old)
    >>> new["model_version"], [g["budget_shares"] for g in new["gains"]]
    (2, [[1.0], [], []])
    >>> "cash_releasing" in new["gains"][0], "cash_releasing" in old["gains"][0]
    (False, True)
    """
    if not isinstance(data, dict) or data.get("model_version", MODEL_VERSION) != 1:
        return data
    gains = data.get("gains")
    if isinstance(gains, list):
        gains = [migrate_gain_v1(line) for line in gains]
    return {**data, "model_version": 2, **({"gains": gains} if gains is not None else {})}


def migrate_gain_v1(line: object) -> object:
    """One gain line of model version 1 (a dict) with its cash-releasing flag as a realisation
    plan (see `migrate`); anything else unchanged. The Excel importer uses it for the flag
    column of a format-1 workbook."""
    if not isinstance(line, dict) or "cash_releasing" not in line:
        return line
    kept = {key: value for key, value in line.items() if key != "cash_releasing"}
    time = kept.get("kind", GainKind.RELEASED_TIME) == GainKind.RELEASED_TIME
    return kept | {"budget_shares": [1.0] if time and line["cash_releasing"] is True else []}


class Scenario(Strict):
    model_version: int = Field(
        MODEL_VERSION, ge=MODEL_VERSION, le=MODEL_VERSION,
        description="Older versions are migrated on loading (see `migrate`)",
    )
    title: ShortText = Field(min_length=1)
    organisation: ShortText = ""
    technology: ShortText = ""
    description: LongText = ""
    purpose: LongText = ""
    baseline: LongText = Field("", description="The 0-scenario: carry on as today")
    with_technology: LongText = Field("", description="The 1-scenario: with the technology")
    beneficiaries: list[Beneficiary] = Field([], max_length=len(Beneficiary))
    alternatives: LongText = ""
    risks: list[Risk] = Field([], max_length=MAX_RISKS)
    sources: dict[Id, ShortText] = Field(default={}, max_length=MAX_SOURCES,
                                         description="Source per scalar input")
    estimate_basis: EstimateBasis = EstimateBasis.REALISTIC
    tags: list[ShortText] = Field([], max_length=MAX_TAGS)

    start_year: int = Field(2026, ge=2000, le=2100)
    horizon_years: int = Field(10, ge=1, le=MAX_HORIZON_YEARS)
    discount_rate: float = Field(DEFAULT_DISCOUNT_RATE, ge=0, le=0.5, allow_inf_nan=False)
    currency: Literal["DKK"] = "DKK"
    hours_per_fte: float = Field(DEFAULT_HOURS_PER_FTE, ge=MIN_HOURS_PER_FTE,
                                 le=MAX_HOURS_PER_FTE, allow_inf_nan=False)

    scale: Scale = Scale()
    costs: list[CostLine] = Field([], max_length=MAX_COST_LINES)
    gains: list[GainLine] = Field([], max_length=MAX_GAIN_LINES)
    soft_gains: list[SoftGain] = Field([], max_length=MAX_SOFT_GAINS)
    vtv: Assessment = Field(default_factory=Assessment, description="VTV-inspired assessment")
    documentation_plan: DocumentationPlan = Field(default_factory=DocumentationPlan)
    ranges: dict[Annotated[Text, Field(max_length=100)], Range] = Field(
        default={}, max_length=MAX_RANGES,
        description="Three-point estimates by driver key (calculators.drivers)"
    )
    fund: FundSettings = FundSettings()
    procurement: ProcurementSettings = ProcurementSettings()
    collaboration: Collaboration = Collaboration()

    # --- The municipality's budget view (issue 15); defaults change nothing in old files ---
    discount_basis: DiscountBasis = DiscountBasis.FINANCE_MINISTRY
    start_month: int | None = Field(
        None, ge=1, le=12, description="Month of start_year the investment is made and operation "
        "starts; empty = the end of start_year (operating year k = start_year + k)")
    include_residual_value: bool = Field(
        False, description="Count the equipment's residual value at the horizon's end in the NPV")
    working_time: WorkingTime = WorkingTime()
    staff_cost: StaffCost | None = None
    price_level: PriceLevel = Field(
        default_factory=PriceLevel, description="The budget's P/L year and the price index")

    @model_validator(mode="before")
    @classmethod
    def _migrate_and_fit_ranges(cls, data: object) -> object:
        # drivers.py reads the scenario, so it can only be imported once the model exists
        from calculators.drivers import reconcile_ranges

        return reconcile_ranges(fit_basis(migrate(data)))

    @model_validator(mode="after")
    def _fits_horizon(self) -> Scenario:
        if len(self.scale.batches()) > self.horizon_years:
            raise PydanticCustomError(
                "rollout_horizon",
                "The roll-out lasts {years} years, longer than the horizon of {horizon} years",
                {"years": len(self.scale.batches()), "horizon": self.horizon_years},
            )
        for line in self.costs:
            late = [y for y in line.years if y > self.horizon_years]
            if late:
                raise PydanticCustomError(
                    "year_beyond_horizon",
                    "{name}: year {year} is beyond the horizon of {horizon} years",
                    {"name": line.name, "year": late[0], "horizon": self.horizon_years},
                )
        ids = [line.id for line in [*self.costs, *self.gains]]
        if len(ids) != len(set(ids)):
            raise PydanticCustomError("duplicate_id", "Two cost or gain lines share an id", {})
        self._check_ranges()
        self._check_risks()
        self._check_price_years()
        return self

    def _check_price_years(self) -> None:
        """Every line at another P/L year can be converted: the table has both years."""
        for line in [*self.costs, *self.gains]:
            missing = missing_years(self.price_level, [line.price_year])
            if missing:
                raise PydanticCustomError(
                    "price_index_missing",
                    "{name}: the price index has no figure for {year}",
                    {"name": line.name, "year": str(missing[0])})  # a year, not 2.024

    def _check_risks(self) -> None:
        from calculators.drivers import drivers

        quantified = [risk for risk in self.risks if risk.quantified]
        if len(quantified) > MAX_QUANTIFIED_RISKS:
            raise PydanticCustomError(
                "too_many_risks", "At most {limit} risks can be quantified",
                {"limit": MAX_QUANTIFIED_RISKS})
        keys = {d.key for d in drivers(self)} if any(r.driver for r in quantified) else set()
        for risk in quantified:
            if risk.year > self.horizon_years:
                raise PydanticCustomError(
                    "year_beyond_horizon",
                    "{name}: year {year} is beyond the horizon of {horizon} years",
                    {"name": risk.text, "year": risk.year, "horizon": self.horizon_years})
            if risk.driver and risk.driver not in keys:
                raise PydanticCustomError(
                    "risk_driver", "{name}: the input the risk changes no longer exists",
                    {"name": risk.text})

    def _check_ranges(self) -> None:
        from calculators.drivers import driver_bounds

        for key, band in self.ranges.items():
            lowest, highest = driver_bounds(key)
            if band.low < lowest or band.high > highest:
                raise PydanticCustomError(
                    "range_bounds", "{key}: the range must lie within {lowest} … {highest}",
                    {"key": key, "lowest": lowest, "highest": highest},
                )
