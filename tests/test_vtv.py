"""The VTV-inspired assessment: hand-worked scores, the economy fed by the engine, validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from calculators.assessment import (
    economy_figures,
    economy_scores,
    evaluate,
    investment_score,
)
from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.scenario_file import dump_scenario, load_sample, parse_scenario
from calculators.vtv import (
    MIN_WEIGHT,
    STANDARD_ELEMENTS,
    Assessment,
    Category,
    Confidence,
    Element,
    Rated,
    category_score,
    listed,
    summarise,
    verdict,
)
from ui.i18n import explain_validation


@pytest.fixture
def conservative() -> Scenario:
    return load_sample("aarhus_toilet_conservative")


def changed(scenario: Scenario, **top: object) -> Scenario:
    return Scenario.model_validate(scenario.model_dump() | top)


def test_catalogue_holds_the_seed_elements_and_the_mtv_mast_ones():
    assert STANDARD_ELEMENTS[Category.ORGANISATION][:4] == (
        "work_environment", "attitude_strategy", "culture_readiness", "guidance_training")
    assert "workflows" in STANDARD_ELEMENTS[Category.ORGANISATION]
    assert STANDARD_ELEMENTS[Category.ECONOMY][:2] == ("investment", "operation")
    assert {"usability", "reliability", "integration", "data_protection", "maturity_ce",
            "support"} == set(STANDARD_ELEMENTS[Category.TECHNOLOGY])
    assert {"self_reliance", "dignity_quality_of_life", "safety", "experience", "relatives",
            "consent_ethics"} == set(STANDARD_ELEMENTS[Category.CITIZEN])


def test_weighted_category_score_by_hand():
    items = [Rated("a", Category.CITIZEN, "", 5, Confidence.HIGH, 2.0),
             Rated("b", Category.CITIZEN, "", 3, Confidence.HIGH, 1.0),
             Rated("c", Category.CITIZEN, "", 4, Confidence.HIGH, 0.0),
             Rated("d", Category.CITIZEN, "", None, Confidence.HIGH, 9.0)]
    # (5·2 + 3·1) / (2 + 1) = 13/3; weight 0 and "not assessed" do not count
    assert category_score(items) == pytest.approx(13 / 3)
    assert category_score(items[3:]) is None


def test_aarhus_sample_scores_worked_by_hand(toilet):
    summary = evaluate(toilet).summary
    scores = summary.category_scores
    assert scores[Category.ORGANISATION] == pytest.approx((4 + 5 + 3 + 4 + 4) / 5)
    assert scores[Category.TECHNOLOGY] == pytest.approx((4 + 3 + 5 + 5 + 4) / 5)
    # self-reliance weighs 2: (5·2 + 5 + 3 + 4 + 4 + 4) / 7
    assert scores[Category.CITIZEN] == pytest.approx(30 / 7)
    # economy from the budget track: nothing of the released time is taken out → 1
    assert scores[Category.ECONOMY] == 1.0
    assert summary.overall == pytest.approx((4.0 + 4.2 + 30 / 7 + 1.0) / 4)
    assert (summary.assessed, summary.total) == (20, 22)
    assert summary.weakest is Category.ECONOMY
    assert summary.verdict == "mixed"


def test_open_questions_are_low_scores_or_low_confidence(toilet):
    items = {r.key: r.flags for r in evaluate(toilet).summary.open_items}
    # optimistic estimate → every economy element has low confidence
    assert items == {
        "organisation.culture_readiness": ("low_confidence",),
        "technology.reliability": ("low_confidence",),
        "citizen.safety": ("low_confidence",),
        "citizen.experience": ("low_confidence",),
        "economy.investment": ("low_score", "low_confidence"),
        "economy.operation": ("low_score", "low_confidence"),
        "economy.value": ("low_score", "low_confidence"),
        "economy.released_time": ("low_confidence",),
    }
    low = Rated("x", Category.TECHNOLOGY, "", 2, Confidence.HIGH, 1.0)
    assert low.flags == ("low_score",)
    unscored = Rated("y", Category.TECHNOLOGY, "", None, Confidence.LOW, 1.0)
    assert unscored.flags == ("low_confidence",)
    assert Rated("z", Category.TECHNOLOGY, "", None, Confidence.MEDIUM, 1.0).flags == ()


def test_verdict_rules():
    full = dict.fromkeys(Category, 4.0)
    assert verdict(full) == "positive"
    assert verdict(full | {Category.ECONOMY: 2.0}) == "mixed"  # mean 3.5 but one weak category
    assert verdict(dict.fromkeys(Category, 2.4)) == "negative"
    assert verdict(full | {Category.CITIZEN: None}) == "incomplete"


def taken_out(scenario: Scenario, shares: list[float]) -> Scenario:
    data = scenario.model_dump()
    data["gains"][0]["budget_shares"] = shares
    return Scenario.model_validate(data)


def test_economy_category_is_the_budget_track(toilet):
    figures = economy_figures(toilet)
    metrics = compute_metrics(toilet)
    assert figures.investment == metrics.total_investment == 40_000
    assert figures.annual_budget_gains == 0  # nothing of the released time is taken out
    assert figures.annual_released_time == pytest.approx(109_500)
    assert figures.annual_operating_costs == 0
    assert figures.budget_payback_months is None
    assert figures.budget_npv == metrics.budget_npv == -40_000
    assert figures.payback_months == metrics.payback_months == pytest.approx(40_000 / 109_500 * 12)
    # no budget effect: 1, 1, 1; released time (4.38 months) 5, shown with weight 0
    assert economy_scores(figures) == {"investment": 1, "operation": 1, "value": 1,
                                       "released_time": 5}
    assert evaluate(toilet).summary.category_scores[Category.ECONOMY] == 1.0
    released = next(r for r in evaluate(toilet).elements if r.key == "economy.released_time")
    assert released.score == 5 and released.weight == 0
    # every released hour taken out of the budget: 109,500 kr a year, budget NPV 870,668
    all_out = economy_figures(taken_out(toilet, [1.0]))
    assert all_out.annual_budget_gains == pytest.approx(109_500)
    assert round(all_out.budget_npv) == 870_668
    assert economy_scores(all_out) == {"investment": 5, "operation": 5, "value": 5,
                                       "released_time": 5}


def test_half_taken_out_from_year_2_by_hand(toilet):
    figures = economy_figures(taken_out(toilet, [0.0, 0.5]))
    # budget payback 12 + 40,000 / 4,562.50 = 20.77 months → 4; 54,750 / 0 costs → 5;
    # budget NPV 362,435.59 / 40,000 = 9.06 → 5; mean 14/3
    assert figures.budget_payback_months == pytest.approx(20.767, abs=1e-3)
    assert economy_scores(figures)["investment"] == 4
    scores = evaluate(taken_out(toilet, [0.0, 0.5])).summary.category_scores
    assert scores[Category.ECONOMY] == pytest.approx(14 / 3)


def test_conservative_economy_by_hand(conservative):
    figures = economy_figures(conservative)
    annual = 52 / 60 * 52 * 300  # 13,520 kr a year
    assert figures.annual_released_time == pytest.approx(annual)
    assert figures.payback_months == pytest.approx(40_000 / annual * 12)  # 35.50 months
    assert figures.annual_budget_gains == 0
    assert economy_scores(figures) == {"investment": 1, "operation": 1, "value": 1,
                                       "released_time": 3}
    rated = [r for r in evaluate(conservative).elements if r.category is Category.ECONOMY]
    assert {r.confidence for r in rated} == {Confidence.HIGH}
    assert evaluate(conservative).summary.category_scores[Category.ECONOMY] == 1.0
    # all hours taken out: payback ≤ 36 → 3; no operating costs → 5; NPV/investment 1.81 → 4
    annuity = sum(1.035 ** -k for k in range(1, 11))
    all_out = economy_figures(taken_out(conservative, [1.0]))
    assert all_out.budget_npv == pytest.approx(-40_000 + annual * annuity)  # 72,440 kr
    assert economy_scores(all_out) == {"investment": 3, "operation": 5, "value": 4,
                                       "released_time": 3}


def test_economy_follows_the_case_when_it_changes(toilet):
    toilet = taken_out(toilet, [1.0])
    later = with_value(toilet, "scale.implementation_months", 30)  # payback 34.38 months
    assert evaluate(later).figures.budget_payback_months == pytest.approx(30 + 4.3835616)
    assert economy_scores(evaluate(later).figures)["investment"] == 3
    data = toilet.model_dump()
    data["costs"].append({"id": "service", "name": "Service", "kind": "recurring",
                          "category": "service", "amount": 50_000})
    serviced = Scenario.model_validate(data)
    figures = evaluate(serviced).figures
    assert figures.annual_operating_costs == pytest.approx(50_000)
    assert economy_scores(figures)["operation"] == 4  # 109,500 / 50,000 = 2.19
    data["costs"][-1]["amount"] = 54_750  # gains / costs = 2 exactly, up to float noise
    assert economy_scores(evaluate(Scenario.model_validate(data)).figures)["operation"] == 4
    data["costs"][-1]["amount"] = 120_000  # costs more than it saves: never pays back
    losing = economy_scores(evaluate(Scenario.model_validate(data)).figures)
    assert losing == {"investment": 1, "operation": 1, "value": 1, "released_time": 1}


def test_investment_thresholds_at_the_edges():
    assert [investment_score(m, 10) for m in (12, 12.01, 24, 36, 36.01, 120, 120.5)] == [
        5, 4, 4, 3, 2, 2, 1]


def test_confidence_follows_the_estimate(toilet):
    def confidence(s: Scenario) -> Confidence:
        return next(r.confidence for r in evaluate(s).elements if r.computed)
    assert confidence(toilet) is Confidence.LOW
    assert confidence(changed(toilet, estimate_basis="realistic")) is Confidence.MEDIUM
    assert confidence(changed(toilet, estimate_basis="conservative")) is Confidence.HIGH


def test_listed_gives_standard_elements_then_own(toilet):
    citizen = listed(toilet.vtv, Category.CITIZEN)
    assert [e.key for e in citizen][:6] == [f"citizen.{n}" for n in
                                            STANDARD_ELEMENTS[Category.CITIZEN]]
    assert citizen[-1].name == "Hygiejne" and not citizen[-1].standard
    relatives = next(e for e in citizen if e.key == "citizen.relatives")
    assert relatives.score is None  # not stored → not assessed


def test_old_files_without_an_assessment_still_load():
    old = load_sample("ceiling_lifts")
    assert old.vtv == Assessment() and old.documentation_plan.items == []
    raw = dump_scenario(old).replace('"vtv"', '"vtv_unknown"')
    with pytest.raises(Exception, match="vtv_unknown"):
        parse_scenario(raw)


def test_assessment_round_trips_through_json(toilet):
    assert parse_scenario(dump_scenario(toilet)) == toilet
    assert toilet.vtv.conclusion.startswith("Teknologien er moden")


@pytest.mark.parametrize(("element", "error_type", "danish"), [
    ({"key": "technology.support", "category": "technology", "score": 6, "evidence": "x"},
     "less_than_equal", "må højst være 5"),
    ({"key": "technology.support", "category": "technology", "score": 0, "evidence": "x"},
     "greater_than_equal", "skal være mindst 1"),
    ({"key": "technology.support", "category": "technology", "score": 4},
     "vtv_evidence_required", "kræver evidens"),
    ({"key": "own_x", "category": "citizen", "score": 3, "confidence": "low"},
     "vtv_name_required", "skal have et navn"),
    ({"key": "technology.support", "category": "citizen"},
     "vtv_wrong_category", "hører til en anden kategori"),
    ({"key": "technology.support", "category": "technology", "weight": -1},
     "greater_than_equal", "skal være mindst 0"),
])
def test_bad_elements_get_a_clear_message(toilet, element, error_type, danish):
    data = toilet.model_dump()
    data["vtv"]["elements"].append(element)
    data["vtv"]["elements"] = [e for e in data["vtv"]["elements"]
                               if e["key"] != "technology.support" or e is element]
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(data)
    assert caught.value.errors()[0]["type"] == error_type
    assert danish in " ".join(explain_validation("da", caught.value))
    assert explain_validation("en", caught.value)


def test_low_confidence_score_needs_no_evidence():
    element = Element(key="citizen.relatives", category="citizen", score=2, confidence="low")
    assert element.score == 2


def test_assessment_rejects_typed_economy_and_duplicate_keys():
    with pytest.raises(ValidationError, match="vtv_economy_computed|computed"):
        Assessment(elements=[{"key": "economy.investment", "category": "economy",
                              "score": 5, "confidence": "low"}])
    own = {"key": "own_a", "category": "economy", "name": "Afledte gevinster", "score": 3,
           "confidence": "low"}
    assert Assessment(elements=[own]).elements[0].name == "Afledte gevinster"
    with pytest.raises(ValidationError, match="share a key"):
        Assessment(elements=[own, own])


scores = st.one_of(st.none(), st.integers(1, 5))
weights = st.just(0.0) | st.floats(MIN_WEIGHT, 100, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(scores, weights), min_size=1, max_size=12),
       st.floats(0.01, 50, allow_nan=False))
def test_category_score_is_a_mean_and_scale_free(pairs, factor):
    items = [Rated(str(i), Category.TECHNOLOGY, "", s, Confidence.HIGH, w)
             for i, (s, w) in enumerate(pairs)]
    value = category_score(items)
    counted = [s for s, w in pairs if s is not None and w > 0]
    if value is None:
        assert not counted
        return
    assert min(counted) - 1e-9 <= value <= max(counted) + 1e-9
    scaled = [Rated(r.key, r.category, "", r.score, r.confidence, r.weight * factor)
              for r in items]
    assert category_score(scaled) == pytest.approx(value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Category)), st.integers(1, 5)), max_size=15))
def test_overall_is_the_mean_of_assessed_categories(pairs):
    rated = [Rated(str(i), c, "", s, Confidence.HIGH, 1.0) for i, (c, s) in enumerate(pairs)]
    summary = summarise(rated)
    known = [v for v in summary.category_scores.values() if v is not None]
    assert summary.overall == (pytest.approx(sum(known) / len(known)) if known else None)
    assert summary.assessed == len(pairs)


def test_a_vanishing_weight_is_refused():
    with pytest.raises(ValidationError, match="0 or at least 0.01"):
        Element(category=Category.CITIZEN, name="Tiny", weight=5e-324)
