"""Contract value per udbudsloven §§ 30 and 37–38, the dated thresholds and the route at and
around every threshold, worked out by hand."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from calculators.model import ContractKind, ProcurementRoute, ProcurementSettings, Scenario
from calculators.procurement import (
    THRESHOLDS_FILE,
    Route,
    ThresholdKind,
    contract_lines,
    contract_value,
    procurement,
    route_for,
    thresholds_for,
)
from calculators.scenario_file import load_sample
from exporters.excel_import import read_workbook
from exporters.sheets.fund import FIRST_YEAR_ROW
from tests.excel_support import needs_soffice, recalculate_cases, row_of, values, write_cases
from ui.i18n import LANGUAGES, label_for, translate

SUPPLIES, SOCIAL, BUILDING = (ContractKind.SUPPLIES_SERVICES, ContractKind.SOCIAL_SERVICES,
                              ContractKind.BUILDING_WORK)
# (years, EU supplies and services for municipalities, light regime, EU works) in kr
PERIODS = [((2024, 2025), 1_644_638, 5_581_350, 41_212_688),
           ((2026, 2027), 1_611_360, 5_595_000, 40_313_840)]
CENT = 0.01


def with_procurement(scenario: Scenario, **changes: object) -> Scenario:
    data = scenario.model_dump()
    data["procurement"] |= changes
    return Scenario.model_validate(data)


@pytest.mark.parametrize(("years", "eu", "light", "works"), PERIODS)
def test_routes_at_and_around_every_threshold(years, eu, light, works):
    for year in years:
        rows = thresholds_for(year)
        cases = [
            (SUPPLIES, 0, Route.BELOW_THRESHOLD), (SUPPLIES, eu - CENT, Route.BELOW_THRESHOLD),
            (SUPPLIES, eu, Route.EU_TENDER), (SUPPLIES, eu + CENT, Route.EU_TENDER),
            (SOCIAL, eu, Route.BELOW_THRESHOLD), (SOCIAL, light - CENT, Route.BELOW_THRESHOLD),
            (SOCIAL, light, Route.LIGHT_REGIME), (SOCIAL, light + CENT, Route.LIGHT_REGIME),
            (BUILDING, 300_000 - CENT, Route.TILBUD_ONE_OFFER),
            (BUILDING, 300_000, Route.TILBUD_INVITED), (BUILDING, eu, Route.TILBUD_INVITED),
            (BUILDING, 3_000_000, Route.TILBUD_INVITED),
            (BUILDING, 3_000_000 + CENT, Route.TILBUD_LICITATION),
            (BUILDING, works - CENT, Route.TILBUD_LICITATION),
            (BUILDING, works, Route.EU_TENDER),
        ]
        for kind, value, route in cases:
            assert route_for(value, kind, rows) is route, (year, kind, value)


def test_the_table_is_dated_data_with_euro_figures_and_sources():
    with THRESHOLDS_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["law"] and row["source"] for row in rows)
    eu_2026 = thresholds_for(2026)[ThresholdKind.EU_SUPPLIES_SERVICES]
    assert (eu_2026.amount_eur, eu_2026.estimated_rate) == (216_000, 7.46)
    assert eu_2026.amount_dkk == 216_000 * 7.46  # estimated until the authority's figure
    eu_2024 = thresholds_for(2024)[ThresholdKind.EU_SUPPLIES_SERVICES]
    assert (eu_2024.amount_dkk, eu_2024.amount_eur, eu_2024.estimated_rate) == \
        (1_644_638, 221_000, None)
    assert thresholds_for(2026)[ThresholdKind.LIGHT_REGIME].amount_eur == 750_000
    assert all(row.valid_to is None for row in thresholds_for(2040).values())  # tilbudsloven


@pytest.mark.parametrize("year", [2015, 2021, 2028, 2031])
def test_a_year_without_a_row_has_no_route(year):
    scenario = load_sample().model_copy(update={"start_year": year})
    found = procurement(scenario)
    assert found.route is None and found.threshold is None
    assert found.value == 40_000


def test_toilet_is_below_the_threshold():
    found = procurement(load_sample())
    assert (found.value, found.route, found.year) == (40_000, Route.BELOW_THRESHOLD, 2026)
    assert found.to_threshold == 1_611_360 - 40_000


def test_medicine_dispenser_leasing_counts():
    """Horizon 8 years, 20 dispensers a year in years 0–2: leasing 4,800 kr a year each for
    20 + 40 + 60 × 6 = 420 unit-years = 2,016,000 kr, integration 200,000 kr once;
    training, project management and support are the municipality's own: 2,216,000 kr."""
    dispensers = load_sample("medicine_dispenser")
    found = procurement(dispensers)
    assert found.value == 2_016_000 + 200_000
    assert found.route is Route.EU_TENDER and found.years == 8
    assert [line.supplier for line in found.lines] == [True, False, True, False, False]
    # § 38: open-ended counts 48 months: 20 + 40 + 60 + 60 = 180 unit-years
    open_ended = procurement(with_procurement(dispensers, open_ended=True))
    assert open_ended.value == 4_800 * 180 + 200_000
    assert open_ended.route is Route.BELOW_THRESHOLD
    three = with_procurement(dispensers, contract_years=3)
    assert contract_value(three) == 4_800 * 120 + 200_000


def test_training_bought_from_the_supplier_counts():
    data = load_sample("medicine_dispenser").model_dump()
    data["costs"][1]["supplier"] = True  # 1,500 kr for each of 60 citizens
    data["costs"][0]["supplier"] = False  # and leasing marked as not the supplier's
    value = contract_value(Scenario.model_validate(data))
    assert value == 1_500 * 60 + 200_000


def test_ceiling_lifts_over_fifteen_years():
    """40 lifts at 25,000 kr bought in years 0 and 1 and again after their 10-year life
    (years 10, 11): 2,000,000; installation 8,000 × 40 = 320,000; service 1,500 kr a year for
    20 + 40 × 14 = 580 unit-years = 870,000. Building work, training and project management
    are not bought from the lift supplier."""
    found = procurement(load_sample("ceiling_lifts"))
    assert found.value == pytest.approx(2_000_000 + 320_000 + 870_000, abs=0.01)
    assert found.route is Route.EU_TENDER
    assert sum(line.value for line in found.lines if not line.supplier) == 0


def test_a_contract_longer_than_the_horizon_counts_the_horizon_and_says_so():
    dispensers = load_sample("medicine_dispenser")
    longer = procurement(with_procurement(dispensers, contract_years=12))
    assert longer.beyond_horizon and longer.years == 8
    assert longer.value == procurement(dispensers).value


def test_building_adaptation_under_tilbudsloven():
    data = load_sample("ceiling_lifts").model_dump()
    for line in data["costs"]:
        line["supplier"] = line["category"] == "building"
    data["procurement"]["contract_kind"] = "building_work"
    found = procurement(Scenario.model_validate(data))
    assert (found.value, found.route) == (150_000, Route.TILBUD_ONE_OFFER)


def test_user_entered_threshold_replaces_the_table_and_is_marked():
    scenario = with_procurement(load_sample(), user_eu_threshold=30_000, user_source="Own")
    found = procurement(scenario)
    assert found.route is Route.EU_TENDER
    assert found.threshold.user_entered and found.threshold.source == "Own"


def test_chosen_route_is_stored_next_to_the_route_by_value():
    scenario = with_procurement(load_sample("medicine_dispenser"), route="framework")
    found = procurement(scenario)
    assert found.chosen is ProcurementRoute.FRAMEWORK and found.route is Route.EU_TENDER


def test_version_1_settings_migrate():
    untouched = ProcurementSettings.model_validate(
        {"national_threshold": 500_000, "eu_threshold": 1_400_000, "year": 2015,
         "source": "000 l.1655–1675", "include_contracts": True})
    assert untouched == ProcurementSettings()
    edited = ProcurementSettings.model_validate(
        {"national_threshold": 600_000, "eu_threshold": 1_500_000, "year": 2020,
         "source": "KL", "include_contracts": False})
    assert (edited.user_eu_threshold, edited.user_policy_threshold, edited.user_source) == \
        (1_500_000, 600_000, "KL 2020")
    only_eu = ProcurementSettings.model_validate({"eu_threshold": 1_700_000, "year": 2024,
                                                  "source": "000 l.1655–1675"})
    assert (only_eu.user_eu_threshold, only_eu.user_policy_threshold, only_eu.user_source) == \
        (1_700_000, None, "2024")
    for name in ("aarhus_toilet", "ceiling_lifts", "medicine_dispenser"):
        assert load_sample(name).procurement == ProcurementSettings()


def test_policy_threshold_is_a_reminder_only():
    scenario = with_procurement(load_sample(), user_policy_threshold=40_000)
    found = procurement(scenario)
    assert found.over_policy and found.route is Route.BELOW_THRESHOLD


@settings(max_examples=40, deadline=None)
@given(years=st.integers(1, 7), supplier=st.booleans())
def test_value_grows_with_the_period_and_with_what_is_bought(years, supplier):
    dispensers = load_sample("medicine_dispenser")
    shorter = with_procurement(dispensers, contract_years=years)
    longer = with_procurement(dispensers, contract_years=years + 1)
    assert contract_value(shorter) <= contract_value(longer)
    data = shorter.model_dump()
    data["costs"][4]["supplier"] = supplier  # support and running, 40,000 kr a year
    more = contract_value(Scenario.model_validate(data))
    assert more == pytest.approx(contract_value(shorter) + (40_000 * years if supplier else 0))
    assert len(contract_lines(shorter)) == len(dispensers.costs)


def building_lifts() -> Scenario:
    data = load_sample("ceiling_lifts").model_dump()
    for line in data["costs"]:
        line["supplier"] = line["category"] == "building"
    data["procurement"]["contract_kind"] = "building_work"
    return Scenario.model_validate(data)


EXCEL_CASES = {
    "toilet_da": (load_sample(), "da"),
    "lifts_en": (load_sample("ceiling_lifts"), "en"),
    "dispensers_da": (load_sample("medicine_dispenser"), "da"),
    "dispensers_open_en": (with_procurement(load_sample("medicine_dispenser"), open_ended=True),
                           "en"),
    "dispensers_3y_training_da": (with_procurement(Scenario.model_validate(
        load_sample("medicine_dispenser").model_dump() | {"costs": [
            line | {"supplier": True} if line["category"] == "training" else line
            for line in load_sample("medicine_dispenser").model_dump()["costs"]]}),
        contract_years=3), "da"),
    "building_en": (building_lifts(), "en"),
    "social_en": (with_procurement(load_sample("medicine_dispenser"),
                                   contract_kind="social_services"), "en"),
    "year_2031_en": (load_sample().model_copy(update={"start_year": 2031}), "en"),
    "own_threshold_da": (with_procurement(load_sample(), user_eu_threshold=40_000), "da"),
    "year_2024_en": (load_sample("medicine_dispenser").model_copy(update={"start_year": 2024}),
                     "en"),
}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("procurement")
    written = write_cases(folder, EXCEL_CASES)
    edited = written["lifts_en"][0]
    wb = load_workbook(edited)
    ws = wb["Fund and procurement"]
    ws[f"B{row_of(ws, 'procurement.contract_years')}"] = 3
    ws[f"B{row_of(ws, 'procurement.open_ended')}"] = False
    out = edited.with_name("lifts_3y_en.xlsx")
    wb.save(out)
    written["lifts_3y_en"] = (out, with_procurement(load_sample("ceiling_lifts"),
                                                    contract_years=3), "en")
    return recalculate_cases(folder, written)


@needs_soffice
@pytest.mark.parametrize("case", [*EXCEL_CASES, "lifts_3y_en"])
def test_the_workbook_computes_the_same_value_and_route(recalculated, case):
    """Recalculated by LibreOffice, the Fund and procurement sheet's live formulas give the
    engine's contract value, each line's share, the year's threshold and the route; the
    workbook read back has the scenario's procurement and cost lines (the period typed into the
    sheet included)."""
    path, scenario, lang = recalculated[case]
    ws = values(path)[translate(lang, "excel.sheet.fund")]
    found = procurement(scenario)
    value_row = FIRST_YEAR_ROW + scenario.horizon_years + 11
    assert ws[f"B{value_row}"].value == pytest.approx(found.value, abs=0.01)
    route = "none" if found.route is None else found.route.value
    assert ws[f"B{value_row + 1}"].value == label_for(lang, "proc.route", route)
    eu = ws[f"B{value_row - 3}"].value
    if found.threshold is None:
        assert eu in (None, "")
    else:
        assert eu == pytest.approx(found.threshold.amount_dkk)
    for offset, line in enumerate(found.lines, start=value_row + 5):
        assert bool(ws[f"B{offset}"].value) == line.supplier, (case, line.name)
        assert ws[f"C{offset}"].value == pytest.approx(line.value, abs=0.01), (case, line.name)
    back = read_workbook(path.read_bytes())
    assert (back.procurement, back.costs) == (scenario.procurement, scenario.costs)


def test_hand_worked_values_of_the_workbook_cases():
    """Three-year dispenser contract with the supplier's training: leasing 4,800 × (20 + 40
    + 60) = 576,000, training 1,500 × 60 = 90,000, integration 200,000; social services are
    measured against the light regime (2,216,000 < 5,595,000); 2024 uses 1,644,638 kr."""
    assert procurement(EXCEL_CASES["dispensers_3y_training_da"][0]).value == \
        576_000 + 90_000 + 200_000
    social = procurement(EXCEL_CASES["social_en"][0])
    assert (social.value, social.route) == (2_216_000, Route.BELOW_THRESHOLD)
    year_2024 = procurement(EXCEL_CASES["year_2024_en"][0])
    assert (year_2024.threshold.amount_dkk, year_2024.route) == (1_644_638, Route.EU_TENDER)
    assert procurement(EXCEL_CASES["own_threshold_da"][0]).route is Route.EU_TENDER


def test_tilbudsloven_is_named_only_for_building_work():
    """Read against the law: goods and services are never sent to tilbudsloven; its routes
    say they are for building and construction work; the EU route says 'at or above'."""
    for lang in LANGUAGES:
        for route in (Route.BELOW_THRESHOLD, Route.EU_TENDER, Route.LIGHT_REGIME):
            for key in (f"proc.route.{route.value}", f"proc.detail.{route.value}"):
                assert "tilbudslov" not in translate(lang, key).lower(), (lang, key)
        for route in (Route.TILBUD_ONE_OFFER, Route.TILBUD_INVITED, Route.TILBUD_LICITATION):
            detail = translate(lang, f"proc.detail.{route.value}").lower()
            assert ("bygge- og anlægsarbejde" if lang == "da" else "building and construction") \
                in detail
    assert "§ 191" in translate("da", "proc.detail.below_threshold")
    assert "på eller over" in translate("da", "proc.detail.eu_tender")
    assert "at or above" in translate("en", "proc.detail.eu_tender")
