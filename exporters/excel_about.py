"""Sources and About: model version, conventions, what is an estimate, every source."""

from __future__ import annotations

from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

from calculators.model import MODEL_VERSION, Scenario
from exporters.excel_cells import BOLD, NOTE_FONT, TITLE_FONT, a4, header_row, put_text, widths
from ui.i18n import label_for, source_label, translate

NOTES = ("discount_rate", "estimates", "time_convention", "tracks", "payback", "inputs",
         "horizon", "round_trip")


def write_about(ws: Worksheet, scenario: Scenario, lang: str, today: date,
                sheet_names: list[str]) -> None:
    put_text(ws, "A1", translate(lang, "excel.about.title"), font=TITLE_FONT)
    facts = [
        (translate(lang, "excel.about.model_version"), str(scenario.model_version)),
        (translate(lang, "excel.about.engine_version"), str(MODEL_VERSION)),
        (translate(lang, "excel.summary.date"), today.isoformat()),
        (translate(lang, "field.estimate_basis"),
         label_for(lang, "basis", scenario.estimate_basis.value)),
        (translate(lang, "excel.about.sheets"), ", ".join(sheet_names)),
    ]
    facts += [(translate(lang, f"excel.about.{key}_label"), translate(lang, f"excel.about.{key}"))
              for key in NOTES]
    row = 3
    for label, text in facts:
        put_text(ws, f"A{row}", label, font=BOLD, wrap=True)
        put_text(ws, f"B{row}", text, wrap=True)
        row += 1
    row += 1
    put_text(ws, f"A{row}", translate(lang, "excel.about.sources"), font=BOLD)
    put_text(ws, f"B{row}", translate(lang, "excel.about.sources_note"), font=NOTE_FONT)
    row += 1
    header_row(ws, row, [translate(lang, "excel.col.assumption"), translate(lang, "field.source")])
    row += 1
    entries = [(translate(lang, "excel.about.source_key", name=source_label(lang, key)), text)
               for key, text in scenario.sources.items()]
    entries += [(line.name, line.source) for line in [*scenario.costs, *scenario.gains]]
    for label, text in entries:
        put_text(ws, f"A{row}", label, wrap=True)
        put_text(ws, f"B{row}", text or translate(lang, "excel.about.no_source"), wrap=True)
        row += 1
    widths(ws, {"A": 36, "B": 100})
    a4(ws, landscape=False)
