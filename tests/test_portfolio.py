"""Portfolio ranking and the exact budget selection, checked against brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.assessment import overall_score, vtv_scores
from calculators.model import Scenario
from calculators.portfolio import (
    AARHUS_FUND_BUDGET,
    Candidate,
    Criterion,
    candidates,
    rank,
    select,
    with_min_vtv,
    with_vtv_scores,
)
from calculators.scenario_file import load_sample
from calculators.vtv import Assessment


def brute_force(items: list[Candidate], budget: float, objective: Criterion) -> float:
    best = 0.0
    for size in range(len(items) + 1):
        for subset in itertools.combinations(items, size):
            if sum(i.investment for i in subset) <= budget + 1e-6:
                best = max(best, sum(i.value(objective) for i in subset))
    return best


amounts = st.integers(0, 50).map(lambda k: k * 1_000_000.0)
library = st.lists(
    st.builds(Candidate, key=st.uuids().map(str), title=st.just("x"), investment=amounts,
              npv=st.integers(-10, 30).map(lambda k: k * 500_000.0),
              payback_months=st.none() | st.floats(0, 120),
              hours_released=st.integers(0, 20_000).map(float)),
    max_size=9, unique_by=lambda c: c.key)


@settings(max_examples=60, deadline=None)
@given(library, amounts, st.sampled_from([Criterion.NPV, Criterion.HOURS]))
def test_selection_is_optimal_and_within_budget(items, budget, objective):
    chosen = select(items, budget, objective)
    picked = [i for i in items if i.key in chosen.keys]
    assert chosen.investment == pytest.approx(sum(i.investment for i in picked))
    assert chosen.investment <= budget + 1e-6
    total = chosen.npv if objective is Criterion.NPV else chosen.hours_released
    assert total == pytest.approx(brute_force(items, budget, objective), abs=1e-6)


def test_greedy_would_be_wrong_here():
    a = Candidate("a", "A", 30e6, 5e6, 40.0, 1000.0)
    b = Candidate("b", "B", 20e6, 3e6, 30.0, 4000.0)
    c = Candidate("c", "C", 20e6, 3e6, 30.0, 100.0)
    chosen = select([a, b, c], 40e6)
    assert chosen.keys == ("b", "c")
    assert chosen.npv == 6e6
    assert chosen.remaining == 0.0


def test_nothing_fits_gives_an_empty_selection():
    expensive = Candidate("a", "A", 50e6, 5e6, 40.0, 1000.0)
    losing = Candidate("b", "B", 1e6, -1e6, None, 0.0)
    chosen = select([expensive, losing], AARHUS_FUND_BUDGET)
    assert chosen.keys == ()
    assert chosen.investment == 0.0


def test_selecting_by_payback_is_refused():
    with pytest.raises(ValueError):
        select([], 1.0, Criterion.PAYBACK)


def test_candidates_use_the_engine_metrics():
    [toilet] = candidates({"1": load_sample("aarhus_toilet")})
    assert toilet.investment == pytest.approx(40_000)
    assert round(toilet.npv) == 870_668
    assert toilet.payback_months == pytest.approx(4.3836, abs=1e-4)
    assert toilet.hours_released == pytest.approx(365)
    assert toilet.vtv_score is None


def test_rank_directions_and_missing_values_last():
    a = Candidate("a", "A", 30e6, 5e6, None, 1000.0)
    b = Candidate("b", "B", 10e6, 3e6, 12.0, 4000.0)
    c = Candidate("c", "C", 20e6, 4e6, 30.0, 100.0)
    keys = {by: [i.key for i in rank([a, b, c], by)] for by in Criterion}
    assert keys[Criterion.NPV] == ["a", "c", "b"]
    assert keys[Criterion.PAYBACK] == ["b", "c", "a"]
    assert keys[Criterion.HOURS] == ["b", "a", "c"]
    assert keys[Criterion.INVESTMENT] == ["b", "c", "a"]
    scored = with_vtv_scores([a, b, c], {"c": 4.0, "a": 2.5})
    assert [i.key for i in rank(scored, Criterion.VTV)] == ["c", "a", "b"]


def test_vtv_scores_by_hand_and_ranking_and_filtering_by_them():
    toilet = load_sample("aarhus_toilet")
    elements = [{"key": "citizen.safety", "category": "citizen", "score": 4, "weight": 1.0},
                {"key": "citizen.dignity_quality_of_life", "category": "citizen", "score": 2,
                 "weight": 3.0},
                {"key": "organisation.workflows", "category": "organisation", "score": 3},
                {"key": "technology.usability", "category": "technology"}]  # not assessed
    elements = [{**e, "evidence": "interview"} for e in elements]
    small = toilet.model_copy(update={"vtv": Assessment.model_validate({"elements": elements})})
    # citizen (4·1 + 2·3)/4 = 2.5, organisation 3, technology none, economy 1 (the budget
    # track: nothing of the released time is taken out) → (2.5 + 3 + 1)/3 = 2.17
    assert overall_score(small) == pytest.approx(6.5 / 3)
    data = toilet.model_dump()
    data["gains"][0]["budget_shares"] = [1.0]  # every released hour taken out: economy 5
    taken_out = Scenario.model_validate(data)
    scenarios = {"1": toilet, "2": load_sample("aarhus_toilet_conservative"),
                 "3": load_sample("ceiling_lifts"), "4": small, "5": taken_out}
    scores = vtv_scores(scenarios)
    # toilet and conservative: (4.0 + 4.2 + 30/7 + 1)/4; taken out: economy 5; lifts: none
    assert scores == pytest.approx({"1": (8.2 + 30 / 7 + 1) / 4, "2": (8.2 + 30 / 7 + 1) / 4,
                                    "4": 6.5 / 3, "5": (8.2 + 30 / 7 + 5) / 4})
    items = candidates(scenarios, scores)
    assert [i.key for i in rank(items, Criterion.VTV)] == ["5", "1", "2", "4", "3"]
    assert [i.key for i in with_min_vtv(items, 4.2)] == ["5"]
    assert [i.key for i in with_min_vtv(items, 2.1)] == ["1", "2", "4", "5"]
