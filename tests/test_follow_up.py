"""Benefit follow-up (gevinstopfølgning): plan vs realised per budget year, worked by hand for
the Aarhus toilet; the Excel sheet recalculated by LibreOffice equals the app; the
documentation page draws it and takes typed Danish hours."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from calculators.assessment import replace_with_measured
from calculators.cashflow import cashflow_table
from calculators.follow_up import MEASURES, follow_up
from calculators.model import Scenario
from calculators.scenario_file import load_sample
from exporters.excel import workbook_bytes
from exporters.excel_import import ExcelImportError, describe, read_workbook
from exporters.excel_spec import RECORD_SPARE_ROWS
from exporters.sheets.follow_up import FIRST_RECORD_ROW, HEADER_ROW, ROWS
from tests.conftest import APP_PATH, open_tab
from tests.excel_support import needs_soffice, recalculate_cases, values, write_cases
from ui.i18n import translate

HOURS_2027 = 52 / 60 * 52  # 52 min a week, a year of 52 weeks: 45.07 h
HOURS_2028 = 45 / 60 * 52  # 39 h


def planned_case(**changes: object) -> Scenario:
    """The Aarhus toilet (1 h a day at 300 kr) with half the hours planned out of the budget
    from operating year 2, measured 52 min a week on 15 June 2027 and 45 min a week on 1 March
    2028, and 19.5 hours recorded as taken out in 2028."""
    data = load_sample("aarhus_toilet").model_dump() | changes
    data["gains"][0]["budget_shares"] = [0.0, 0.5]
    plan = data["documentation_plan"]
    first = plan["items"][0] | {"measured": 52.0, "measured_on": date(2027, 6, 15)}
    second = first | {"id": "again", "measured": 45.0, "measured_on": date(2028, 3, 1)}
    plan["items"] = [first, second, *plan["items"][1:]]
    plan["taken_out"] = [{"id": "cut", "gain_id": "time", "year": 2028, "hours": 19.5,
                          "note": "=Budget 2028, Hjemmeplejen"}]
    return Scenario.model_validate(data)


def test_plan_and_realised_worked_by_hand():
    result = follow_up(planned_case())
    assert result.years == list(range(2026, 2037))
    planned = result.planned
    # 2026 is the purchase only; then 365 h a year, half taken out from 2028 (operating year 2)
    assert planned["hours_released"] == pytest.approx([0.0] + [365.0] * 10)
    assert planned["hours_taken_out"] == pytest.approx([0.0, 0.0] + [182.5] * 9)
    assert planned["budget_effect"] == pytest.approx([0.0, 0.0] + [54_750.0] * 9)
    realised = result.realised
    assert realised["hours_released"][:3] == [None, pytest.approx(HOURS_2027),
                                              pytest.approx(HOURS_2028)]
    assert realised["hours_taken_out"][:3] == [None, None, 19.5]
    assert realised["budget_effect"][:3] == [None, None, pytest.approx(5_850.0)]  # 19.5 × 300
    for key in MEASURES:  # no measurement after 2028: empty, never 0
        assert realised[key][3:] == [None] * 8
    assert (result.undated, result.outside) == (0, 0)


def at_2024_prices() -> Scenario:
    """The planned case with its hourly cost quoted at P/L 2024 (index 120) and the budget at
    P/L 2026 (index 126): every kr × 1.05."""
    data = planned_case().model_dump()
    data["price_level"] = {"year": 2026, "index": [{"year": 2024, "index": 120.0},
                                                   {"year": 2026, "index": 126.0}]}
    data["gains"][0]["price_year"] = 2024
    data["costs"][0]["price_year"] = None  # the purchase at the budget's price level
    return Scenario.model_validate(data)


def test_kroner_at_the_budgets_price_level_hours_unchanged():
    result = follow_up(at_2024_prices())
    assert result.planned["budget_effect"][2] == pytest.approx(54_750 * 1.05)  # 57,487.50
    assert result.realised["budget_effect"][2] == pytest.approx(19.5 * 300 * 1.05)  # 6,142.50
    assert result.realised["hours_taken_out"][2] == 19.5
    assert result.planned["hours_released"][2] == pytest.approx(365)


def test_planned_years_add_up_to_the_yearly_table():
    case = planned_case(start_month=9)
    result, table = follow_up(case), cashflow_table(case)
    for key, column in (("hours_released", "hours_released"),
                        ("hours_taken_out", "hours_taken_out"), ("budget_effect", "budget_gains")):
        assert sum(result.planned[key]) == pytest.approx(table[column].sum())
    # September 2026: four months of operation in the first budget year
    assert result.planned["hours_released"][0] == pytest.approx(365 / 3)


def test_two_measurements_in_one_year_are_averaged_and_undated_ones_counted():
    data = planned_case().model_dump()
    data["documentation_plan"]["items"][1]["measured_on"] = date(2027, 11, 1)
    data["documentation_plan"]["items"].append(
        data["documentation_plan"]["items"][0] | {"id": "undated", "measured_on": None})
    result = follow_up(Scenario.model_validate(data))
    assert result.realised["hours_released"][1] == pytest.approx((HOURS_2027 + HOURS_2028) / 2)
    assert result.realised["hours_released"][2] is None
    assert result.undated == 1
    assert follow_up(load_sample("aarhus_toilet")).undated == 1  # the sample's 52 min, no date


def test_a_measured_estimate_replaced_is_the_plan():
    """Once the measured value replaces the estimate, that year's plan is what was realised."""
    case = planned_case()
    replaced = replace_with_measured(case, "again", date(2028, 3, 2))
    assert follow_up(replaced).planned["hours_released"][2] == pytest.approx(
        follow_up(case).realised["hours_released"][2])


def test_measured_kr_gains_reach_the_budget_only_when_the_municipality_reaps_them():
    def case(owner: str) -> Scenario:
        data = planned_case().model_dump()
        data["gains"].append({"id": "pads", "name": "Bleer", "kind": "budget_saving",
                              "quantity": 4_000, "per_unit": False, "owner": owner})
        data["documentation_plan"]["items"].append(
            {"id": "pads", "subject": "gain.pads", "indicator": "Bleer", "measured": 300.0,
             "unit": "kr", "period": "month", "measured_on": date(2029, 1, 31)})
        return Scenario.model_validate(data)

    # 300 kr a month = 3,600 kr a year in 2029
    assert follow_up(case("unit")).realised["budget_effect"][3] == pytest.approx(3_600)
    assert follow_up(case("region")).realised["budget_effect"][3] == 0.0


def test_old_files_load_with_no_records():
    assert load_sample("aarhus_toilet").documentation_plan.taken_out == []


def test_a_record_twice_for_one_gain_and_year_is_refused():
    data = planned_case().model_dump()
    data["documentation_plan"]["taken_out"].append(
        data["documentation_plan"]["taken_out"][0] | {"id": "twice"})
    with pytest.raises(ValueError, match="recorded twice"):
        Scenario.model_validate(data)


@st.composite
def followed_cases(draw):
    """The Aarhus toilet over 1–12 years with a realisation plan, a start month, dated
    measurements of its time gain and records of hours taken out."""
    horizon = draw(st.integers(1, 12))
    years = st.integers(2026, 2026 + horizon + 1)
    measured = draw(st.lists(st.tuples(st.floats(0, 600), years, st.integers(1, 12)),
                             max_size=4))
    records = draw(st.lists(st.tuples(years, st.floats(0, 2_000)), max_size=4,
                            unique_by=lambda record: record[0]))
    data = load_sample("aarhus_toilet").model_dump() | {
        "horizon_years": horizon, "start_month": draw(st.none() | st.integers(1, 12))}
    data["ranges"] = {}
    data["gains"][0]["budget_shares"] = draw(st.lists(st.floats(0, 1), max_size=4))
    template = data["documentation_plan"]["items"][0]
    data["documentation_plan"]["items"] = [
        template | {"id": f"m{i}", "measured": value, "measured_on": date(year, month, 1)}
        for i, (value, year, month) in enumerate(measured)]
    data["documentation_plan"]["taken_out"] = [
        {"gain_id": "time", "year": year, "hours": hours} for year, hours in records]
    return Scenario.model_validate(data)


@settings(max_examples=40, deadline=None)
@given(followed_cases())
def test_follow_up_invariants(case):
    result, table = follow_up(case), cashflow_table(case)
    for key, column in (("hours_released", "hours_released"),
                        ("hours_taken_out", "hours_taken_out"), ("budget_effect", "budget_gains")):
        assert sum(result.planned[key]) == pytest.approx(table[column].sum(), abs=1e-6)
    measured_years = {item.measured_on.year for item in case.documentation_plan.items}
    recorded = {record.year: record.hours for record in case.documentation_plan.taken_out}
    for index, year in enumerate(result.years):
        # empty exactly where nothing was measured or recorded, never 0 by default
        assert (result.realised["hours_released"][index] is None) == (year not in measured_years)
        assert result.realised["hours_taken_out"][index] == recorded.get(year)
        kr = result.realised["budget_effect"][index]
        assert kr == (None if year not in recorded else pytest.approx(recorded[year] * 300))
    inside = set(result.years)
    assert result.outside == (sum(item.measured_on.year not in inside
                                  for item in case.documentation_plan.items)
                              + sum(year not in inside for year in recorded))


# --- Excel ------------------------------------------------------------------------------

def test_records_come_back_from_the_workbook(tmp_path):
    case = planned_case()
    assert read_workbook(workbook_bytes(case)) == case
    path = tmp_path / "edited.xlsx"
    path.write_bytes(workbook_bytes(case))
    wb = load_workbook(path)
    ws = wb[translate("da", "excel.sheet.follow_up")]
    assert ws[f"F{FIRST_RECORD_ROW}"].value == "=Budget 2028, Hjemmeplejen" and \
        ws[f"F{FIRST_RECORD_ROW}"].data_type == "s"  # text, never a formula
    ws[f"B{FIRST_RECORD_ROW}"] = 2029
    ws[f"C{FIRST_RECORD_ROW}"] = 100
    wb.save(path)
    record = read_workbook(path.read_bytes()).documentation_plan.taken_out[0]
    assert (record.year, record.hours) == (2029, 100.0)
    for cell, typed, said in (
            ("C", "mange", "»mange« er ikke et tal"),
            ("B", 1999, "Dokumentationsplan › Timer taget ud af budgettet › række 1 › År: skal "
                        "være mindst 2000")):
        ws[f"{cell}{FIRST_RECORD_ROW}"] = typed
        wb.save(path)
        with pytest.raises(ExcelImportError) as caught:
            read_workbook(path.read_bytes())
        assert describe(caught.value, "da") == [
            f"Arket »Gevinstopfølgning«, celle {cell}{FIRST_RECORD_ROW}: {said}"]
        ws[f"{cell}{FIRST_RECORD_ROW}"] = 100 if cell == "C" else 2029


SPARE_ROW = FIRST_RECORD_ROW + 1  # the planned case has one record; the spare rows follow


def type_record(path: Path, gain: object, year: object, hours: object, note: str = "") -> None:
    """A record typed into the follow-up sheet's first spare row, as an economist would."""
    wb = load_workbook(path)
    ws = wb[translate("da", "excel.sheet.follow_up")]
    for column, value in zip("ABCF", (gain, year, hours, note), strict=True):
        ws[f"{column}{SPARE_ROW}"] = value
    wb.save(path)


def test_a_record_typed_into_a_spare_row_is_read_back(tmp_path):
    case, path = planned_case(), tmp_path / "typed.xlsx"
    path.write_bytes(workbook_bytes(case))
    ws = load_workbook(path)[translate("da", "excel.sheet.follow_up")]
    spare = range(SPARE_ROW, SPARE_ROW + RECORD_SPARE_ROWS)
    assert all(ws[f"{c}{row}"].value is None for row in spare for c in "ABCF")
    assert all(ws[f"{c}{row}"].fill.fgColor.rgb == ws[f"B{FIRST_RECORD_ROW}"].fill.fgColor.rgb
               for row in spare for c in "ABCF")  # yellow, as the record above
    assert read_workbook(path.read_bytes()) == case  # blank spare rows add nothing
    type_record(path, " sparet personaletid ved toiletbesøg", 2030, 50, "Budget 2030")
    records = read_workbook(path.read_bytes()).documentation_plan.taken_out
    assert [(r.gain_id, r.year, r.hours, r.note) for r in records[1:]] == [
        ("time", 2030, 50.0, "Budget 2030")]
    for typed, said in (
            (("Kaffe", 2030, 50), "A: »Kaffe« er ikke en gevinst i frigjort tid – skriv en af: "
                                  "Sparet personaletid ved toiletbesøg"),
            (("", 2030, 50), "A: skriv gevinstens navn – en af: Sparet personaletid ved "
                             "toiletbesøg"),
            ((GAIN, "i år", 50), "B: »i år« er ikke et tal"),
            ((GAIN, 2030, None), "C: cellen er tom – skriv et tal"),
            ((GAIN, 2030, -5), "C: Dokumentationsplan › Timer taget ud af budgettet › række 2 › "
                               "Timer: skal være mindst 0")):
        type_record(path, *typed)
        with pytest.raises(ExcelImportError) as caught:
            read_workbook(path.read_bytes())
        assert describe(caught.value, "da") == [
            f"Arket »Gevinstopfølgning«, celle {said[0]}{SPARE_ROW}{said[1:]}"]


def lifts_followed() -> Scenario:
    """The ceiling lifts (15 years, released time and avoided injuries) with 400 hours taken out
    in 2028 and 962 in 2030, and the injuries measured at 2,000 kr a month in 2029."""
    data = load_sample("ceiling_lifts").model_dump()
    data["documentation_plan"]["items"].append(
        {"id": "injuries", "subject": "gain.injuries", "indicator": "Arbejdsskader",
         "measured": 2_000.0, "unit": "kr", "period": "month", "measured_on": date(2029, 5, 1)})
    data["documentation_plan"]["taken_out"] = [
        {"gain_id": "transfer", "year": 2028, "hours": 400.0},
        {"gain_id": "transfer", "year": 2030, "hours": 962.0}]
    return Scenario.model_validate(data)


def test_recorded_hours_and_measured_kr_of_the_lifts_by_hand():
    realised = follow_up(lifts_followed()).realised
    assert realised["hours_taken_out"][2:5] == [400.0, None, 962.0]
    # 400 h × 320 kr; 2,000 kr a month × 12 × 80 % realisation (a line in total: no adoption);
    # 962 h × 320 kr
    assert realised["budget_effect"][2:5] == pytest.approx([128_000, 19_200, 307_840])


GAIN = "Sparet personaletid ved toiletbesøg"
CASES = {"planned_da": (planned_case(), "da"),
         "typed_da": (planned_case(), "da"),  # a record typed into a spare row, below
         "september_en": (planned_case(start_month=9), "en"),
         "lifts_da": (lifts_followed(), "da"),
         "prices_2024_da": (at_2024_prices(), "da")}


@needs_soffice
def test_follow_up_sheet_equals_the_app(tmp_path):
    written = write_cases(tmp_path, CASES)
    path = written["typed_da"][0]
    type_record(path, GAIN, 2030, 50)
    written["typed_da"] = (path, read_workbook(path.read_bytes()), "da")
    recalculated = recalculate_cases(tmp_path, written)
    typed = values(recalculated["typed_da"][0])[translate("da", "excel.sheet.follow_up")]
    # 2030 (column F): 50 h × 300 kr = 15,000 kr, and nothing planned out then is measured
    assert typed[f"F{ROWS[('budget_effect', 'realised')]}"].value == 15_000
    assert typed[f"F{ROWS[('hours_taken_out', 'realised')]}"].value == 50
    for key, (path, scenario, lang) in recalculated.items():
        ws = values(path)[translate(lang, "excel.sheet.follow_up")]
        result = follow_up(scenario)
        for index, year in enumerate(result.years):
            column = chr(ord("B") + index)
            assert ws[f"{column}{HEADER_ROW}"].value == year
            for (measure, kind), row in ROWS.items():
                expected = getattr(result, kind)[measure][index]
                got = ws[f"{column}{row}"].value
                if expected is None:
                    assert got in (None, ""), f"{key} {measure} {kind} {year}"
                else:
                    assert got == pytest.approx(expected, abs=0.01), \
                        f"{key} {measure} {kind} {year}"


# --- the documentation page -------------------------------------------------------------

def test_documentation_page_shows_the_follow_up_and_takes_danish_hours():
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    at.session_state["scenario"] = planned_case()
    at.switch_page("pages/documentation.py").run()
    assert not at.exception
    open_tab(at, "doc.tab_follow_up", "documentation_tabs")  # the page draws the open tab
    table = next(frame.value for frame in at.dataframe
                 if "Frigjorte timer, planlagt" in frame.value.index)
    assert table.loc["Frigjorte timer, realiseret", "2027"] == "45,1"
    assert table.loc["Timer taget ud af budgettet, realiseret", "2028"] == "19,5"
    assert table.loc["Timer taget ud af budgettet, realiseret", "2029"] == ""
    assert table.loc["Gevinsternes budgetvirkning (kr.), realiseret", "2028"] == "5.850"
    assert table.loc["Gevinsternes budgetvirkning (kr.), planlagt", "2028"] == "54.750"
    at.session_state["taken_out@0"] = {
        "edited_rows": {0: {"hours": "182,5"}},
        "added_rows": [{"gain_id": "time", "year": "2029", "hours": "1.924"}],
        "deleted_rows": []}
    at.run()
    assert not at.exception
    records = at.session_state["scenario"].documentation_plan.taken_out
    assert [(r.year, r.hours) for r in records] == [(2028, 182.5), (2029, 1924.0)]
