"""Edits made on the VTV, documentation-plan and fund sheets are read back like the Inputs sheet:
they win over the stored JSON, bad values are explained at their cell in both languages, and a
deleted sheet or row leaves the stored values."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from calculators.fund import default_loan
from calculators.model import Scenario
from calculators.scenario_file import load_sample, sample_names
from exporters.excel import workbook_bytes
from exporters.excel_cells import INPUT_FILL
from exporters.excel_import import ExcelImportError, describe, read_workbook
from exporters.excel_spec import KEY_COLUMN
from tests.excel_support import row_of
from tests.test_excel_sheets import rich
from ui.i18n import translate

VTV, DOC, FUND = "excel.sheet.vtv", "excel.sheet.documentation", "excel.sheet.fund"


def edited(scenario: Scenario, lang: str, edit: Callable[[Workbook, str], None]) -> bytes:
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario, lang)))
    edit(wb, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sheet(wb: Workbook, lang: str, title_key: str):
    return wb[translate(lang, title_key)]


def audited(wb: Workbook, lang: str) -> None:
    """An auditor's edits on all three sheets."""
    vtv = sheet(wb, lang, VTV)
    vtv[f"C{row_of(vtv, 'element.technology.usability')}"] = 1
    vtv[f"E{row_of(vtv, 'element.own_alarm')}"] = 4
    work = row_of(vtv, "element.organisation.work_environment")
    vtv[f"D{work}"] = "lav" if lang == "da" else "low"
    vtv[f"F{work}"] = "Interview med 12 medarbejdere"
    safety = row_of(vtv, "element.citizen.safety")  # not assessed in the app
    vtv[f"C{safety}"], vtv[f"F{safety}"] = 4, "Faldregistrering"
    vtv[f"B{row_of(vtv, 'conclusion')}"] = "Positiv"
    doc = sheet(wb, lang, DOC)
    alarms = row_of(doc, "result.m2")
    doc[f"D{alarms}"], doc[f"E{alarms}"], doc[f"G{alarms}"] = 7, "2026-03-31", "Pilot"
    doc[f"D{row_of(doc, 'result.m1')}"] = None  # the measurement withdrawn
    doc[f"B{row_of(doc, 'text.agreement')}"] = "Aftalt med leverandøren"
    fund = sheet(wb, lang, FUND)
    fund[f"B{row_of(fund, 'fund.fte_share')}"] = 0.25
    fund[f"B{row_of(fund, 'fund.years')}"] = 5
    fund[f"B{row_of(fund, 'procurement.user_eu_threshold')}"] = 650_000


def audited_expected() -> Scenario:
    data = rich().model_dump()
    elements = data["vtv"]["elements"]
    elements[0].update(confidence="low", evidence="Interview med 12 medarbejdere")
    elements[1]["score"] = 1
    elements[2]["weight"] = 4
    elements.append({"key": "citizen.safety", "category": "citizen", "score": 4,
                     "confidence": "medium", "weight": 1.0, "evidence": "Faldregistrering"})
    data["vtv"]["conclusion"] = "Positiv"
    plan = data["documentation_plan"]
    plan["agreement"] = "Aftalt med leverandøren"
    plan["items"][0]["measured"] = None
    plan["items"][1].update(measured=7, measured_on="2026-03-31", note="Pilot")
    data["fund"].update(fte_share=0.25, years=5)
    data["procurement"]["user_eu_threshold"] = 650_000
    return Scenario.model_validate(data)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_edits_on_the_extra_sheets_win_over_the_stored_json(lang):
    assert read_workbook(edited(rich(), lang, audited)) == audited_expected()


@pytest.mark.parametrize("name", sample_names())
def test_every_yellow_cell_on_the_extra_sheets_is_read_back(name):
    """Each input cell sits on a keyed row; the computed economy scores and the procurement
    value (computed at export) are not inputs."""
    wb = load_workbook(io.BytesIO(workbook_bytes(load_sample(name), "en")))
    for title_key in (VTV, DOC, FUND):
        title = translate("en", title_key)
        if title not in wb.sheetnames:
            continue
        ws = wb[title]
        yellow = [c for row in ws.iter_rows() for c in row
                  if c.fill.fgColor.rgb == INPUT_FILL.fgColor.rgb]
        assert yellow, title
        unkeyed = [c.coordinate for c in yellow if not ws[f"{KEY_COLUMN}{c.row}"].value]
        assert unkeyed == [], title
        assert ws.column_dimensions[KEY_COLUMN].hidden


def test_a_deleted_sheet_or_row_leaves_the_stored_values():
    def without_sheets(wb, lang):
        audited(wb, lang)
        for title_key in (VTV, DOC, FUND):
            del wb[translate(lang, title_key)]

    assert read_workbook(edited(rich(), "da", without_sheets)) == rich()

    def without_rows(wb, lang):
        vtv = sheet(wb, lang, VTV)
        vtv[f"C{row_of(vtv, 'element.own_alarm')}"] = 2
        vtv.delete_rows(row_of(vtv, "element.technology.usability"))
        fund = sheet(wb, lang, FUND)
        fund[f"B{row_of(fund, 'fund.years')}"] = 4
        fund[f"{KEY_COLUMN}{row_of(fund, 'fund.fte_share')}"] = None

    expected = rich().model_dump()
    expected["vtv"]["elements"][2]["score"] = 2
    expected["fund"]["years"] = 4
    assert read_workbook(edited(rich(), "en", without_rows)) == Scenario.model_validate(expected)


def problems(edit: Callable[[Workbook, str], None], lang: str) -> tuple[list[str], list[str]]:
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(edited(rich(), lang, edit))
    return describe(caught.value, "da"), describe(caught.value, "en")


def test_text_in_a_score_and_a_bad_date_are_explained_at_their_cells():
    def edit(wb, lang):
        vtv = sheet(wb, lang, VTV)
        vtv[f"C{row_of(vtv, 'element.technology.usability')}"] = "fire"
        doc = sheet(wb, lang, DOC)
        doc[f"E{row_of(doc, 'result.m1')}"] = "31/3"
        fund = sheet(wb, lang, FUND)
        fund[f"B{row_of(fund, 'fund.years')}"] = 2.5

    wb = load_workbook(io.BytesIO(workbook_bytes(rich(), "da")))
    score = row_of(sheet(wb, "da", VTV), "element.technology.usability")
    day = row_of(sheet(wb, "da", DOC), "result.m1")
    years = row_of(sheet(wb, "da", FUND), "fund.years")
    danish, english = problems(edit, "da")
    assert danish == [f"Arket »VTV«, celle C{score}: »fire« er ikke et tal",
                      f"Arket »Dokumentationsplan«, celle E{day}: »31/3« er ikke en dato – "
                      "skriv fx 2026-03-31",
                      f"Arket »Fond og udbud«, celle B{years}: 2.5 skal være et helt tal"]
    assert english == [f"Sheet 'VTV', cell C{score}: 'fire' is not a number",
                       f"Sheet 'Dokumentationsplan', cell E{day}: '31/3' is not a date – "
                       "enter e.g. 2026-03-31",
                       f"Sheet 'Fond og udbud', cell B{years}: 2.5 must be a whole number"]


def test_values_the_model_refuses_are_explained_at_their_cell():
    def edit(wb, lang):
        vtv = sheet(wb, lang, VTV)
        vtv[f"C{row_of(vtv, 'element.technology.usability')}"] = 9
        vtv[f"C{row_of(vtv, 'element.citizen.safety')}"] = 4  # medium confidence, no evidence
        fund = sheet(wb, lang, FUND)
        fund[f"B{row_of(fund, 'fund.fte_share')}"] = -0.5

    wb = load_workbook(io.BytesIO(workbook_bytes(rich(), "en")))
    score = row_of(sheet(wb, "en", VTV), "element.technology.usability")
    safety = row_of(sheet(wb, "en", VTV), "element.citizen.safety")
    share = row_of(sheet(wb, "en", FUND), "fund.fte_share")
    danish, english = problems(edit, "en")
    assert english[0] == (f"Sheet 'VTV', cell C{score}: VTV assessment › Elements › row 2 › "
                          "Score: must be at most 5")
    assert danish[0] == (f"Arket »VTV«, celle C{score}: VTV-vurdering › Elementer › række 2 › "
                         "Score: må højst være 5")
    assert english[1] == (f"Sheet 'VTV', cell C{safety}: VTV assessment › Elements › row 6: a "
                          "score with medium or high confidence needs evidence – write the "
                          "evidence, or set the confidence to low")
    assert english[2].startswith(f"Sheet 'Fund and procurement', cell B{share}: ")
    assert len(english) == len(danish) == 3


def test_a_loan_left_empty_follows_the_costs_unless_a_loan_is_typed():
    """A spreadsheet saves the formula's value (ceiling lifts: 40 × 25,000 + 50,000 set-up …);
    that value keeps the loan empty, any other number is the user's loan."""
    lifts = load_sample("ceiling_lifts")
    assert lifts.fund.loan is None

    def typed(value: float):
        def edit(wb, lang):
            fund = sheet(wb, lang, FUND)
            fund[f"B{row_of(fund, 'fund.loan')}"] = value
        return read_workbook(edited(lifts, "da", edit)).fund.loan

    assert typed(default_loan(lifts)) is None
    assert typed(500_000) == 500_000
