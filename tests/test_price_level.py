"""Price level (P/L): one line at P/L 2024 brought to the budget's P/L 2026, checked by hand in
the budget-year table, the NPV and the recalculated workbook; old files load unchanged; an
index ratio of 1 never changes a metric."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pydantic import ValidationError

from calculators.budget_years import budget_years
from calculators.cashflow import cashflow_table
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.montecarlo import evaluate_many
from calculators.price_level import DEFAULT_YEAR, PriceLevel, default_index, index_ratio
from calculators.procurement import contract_value
from calculators.scenario_file import SAMPLE_DIR, load_sample
from exporters.excel import workbook_bytes
from exporters.excel_calc import plan
from exporters.excel_import import ExcelImportError, read_workbook
from exporters.excel_spec import sheet_title
from exporters.sheets.budget_years import COLUMNS, FIRST_ROW
from tests.excel_support import needs_soffice, recalculate_cases, row_of, values, write_cases
from ui.i18n import explain_validation, translate

# Stated for the test: 2024 = 120.0 and 2026 = 126.0, so P/L 2024 → P/L 2026 is × 1.05.
INDEX = [{"year": 2024, "index": 120.0}, {"year": 2026, "index": 126.0}]


def quote_2024(**changes: object) -> Scenario:
    """Start 2026 (investment at the end of 2026), 3 years at 3.5 %: a 100,000 kr purchase
    quoted at P/L 2024, a 10,000 kr licence a year and a 50,000 kr budget saving a year, both
    already at the budget's P/L 2026."""
    data = {
        "title": "P/L-test", "start_year": 2026, "horizon_years": 3, "discount_rate": 0.035,
        "price_level": {"year": 2026, "index": INDEX, "source": "Test", "taken": "2026-01"},
        "costs": [{"id": "buy", "name": "Indkøb", "category": "purchase", "amount": 100_000,
                   "per_unit": False, "price_year": 2024},
                  {"id": "lic", "name": "Licens", "category": "licence", "kind": "recurring",
                   "amount": 10_000, "per_unit": False}],
        "gains": [{"id": "save", "name": "Bleer", "kind": "budget_saving", "quantity": 50_000,
                   "per_unit": False}],
    }
    return Scenario.model_validate(data | changes)


# NPV by hand: −100,000 × 126/120 + (50,000 − 10,000) × (1/1.035 + 1/1.035² + 1/1.035³)
# = −105,000 + 40,000 × 2.8016370 = −105,000 + 112,065.48 = 7,065.48 kr.
NPV_BY_HAND = -105_000 + 40_000 * (0.9661836 + 0.9335107 + 0.9019427)


def test_one_line_at_p_l_2024_is_converted_to_p_l_2026_by_hand():
    scenario = quote_2024()
    assert index_ratio(2026, 2024, scenario.price_level.table) == pytest.approx(1.05)
    table = budget_years(scenario).table
    assert table.loc["anlaeg"].round(2).tolist() == [105_000.0, 0.0, 0.0, 0.0]
    assert table.loc["drift"].round(2).tolist() == [0.0, 10_000.0, 10_000.0, 10_000.0]
    assert table.loc["budget_effect"].round(2).tolist() == [-105_000.0, 40_000.0, 40_000.0,
                                                            40_000.0]
    metrics = compute_metrics(scenario)
    assert metrics.npv == pytest.approx(NPV_BY_HAND, abs=0.01)
    assert metrics.npv == pytest.approx(7_065.48, abs=0.01)
    assert metrics.total_investment == pytest.approx(105_000)
    unconverted = quote_2024(price_level={"year": 2026, "index": INDEX})
    unconverted.costs[0].price_year = None
    assert compute_metrics(unconverted).npv == pytest.approx(metrics.npv + 5_000, abs=0.01)


def test_monte_carlo_and_the_contract_value_see_the_converted_amount():
    scenario = quote_2024()
    assert evaluate_many(scenario, {}, n=1).npv[0] == pytest.approx(NPV_BY_HAND, abs=0.01)
    # purchase 105,000 + licence 3 × 10,000, both bought from the supplier
    assert contract_value(scenario) == pytest.approx(135_000)


def test_a_gain_at_another_price_level_converts_its_kroner_never_its_hours():
    scenario = load_sample("aarhus_toilet")
    level = {"year": 2023, "index": [{"year": 2015, "index": 100.0},
                                     {"year": 2023, "index": 117.2}]}
    gain = scenario.gains[0].model_dump() | {"price_year": 2015}
    cost = scenario.costs[0].model_dump() | {"price_year": None}
    moved = Scenario.model_validate(scenario.model_dump() | {
        "price_level": level, "gains": [gain], "costs": [cost]})
    table = cashflow_table(moved)
    # 365 h × 300 kr × 117.2 / 100 = 128,334 kr a year; the hours stay 365
    assert table["gain_released_time"].iloc[1] == pytest.approx(128_334.0)
    assert table["hours_released"].iloc[1] == pytest.approx(365.0)


def test_a_missing_index_year_is_a_clear_message_in_both_languages():
    with pytest.raises(ValidationError) as caught:
        quote_2024(price_level={"year": 2026, "index": [{"year": 2026, "index": 126.0}]})
    assert caught.value.errors()[0]["type"] == "price_index_missing"
    da, = explain_validation("da", caught.value)
    en, = explain_validation("en", caught.value)
    assert "Indkøb: prisindekset har intet tal for 2024" in da
    assert "Indkøb: the price index has no figure for 2024" in en
    with pytest.raises(ValidationError) as twice:
        PriceLevel(index=[{"year": 2024, "index": 1}, {"year": 2024, "index": 2}])
    assert twice.value.errors()[0]["type"] == "price_index_twice"


def test_old_files_load_with_no_price_change():
    """A file saved before the price level existed: P/L 2026, the shipped index, no line
    converted, and the numbers it had (the Aarhus toilet: 4.38 months, NPV 870,668 kr)."""
    data = json.loads((SAMPLE_DIR / "aarhus_toilet.json").read_text(encoding="utf-8"))
    del data["price_level"]
    for line in [*data["costs"], *data["gains"]]:
        del line["price_year"]
    old = Scenario.model_validate(data)
    assert old.price_level == PriceLevel()
    assert old.price_level.year == DEFAULT_YEAR == 2026
    assert old.price_level.index == default_index()
    assert all(line.price_year is None for line in [*old.costs, *old.gains])
    metrics = compute_metrics(old)
    assert metrics.payback_months == pytest.approx(4.3836, abs=1e-4)
    assert metrics.npv == pytest.approx(870_668.28, abs=0.01)


def test_the_aarhus_seed_states_its_2012_price_level_and_keeps_4_38_months():
    toilet = load_sample("aarhus_toilet")
    assert toilet.price_level.year == 2012
    assert [line.price_year for line in [*toilet.costs, *toilet.gains]] == [2012, 2012]
    assert toilet.gains[0].hourly_cost == 300.0
    metrics = compute_metrics(toilet)
    assert metrics.payback_months == pytest.approx(4.3836, abs=1e-4)
    assert metrics.npv == pytest.approx(870_668.28, abs=0.01)


def test_the_default_index_is_danmarks_statistik_with_estimates_marked():
    level = PriceLevel()
    published = {p.year: p.index for p in level.index if not p.estimate}
    assert published[2015] == 100.0 and published[2023] == 117.2
    assert max(published) == 2023
    assert all(p.estimate for p in level.index if p.year > 2023)
    assert "Danmarks Statistik" in level.source and "skøn" in level.source


amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.floats(min_value=1, max_value=1_000), cost=amounts, gain=amounts,
       years=st.lists(st.sampled_from([None, 2020, 2024, 2026]), min_size=2, max_size=2),
       budget_year=st.sampled_from([2020, 2024, 2026]))
def test_an_index_ratio_of_one_never_changes_a_metric(index, cost, gain, years, budget_year):
    """Every year in the table has the same index: whatever the P/L years, every metric and
    the budget-year table equal those of the same case with no P/L years."""
    level = {"year": budget_year, "index": [{"year": y, "index": index}
                                            for y in (2020, 2024, 2026)]}
    base = quote_2024(price_level=level)
    data = base.model_dump()
    data["costs"][0] |= {"amount": cost, "price_year": years[0]}
    data["gains"][0] |= {"quantity": gain, "price_year": years[1]}
    dated = Scenario.model_validate(data)
    for line in [*data["costs"], *data["gains"]]:
        line["price_year"] = None
    plain = Scenario.model_validate(data)
    assert compute_metrics(dated) == compute_metrics(plain)
    assert np.array_equal(budget_years(dated).table.values, budget_years(plain).table.values)


# --- the workbook: the index as input cells, live formulas, the importer ---

def test_saved_exported_and_reimported_is_equal():
    scenario = quote_2024()
    again = Scenario.model_validate_json(scenario.model_dump_json())
    for lang in ("da", "en"):
        assert read_workbook(workbook_bytes(again, lang)) == scenario
    toilet = load_sample("aarhus_toilet")
    assert read_workbook(workbook_bytes(toilet, "da")) == toilet


def test_an_index_typed_into_the_workbook_is_read_back(tmp_path):
    path = tmp_path / "typed.xlsx"
    path.write_bytes(workbook_bytes(quote_2024(), "da"))
    wb = load_workbook(path)
    ws = wb[sheet_title("da", "inputs")]
    rows = [r for r in range(1, ws.max_row + 1) if ws[f"L{r}"].value == "price_index"]
    ws[f"B{rows[0]}"] = 125.0  # 2024
    ws[f"A{rows[-1]}"], ws[f"B{rows[-1]}"] = 2025, "123,5"  # a spare row: a Danish decimal
    wb.save(path)
    with pytest.raises(ExcelImportError, match="123,5"):
        read_workbook(path.read_bytes())
    ws[f"B{rows[-1]}"] = 123.5
    wb.save(path)
    level = read_workbook(path.read_bytes()).price_level
    assert level.table == {2024: 125.0, 2026: 126.0, 2025: 123.5}


def _kpi(ws, scenario: Scenario, lang: str, key: str) -> float:
    layout = plan(scenario, sheet_title(lang, "calculation"), sheet_title(lang, "months"))
    return ws[f"B{layout.kpi_rows[key]}"].value


def index_edited(path, lang: str):
    """The workbook with the 2024 index typed as 112.0 (× 1.125 instead of × 1.05)."""
    wb = load_workbook(path)
    ws = wb[sheet_title(lang, "inputs")]
    ws[f"B{row_of(ws, 'price_index')}"] = 112.0
    out = path.with_name(f"edited_{lang}.xlsx")
    wb.save(out)
    return out, quote_2024(price_level={"year": 2026, "source": "Test", "taken": "2026-01",
                                        "index": [{"year": 2024, "index": 112.0},
                                                  {"year": 2026, "index": 126.0}]})


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("price_level")
    written = write_cases(folder, {"quote_da": (quote_2024(), "da"),
                                   "quote_en": (quote_2024(), "en")})
    path, scenario = index_edited(written["quote_da"][0], "da")
    written["edited_da"] = (path, scenario, "da")
    return recalculate_cases(folder, written)


@needs_soffice
@pytest.mark.parametrize("case", ["quote_da", "quote_en", "edited_da"])
def test_recalculated_workbook_equals_the_app_to_1_kr(recalculated, case):
    path, scenario, lang = recalculated[case]
    book = values(path)
    calc = book[sheet_title(lang, "calculation")]
    metrics = compute_metrics(scenario)
    assert _kpi(calc, scenario, lang, "npv") == pytest.approx(metrics.npv, abs=1)
    assert _kpi(calc, scenario, lang, "total_investment") == pytest.approx(
        metrics.total_investment, abs=1)
    by = book[translate(lang, "excel.sheet.budget_years")]
    label = {"da": "Beløb i faste priser (P/L 2026)",
             "en": "Amounts in constant prices (2026 price level)"}[lang]
    assert calc["A3"].value == by["A3"].value == label
    expected = budget_years(scenario).table
    for offset, key in enumerate(expected.index[:3]):
        shown = [by[f"{c}{FIRST_ROW + offset}"].value for c in COLUMNS[:expected.shape[1]]]
        assert shown == pytest.approx(expected.loc[key].tolist(), abs=1), key


@needs_soffice
def test_an_auditor_changing_the_index_sees_the_effect(recalculated):
    """2024 index 120 → 112: the purchase counts 100,000 × 126/112 = 112,500 kr, not 105,000."""
    path, scenario, lang = recalculated["edited_da"]
    calc = values(path)[sheet_title(lang, "calculation")]
    assert _kpi(calc, scenario, lang, "total_investment") == pytest.approx(112_500, abs=1)
    assert _kpi(calc, scenario, lang, "npv") == pytest.approx(NPV_BY_HAND - 7_500, abs=1)
