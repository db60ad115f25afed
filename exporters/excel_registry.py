"""Extra workbook sheets (sensitivity, VTV, documentation plan …) without editing the core.

Drop a module into ``exporters/sheets/`` that decorates a builder with `register_sheet`; the
exporter imports every module there (as ui/strings does) and calls the builders in `order`,
between the Months sheet and Sources/About. A builder gets its empty worksheet and a
`SheetContext` with the scenario, the language and the addresses of the core cells, so its
formulas can refer to Inputs and Calculation (e.g. ``context.calc.kpi("npv")``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

import exporters.sheets
from calculators.model import Scenario
from exporters.excel_calc import CalcLayout
from exporters.excel_inputs import InputsLayout
from exporters.excel_reader import Reader
from ui.i18n import translate


@dataclass(frozen=True)
class SheetContext:
    scenario: Scenario
    lang: str
    inputs: InputsLayout
    calc: CalcLayout
    today: date

    def t(self, key: str, **values: object) -> str:
        return translate(self.lang, key, **values)


Builder = Callable[[Worksheet, SheetContext], None]
# Reads the sheet's input cells back into the scenario data (the stored JSON, already merged
# with the Inputs sheet), noting problems on the reader; the third argument is the stored JSON
# as exported, before any edit (what the sheet's formulas were written for).
SheetReader = Callable[[Reader, dict, dict], None]


@dataclass(frozen=True)
class ExtraSheet:
    key: str
    title_key: str  # string-catalogue key of the sheet name (≤ 31 characters)
    order: int
    build: Builder
    applies: Callable[[Scenario], bool]
    read: SheetReader | None = None

    def title(self, lang: str) -> str:
        return translate(lang, self.title_key)[:31]


_REGISTRY: dict[str, ExtraSheet] = {}


def register_sheet(key: str, title_key: str, order: int = 100,
                   applies: Callable[[Scenario], bool] = lambda s: True,
                   read: SheetReader | None = None) -> Callable[[Builder], Builder]:
    """Decorator: add a sheet built by the decorated function when `applies(scenario)`;
    `read` takes the edits of its input cells back on import."""
    def decorate(build: Builder) -> Builder:
        _REGISTRY[key] = ExtraSheet(key, title_key, order, build, applies, read)
        return build
    return decorate


def unregister_sheet(key: str) -> None:
    _REGISTRY.pop(key, None)


def _registered() -> list[ExtraSheet]:
    for module in pkgutil.iter_modules(exporters.sheets.__path__):
        importlib.import_module(f"exporters.sheets.{module.name}")
    return sorted(_REGISTRY.values(), key=lambda sheet: (sheet.order, sheet.key))


def extra_sheets(scenario: Scenario) -> list[ExtraSheet]:
    return [sheet for sheet in _registered() if sheet.applies(scenario)]


def readable_sheets() -> list[ExtraSheet]:
    """The extra sheets whose input cells are read back on import, in sheet order."""
    return [sheet for sheet in _registered() if sheet.read is not None]
