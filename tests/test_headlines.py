"""Headline sentences worked out by hand from the Aarhus toilet and variants of it."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.headlines import Headline, briefing, main_risks, money_split
from calculators.model import Risk, RiskLevel
from tests.conftest import make_scenario
from ui.headlines import sentence

TIME_GAIN = {"id": "time", "name": "Tid", "kind": "released_time", "quantity": 1.0,
             "period": "day", "hourly_cost": 300.0}


def headlines(b) -> list[Headline]:
    return [v for f in dataclasses.fields(b) if isinstance(v := getattr(b, f.name), Headline)]


def test_aarhus_sentences_in_danish(toilet):
    b = briefing(toilet)
    assert sentence(b.decision, "da") == "Skal vi investere 40.000 kr. i Vaske- og tørretoilet?"
    # budget track: nothing taken out, so the budget only pays the 40,000 and never gets it back
    assert sentence(b.budget_payback, "da") == (
        "Budgetvirkning: investeringen er ikke tjent hjem inden for 10 år.")
    assert sentence(b.budget_net, "da") == "Budgetvirkning over 10 år: merudgift på 40.000 kr."
    assert sentence(b.budget_npv, "da") == (
        "Nettonutidsværdi af budgetvirkningen med 3,5 % diskonteringsrente: -40.000 kr.")
    assert sentence(b.budget_year, "da") == "I et fuldt driftsår: ingen budgetvirkning (0 kr.)"
    # value track: 40,000 / (300 · 365 / 12) = 4.38 months; 10 · 109,500 − 40,000
    assert sentence(b.payback, "da") == (
        "Samlet værdi inkl. frigjort tid: udgifterne er dækket efter 4,4 mdr.")
    assert sentence(b.net, "da") == (
        "Samlet værdi inkl. frigjort tid over 10 år: 1.055.000 kr. netto")
    assert sentence(b.npv, "da") == (
        "Nettonutidsværdi inkl. frigjort tid med 3,5 % diskonteringsrente: 870.668 kr.")
    # 365 / 1,924 = 0.1897
    assert sentence(b.hours, "da") == "Frigjort tid svarende til 0,19 årsværk: 365 timer om året"
    assert sentence(b.taken_out, "da") == (
        "Ingen af timerne er hjemtaget – den frigjorte tid giver ingen budgetvirkning.")
    assert sentence(b.fte_meaning, "da") == "= 0,19 fuldtidsstillinger i plejen"
    assert sentence(b.money_split, "da").startswith("Alle 109.500 kr. om året er frigjort tid")
    assert sentence(b.risks, "da") == "3 risici – antal store: 1"
    # 40,000 / (300 · 365 · 10) hours a day = 2.19 minutes
    assert "mindst 2,2 min. pr. dag" in sentence(b.break_even, "da")
    assert b.main_risks[0].level is RiskLevel.LARGE


def test_aarhus_sentences_in_english(toilet):
    b = briefing(toilet)
    assert sentence(b.budget_payback, "en") == (
        "Budget effect: the investment does not pay back within 10 years.")
    assert sentence(b.budget_net, "en") == "Budget effect over 10 years: a net cost of DKK 40,000"
    assert sentence(b.budget_year, "en") == "In a full operating year: no budget effect (DKK 0)"
    assert sentence(b.payback, "en") == (
        "Total value incl. released time: the costs are covered after 4.4 months.")
    assert sentence(b.net, "en") == (
        "Total value incl. released time over 10 years: net DKK 1,055,000")
    assert sentence(b.hours, "en") == "Released time equal to 0.19 FTE: 365 hours a year"
    assert sentence(b.fte_meaning, "en") == "= 0.19 full-time care workers"
    assert "at least 2.2 minutes per day" in sentence(b.break_even, "en")


def test_only_the_budget_track_pays_back(toilet):
    """"Tjent hjem" / "pays back" belongs to the budget track; no other sentence uses it."""
    plan = briefing(make_scenario(gains=[TIME_GAIN | {"budget_shares": [0.0, 0.5]}]))
    for b in (briefing(toilet), plan):
        for headline in headlines(b):
            for lang, words in (("da", r"tjent(e|es)? hjem"), ("en", r"pays? back")):
                said = sentence(headline, lang).lower()
                found = re.search(words, said) is not None
                assert found == headline.key.startswith("hl.budget_payback"), said


def test_half_the_hours_taken_out_from_year_two_by_hand():
    """The Aarhus toilet with 50 % of the released hours taken out from operating year 2:
    year 1 gives the budget nothing, then 0.5 · 109,500 = 54,750 kr a year (4,562.50 a month),
    so the budget pays back after 12 + 40,000 / 4,562.50 = 20.77 months; over 10 years
    9 · 54,750 − 40,000 = 452,750 kr; 0.5 · 365 = 182.5 hours = 0.09 FTE taken out."""
    b = briefing(make_scenario(gains=[TIME_GAIN | {"budget_shares": [0.0, 0.5]}]))
    assert pytest.approx(20.767, abs=1e-3) == 12 + 40_000 / (54_750 / 12)
    assert sentence(b.budget_payback, "da") == (
        "Budgetvirkning: investeringen er tjent hjem efter 20,8 mdr.")
    assert sentence(b.budget_payback, "en") == (
        "Budget effect: the investment pays back after 20.8 months.")
    assert sentence(b.budget_net, "da") == "Budgetvirkning over 10 år: mindreudgift på 452.750 kr."
    assert sentence(b.budget_year, "en") == "In a full operating year: the budget saves DKK 54,750"
    npv = -40_000 + sum(54_750 / 1.035**k for k in range(2, 11))
    assert b.budget_npv.values["npv"].value == pytest.approx(npv)
    assert b.taken_out.values["hours"].value == pytest.approx(182.5)
    assert sentence(b.taken_out, "da") == (
        "Hjemtaget: 183 timer om året = 0,09 årsværk tages ud af budgettet")
    # the value track is unchanged: released time is worth the same whoever keeps it
    assert sentence(b.payback, "da") == (
        "Samlet værdi inkl. frigjort tid: udgifterne er dækket efter 4,4 mdr.")
    assert sentence(b.money_split, "en") == (
        "Of DKK 109,500 a year, DKK 54,750 reaches the municipality's budget (50 %); released "
        "time worth DKK 54,750 stays in the unit; DKK 0 is reaped by others.")


def test_implementation_period_is_named_in_both_tracks():
    b = briefing(make_scenario(implementation_months=6,
                               gains=[TIME_GAIN | {"budget_shares": [1.0]}]))
    # 6 + 4.38 months on both tracks: every released hour is taken out from year 1
    assert sentence(b.payback, "da") == (
        "Samlet værdi inkl. frigjort tid: udgifterne er dækket efter 10,4 mdr. – inklusive "
        "6 mdr. implementering.")
    assert sentence(b.budget_payback, "da") == (
        "Budgetvirkning: investeringen er tjent hjem efter 10,4 mdr. – inklusive "
        "6 mdr. implementering.")


def test_eight_toilets_release_one_point_six_care_workers():
    # 8 units · 1 h · 365 days = 2,920 hours; at 1,825 hours per FTE = 1.6
    b = briefing(make_scenario(units=8, hours_per_fte=1825.0))
    assert sentence(b.decision, "da") == (
        "Skal vi investere 320.000 kr. i Vaske- og tørretoilet – 8 enheder?")
    assert sentence(b.hours, "da") == "Frigjort tid svarende til 1,6 årsværk: 2.920 timer om året"
    assert sentence(b.fte_meaning, "da") == "= 1,6 fuldtidsstillinger i plejen"
    assert sentence(b.fte_meaning, "en") == "= 1.6 full-time care workers"


def test_a_loss_and_no_payback():
    # 0.01 h/day · 365 · 300 = 1,095 a year; 10 · 1,095 − 40,000 = −29,050
    b = briefing(make_scenario(gains=[TIME_GAIN | {"quantity": 0.01}]))
    assert sentence(b.payback, "da") == (
        "Samlet værdi inkl. frigjort tid: udgifterne er ikke dækket inden for 10 år.")
    assert sentence(b.net, "da") == (
        "Samlet værdi inkl. frigjort tid over 10 år: nettotab på 29.050 kr.")
    assert sentence(b.net, "en") == (
        "Total value incl. released time over 10 years: a net loss of DKK 29,050")


REGION = {"id": "adm", "name": "Færre indlæggelser", "kind": "avoided_cost",
          "quantity": 36_500.0, "period": "year", "per_unit": False, "owner": "region"}
INCOME = {"id": "inc", "name": "Indtægt", "kind": "income", "quantity": 36_500.0,
          "period": "year", "per_unit": False}


def test_budget_released_time_and_others_gains_are_kept_apart():
    taken = briefing(make_scenario(gains=[TIME_GAIN | {"budget_shares": [1.0]}]))
    assert sentence(taken.money_split, "da") == "Alle 109.500 kr. om året når kommunens budget."
    assert taken.released_note is None
    region = briefing(make_scenario(gains=[REGION]))
    # avoided hospital admissions are the region's: no budget effect for the municipality
    assert sentence(region.money_split, "en") == (
        "All DKK 36,500 a year is reaped by others than the municipality (e.g. the region or "
        "the citizen) – no budget effect for the municipality.")
    assert sentence(region.budget_year, "da") == (
        "I et fuldt driftsår: ingen budgetvirkning (0 kr.)")
    assert region.budget_payback.key == "hl.budget_payback.never"
    assert region.payback.key == "hl.payback.plain"  # 40,000 / 36,500 years = 13.2 months
    mixed = briefing(make_scenario(gains=[TIME_GAIN, INCOME, REGION]))
    # 36,500 of 182,500 = 20 % reaches the budget; 109,500 stays; 36,500 is the region's
    assert sentence(mixed.money_split, "da") == (
        "Af 182.500 kr. om året når 36.500 kr. kommunens budget (20 %); frigjort tid svarende "
        "til 109.500 kr. bliver i enheden; 36.500 kr. høstes af andre.")
    assert mixed.released_note is not None


def test_money_split_edge_cases():
    assert money_split(0.0, 0.0, 0.0).key == "hl.split.none"
    assert money_split(10.0, 0.0, 10.0).key == "hl.split.budget_only"
    assert money_split(0.0, 10.0, 10.0).key == "hl.split.kept_only"
    assert money_split(0.0, 0.0, 10.0).key == "hl.split.others_only"


def test_administrative_staff_and_no_gains():
    admin = briefing(make_scenario(beneficiaries=["admin_staff"], soft_gains=[]))
    assert sentence(admin.fte_meaning, "da") == "= 0,19 fuldtidsstillinger i administrationen"
    assert sentence(admin.soft_gains, "da") == "Ingen bløde gevinster registreret."
    empty = briefing(make_scenario(gains=[], risks=[]))
    assert empty.hours is None and empty.fte_meaning is None and empty.break_even is None
    assert sentence(empty.money_split, "en") == "No gains in a full operating year."
    assert sentence(empty.risks, "en") == "No risks recorded – ask why."


def test_main_risks_largest_first_at_most_three():
    levels = ["small", "medium", "large", "small", "large"]
    risks = [Risk(text=f"r{i}", level=level) for i, level in enumerate(levels)]
    assert [r.text for r in main_risks(make_scenario(risks=risks))] == ["r2", "r4", "r1"]
    one = briefing(make_scenario(risks=[{"text": "x", "level": "small"}]))
    assert sentence(one.risks, "da") == "1 risiko, vurderet: Lille"


@settings(max_examples=25, deadline=None)
@given(quantity=st.floats(0, 5), amount=st.floats(0, 1e6), months=st.integers(0, 24),
       shares=st.lists(st.floats(0, 1), max_size=3))
def test_every_headline_renders_and_agrees_with_the_metrics(quantity, amount, months, shares):
    s = make_scenario(implementation_months=months,
                      gains=[TIME_GAIN | {"quantity": quantity, "budget_shares": shares}],
                      costs=[{"id": "c", "name": "Køb", "amount": amount}])
    b = briefing(s)
    for headline in headlines(b):
        for lang in ("da", "en"):
            assert sentence(headline, lang)
    assert (b.payback.key == "hl.payback.never") == (b.metrics.payback_months is None)
    assert (b.budget_payback.key == "hl.budget_payback.never") == (
        b.metrics.budget_payback_months is None)
    assert (b.net.key == "hl.net.loss") == (b.metrics.total_net < 0)
    assert b.budget_net.key.endswith(".loss") == (round(b.metrics.budget_total) < 0)


def test_worst_and_best_case_of_the_aarhus_ranges(toilet):
    b = briefing(toilet)
    # worst: 0.1238 h/day · 365 · 280 · 0.7 · 0.6 = 5,314 kr a year, kr 50,000, 6 months'
    # implementation: 6 + 50,000 / 5,314 · 12 = 118.9 months; 9.5 · 5,314 − 50,000 = 487
    # best: 1 h/day · 365 · 330 = 120,450 a year, kr 35,000: 3.49 months; 10 · 120,450 − 35,000
    assert sentence(b.range, "da") == (
        "Inkl. frigjort tid dækket efter 3,5–118,9 mdr. (bedst–værst); netto over 10 år mellem "
        "487 kr. og 1.169.500 kr.")
    none = briefing(make_scenario(ranges={}))
    assert none.range.key == "hl.range.none"


def test_worst_case_that_never_pays_back():
    b = briefing(make_scenario(ranges={"gain.time.quantity": {"low": 0.01, "high": 1.0}}))
    # worst: 0.01 · 365 · 300 · 10 − 40,000 = −29,050
    assert sentence(b.range, "en") == (
        "Incl. released time, at best covered after 4.4 months, at worst not within 10 years; "
        "net between DKK -29,050 and DKK 1,055,000")


def test_vtv_profile_sentence(toilet):
    b = briefing(toilet)
    # (4.0 + 4.2 + 30/7 + 1) / 4 = 3.37: economy scores 1, the budget never gets the 40,000 back
    assert sentence(b.vtv, "da") == (
        "VTV-profil: blandet – gennemsnit 3,4 af 5; svagest er Økonomi (1,0)")
    empty = briefing(make_scenario(vtv={}))
    # only the economy category, computed from the case's budget track, is scored
    assert sentence(empty.vtv, "en") == ("VTV profile: incomplete – mean 1.0 of 5 over the "
                                         "categories assessed; weakest is Economy (1.0)")
