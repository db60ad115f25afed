"""The Excel workbook: Summary, Inputs, Calculation, Months, extra sheets, Sources/About.

Every figure is a live formula referring to the Inputs sheet, built on the engine's time
convention (calculators/model.py), so an auditor can change an input and watch it recalculate;
the tests recalculate the workbook with LibreOffice and compare every cell with the engine.
A hidden sheet keeps the scenario JSON so the workbook can be imported back
(`exporters.excel_import`).

Command line: ``python -m exporters.excel SCENARIO.json OUT.xlsx [--lang da|en]``.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from calculators.model import Scenario
from calculators.scenario_file import ScenarioFileError, load_scenario
from exporters.excel_about import write_about
from exporters.excel_calc import plan, write_calculation, write_months
from exporters.excel_cells import printable
from exporters.excel_data import write_data
from exporters.excel_inputs import write_inputs
from exporters.excel_registry import SheetContext, extra_sheets
from exporters.excel_spec import sheet_title
from exporters.excel_summary import write_summary
from ui.i18n import LANGUAGES, translate

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build_workbook(scenario: Scenario, lang: str = "da", today: date | None = None) -> Workbook:
    today = today or date.today()
    wb = Workbook()
    summary = wb.active
    summary.title = sheet_title(lang, "summary")
    inputs_ws = wb.create_sheet(sheet_title(lang, "inputs"))
    calc_ws = wb.create_sheet(sheet_title(lang, "calculation"))
    months_ws = wb.create_sheet(sheet_title(lang, "months"))
    inputs = write_inputs(wb, inputs_ws, scenario, lang)
    calc = plan(scenario, calc_ws.title, months_ws.title)
    write_calculation(wb, calc_ws, scenario, calc, inputs, lang)
    write_months(months_ws, calc, lang)
    write_summary(summary, calc_ws, months_ws, scenario, inputs, calc, lang, today)
    context = SheetContext(scenario, lang, inputs, calc, today)
    for extra in extra_sheets(scenario):
        extra.build(wb.create_sheet(extra.title(lang)), context)
    about = wb.create_sheet(sheet_title(lang, "about"))
    write_about(about, scenario, lang, today, [*wb.sheetnames])
    write_data(wb, scenario, lang)
    wb.properties.title = printable(scenario.title)
    wb.properties.creator = translate(lang, "app.title")
    wb.active = 0
    return wb


def workbook_bytes(scenario: Scenario, lang: str = "da", today: date | None = None) -> bytes:
    buffer = io.BytesIO()
    build_workbook(scenario, lang, today).save(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exporters.excel",
                                     description="Write a scenario as an Excel workbook.")
    parser.add_argument("scenario", help="scenario JSON file")
    parser.add_argument("out", help="the .xlsx file to write")
    parser.add_argument("--lang", choices=LANGUAGES, default="da")
    args = parser.parse_args(argv)
    try:
        data = workbook_bytes(load_scenario(args.scenario), args.lang)
        Path(args.out).write_bytes(data)
    except ScenarioFileError as exc:
        print(f"error: {args.scenario}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {args.out}: cannot write it ({exc.strerror})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
