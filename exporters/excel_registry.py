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


@dataclass(frozen=True)
class ExtraSheet:
    key: str
    title_key: str  # string-catalogue key of the sheet name (≤ 31 characters)
    order: int
    build: Builder
    applies: Callable[[Scenario], bool]


_REGISTRY: dict[str, ExtraSheet] = {}


def register_sheet(key: str, title_key: str, order: int = 100,
                   applies: Callable[[Scenario], bool] = lambda s: True
                   ) -> Callable[[Builder], Builder]:
    """Decorator: add a sheet built by the decorated function when `applies(scenario)`."""
    def decorate(build: Builder) -> Builder:
        _REGISTRY[key] = ExtraSheet(key, title_key, order, build, applies)
        return build
    return decorate


def unregister_sheet(key: str) -> None:
    _REGISTRY.pop(key, None)


def extra_sheets(scenario: Scenario) -> list[ExtraSheet]:
    for module in pkgutil.iter_modules(exporters.sheets.__path__):
        importlib.import_module(f"exporters.sheets.{module.name}")
    chosen = [sheet for sheet in _REGISTRY.values() if sheet.applies(scenario)]
    return sorted(chosen, key=lambda sheet: (sheet.order, sheet.key))
