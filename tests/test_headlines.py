"""Headline sentences worked out by hand from the Aarhus toilet and variants of it."""

from __future__ import annotations

import dataclasses

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
    # 40,000 / (300 · 365 / 12) = 4.38 months
    assert sentence(b.payback, "da") == "Investeringen er tjent hjem efter 4,4 mdr."
    # 10 · 109,500 − 40,000
    assert sentence(b.net, "da") == "Nettogevinst over 10 år: 1.055.000 kr."
    assert sentence(b.npv, "da") == "Nutidsværdi med 3,5 % diskonteringsrente: 870.668 kr."
    # 365 / 1,924 = 0.1897
    assert sentence(b.hours, "da") == "365 timer frigøres om året = 0,19 årsværk"
    assert sentence(b.fte_meaning, "da") == "= 0,19 fuldtidsstillinger i plejen"
    assert sentence(b.money_split, "da").startswith("Alle 109.500 kr. om året er frigjort tid")
    assert sentence(b.risks, "da") == "3 risici – antal store: 1"
    # 40,000 / (300 · 365 · 10) hours a day = 2.19 minutes
    assert "mindst 2,2 min. pr. dag" in sentence(b.break_even, "da")
    assert b.main_risks[0].level is RiskLevel.LARGE


def test_aarhus_sentences_in_english(toilet):
    b = briefing(toilet)
    assert sentence(b.payback, "en") == "The investment pays back after 4.4 months."
    assert sentence(b.net, "en") == "Net gain over 10 years: DKK 1,055,000"
    assert sentence(b.hours, "en") == "365 hours released a year = 0.19 FTE"
    assert sentence(b.fte_meaning, "en") == "= 0.19 full-time care workers"
    assert "at least 2.2 minutes per day" in sentence(b.break_even, "en")


def test_implementation_period_is_named_in_the_payback():
    b = briefing(make_scenario(implementation_months=6))
    # 6 + 4.38 months
    assert sentence(b.payback, "da") == (
        "Investeringen er tjent hjem efter 10,4 mdr. – inklusive 6 mdr. implementering.")


def test_eight_toilets_release_one_point_six_care_workers():
    # 8 units · 1 h · 365 days = 2,920 hours; at 1,825 hours per FTE = 1.6
    b = briefing(make_scenario(units=8, hours_per_fte=1825.0))
    assert sentence(b.decision, "da") == (
        "Skal vi investere 320.000 kr. i Vaske- og tørretoilet – 8 enheder?")
    assert sentence(b.hours, "da") == "2.920 timer frigøres om året = 1,6 årsværk"
    assert sentence(b.fte_meaning, "da") == "= 1,6 fuldtidsstillinger i plejen"
    assert sentence(b.fte_meaning, "en") == "= 1.6 full-time care workers"


def test_a_loss_and_no_payback():
    # 0.01 h/day · 365 · 300 = 1,095 a year; 10 · 1,095 − 40,000 = −29,050
    b = briefing(make_scenario(gains=[TIME_GAIN | {"quantity": 0.01}]))
    assert sentence(b.payback, "da") == "Investeringen er ikke tjent hjem inden for 10 år."
    assert sentence(b.net, "da") == "Nettotab over 10 år: 29.050 kr."
    assert sentence(b.net, "en") == "Net loss over 10 years: DKK 29,050"


def test_cash_releasing_and_mixed_gains_are_kept_apart():
    cash = briefing(make_scenario(gains=[TIME_GAIN | {"budget_shares": [1.0]}]))
    assert sentence(cash.money_split, "da") == (
        "Alle 109.500 kr. om året er kontantfrigørende og kan tages ud af budgettet.")
    assert cash.released_note is None
    income = {"id": "inc", "name": "Indtægt", "kind": "income", "quantity": 36_500.0,
              "period": "year"}
    mixed = briefing(make_scenario(gains=[TIME_GAIN, income]))
    # 36,500 of 146,000 = 25 %
    assert sentence(mixed.money_split, "en") == (
        "DKK 36,500 a year is cash-releasing (25 %); DKK 109,500 is released time and other "
        "gains that stay in the unit.")
    assert mixed.released_note is not None


def test_money_split_edge_cases():
    assert money_split(0.0, 0.0).key == "hl.split.none"
    assert money_split(10.0, 10.0).key == "hl.split.cash_only"
    assert money_split(0.0, 10.0).key == "hl.split.released_only"


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
       cash=st.booleans())
def test_every_headline_renders_and_agrees_with_the_metrics(quantity, amount, months, cash):
    s = make_scenario(implementation_months=months,
                      gains=[TIME_GAIN | {"quantity": quantity,
                                          "budget_shares": [1.0] if cash else []}],
                      costs=[{"id": "c", "name": "Køb", "amount": amount}])
    b = briefing(s)
    for headline in headlines(b):
        for lang in ("da", "en"):
            assert sentence(headline, lang)
    assert (b.payback.key == "hl.payback.never") == (b.metrics.payback_months is None)
    assert (b.net.key == "hl.net.loss") == (b.metrics.total_net < 0)


def test_worst_and_best_case_of_the_aarhus_ranges(toilet):
    b = briefing(toilet)
    # worst: 0.1238 h/day · 365 · 280 · 0.7 · 0.6 = 5,314 kr a year, kr 50,000, 6 months'
    # implementation: 6 + 50,000 / 5,314 · 12 = 118.9 months; 9.5 · 5,314 − 50,000 = 487
    # best: 1 h/day · 365 · 330 = 120,450 a year, kr 35,000: 3.49 months; 10 · 120,450 − 35,000
    assert sentence(b.range, "da") == (
        "Tjent hjem efter 3,5–118,9 mdr. (bedst–værst); netto over 10 år mellem 487 kr. og "
        "1.169.500 kr.")
    none = briefing(make_scenario(ranges={}))
    assert none.range.key == "hl.range.none"


def test_worst_case_that_never_pays_back():
    b = briefing(make_scenario(ranges={"gain.time.quantity": {"low": 0.01, "high": 1.0}}))
    # worst: 0.01 · 365 · 300 · 10 − 40,000 = −29,050
    assert sentence(b.range, "en") == (
        "At best paid back after 4.4 months, at worst not within 10 years; net between "
        "DKK -29,050 and DKK 1,055,000")


def test_vtv_profile_sentence(toilet):
    b = briefing(toilet)
    assert sentence(b.vtv, "da").startswith("VTV-profil: blandet – gennemsnit 3,4 af 5")
    empty = briefing(make_scenario(vtv={}))
    # only the economy category, computed from the case's budget track (nothing of the
    # released time taken out → 1), is scored
    assert sentence(empty.vtv, "en") == ("VTV profile: incomplete – mean 1.0 of 5 over the "
                                         "categories assessed; weakest is Economy (1.0)")
