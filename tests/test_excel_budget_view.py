"""The workbook's budget-year and risk-pool sheets, recalculated by LibreOffice, equal
calculators.budget_years to 1 kr: the samples, a September start, budget areas and a realisation
plan, and a start month typed into the workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from calculators.budget_years import ROWS, budget_years
from calculators.model import Scenario
from calculators.scenario_file import load_sample, sample_names
from exporters.excel_import import read_workbook
from exporters.excel_spec import sheet_title
from exporters.sheets.budget_years import COLUMNS, FIRST_ROW, HEADER_ROW
from tests.conftest import make_scenario
from tests.excel_support import (
    hand_built,
    needs_soffice,
    recalculate_cases,
    row_of,
    values,
    write_cases,
)
from ui.i18n import translate


def areas_and_plan() -> Scenario:
    toilet = load_sample("aarhus_toilet")
    return make_scenario(
        start_month=9, units=3, rollout=[2, 1], ramp_up_months=4, ranges={},
        costs=[toilet.costs[0].model_dump() | {"budget_area": "Hjælpemidler"},
               {"name": "Service", "kind": "recurring", "category": "service", "amount": 1_500,
                "budget_area": "Hjemmeplejen"}],
        gains=[toilet.gains[0].model_dump() | {"budget_shares": [0.0, 0.5],
                                               "budget_area": "Hjemmeplejen"},
               {"name": "Bleer", "kind": "budget_saving", "quantity": 4_000, "per_unit": False}])


CASES: dict[str, tuple[Scenario, str]] = {
    **{f"{name}_da": (load_sample(name), "da") for name in sample_names()},
    "september_en": (make_scenario(start_month=9, implementation_months=2), "en"),
    "areas_and_plan_da": (areas_and_plan(), "da"),
    "hand_built_en": (hand_built(), "en"),
}


def start_month_typed(path: Path) -> tuple[Path, Scenario]:
    """The ceiling lifts with start month 4 (April) typed into the workbook."""
    wb = load_workbook(path)
    ws = wb[sheet_title("da", "inputs")]
    ws[f"B{row_of(ws, 'start_month')}"] = 4
    out = path.with_name("lifts_april_da.xlsx")
    wb.save(out)
    return out, load_sample("ceiling_lifts").model_copy(update={"start_month": 4})


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("budget_years")
    written = write_cases(folder, CASES)
    path, scenario = start_month_typed(written["ceiling_lifts_da"][0])
    written["lifts_april_da"] = (path, scenario, "da")
    return recalculate_cases(folder, written)


@needs_soffice
@pytest.mark.parametrize("case", [*CASES, "lifts_april_da"])
def test_budget_year_sheet_equals_the_app(recalculated, case):
    path, scenario, lang = recalculated[case]
    ws = values(path)[translate(lang, "excel.sheet.budget_years")]
    expected = budget_years(scenario)
    assert [ws[f"{c}{HEADER_ROW}"].value for c in COLUMNS[:len(expected.years)]] == \
        expected.years
    if expected.rest:
        assert ws[f"F{HEADER_ROW}"].value == f"{expected.rest[0]}–{expected.rest[1]}"
    keys = [*ROWS, *(f"area:{area}" for area in expected.areas)]
    for offset, key in enumerate(keys):
        for letter, column in zip(COLUMNS, expected.table.columns, strict=False):
            got = ws[f"{letter}{FIRST_ROW + offset}"].value
            assert got == pytest.approx(expected.table.loc[key, column], abs=1.0), \
                f"{case} {key} {column}"


@needs_soffice
def test_start_month_and_budget_areas_come_back_on_import(recalculated):
    path, scenario, _ = recalculated["lifts_april_da"]
    assert read_workbook(path.read_bytes()) == scenario
    path, scenario, _ = recalculated["areas_and_plan_da"]
    assert read_workbook(path.read_bytes()) == scenario


@needs_soffice
def test_risk_pool_sheet_equals_the_app(tmp_path):
    from calculators.model import Risk
    from calculators.risk_pool import risk_pool

    toilet = make_scenario(discount_basis="municipal", discount_rate=0.04)
    case = toilet.model_copy(update={"risks": [
        Risk(text="=Replaced", probability=0.1, amount=40_000, year=2),
        Risk(text="Half the time", probability=0.25, driver=f"gain.{toilet.gains[0].id}.quantity",
             change=-0.5),
        Risk(text="Not priced")]})
    written = write_cases(tmp_path, {"risks_da": (case, "da")})
    path, _, _ = recalculate_cases(tmp_path, written)["risks_da"]
    ws = values(path)[translate("da", "excel.sheet.risk_pool")]
    pool = risk_pool(case)
    assert ws["A6"].value == "=Replaced"  # text, never a formula
    assert [ws[f"I{row}"].value for row in (6, 7)] == pytest.approx(
        [r.expected for r in pool.risks], abs=1.0)
    assert ws["I9"].value == pytest.approx(pool.expected_cost, abs=1.0)
    assert ws["I11"].value == pytest.approx(pool.npv_after_pool, abs=1.0)
