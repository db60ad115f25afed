"""Bad-input campaign for Excel uploads: random bytes named .xlsx, truncated and corrupted
exports, zips that are not workbooks, foreign workbooks, formulas in text cells, huge numbers
and NaN text. Every case ends in a Scenario or in the importer's own clear error, in Danish and
English, never in another exception. Each test records how many cases it tried."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from calculators.model import CostLine, GainLine, Scenario
from calculators.scenario_file import load_sample
from exporters.excel import build_workbook, workbook_bytes
from exporters.excel_import import ExcelImportError, describe, read_workbook
from exporters.excel_spec import sheet_title
from tests.excel_support import row_of, zipped
from tests.test_bad_input import FORMULAS, Record, campaign, fixed_cases

EXPORT = workbook_bytes(load_sample("ceiling_lifts"), "da")
SMALL = Scenario(title="Lille", horizon_years=3,
                 costs=[CostLine(id="c", name="Sensor", amount=10_000)],
                 gains=[GainLine(id="g", name="Tid", quantity=1, hourly_cost=300)],
                 ranges={"scale.adoption": {"low": 0.5, "high": 1.0}})
SMALL_EXPORT = workbook_bytes(SMALL, "da")  # the cell edits: a small workbook loads fast


def outcome(data: bytes) -> Scenario | ExcelImportError:
    """The scenario, or the importer's error with a sentence per problem in both languages."""
    try:
        return read_workbook(data)
    except ExcelImportError as exc:
        for lang in ("da", "en"):
            messages = describe(exc, lang)
            assert messages and all(isinstance(m, str) and m.strip() for m in messages)
        return exc


def refused(data: bytes, code: str | None = None) -> ExcelImportError:
    result = outcome(data)
    assert isinstance(result, ExcelImportError), "a bad file was accepted"
    if code is not None:
        assert [p.code for p in result.problems] == [code]
    return result


def saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_random_bytes_named_xlsx(record_property: Record) -> None:
    campaign(record_property, st.binary(max_size=4096), lambda data: refused(data, "not_xlsx"),
             max_examples=150)


def test_truncated_exports(record_property: Record) -> None:
    cuts = sorted({len(EXPORT) * i // 60 for i in range(60)} | {len(EXPORT) - 1, 1, 22})
    fixed_cases(record_property, cuts, lambda cut: refused(EXPORT[:cut], "not_xlsx"))


def test_corrupted_exports_load_or_are_refused(record_property: Record) -> None:
    """Random bytes overwritten somewhere in a small real export: the zip's checksums catch
    most; the rest still load or are refused by the importer."""
    generator = random.Random(7)

    def corrupt(seed: int) -> None:
        data = bytearray(SMALL_EXPORT)
        for _ in range(1 + seed % 4):
            data[generator.randrange(len(data))] = generator.randrange(256)
        result = outcome(bytes(data))
        assert isinstance(result, Scenario | ExcelImportError)

    fixed_cases(record_property, list(range(80)), corrupt)


names = st.text(alphabet="abcdefghij/._[]", min_size=1, max_size=30).filter(
    lambda n: not n.startswith("/") and not n.endswith("/"))


def test_zips_that_are_not_workbooks(record_property: Record) -> None:
    files = st.dictionaries(names, st.binary(max_size=200), max_size=5)
    campaign(record_property, files, lambda found: refused(zipped(found), "not_xlsx"),
             max_examples=60)


def test_the_parts_of_an_xlsx_without_the_workbook(record_property: Record) -> None:
    with zipfile.ZipFile(io.BytesIO(EXPORT)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    essential = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
    cases = [{k: v for k, v in parts.items() if k != name} for name in essential]
    cases.append({**parts, "xl/workbook.xml": b"<workbook>not closed"})
    fixed_cases(record_property, cases, lambda files: refused(zipped(files)))


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
cell_values = st.one_of(st.none(), st.integers(-10**6, 10**6), printable,
                        st.floats(allow_nan=False, allow_infinity=False))


def test_foreign_workbooks(record_property: Record) -> None:
    def check(cells: list) -> None:
        wb = Workbook()
        for index, value in enumerate(cells):
            wb.active.cell(row=1 + index // 5, column=1 + index % 5).value = value
        refused(saved(wb), "not_ours")

    campaign(record_property, st.lists(cell_values, max_size=20), check, max_examples=30)


TEXT_CELLS = ("title", "organisation", "cost_name", "gain_source")


SMALL_WB = load_workbook(io.BytesIO(SMALL_EXPORT))
SMALL_INPUTS = SMALL_WB[sheet_title("da", "inputs")]


def with_cell(where: Callable[[Worksheet], str], value: object) -> tuple[bytes, str]:
    """The small export with one Inputs cell changed (loaded once, the cell put back after)."""
    ref = where(SMALL_INPUTS)
    before = SMALL_INPUTS[ref].value
    SMALL_INPUTS[ref] = value
    try:
        return saved(SMALL_WB), ref
    finally:
        SMALL_INPUTS[ref] = before


def text_cell(ws, where: str) -> str:
    return {"title": f"B{row_of(ws, 'title')}", "organisation": f"B{row_of(ws, 'organisation')}",
            "cost_name": f"A{row_of(ws, 'cost')}", "gain_source": f"J{row_of(ws, 'gain')}"}[where]


def test_formulas_typed_into_text_cells(record_property: Record) -> None:
    """A formula in a text cell has no value for the importer (nothing recalculated it): the
    model's rules explain an empty title or name at its cell; the rest loads as plain text and
    a new export writes it as text, never as a formula."""
    def check(case: tuple[str, str]) -> None:
        where, formula = case
        result = outcome(with_cell(lambda ws: text_cell(ws, where), formula)[0])
        if isinstance(result, ExcelImportError):
            assert result.validation is not None and result.cells
            return
        wb = build_workbook(result, "en")
        same = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.value == formula]
        assert all(c.data_type == "s" and c.quotePrefix for c in same), case

    fixed_cases(record_property, [(w, f) for w in TEXT_CELLS for f in FORMULAS], check)


NUMBER_CELLS = {"discount_rate": "B", "scale.units": "B", "horizon_years": "B",
                "cost": "D", "gain": "C"}
HUGE = [1e308, -1e308, 1e20, 10**30, 2**63, -5]
NAN_TEXT = ["NaN", "nan", "inf", "-Infinity", "1e999", "1,5", "12 kr.", "", " "]


def test_huge_numbers_and_nan_text_are_refused_at_their_cell(record_property: Record) -> None:
    def check(case: tuple[str, object]) -> None:
        key, value = case
        data, ref = with_cell(lambda ws: f"{NUMBER_CELLS[key]}{row_of(ws, key)}", value)
        error = refused(data)
        assert f"celle {ref}:" in " ".join(describe(error, "da")), (key, value)
        assert f"cell {ref}:" in " ".join(describe(error, "en")), (key, value)

    cases = [(key, value) for key in NUMBER_CELLS for value in HUGE + NAN_TEXT
             if not (key == "scale.units" and value == -5)]
    fixed_cases(record_property, cases, check)


def test_a_huge_number_in_a_range_is_refused() -> None:
    def high(ws: Worksheet) -> str:
        return f"D{next(r for r in range(1, ws.max_row + 1) if ws[f'L{r}'].value == 'range')}"

    error = refused(with_cell(high, 1e308)[0], "range_bounds")
    assert "uden for det tilladte" in describe(error, "da")[0]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_first_error_names_sheet_and_cell_in_the_users_language(lang):
    error = refused(with_cell(lambda ws: f"B{row_of(ws, 'discount_rate')}", "NaN")[0])
    first = describe(error, lang)[0]
    assert first.startswith("Arket »Forudsætninger«, celle B" if lang == "da"
                            else "Sheet 'Forudsætninger', cell B")


def test_a_header_asking_for_an_unknown_zip_version_is_refused() -> None:
    """A damaged central directory can ask for zip version 9.2, which Python's zipfile does not
    implement (NotImplementedError, found by the corruption test): refused as not an xlsx."""
    data = bytearray(SMALL_EXPORT)
    central = data.index(b"PK\x01\x02")
    data[central + 6:central + 8] = (92).to_bytes(2, "little")  # version needed to extract
    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(bytes(data)))
    assert refused(bytes(data), "not_xlsx")
