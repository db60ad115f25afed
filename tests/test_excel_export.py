"""The workbook agrees with the engine: recalculated by LibreOffice, every KPI and every cash-flow
cell within 1 kr (payback within 0.01 month), also after inputs are changed in the workbook."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, ScatterChart

from benchmarks.cases import large_scenario
from calculators.cashflow import VERSION_1_COLUMNS, cashflow_table
from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from calculators.model import CostKind, Scenario
from calculators.scenario_file import load_sample, sample_names
from exporters.excel import build_workbook, main
from exporters.excel_calc import FLOW_ROWS, HELPER_FLOWS, KPIS, plan
from exporters.excel_registry import register_sheet, unregister_sheet
from exporters.excel_spec import DATA_SHEET, sheet_title
from tests.excel_support import (
    hand_built,
    needs_soffice,
    recalculate_cases,
    row_of,
    values,
    write_cases,
)
from ui.i18n import translate

ROOT = Path(__file__).resolve().parent.parent
NOT_MONEY = {"discount_factor": 1e-9, "irr": 1e-6, "fte_released_per_year": 1e-6,
             "payback_months": 0.01, "discounted_payback_months": 0.01}


def never_pays() -> Scenario:
    return with_value(load_sample(), "cost.toilet.amount", 5_000_000)


def changed_in_excel(path: Path) -> tuple[Path, Scenario]:
    """Aarhus toilet with six months' implementation typed into the workbook."""
    wb = load_workbook(path)
    ws = wb[sheet_title("da", "inputs")]
    ws[f"B{row_of(ws, 'scale.implementation_months')}"] = 6
    out = path.with_name("aarhus_changed_da.xlsx")
    wb.save(out)
    return out, with_value(load_sample(), "scale.implementation_months", 6)


def many_changes_in_excel(path: Path) -> tuple[Path, Scenario]:
    """Ceiling lifts: adoption, an hourly cost, a lifetime, a cost turned recurring, a gain
    turned into a total line, a roll-out and the discount rate, all edited in the workbook."""
    wb = load_workbook(path)
    ws = wb[sheet_title("en", "inputs")]
    ws[f"B{row_of(ws, 'scale.adoption')}"] = 0.5
    ws[f"B{row_of(ws, 'discount_rate')}"] = 0.05
    costs = [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "cost"]
    gains = [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "gain"]
    rollout = [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "rollout"]
    ws[f"G{costs[0]}"] = 5
    ws[f"C{costs[4]}"] = "Recurring (operation)"
    ws[f"E{gains[0]}"] = 400
    ws[f"F{gains[0]}"] = False
    ws[f"B{rollout[0]}"], ws[f"B{rollout[1]}"], ws[f"B{rollout[2]}"] = 10, 25, 5
    out = path.with_name("lifts_changed_en.xlsx")
    wb.save(out)
    data = load_sample("ceiling_lifts").model_dump()
    data["discount_rate"] = 0.05
    data["scale"].update(adoption=0.5, rollout=[10, 25, 5])
    data["costs"][0]["lifetime_years"] = 5
    data["costs"][4]["kind"] = CostKind.RECURRING
    data["gains"][0].update(hourly_cost=400, per_unit=False)
    return out, Scenario.model_validate(data)


def horizon_shortened_in_excel(path: Path) -> tuple[Path, Scenario]:
    """The hand-built case (12 years) cut to 9 years in the workbook: later columns are zero."""
    wb = load_workbook(path)
    ws = wb[sheet_title("da", "inputs")]
    ws[f"B{row_of(ws, 'horizon_years')}"] = 9
    costs = [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "cost"]
    ws[f"F{costs[-1]}"] = "9"
    out = path.with_name("hand_shortened_da.xlsx")
    wb.save(out)
    data = hand_built().model_dump()
    data["horizon_years"] = 9
    data["costs"][-1]["years"] = [9]
    return out, Scenario.model_validate(data)


CASES: dict[str, tuple[Scenario, str]] = {
    **{f"{name}_{lang}": (load_sample(name), lang) for name in sample_names()
       for lang in ("da", "en")},
    "hand_built_da": (hand_built(), "da"),
    "hand_built_en": (hand_built(), "en"),
    "hand_built_residual_da": (hand_built().model_copy(update={"include_residual_value": True}),
                               "da"),
    "never_pays_da": (never_pays(), "da"),
    "no_lines_en": (Scenario(title="Tom", horizon_years=3), "en"),
    "large_30_years_50_lines_da": (large_scenario(), "da"),
}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict[str, tuple[Path, Scenario, str]]:
    """Every case, plus two edited in openpyxl, recalculated in ONE LibreOffice run."""
    folder = tmp_path_factory.mktemp("excel")
    written = write_cases(folder, CASES)
    path, scenario = changed_in_excel(written["aarhus_toilet_da"][0])
    written["aarhus_changed_da"] = (path, scenario, "da")
    path, scenario = many_changes_in_excel(written["ceiling_lifts_en"][0])
    written["lifts_changed_en"] = (path, scenario, "en")
    path, scenario = horizon_shortened_in_excel(written["hand_built_da"][0])
    written["hand_shortened_da"] = (path, scenario, "da")
    return recalculate_cases(folder, written)


def assert_close(got: object, expected: float | None, what: str, key: str) -> None:
    if expected is None:
        assert isinstance(got, str), f"{what}: engine has none, workbook shows {got!r}"
        return
    assert isinstance(got, int | float), f"{what}: workbook shows {got!r}, engine {expected}"
    assert got == pytest.approx(expected, abs=NOT_MONEY.get(key, 1.0)), what


@needs_soffice
@pytest.mark.parametrize("case", [*CASES, "aarhus_changed_da", "lifts_changed_en",
                                  "hand_shortened_da"])
def test_every_kpi_and_cash_flow_cell_matches_the_engine(recalculated, case):
    path, scenario, lang = recalculated[case]
    wb = values(path)
    exported = hand_built() if case == "hand_shortened_da" else scenario
    calc = plan(exported, sheet_title(lang, "calculation"), sheet_title(lang, "months"))
    ws = wb[calc.sheet]
    metrics = compute_metrics(scenario).as_dict()
    for key in KPIS:
        assert_close(ws[f"B{calc.kpi_rows[key]}"].value, metrics[key], f"{case} {key}", key)
    table = cashflow_table(scenario)
    rows = {**calc.flow_rows, "units_installed": 7, "discount_factor": 10, "calendar_year": 5}
    assert set(table.columns) - {"year", *VERSION_1_COLUMNS} <= set(rows)
    for key, row in rows.items():
        if key in HELPER_FLOWS:
            continue
        for year in range(scenario.horizon_years + 1):
            assert_close(ws[f"{calc.col(year)}{row}"].value, float(table[key][year]),
                         f"{case} {key} year {year}", key)
    beyond = range(scenario.horizon_years + 1, exported.horizon_years + 1)
    for key in ("total_costs", "total_gains", "hours_released"):
        later = [ws[f"{calc.col(y)}{calc.flow_rows[key]}"].value for y in beyond]
        assert later == [0] * len(beyond), f"{case} {key} after the horizon"
    summary = wb[sheet_title(lang, "summary")]
    shown = [summary[f"B{9 + i}"].value for i in range(len(KPIS))]
    assert shown == [ws[f"B{calc.kpi_rows[key]}"].value for key in KPIS]


@needs_soffice
def test_aarhus_payback_worked_by_hand(recalculated):
    """40,000 / 109,500 a year = 4.38 months; six months' implementation first: 10.38."""
    for case, expected in (("aarhus_toilet_da", 4.38), ("aarhus_changed_da", 10.38)):
        path, scenario, lang = recalculated[case]
        calc = plan(scenario, sheet_title(lang, "calculation"), sheet_title(lang, "months"))
        got = values(path)[calc.sheet][f"B{calc.kpi_rows['payback_months']}"].value
        assert got == pytest.approx(expected, abs=0.005)
    path, scenario, lang = recalculated["aarhus_toilet_da"]
    calc = plan(scenario, sheet_title(lang, "calculation"), sheet_title(lang, "months"))
    assert values(path)[calc.sheet][f"B{calc.kpi_rows['npv']}"].value == pytest.approx(
        870_668, abs=1)


@needs_soffice
def test_a_workbook_saved_by_a_spreadsheet_imports_back_equal(recalculated):
    from exporters.excel_import import read_workbook

    for case in ("hand_built_en", "ceiling_lifts_da", "lifts_changed_en"):
        path, scenario, _ = recalculated[case]
        assert read_workbook(path.read_bytes()) == scenario


@pytest.mark.parametrize("lang", ["da", "en"])
def test_layout_names_formulas_and_print_setup(lang):
    scenario = hand_built()
    wb = build_workbook(scenario, lang, today=date(2026, 11, 25))
    core = [sheet_title(lang, role) for role in ("summary", "inputs", "calculation", "months")]
    # the only extra sheets: costs, no ranges or VTV
    extra = [translate(lang, "excel.sheet.fund"), translate(lang, "excel.sheet.budget_years")]
    assert wb.sheetnames == [*core, *extra, sheet_title(lang, "about"), DATA_SHEET]
    for defined in ("DiscountRate", "Horizon", "HoursPerFTE", "Adoption", "Realisation",
                    "ImplementationMonths", "RampUpMonths", "Rollout", "NetCashFlow"):
        assert defined in wb.defined_names
    calc = plan(scenario, sheet_title(lang, "calculation"), sheet_title(lang, "months"))
    ws = wb[calc.sheet]
    for key in FLOW_ROWS:
        for year in range(scenario.horizon_years + 1):
            assert str(ws[f"{calc.col(year)}{calc.flow_rows[key]}"].value).startswith("=")
    npv = ws[f"B{calc.kpi_rows['npv']}"].value
    residual = calc.flow_rows["residual_value"]
    assert npv == f"=B{calc.flow_rows['net']}+NPV(DiscountRate,C{calc.flow_rows['net']}:N" \
                  f"{calc.flow_rows['net']})+IncludeResidual*SUMPRODUCT(B{residual}:N{residual}," \
                  "DiscountFactors)"
    months = wb[sheet_title(lang, "months")]
    assert months.max_row == 4 + 12 * scenario.horizon_years + 1
    summary = wb[sheet_title(lang, "summary")]
    assert [type(c) for c in summary._charts] == [BarChart, ScatterChart]
    for sheet in wb.worksheets[:-1]:
        assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4)
    assert ws.freeze_panes == "B5"
    hidden = wb[DATA_SHEET]
    assert hidden.sheet_state == "veryHidden" and hidden.protection.sheet


def test_user_text_can_never_become_a_formula():
    wb = build_workbook(hand_built(), "en")
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    ours = [c for c in texts if c.data_type == "f"]
    user = [c for c in texts if c.data_type != "f"]
    assert {c.value for c in user} >= {"=Håndbygget +test", "@Kommune", "-Sensor", "-Project",
                                       "+Finansministeriet"}
    assert all(c.data_type == "s" and c.quotePrefix for c in user)
    assert not any("Håndbygget" in c.value or "Kommune" in c.value for c in ours)


def test_registered_sheets_are_added_before_about_and_see_the_core_cells():
    seen = []

    @register_sheet("test_extra", "excel.sheet.months", order=5)
    def build(ws, context):
        seen.append(context.calc.kpi("npv"))
        ws["A1"] = f"={context.calc.kpi('npv')}"

    try:
        wb = build_workbook(load_sample(), "en")
    finally:
        unregister_sheet("test_extra")
    assert wb.sheetnames[4:6] == ["Months1", "Sensitivity"]
    assert wb.sheetnames[-2:] == ["Sources and about", DATA_SHEET]
    assert wb["Months1"]["A1"].value == f"={seen[0]}"
    assert "Months1" not in build_workbook(load_sample(), "en").sheetnames


def test_command_line_writes_a_workbook_and_rejects_bad_input(tmp_path, capsys):
    out = tmp_path / "toilet.xlsx"
    assert main([str(ROOT / "sample_data/aarhus_toilet.json"), str(out), "--lang", "en"]) == 0
    assert load_workbook(out).sheetnames[0] == "Summary"
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "horizon_years": 99}')
    assert main([str(bad), str(tmp_path / "x.xlsx")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error:") and "horizon_years" in error and "\n" not in error
    result = subprocess.run([sys.executable, "-m", "exporters.excel", "missing.json",
                             str(tmp_path / "y.xlsx")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
