"""The VTV-inspired assessment: four categories, scored elements, weighted category scores.

VTV (VelfærdsTeknologiVurdering, Danish Technological Institute) judges a welfare technology in
four categories: organisation, technology, citizen and economy (as described in *10 skarpe om
at mødes*, OPALL, Væksthus Hovedstadsregionen, 2015). The official list of sub-elements is not
public; ours are that document's own plus elements in the spirit
of the Danish MTV and the European MAST model. Users may add their own elements.

Scale: 1–5, or not assessed (None). The economy category is not typed in: its elements are
scored from the business case (calculators.assessment). Pure Python, no engine import, so the
scenario model can hold an `Assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from calculators.base import MAX_OWN_ELEMENTS, LongText, ShortText, Strict, new_id

SCORES = (1, 2, 3, 4, 5)
LOW_SCORE = 2


class Category(StrEnum):
    ORGANISATION = "organisation"
    TECHNOLOGY = "technology"
    CITIZEN = "citizen"
    ECONOMY = "economy"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


STANDARD_ELEMENTS: dict[Category, tuple[str, ...]] = {
    Category.ORGANISATION: (
        "work_environment", "attitude_strategy", "culture_readiness", "guidance_training",
        "workflows",
    ),
    Category.TECHNOLOGY: (
        "usability", "reliability", "integration", "data_protection", "maturity_ce", "support",
    ),
    Category.CITIZEN: (
        "self_reliance", "dignity_quality_of_life", "safety", "experience", "relatives",
        "consent_ethics",
    ),
    Category.ECONOMY: ("investment", "operation", "value", "released_time"),
}
STANDARD_KEYS: dict[str, Category] = {
    f"{category.value}.{name}": category
    for category, names in STANDARD_ELEMENTS.items()
    for name in names
}
COMPUTED_CATEGORY = Category.ECONOMY


MIN_WEIGHT = 0.01


def own_key() -> str:
    return f"own_{new_id()}"


class Element(Strict):
    """One assessed element. Standard elements are named by the interface (by key); the user's
    own elements carry their name."""

    key: str = Field(default_factory=own_key, max_length=60, pattern=r"^[a-z0-9_.]+$")
    category: Category
    name: ShortText = ""
    score: int | None = Field(None, ge=1, le=5, description="1–5; None = not assessed")
    confidence: Confidence = Confidence.MEDIUM
    weight: float = Field(1.0, ge=0, le=100, allow_inf_nan=False,
                          description="0 leaves the element out; otherwise at least 0.01")
    evidence: LongText = ""
    source: ShortText = ""
    evidence_date: date | None = None

    @property
    def standard(self) -> bool:
        return self.key in STANDARD_KEYS

    @model_validator(mode="after")
    def _consistent(self) -> Element:
        label = self.name or self.key
        if self.standard and STANDARD_KEYS[self.key] is not self.category:
            raise PydanticCustomError("vtv_wrong_category",
                                      "{name} belongs to another category", {"name": label})
        if not self.standard and not self.name:
            raise PydanticCustomError("vtv_name_required", "Your own element needs a name", {})
        if 0 < self.weight < MIN_WEIGHT:
            raise PydanticCustomError("vtv_weight_too_small",
                                      "{name}: a weight is 0 or at least 0.01", {"name": label})
        if (self.score is not None and self.confidence is not Confidence.LOW
                and not self.evidence):
            raise PydanticCustomError(
                "vtv_evidence_required",
                "a score with medium or high confidence needs evidence "
                "(or set the confidence to low)",
                {"name": label},
            )
        return self


class Assessment(Strict):
    elements: list[Element] = Field(
        default=[], max_length=len(STANDARD_KEYS) + MAX_OWN_ELEMENTS,
        description="Assessed or user-defined elements; standard elements not "
        "listed are not assessed. Economy standard elements are computed, never stored."
    )
    conclusion: LongText = Field("", description="The overall conclusion, written by the user")

    @model_validator(mode="after")
    def _unique(self) -> Assessment:
        keys = [e.key for e in self.elements]
        if len(keys) != len(set(keys)):
            raise PydanticCustomError("vtv_duplicate_key", "Two elements share a key", {})
        computed = [e for e in self.elements
                    if e.standard and e.category is COMPUTED_CATEGORY]
        if computed:
            raise PydanticCustomError(
                "vtv_economy_computed",
                "{key} is computed from the business case and cannot be typed in",
                {"key": computed[0].key},
            )
        return self


@dataclass(frozen=True)
class Rated:
    """An element as evaluated: stored, not yet assessed, or computed from the business case."""

    key: str
    category: Category
    name: str
    score: int | None
    confidence: Confidence
    weight: float
    evidence: str = ""
    source: str = ""
    computed: bool = False

    @classmethod
    def of(cls, element: Element) -> Rated:
        return cls(element.key, element.category, element.name, element.score,
                   element.confidence, element.weight, element.evidence, element.source)

    @property
    def flags(self) -> tuple[str, ...]:
        """Why the element is an open question or a risk: low score and/or low confidence."""
        found = []
        if self.score is not None and self.score <= LOW_SCORE:
            found.append("low_score")
        if self.confidence is Confidence.LOW:
            found.append("low_confidence")
        return tuple(found)


def listed(assessment: Assessment, category: Category) -> list[Element]:
    """Every element of a typed-in category: the standard ones in catalogue order (stored or
    blank), then the user's own."""
    stored = {e.key: e for e in assessment.elements if e.category is category}
    standard = [stored.get(key, Element(key=key, category=category))
                for key in (f"{category.value}.{n}" for n in STANDARD_ELEMENTS[category])]
    return standard + [e for e in stored.values() if not e.standard]


def category_score(rated: list[Rated]) -> float | None:
    """Weighted mean of the assessed elements: sum(w_i * s_i) / sum(w_i); None if none counts.

    Excel: ``=SUMPRODUCT(weights, scores) / SUMIFS(weights, scores, "<>")``.

    >>> items = [Rated("a", Category.CITIZEN, "", 4, Confidence.HIGH, 1.0),
    ...          Rated("b", Category.CITIZEN, "", 2, Confidence.HIGH, 3.0),
    ...          Rated("c", Category.CITIZEN, "", None, Confidence.HIGH, 5.0)]
    >>> category_score(items)
    2.5
    """
    counted = [(r.weight, r.score) for r in rated if r.score is not None and r.weight > 0]
    total = sum(w for w, _ in counted)
    return sum(w * s for w, s in counted) / total if total else None


def verdict(scores: dict[Category, float | None]) -> str:
    """incomplete (a category unassessed), positive (overall >= 3.5, no category <= 2),
    negative (overall < 2.5), else mixed."""
    if any(v is None for v in scores.values()):
        return "incomplete"
    overall = sum(scores.values()) / len(scores)
    if overall >= 3.5 and min(scores.values()) > LOW_SCORE:
        return "positive"
    return "negative" if overall < 2.5 else "mixed"


@dataclass(frozen=True)
class Summary:
    category_scores: dict[Category, float | None]
    overall: float | None
    verdict: str
    assessed: int
    total: int
    open_items: list[Rated]
    weakest: Category | None


def summarise(rated: list[Rated]) -> Summary:
    """Category scores, their unweighted mean (each category counts once, however many elements
    it has), the verdict and the open questions and risks.

    >>> r = [Rated("a", c, "", s, Confidence.HIGH, 1.0) for c, s in zip(Category, (4, 3, 5, 2))]
    >>> s = summarise(r)
    >>> s.overall, s.verdict, s.weakest.value, [x.key for x in s.open_items]
    (3.5, 'mixed', 'economy', ['a'])
    """
    scores = {c: category_score([r for r in rated if r.category is c]) for c in Category}
    known = {c: v for c, v in scores.items() if v is not None}
    overall = sum(known.values()) / len(known) if known else None
    return Summary(
        category_scores=scores,
        overall=overall,
        verdict=verdict(scores),
        assessed=sum(r.score is not None for r in rated),
        total=len(rated),
        open_items=[r for r in rated if r.flags],
        weakest=min(known, key=known.get) if known else None,
    )
