"""The workbook's ranges and extra sheets: three-point estimates on Inputs (exported, edited and
read back, bad values explained at their cell), Sensitivity (engine values, marked not live),
VTV (category means as live formulas) and Fund and procurement (repayment as live formulas),
recalculated by LibreOffice and compared with calculators/ within 1 kr and 0.01 score."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from calculators.assessment import evaluate
from calculators.drivers import drivers
from calculators.fund import fund_plan
from calculators.model import Scenario
from calculators.montecarlo import default_summary
from calculators.procurement import procurement
from calculators.scenario_file import load_sample, sample_names
from calculators.sensitivity import tornado
from calculators.vtv import Category
from exporters.excel import build_workbook, workbook_bytes
from exporters.excel_import import ExcelImportError, describe, read_workbook
from exporters.excel_spec import sheet_title
from exporters.sheets.fund import FIRST_YEAR_ROW
from exporters.sheets.montecarlo import DISTRIBUTION_ROW
from exporters.sheets.vtv import CATEGORY_ROW, FIRST_ELEMENT_ROW
from tests.excel_support import (
    Written,
    hand_built,
    needs_soffice,
    recalculate_cases,
    row_of,
    values,
    write_cases,
)
from ui.analysis_text import driver_label
from ui.i18n import label_for, translate


def rich() -> Scenario:
    """The hand-built case with a range on every kind of driver, a VTV with the user's own
    elements (hostile names, weights, unassessed ones), a documentation plan and a fixed loan."""
    data = hand_built().model_dump()
    data["ranges"] = {
        "gain.t.quantity": {"low": 1.5, "high": 3.5, "distribution": "pert"},
        "gain.t.hourly_cost": {"low": 280, "high": 340},
        "cost.dev.amount": {"low": 10_000, "high": 15_000, "distribution": "pert"},
        "cost.dev.lifetime_years": {"low": 3, "high": 6},
        "scale.adoption": {"low": 0.5, "high": 0.8},
        "scale.realisation": {"low": 0.6, "high": 1.0},
        "scale.implementation_months": {"low": 2, "high": 8},
        "scale.ramp_up_months": {"low": 0, "high": 9},
    }
    data["vtv"] = {"conclusion": "=Samlet set positiv", "elements": [
        {"key": "organisation.work_environment", "category": "organisation", "score": 4,
         "confidence": "high", "evidence": "+Spørgeskema 2026"},
        {"key": "technology.usability", "category": "technology", "score": 2,
         "confidence": "low", "weight": 3},
        {"key": "own_alarm", "category": "technology", "name": "=Egen alarm", "score": 5,
         "confidence": "medium", "weight": 0.5, "evidence": "@leverandør"},
        {"key": "own_unscored", "category": "citizen", "name": "-Ikke vurderet", "weight": 2},
        {"key": "own_economy", "category": "economy", "name": "Budgetsikkerhed", "score": 1,
         "confidence": "low", "weight": 2},
    ]}
    data["documentation_plan"] = {"audience": "Ledelsen", "items": [
        {"id": "m1", "subject": "gain.t", "indicator": "=Minutter pr. uge", "measured": 120,
         "unit": "minutes", "period": "week"},
        {"id": "m2", "subject": "vtv.own_alarm", "indicator": "Alarmer", "unit": "count"}]}
    data["fund"] = {"loan": 600_000, "fte_share": 0.5, "position_cost": 450_000, "years": 3}
    return Scenario.model_validate(data)


def inputs_of(data: bytes, lang: str):
    wb = load_workbook(io.BytesIO(data))
    return wb, wb[sheet_title(lang, "inputs")]


def range_row(ws, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1)
                if ws[f"L{r}"].value == "range" and ws[f"K{r}"].value == key)


def saved(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", [*sample_names(), "rich"])
def test_round_trip_with_ranges_vtv_and_plan_is_equal(name, lang):
    scenario = rich() if name == "rich" else load_sample(name)
    assert read_workbook(workbook_bytes(scenario, lang)) == scenario


def test_every_range_is_on_the_inputs_sheet_with_expected_as_a_formula():
    scenario = rich()
    _, ws = inputs_of(workbook_bytes(scenario, "da"), "da")
    for key, band in scenario.ranges.items():
        row = range_row(ws, key)
        assert (ws[f"B{row}"].value, ws[f"D{row}"].value) == (band.low, band.high)
        assert ws[f"C{row}"].value.startswith("='Forudsætninger'!$")
        assert ws[f"E{row}"].value == label_for("da", "distribution", band.distribution.value)
    adoption = row_of(ws, "scale.adoption")
    assert ws[f"C{range_row(ws, 'scale.adoption')}"].value == f"='Forudsætninger'!$B${adoption}"


def test_ranges_edited_in_excel_win():
    scenario = rich()
    wb, ws = inputs_of(workbook_bytes(scenario, "en"), "en")
    row = range_row(ws, "gain.t.quantity")
    ws[f"B{row}"], ws[f"D{row}"], ws[f"E{row}"] = 2.0, 4.0, "Trekant"
    ramp_up = range_row(ws, "scale.ramp_up_months")
    for column in "ABCDEKL":
        ws[f"{column}{ramp_up}"] = None
    back = read_workbook(saved(wb))
    expected = scenario.model_dump()
    expected["ranges"]["gain.t.quantity"] = {"low": 2.0, "high": 4.0,
                                             "distribution": "triangular"}
    del expected["ranges"]["scale.ramp_up_months"]
    assert back == Scenario.model_validate(expected)


def test_bad_range_values_are_explained_at_their_cell_in_both_languages():
    wb, ws = inputs_of(workbook_bytes(rich(), "da"), "da")
    quantity, adoption = range_row(ws, "gain.t.quantity"), range_row(ws, "scale.adoption")
    lifetime = range_row(ws, "cost.dev.lifetime_years")
    ws[f"B{quantity}"] = "lav"
    ws[f"B{adoption}"], ws[f"D{adoption}"] = 0.8, 0.6
    ws[f"D{lifetime}"] = 99
    ws[f"E{lifetime}"] = "Normal"
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(saved(wb))
    assert describe(caught.value, "da") == [
        f"Arket »Forudsætninger«, celle B{quantity}: »lav« er ikke et tal",
        f"Arket »Forudsætninger«, celle D{lifetime}: 99 ligger uden for det tilladte 1 … 30",
        f"Arket »Forudsætninger«, celle E{lifetime}: »Normal« er ikke en af: Trekant, PERT",
        f"Arket »Forudsætninger«, celle B{adoption}: lav (0.8) er større end høj (0.6)",
    ]
    assert describe(caught.value, "en")[3] == \
        f"Sheet 'Forudsætninger', cell B{adoption}: low (0.8) is above high (0.6)"


def test_extra_sheets_appear_only_when_there_is_something_to_show():
    names = build_workbook(load_sample(), "da").sheetnames
    assert names[4:10] == ["Følsomhed", "Monte Carlo", "VTV", "Dokumentationsplan",
                           "Gevinstopfølgning", "Fond og udbud"]
    assert build_workbook(Scenario(title="Tom"), "en").sheetnames[4] == "Sources and about"


def test_sensitivity_sheet_holds_the_engine_values_and_says_they_are_not_live():
    scenario = load_sample("ceiling_lifts")
    ws = build_workbook(scenario, "en")["Sensitivity"]
    assert "NOT live formulas" in ws["A2"].value
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    numbers = [c.value for c in cells if isinstance(c.value, float)]
    table = tornado(scenario)
    assert set(table["npv_low"]) | set(table["npv_high"]) <= set(numbers)
    assert round(table["npv_swing"].iloc[0]) == 6_784_796  # transfers: 0.15 … 0.35 h


def test_vtv_sheet_has_a_native_chart_and_user_text_stays_text():
    wb = build_workbook(rich(), "en")
    ws = wb["VTV"]
    assert [type(c) for c in ws._charts] == [BarChart]
    texts = [c for sheet in wb.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@" and c.data_type != "f"]
    assert {c.value for c in texts} >= {"=Egen alarm", "@leverandør", "-Ikke vurderet",
                                        "+Spørgeskema 2026", "=Samlet set positiv",
                                        "=Minutter pr. uge"}
    assert all(c.quotePrefix for c in texts)


def vtv_edited(path: Path) -> tuple[Path, Scenario]:
    """An auditor lowers usability to 1 and gives the own alarm weight 4 in the workbook."""
    scenario = rich()
    wb = load_workbook(path)
    ws = wb["VTV"]
    rows = {e.key: FIRST_ELEMENT_ROW + i for i, e in enumerate(evaluate(scenario).elements)}
    ws[f"C{rows['technology.usability']}"] = 1
    ws[f"E{rows['own_alarm']}"] = 4
    out = path.with_name("rich_vtv_edited_en.xlsx")
    wb.save(out)
    data = scenario.model_dump()
    data["vtv"]["elements"][1]["score"] = 1
    data["vtv"]["elements"][2]["weight"] = 4
    return out, Scenario.model_validate(data)


def fund_edited(path: Path) -> tuple[Path, Scenario]:
    """Ceiling lifts with a quarter position pledged for five years, typed into the workbook."""
    wb = load_workbook(path)
    ws = wb["Fund and procurement"]
    ws["B5"], ws["B7"] = 0.25, 5
    out = path.with_name("lifts_fund_edited_en.xlsx")
    wb.save(out)
    data = load_sample("ceiling_lifts").model_dump()
    data["fund"].update(fte_share=0.25, years=5)
    return out, Scenario.model_validate(data)


CASES = {"toilet_da": (load_sample(), "da"), "lifts_en": (load_sample("ceiling_lifts"), "en"),
         "dispenser_da": (load_sample("medicine_dispenser"), "da"), "rich_en": (rich(), "en"),
         "rich_da": (rich(), "da")}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> Written:
    folder = tmp_path_factory.mktemp("sheets")
    written = write_cases(folder, CASES)
    path, scenario = vtv_edited(written["rich_en"][0])
    written["rich_vtv_edited_en"] = (path, scenario, "en")
    path, scenario = fund_edited(written["lifts_en"][0])
    written["lifts_fund_edited_en"] = (path, scenario, "en")
    return recalculate_cases(folder, written)


@needs_soffice
@pytest.mark.parametrize("case", ["toilet_da", "rich_en", "rich_da", "rich_vtv_edited_en"])
def test_vtv_category_means_recalculate_like_the_engine(recalculated, case):
    path, scenario, lang = recalculated[case]
    ws = values(path)[translate(lang, "excel.sheet.vtv")]
    summary = evaluate(scenario).summary
    for row, category in enumerate(Category, start=CATEGORY_ROW):
        expected = summary.category_scores[category]
        got = ws[f"B{row}"].value
        if expected is None:
            assert got in (None, ""), f"{case} {category}"
        else:
            assert got == pytest.approx(expected, abs=0.01), f"{case} {category}"
    overall = ws[f"B{CATEGORY_ROW + len(Category)}"].value
    assert overall == pytest.approx(summary.overall, abs=0.01)


def test_hand_worked_vtv_means():
    """Technology: usability 2 (weight 3) and own alarm 5 (weight 0.5) → 8.5 / 3.5 = 2.43;
    the auditor's edit (usability 1, alarm weight 4): (3 + 20) / 7 = 3.29."""
    scores = evaluate(rich()).summary.category_scores
    assert scores[Category.TECHNOLOGY] == pytest.approx(8.5 / 3.5)
    assert scores[Category.CITIZEN] is None


@needs_soffice
def test_edited_vtv_matches_the_hand_worked_mean(recalculated):
    path, _, _ = recalculated["rich_vtv_edited_en"]
    ws = values(path)["VTV"]
    assert ws[f"B{CATEGORY_ROW + 1}"].value == pytest.approx(23 / 7, abs=0.01)


@needs_soffice
@pytest.mark.parametrize("case", ["toilet_da", "lifts_en", "dispenser_da", "rich_da",
                                  "lifts_fund_edited_en"])
def test_fund_repayment_recalculates_like_the_engine(recalculated, case):
    path, scenario, lang = recalculated[case]
    ws = values(path)[translate(lang, "excel.sheet.fund")]
    plan = fund_plan(scenario)
    assert ws["B4"].value == pytest.approx(plan.loan, abs=1)
    assert ws["B8"].value == pytest.approx(plan.annual_pledge, abs=1)
    for index, year in enumerate(plan.schedule.itertuples()):
        row = FIRST_YEAR_ROW + index
        assert ws[f"A{row}"].value == year.year
        assert ws[f"B{row}"].value == year.calendar_year
        for column, expected in (("C", year.savings), ("D", year.repayment),
                                 ("E", plan.loan - year.balance), ("F", year.balance),
                                 ("G", year.kept)):
            assert ws[f"{column}{row}"].value == pytest.approx(expected, abs=1), \
                f"{case} {column}{row}"
        assert bool(ws[f"H{row}"].value) == year.covered
        assert ws[f"I{row}"].value == pytest.approx(year.released_time, abs=1)
    assert ws["B6"].value == pytest.approx(plan.position.value, abs=1)
    assert ws["B10"].value == pytest.approx(plan.fte_released, abs=0.005)
    assert ws["B11"].value == pytest.approx(plan.fte_taken_out, abs=0.005)
    repaid = ws["B9"].value
    if plan.repaid_after_years is None:
        assert repaid == translate(lang, "excel.fund.not_repaid")
    else:
        assert repaid == pytest.approx(plan.repaid_after_years, abs=0.01)
    value_row = FIRST_YEAR_ROW + scenario.horizon_years + 11
    found = procurement(scenario)
    assert ws[f"B{value_row}"].value == pytest.approx(found.value, abs=1)
    assert ws[f"B{value_row + 1}"].value == label_for(lang, "proc.route", found.route.value)


@needs_soffice
@pytest.mark.parametrize("case", ["lifts_en", "rich_da", "rich_vtv_edited_en",
                                  "lifts_fund_edited_en"])
def test_sheets_saved_by_a_spreadsheet_import_back_with_their_edits(recalculated, case):
    """The VTV and fund edits typed into the workbook come back; an empty loan, saved by
    LibreOffice as its formula's value, stays empty."""
    path, scenario, _ = recalculated[case]
    assert read_workbook(path.read_bytes()) == scenario


@needs_soffice
@pytest.mark.parametrize("case", ["toilet_da", "lifts_en", "rich_en", "rich_da"])
def test_monte_carlo_ranges_recalculate_to_the_inputs_table(recalculated, case):
    """Recalculated, the distribution table shows the Inputs sheet's ranges; the summary stays
    the values computed at export."""
    path, scenario, lang = recalculated[case]
    ws = values(path)[translate(lang, "excel.sheet.montecarlo")]
    first = DISTRIBUTION_ROW + 3
    for row, driver in enumerate((d for d in drivers(scenario) if d.key in scenario.ranges),
                                 start=first):
        band = scenario.ranges[driver.key]
        assert [ws[f"{c}{row}"].value for c in "ABCDE"] == [
            driver_label(lang, driver), label_for(lang, "distribution", band.distribution.value),
            pytest.approx(band.low), pytest.approx(driver.value), pytest.approx(band.high)]
    summary = default_summary(scenario)
    npv = next(r for r in range(first, ws.max_row + 1)
               if ws[f"A{r}"].value == translate(lang, "excel.kpi.npv"))
    assert [ws[f"{c}{npv}"].value for c in "BCD"] == pytest.approx(
        list(summary.npv_percentiles.values()), rel=1e-12)


def test_hand_worked_fund_plan():
    """Loan 600,000, 0.5 × 450,000 = 225,000 a year: 225,000, 225,000, 150,000; 2.67 years."""
    plan = fund_plan(rich())
    assert list(plan.schedule["repayment"][:4]) == [225_000, 225_000, 150_000, 0]
    assert math.isclose(plan.repaid_after_years, 600_000 / 225_000)
