"""Monte Carlo: the simulation the Uncertainty page shows by default (calculators.montecarlo:
same draws, seed and "within" years), its settings, the distribution of every ranged input and
the summary. The ranges are formulas referring to the Inputs sheet's uncertainty table (not
copies); the results are values computed at export, and the sheet says they are not live: Excel
cannot redraw the same random numbers."""

from __future__ import annotations

import numpy as np
from openpyxl.worksheet.worksheet import Worksheet

from calculators.drivers import field_of
from calculators.model import Scenario
from calculators.montecarlo import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    PERCENTILES,
    MonteCarloSummary,
    default_summary,
    simulation_fits,
)
from exporters.excel_cells import (
    BOLD,
    KR_FORMAT,
    MONTHS_FORMAT,
    NOTE_FONT,
    NUMBER_FORMAT,
    SHARE_FORMAT,
    TITLE_FONT,
    YEAR_FORMAT,
    a4,
    header_row,
    put,
    put_text,
    widths,
)
from exporters.excel_inputs import range_format
from exporters.excel_registry import SheetContext, register_sheet
from exporters.excel_spec import RANGE_COLUMNS
from exporters.sheets.sensitivity import has_ranges, number_or_never
from ui.analysis_text import within_text
from ui.formatting import format_number, format_share

SETTINGS_ROW = 6  # draws, seed, within years, generator: rows 6–9
DISTRIBUTION_ROW = 11
# Columns of the distribution table -> column of the Inputs sheet's uncertainty table.
DISTRIBUTION_COLUMNS = {"A": "driver", "B": "distribution", "C": "low", "D": "expected",
                        "E": "high"}


def _settings(ws: Worksheet, context: SheetContext, within_years: int) -> None:
    put_text(ws, f"A{SETTINGS_ROW - 1}", context.t("excel.mc.settings"), font=BOLD)
    rows = (("an.draws", DEFAULT_DRAWS, NUMBER_FORMAT), ("an.seed", DEFAULT_SEED, YEAR_FORMAT),
            ("an.within_years", within_years, YEAR_FORMAT))
    for row, (label, value, fmt) in enumerate(rows, start=SETTINGS_ROW):
        put_text(ws, f"A{row}", context.t(label))
        put(ws, f"B{row}", value, fmt=fmt)
    generator = SETTINGS_ROW + len(rows)
    put_text(ws, f"A{generator}", context.t("excel.mc.generator"))
    put_text(ws, f"B{generator}", context.t("excel.mc.generator_value", version=np.__version__))


def _distributions(ws: Worksheet, context: SheetContext) -> int:
    """One row per ranged input, every cell a reference to the Inputs sheet; returns the next
    free row."""
    inputs = context.inputs
    put_text(ws, f"A{DISTRIBUTION_ROW}", context.t("excel.mc.distributions",
                                                  sheet=inputs.sheet), font=BOLD)
    put_text(ws, f"A{DISTRIBUTION_ROW + 1}", context.t("excel.mc.method"), font=NOTE_FONT)
    header_row(ws, DISTRIBUTION_ROW + 2, [context.t(k) for k in (
        "excel.field.driver", "excel.mc.distribution", "field.low", "excel.field.expected",
        "field.high")])
    row = DISTRIBUTION_ROW + 3
    for key, source in inputs.range_rows.items():
        fmt = range_format(field_of(key))
        for column, name in DISTRIBUTION_COLUMNS.items():
            put(ws, f"{column}{row}", f"={inputs.ref(RANGE_COLUMNS[name], source)}",
                fmt=fmt if name in ("low", "expected", "high") else None)
        row += 1
    return row + 1


def _results(ws: Worksheet, context: SheetContext, summary: MonteCarloSummary, row: int) -> None:
    rate = format_share(context.scenario.discount_rate, context.lang, 1)
    put_text(ws, f"A{row}", context.t("excel.mc.results"), font=BOLD)
    header_row(ws, row + 1, [context.t("excel.sens.kpi"),
                             *(context.t("an.percentile", p=p) for p in PERCENTILES)])
    measures = (("excel.kpi.npv", summary.npv_percentiles, KR_FORMAT[context.lang]),
                ("excel.kpi.payback_months", summary.payback.percentiles, MONTHS_FORMAT),
                ("excel.kpi.discounted_payback_months", summary.discounted_payback.percentiles,
                 MONTHS_FORMAT))
    for at, (label, found, fmt) in enumerate(measures, start=row + 2):
        put_text(ws, f"A{at}", context.t(label))
        for column, p in zip("BCD", PERCENTILES, strict=True):
            number_or_never(ws, f"{column}{at}", found[p], fmt, context)
    row += 2 + len(measures) + 1
    put_text(ws, f"A{row}", context.t("an.p_positive"))
    put(ws, f"B{row}", summary.probability_positive_npv, fmt=SHARE_FORMAT)
    header_row(ws, row + 2, [context.t("excel.mc.shares"), context.t("an.simple"),
                             context.t("an.discounted", rate=rate)])
    within = within_text(context.lang, 12 * summary.within_years)
    shares = (("an.p_in_horizon", "probability_in_horizon", {}),
              ("an.p_within", "probability_within", {"within": within}))
    for at, (label, attribute, values) in enumerate(shares, start=row + 3):
        put_text(ws, f"A{at}", context.t(label, **values))
        for column, measure in zip("BC", (summary.payback, summary.discounted_payback),
                                   strict=True):
            put(ws, f"{column}{at}", getattr(measure, attribute), fmt=SHARE_FORMAT)


def _applies(scenario: Scenario) -> bool:
    """Ranges, and a default simulation the server computes (`SimulationTooLarge`)."""
    return has_ranges(scenario) and simulation_fits(scenario)


@register_sheet("montecarlo", "excel.sheet.montecarlo", order=11, applies=_applies)
def build(ws: Worksheet, context: SheetContext) -> None:
    summary = default_summary(context.scenario)
    put_text(ws, "A1", context.t("excel.mc.title"), font=TITLE_FONT)
    put_text(ws, "A2", context.t("excel.mc.note", date=context.today.isoformat(),
                                 seed=DEFAULT_SEED,
                                 draws=format_number(DEFAULT_DRAWS, context.lang)), font=BOLD)
    put_text(ws, "A3", context.t("excel.mc.reproduce"), font=NOTE_FONT)
    _settings(ws, context, summary.within_years)
    _results(ws, context, summary, _distributions(ws, context))
    widths(ws, {"A": 44, **{c: 18 for c in "BCDE"}})
    a4(ws, landscape=True)
