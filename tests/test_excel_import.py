"""Export → import gives back an equal scenario; edits made in Excel win; broken or foreign
workbooks get a clear message (sheet and cell, da and en) instead of a half-read scenario."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from calculators.base import NOT_TEXT, clean_text
from calculators.model import CostKind, Scenario
from calculators.scenario_file import MAX_FILE_BYTES, load_sample, sample_names
from exporters.excel import workbook_bytes
from exporters.excel_data import FIRST_CHUNK_ROW
from exporters.excel_import import ExcelImportError, describe, read_workbook
from exporters.excel_spec import DATA_SHEET, sheet_title
from tests.excel_support import hand_built, row_of, zipped

ODD = "=SUM(A1) +1 -2 @x ‮rtl 😀 e\u0301 \u200b _x0041_ \r\n\t\x01\x1f\x7f «»\"'"


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sample_names())
def test_samples_round_trip_equal(name, lang):
    scenario = load_sample(name)
    assert read_workbook(workbook_bytes(scenario, lang)) == scenario


@pytest.mark.parametrize("lang", ["da", "en"])
def test_hostile_long_and_odd_text_survives(lang):
    data = hand_built().model_dump()
    data["description"] = ("x" + ODD) * (20_000 // (len(ODD) + 1))
    data["purpose"] = "=HYPERLINK(\"http://evil\",\"klik\")"
    data["title"] = ("-" + ODD)[:500]
    data["costs"][0]["name"] = "+" + "æøå" * 150
    data["gains"][0]["source"] = "@" + ODD
    data["sources"] = {"=key": "-value", "hours": ODD}
    data["risks"] = [{"text": "=1/0", "level": "large"}]
    scenario = Scenario.model_validate(data)
    assert len(scenario.description) > 18_000  # the model drops \x01, \x1f and \x7f
    assert not NOT_TEXT.search(scenario.description)
    assert read_workbook(workbook_bytes(scenario, lang)) == scenario


def test_text_beyond_the_cell_limit_keeps_the_stored_full_text():
    data = load_sample().model_dump()
    data["description"] = "😀" * 20_000  # 40,000 UTF-16 units: Excel keeps 32,767
    scenario = Scenario.model_validate(data)
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario, "en")))
    inputs = wb[sheet_title("en", "inputs")]
    assert len(inputs[f"B{row_of(inputs, 'text.description')}"].value) == 32_767 // 2
    assert read_workbook(workbook_bytes(scenario, "en")) == scenario


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60))
def test_any_text_round_trips(text):
    data = load_sample().model_dump()
    data["title"] = text if clean_text(text).strip() else "x"
    data["organisation"] = text
    data["costs"][0]["name"] = data["title"]
    data["gains"][0]["source"] = text
    scenario = Scenario.model_validate(data)
    assert read_workbook(workbook_bytes(scenario, "da")) == scenario


def edited(scenario: Scenario, lang: str, edit) -> bytes:
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario, lang)))
    edit(wb[sheet_title(lang, "inputs")])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_inputs_changed_in_excel_win_over_the_stored_json():
    def edit(ws):
        ws[f"B{row_of(ws, 'discount_rate')}"] = 0.04
        ws[f"B{row_of(ws, 'title')}"] = "Ny titel"
        ws[f"D{row_of(ws, 'scale.adoption')}"] = "Egen optælling"
        cost = row_of(ws, "cost")
        ws[f"C{cost}"] = "Løbende (drift)"
        ws[f"D{cost}"] = 5_000
        gain = row_of(ws, "gain")
        ws[f"D{gain}"] = "per week"  # English label in a Danish workbook is understood
        ws[f"F{gain}"] = "nej"
        ws[f"L{row_of(ws, 'text.purpose')}"] = None  # as if the row were deleted

    with pytest.raises(ExcelImportError) as caught:
        read_workbook(edited(load_sample(), "da", edit))
    assert describe(caught.value, "da") == ["Arket »Forudsætninger«: rækken »Formål« mangler "
                                            "(slettet?)"]

    def edit_all_but_text(ws):
        edit(ws)
        ws[f"L{row_of(ws, 'text.baseline') - 1}"] = "text.purpose"

    back = read_workbook(edited(load_sample(), "da", edit_all_but_text))
    expected = load_sample().model_dump()
    expected.update(discount_rate=0.04, title="Ny titel")
    expected["sources"]["adoption"] = "Egen optælling"
    expected["costs"][0].update(kind=CostKind.RECURRING, amount=5_000)
    expected["gains"][0].update(period="week", per_unit=False)
    assert back == Scenario.model_validate(expected)


def test_other_sources_show_their_name_and_old_workbooks_still_read():
    """The "other sources" rows show the input's name (the key is in the hidden id column);
    a workbook written before that, with the key in column A and no id, reads back the same;
    a source typed as a new row under a name of the user's keeps that name."""
    scenario = load_sample()

    def as_before(ws):
        for row in [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "source"]:
            ws[f"A{row}"], ws[f"K{row}"] = ws[f"K{row}"].value, None

    def typed(ws):
        row = row_of(ws, "source")
        ws[f"A{row}"], ws[f"B{row}"], ws[f"K{row}"] = "Egen måling", "Tidsregistrering", None

    ws = load_workbook(io.BytesIO(workbook_bytes(scenario, "da")))[sheet_title("da", "inputs")]
    shown = {ws[f"A{r}"].value: ws[f"K{r}"].value for r in range(1, ws.max_row + 1)
             if ws[f"L{r}"].value == "source"}
    assert shown == {"Investering": "investment", "Sparet tid": "hours_saved",
                     "Timepris": "hourly_cost"}
    assert ws.column_dimensions["K"].hidden
    assert read_workbook(edited(scenario, "da", as_before)) == scenario
    back = read_workbook(edited(scenario, "en", typed))
    assert back.sources == {**{k: v for k, v in scenario.sources.items() if k != "investment"},
                            "Egen måling": "Tidsregistrering"}


def test_a_cost_line_removed_in_excel_is_removed():
    def edit(ws):
        rows = [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "cost"]
        for column in "ABCDEFGHIJKL":
            ws[f"{column}{rows[1]}"] = None

    back = read_workbook(edited(load_sample("ceiling_lifts"), "en", edit))
    assert [c.id for c in back.costs] == ["lift", "building", "training", "pm", "service"]


def foreign_xlsx() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Budget 2026"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def without_sheet(role: str) -> bytes:
    wb = load_workbook(io.BytesIO(workbook_bytes(load_sample(), "en")))
    del wb[sheet_title("en", role)]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def broken_json() -> bytes:
    wb = load_workbook(io.BytesIO(workbook_bytes(load_sample(), "en")))
    wb[DATA_SHEET][f"A{FIRST_CHUNK_ROW}"] = '{"title": '
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "english", "danish"), [
    (b"", "not an Excel workbook", "ikke en Excel-projektmappe"),
    (bytes(range(256)) * 40, "not an Excel workbook", "ikke en Excel-projektmappe"),
    (zipped({"hello.txt": b"hi"}), "not an Excel workbook", "ikke en Excel-projektmappe"),
    (foreign_xlsx(), "not exported from this app", "ikke eksporteret fra denne app"),
    (without_sheet("inputs"), "the sheet 'Inputs' is missing", "arket »Inputs« mangler"),
    (broken_json(), "hidden sheet with the business case is damaged", "er beskadiget"),
], ids=["empty", "random_bytes", "zip_not_xlsx", "foreign_xlsx", "missing_sheet", "broken_json"])
def test_foreign_or_broken_files_say_what_is_wrong(data, english, danish):
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(data)
    assert english in " ".join(describe(caught.value, "en"))
    assert danish in " ".join(describe(caught.value, "da"))


def test_too_large_is_refused_before_reading():
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(b"0" * (MAX_FILE_BYTES + 1))
    assert describe(caught.value, "en") == ["the file is larger than 20 MB"]


def cell_problem(edit, lang: str = "da") -> tuple[list[str], list[str]]:
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(edited(load_sample("ceiling_lifts"), lang, edit))
    return describe(caught.value, "da"), describe(caught.value, "en")


LIFTS = load_workbook(io.BytesIO(workbook_bytes(load_sample("ceiling_lifts"), "da")))[
    sheet_title("da", "inputs")]
RATE, UNITS, ADOPTION = (row_of(LIFTS, k) for k in ("discount_rate", "scale.units",
                                                     "scale.adoption"))
COST, GAIN = row_of(LIFTS, "cost"), row_of(LIFTS, "gain")


def test_text_in_a_number_cell_names_sheet_and_cell():
    def edit(ws):
        ws[f"B{row_of(ws, 'discount_rate')}"] = "tre procent"
        ws[f"D{row_of(ws, 'cost')}"] = "mange"

    danish, english = cell_problem(edit)
    assert danish == [f"Arket »Forudsætninger«, celle B{RATE}: »tre procent« er ikke et tal",
                      f"Arket »Forudsætninger«, celle D{COST}: »mange« er ikke et tal"]
    assert english[0] == f"Sheet 'Forudsætninger', cell B{RATE}: 'tre procent' is not a number"


def test_a_deleted_input_row_is_reported_by_name():
    def edit(ws):
        ws.delete_rows(row_of(ws, "discount_rate"))

    danish, english = cell_problem(edit, "en")
    assert danish == ["Arket »Inputs«: rækken »Diskonteringsrente (% p.a.)« mangler (slettet?)"]
    assert english == ["Sheet 'Inputs': the row 'Discount rate (% a year)' is missing (deleted?)"]
    assert english == ["Sheet 'Inputs': the row 'Discount rate (% a year)' is missing (deleted?)"]


def test_values_the_model_refuses_are_explained_at_their_cell():
    def edit(ws):
        ws[f"B{row_of(ws, 'scale.adoption')}"] = 1.5
        ws[f"B{row_of(ws, 'scale.units')}"] = 41
        ws[f"C{row_of(ws, 'gain')}"] = -3
        ws[f"B{row_of(ws, 'cost')}"] = "Rumraket"
        ws[f"F{row_of(ws, 'cost')}"] = "første år"

    danish, english = cell_problem(edit)
    assert danish == [
        f"Arket »Forudsætninger«, celle B{COST}: »Rumraket« er ikke en af: Indkøb, Installation, "
        "Bygningstilpasning, Oplæring, Projektledelse, Integration, Licens, Service, "
        "Vedligehold, Forbrugsvarer, Support, Andet",
        f"Arket »Forudsætninger«, celle F{COST}: »første år« skal være år adskilt af komma, "
        "fx 0, 1",
    ]

    def edit_numbers(ws):
        ws[f"B{row_of(ws, 'scale.adoption')}"] = 1.5
        ws[f"C{row_of(ws, 'gain')}"] = -3

    danish, english = cell_problem(edit_numbers)
    assert danish == [
        f"Arket »Forudsætninger«, celle B{ADOPTION}: Skala › Andel i brug (%): må højst være 100 %",
        f"Arket »Forudsætninger«, celle C{GAIN}: Gevinster › række 1 › Mængde (timer eller kr.): "
        "skal være mindst 0"]

    def edit_units(ws):
        ws[f"B{row_of(ws, 'scale.units')}"] = 41

    danish, english = cell_problem(edit_units)
    assert english == [f"Sheet 'Forudsætninger', cell B{UNITS}: Scale: the roll-out adds 40 units "
                       "but the number of units is 41"]
