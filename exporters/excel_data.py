"""The hidden, protected sheet holding the full scenario JSON (recognises our workbook)."""

from __future__ import annotations

import secrets

from openpyxl import Workbook
from openpyxl.workbook.workbook import Workbook as WorkbookType

from calculators.model import Scenario
from exporters.excel_cells import decode_text, put, put_text
from exporters.excel_spec import DATA_SHEET, FORMAT_VERSION, JSON_CHUNK, MARKER

FIRST_CHUNK_ROW = 5


def write_data(wb: Workbook, scenario: Scenario, lang: str) -> None:
    ws = wb.create_sheet(DATA_SHEET)
    text = scenario.model_dump_json()
    chunks = [text[i:i + JSON_CHUNK] for i in range(0, len(text), JSON_CHUNK)]
    put_text(ws, "A1", MARKER)
    put(ws, "A2", FORMAT_VERSION)
    put_text(ws, "A3", lang)
    put(ws, "A4", len(chunks))
    for row, chunk in enumerate(chunks, start=FIRST_CHUNK_ROW):
        put_text(ws, f"A{row}", chunk)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
    ws.protection.password = secrets.token_hex(8)


def read_data(wb: WorkbookType) -> tuple[dict[str, object], str] | None:
    """(marker fields, JSON text) or None when the sheet is not there."""
    if DATA_SHEET not in wb.sheetnames:
        return None
    ws = wb[DATA_SHEET]
    count = ws["A4"].value
    chunks = []
    if isinstance(count, int | float) and 0 < count < 10_000:
        for row in range(FIRST_CHUNK_ROW, FIRST_CHUNK_ROW + int(count)):
            value = ws[f"A{row}"].value
            chunks.append(decode_text(value) if isinstance(value, str) else "")
    header = {"marker": ws["A1"].value, "version": ws["A2"].value, "lang": ws["A3"].value}
    return header, "".join(chunks)
