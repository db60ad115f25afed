"""The Excel workbook in a real browser: download it from the sidebar of the business-case page,
open it (recalculated by LibreOffice when installed), change an input and upload it back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from calculators.scenario_file import load_sample
from exporters.excel_calc import plan
from exporters.excel_spec import sheet_title
from tests.browser.driver import (
    download,
    expect_no_exception,
    metric_value,
    open_page,
    screenshot,
    upload,
)
from tests.excel_support import SOFFICE, recalculate, row_of, values

pytestmark = pytest.mark.browser

SHEETS = ["Oversigt", "Forudsætninger", "Beregning", "Måneder", "Følsomhed", "Monte Carlo", "VTV",
          "Dokumentationsplan", "Gevinstopfølgning", "Fond og udbud", "Budgetår", "Kilder og om"]


def test_download_change_and_upload_the_workbook(page: Page, tmp_path) -> None:
    name, content = download(page, "Hent som Excel")
    assert name.endswith(".xlsx")
    wb = load_workbook(io.BytesIO(content))
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == SHEETS
    if SOFFICE:
        path = tmp_path / name
        path.write_bytes(content)
        calc_sheet = sheet_title("da", "calculation")
        recalculated = values(recalculate([path], tmp_path / "out", tmp_path / "profile")[0])
        layout = plan(load_sample(), calc_sheet, sheet_title("da", "months"))
        payback = recalculated[calc_sheet][f"B{layout.kpi_rows['payback_months']}"].value
        assert payback == pytest.approx(4.38, abs=0.005)
    inputs = wb[sheet_title("da", "inputs")]
    inputs[f"B{row_of(inputs, 'scale.implementation_months')}"] = 6
    buffer = io.BytesIO()
    wb.save(buffer)
    upload(page, "aarhus_6_mdr.xlsx", buffer.getvalue())
    expect(metric_value(page, "Udgifterne dækket efter")).to_have_text("10,4 mdr.")
    expect_no_exception(page)
    screenshot(page, "excel_uploaded")


def test_the_download_is_on_every_page(page: Page) -> None:
    for title in ("Usikkerhed", "VTV-vurdering", "Bibliotek"):
        open_page(page, title)
        expect(page.get_by_test_id("stSidebar").get_by_role(
            "button", name="Hent som Excel")).to_be_visible()
        expect_no_exception(page)
