"""The Summary sheet: who and when, the KPIs as formulas, and two native Excel charts."""

from __future__ import annotations

from datetime import date

from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.chart.marker import Marker
from openpyxl.worksheet.worksheet import Worksheet

from calculators.model import Scenario
from exporters.excel_calc import KPIS, YEAR_ROW, CalcLayout
from exporters.excel_cells import (
    BOLD,
    KPI_FILL,
    KR_FORMAT,
    MONTHS_FORMAT,
    NOTE_FONT,
    NUMBER_FORMAT,
    SHARE_FORMAT,
    TITLE_FONT,
    a4,
    put,
    put_text,
    widths,
)
from exporters.excel_inputs import InputsLayout
from exporters.excel_spec import FIRST_DATA_ROW_MONTHS
from ui.i18n import label_for, translate

KPI_FORMATS = {"irr": SHARE_FORMAT, "payback_months": MONTHS_FORMAT,
               "discounted_payback_months": MONTHS_FORMAT, "hours_released_per_year":
               NUMBER_FORMAT, "fte_released_per_year": "0.00",
               "budget_payback_months": MONTHS_FORMAT,
               "budget_discounted_payback_months": MONTHS_FORMAT,
               "hours_taken_out_per_year": NUMBER_FORMAT, "fte_taken_out_per_year": "0.00"}
CHART_COLOURS = {"total_gains": "2E8B57", "total_costs": "B03A2E", "net": "1B1B1B",
                 "cumulative": "1F5F99", "payback": "E67E22", "budget": "7B3F99"}
# Months sheet columns (1-based) of the years axis and the two cumulative tracks
MONTHS_X, MONTHS_CUMULATIVE, MONTHS_BUDGET = 3, 10, 23
KPI_ROW = 9


def _axes(chart: BarChart | ScatterChart, lang: str, x_title: str) -> None:
    chart.x_axis.title = x_title
    chart.y_axis.title = translate(lang, "chart.kr")
    chart.y_axis.number_format = "#,##0"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.tickLblPos = "low"  # labels below the plot, not on the zero line
    chart.x_axis.majorGridlines = None
    chart.legend.position = "b"
    chart.height, chart.width = 9, 17


def _cashflow_chart(calc_ws: Worksheet, calc: CalcLayout, lang: str) -> BarChart:
    last_col = 2 + calc.horizon
    years = Reference(calc_ws, min_col=2, max_col=last_col, min_row=YEAR_ROW)
    bar = BarChart()
    bar.type = "col"
    bar.grouping = "clustered"
    bar.title = translate(lang, "chart.cashflow_title")
    for key in ("total_gains", "total_costs"):
        row = calc.flow_rows[key]
        bar.add_data(Reference(calc_ws, min_col=1, max_col=last_col, min_row=row), from_rows=True,
                     titles_from_data=True)
        bar.series[-1].graphicalProperties.solidFill = CHART_COLOURS[key]
        bar.series[-1].graphicalProperties.line.solidFill = CHART_COLOURS[key]
    line = LineChart()
    line.add_data(Reference(calc_ws, min_col=1, max_col=last_col, min_row=calc.flow_rows["net"]),
                  from_rows=True, titles_from_data=True)
    line.series[0].graphicalProperties.line.solidFill = CHART_COLOURS["net"]
    line.series[0].graphicalProperties.line.width = 28000
    line.series[0].marker = Marker(symbol="circle", size=6)
    line.series[0].smooth = False
    bar.set_categories(years)
    line.set_categories(years)
    _axes(bar, lang, translate(lang, "chart.year"))
    bar += line
    return bar


def _cumulative_chart(calc_ws: Worksheet, months_ws: Worksheet, calc: CalcLayout,
                      lang: str) -> ScatterChart:
    last = calc.months_last_row
    chart = ScatterChart()
    chart.title = translate(lang, "chart.cumulative_title")
    chart.style = 13
    x = Reference(months_ws, min_col=MONTHS_X, min_row=FIRST_DATA_ROW_MONTHS, max_row=last)
    for column, title, colour in (
            (MONTHS_CUMULATIVE, "excel.summary.total_value", CHART_COLOURS["cumulative"]),
            (MONTHS_BUDGET, "excel.summary.budget_effect", CHART_COLOURS["budget"])):
        y = Reference(months_ws, min_col=column, min_row=FIRST_DATA_ROW_MONTHS, max_row=last)
        curve = Series(y, x, title=translate(lang, title))
        curve.marker = Marker(symbol="none")
        curve.smooth = False
        curve.graphicalProperties.line.solidFill = colour
        curve.graphicalProperties.line.width = 32000
        chart.series.append(curve)
    k = calc.kpi_rows
    for zero, years, title in (("zero", "payback_years", "excel.summary.payback_point"),
                               ("budget_zero", "budget_payback_years",
                                "excel.summary.budget_payback_point")):
        point = Series(Reference(calc_ws, min_col=2, min_row=k[zero]),
                       Reference(calc_ws, min_col=2, min_row=k[years]),
                       title=translate(lang, title))
        point.marker = Marker(symbol="diamond", size=12)
        point.marker.graphicalProperties.solidFill = CHART_COLOURS["payback"]
        point.marker.graphicalProperties.line.solidFill = CHART_COLOURS["payback"]
        point.graphicalProperties.line.noFill = True
        chart.series.append(point)
    chart.x_axis.scaling.min = 0
    chart.x_axis.scaling.max = calc.horizon
    chart.x_axis.majorUnit = 1 if calc.horizon <= 15 else 5
    chart.x_axis.number_format = "0"
    _axes(chart, lang, translate(lang, "chart.year"))
    return chart


def write_summary(ws: Worksheet, calc_ws: Worksheet, months_ws: Worksheet, scenario: Scenario,
                  inputs: InputsLayout, calc: CalcLayout, lang: str, today: date) -> None:
    rows = inputs.scalar_rows
    put(ws, "A1", f"={inputs.ref('B', rows['title'])}", font=TITLE_FONT)
    details = (("field.organisation", f"={inputs.ref('B', rows['organisation'])}"),
               ("field.technology", f"={inputs.ref('B', rows['technology'])}"),
               ("excel.summary.date", today))
    for row, (key, value) in enumerate(details, start=3):
        put_text(ws, f"A{row}", translate(lang, key), font=BOLD)
        put(ws, f"B{row}", value, fmt="yyyy-mm-dd" if isinstance(value, date) else None)
    put_text(ws, "A6", label_for(lang, "basis", scenario.estimate_basis.value), font=BOLD)
    put_text(ws, "A7", translate(lang, "excel.summary.estimates"), font=NOTE_FONT)
    put_text(ws, f"A{KPI_ROW - 1}", translate(lang, "excel.calc.kpis"), font=BOLD)
    for offset, key in enumerate(KPIS):
        row = KPI_ROW + offset
        put_text(ws, f"A{row}", translate(lang, f"excel.kpi.{key}"))
        put(ws, f"B{row}", f"={calc.kpi(key)}", fmt=KPI_FORMATS.get(key, KR_FORMAT[lang]),
            font=BOLD, fill=KPI_FILL)
    chart_row = KPI_ROW + len(KPIS) + 2
    ws.add_chart(_cashflow_chart(calc_ws, calc, lang), f"A{chart_row}")
    ws.add_chart(_cumulative_chart(calc_ws, months_ws, calc, lang), f"A{chart_row + 19}")
    widths(ws, {"A": 46, "B": 24, "C": 12, "D": 12, "E": 12})
    a4(ws, landscape=False)
