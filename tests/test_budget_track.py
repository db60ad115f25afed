"""The budget track (issue 14): what reaches the municipality's budget, worked out by hand, and
the migration of model-version-1 files (the cash-releasing flag) to owners and realisation plans."""

from __future__ import annotations

import io
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pydantic import ValidationError
from sqlalchemy import update

from calculators.cashflow import cashflow_table, cumulative_curve, monthly_flows
from calculators.metrics import compute_metrics
from calculators.model import MODEL_VERSION, GainOwner, Scenario
from calculators.scenario_file import SAMPLE_DIR, parse_scenario
from exporters.excel import workbook_bytes
from exporters.excel_data import FIRST_CHUNK_ROW
from exporters.excel_import import ExcelImportError, describe, read_workbook
from exporters.excel_spec import (
    DATA_SHEET,
    GAIN_COLUMNS,
    JSON_CHUNK,
    KEY_COLUMN,
    PLAN_COLUMNS,
    sheet_title,
)
from storage import Library
from storage.tables import scenario_version
from tests.conftest import make_scenario
from tests.test_engine_properties import toilet_cases

HALF_FROM_YEAR_2 = [0.0, 0.5]


def toilet_gain(**extra: object) -> dict:
    return {"id": "time", "name": "Time", "kind": "released_time", "quantity": 1.0,
            "period": "day", "hourly_cost": 300, **extra}


def test_aarhus_toilet_with_half_the_hours_taken_out_from_year_2():
    scenario = make_scenario(gains=[toilet_gain(budget_shares=HALF_FROM_YEAR_2)])
    table = cashflow_table(scenario)
    metrics = compute_metrics(scenario)
    # year 0: the purchase; year 1: nothing taken out, 0 − 0 costs; years 2..10: 0.5 · 109,500
    assert table["budget_effect"].iloc[0] == -40_000
    assert table["budget_effect"].iloc[1] == 0
    assert table["budget_effect"].iloc[2:].tolist() == pytest.approx([54_750] * 9)
    assert table["released_time_kept"].iloc[1:].tolist() == pytest.approx(
        [109_500] + [54_750] * 9)
    assert table["hours_taken_out"].iloc[1:].tolist() == pytest.approx([0] + [182.5] * 9)
    # payback: 12 months with nothing, then 40,000 / (54,750 / 12) = 8.767 months more
    assert metrics.budget_payback_months == pytest.approx(12 + 40_000 / (54_750 / 12))
    assert metrics.budget_payback_months == pytest.approx(20.767, abs=1e-3)
    # discounted: year-2 months are worth 4,562.50 / 1.035² each
    assert metrics.budget_discounted_payback_months == pytest.approx(
        12 + 40_000 / (4_562.5 / 1.035**2))
    assert metrics.budget_discounted_payback_months == pytest.approx(21.392, abs=1e-3)
    # NPV = −40,000 + Σ_{k=2..10} 54,750 / 1.035^k
    assert metrics.budget_npv == pytest.approx(
        -40_000 + sum(54_750 / 1.035**k for k in range(2, 11)))
    assert metrics.budget_npv == pytest.approx(362_435.59, abs=0.01)
    assert metrics.budget_total == pytest.approx(9 * 54_750 - 40_000)  # 452,750
    assert metrics.annual_budget_effect_steady_state == pytest.approx(54_750)
    assert metrics.annual_cash_net_steady_state == pytest.approx(54_750)
    assert metrics.hours_taken_out_per_year == pytest.approx(182.5)
    assert metrics.fte_taken_out_per_year == pytest.approx(182.5 / 1924)
    # the total-value track is untouched: the Aarhus figures of the sample
    assert metrics.payback_months == pytest.approx(4.3836, abs=1e-4)
    assert metrics.npv == pytest.approx(870_668.28, abs=0.01)


def test_region_owned_avoided_cost_has_no_budget_effect():
    admissions = {"name": "Avoided admissions", "kind": "avoided_cost", "quantity": 80_000,
                  "per_unit": False}
    region = compute_metrics(make_scenario(gains=[admissions | {"owner": "region"}]))
    own = compute_metrics(make_scenario(gains=[admissions | {"owner": "municipality"}]))
    assert region.npv == own.npv  # the value is the same …
    assert region.payback_months == pytest.approx(6)  # 40,000 / 80,000 years
    assert region.annual_budget_effect_steady_state == 0  # … but the budget gets none of it
    assert region.budget_total == -40_000
    assert region.budget_payback_months is None
    assert own.annual_budget_effect_steady_state == 80_000
    assert own.budget_payback_months == pytest.approx(6)
    assert own.budget_npv == pytest.approx(own.npv)


def test_taken_out_hours_owned_by_the_region_do_not_reach_the_budget():
    metrics = compute_metrics(make_scenario(gains=[toilet_gain(owner="region",
                                                               budget_shares=[1.0])]))
    assert metrics.budget_total == -40_000
    assert metrics.hours_taken_out_per_year == 0


def test_budget_curve_is_the_budget_track():
    flows = monthly_flows(make_scenario(gains=[toilet_gain(budget_shares=HALF_FROM_YEAR_2)]))
    times, values = cumulative_curve(flows, budget=True)
    assert values[:2].tolist() == [0, -40_000]
    at_two_years = values[times == 2.0]
    assert at_two_years[-1] == pytest.approx(-40_000 + 54_750)


def test_a_plan_on_a_budget_saving_is_refused():
    with pytest.raises(ValidationError, match="realisation plan"):
        make_scenario(gains=[{"name": "Licence", "kind": "budget_saving", "quantity": 1,
                              "budget_shares": [0.5]}])


def test_shares_are_fractions():
    with pytest.raises(ValidationError):
        make_scenario(gains=[toilet_gain(budget_shares=[50])])


def version_1(**gain: object) -> dict:
    data = json.loads((SAMPLE_DIR / "aarhus_toilet.json").read_text())
    data["model_version"] = 1
    for line in data["gains"]:
        for key in ("owner", "budget_shares", "budget_decision"):
            line.pop(key, None)
        line.update(gain)
    return data


@pytest.mark.parametrize(("flag", "shares"), [(True, [1.0]), (False, [])])
def test_version_1_file_migrates_cash_releasing(flag, shares):
    scenario = parse_scenario(json.dumps(version_1(cash_releasing=flag)))
    assert scenario.model_version == MODEL_VERSION == 2
    assert scenario.gains[0].budget_shares == shares
    assert scenario.gains[0].owner is GainOwner.UNIT
    assert scenario.gains[0].quantity == 1.0 and scenario.gains[0].hourly_cost == 300
    budget = compute_metrics(scenario).annual_budget_effect_steady_state
    assert budget == pytest.approx(109_500 if flag else 0)


def test_version_1_budget_saving_stays_a_budget_effect():
    data = version_1()
    data["gains"].append({"id": "licence", "name": "Old licence", "kind": "budget_saving",
                          "quantity": 5_000, "per_unit": False, "cash_releasing": False})
    data["gains"][0]["cash_releasing"] = False
    scenario = parse_scenario(json.dumps(data))
    assert scenario.gains[1].budget_shares == [] and scenario.gains[1].owner is GainOwner.UNIT
    assert compute_metrics(scenario).annual_budget_effect_steady_state == 5_000


def test_current_version_refuses_the_old_flag_and_a_future_version():
    data = version_1(cash_releasing=True) | {"model_version": 2}
    with pytest.raises(ValidationError, match="cash_releasing"):
        Scenario.model_validate(data)
    with pytest.raises(ValidationError, match="model_version"):
        Scenario.model_validate(version_1() | {"model_version": 3})


@st.composite
def planned_cases(draw):
    scenario = draw(toilet_cases())
    data = scenario.model_dump()
    data["gains"][0]["budget_shares"] = draw(st.lists(st.floats(0, 1), max_size=5))
    data["gains"][1]["owner"] = draw(st.sampled_from(list(GainOwner)))
    return Scenario.model_validate(data)


@settings(max_examples=60, deadline=None)
@given(planned_cases())
def test_budget_track_never_exceeds_the_total_value(scenario):
    table = cashflow_table(scenario)
    metrics = compute_metrics(scenario)
    tolerance = 1e-6 * (1 + table[["total_gains", "total_costs"]].abs().to_numpy().max())
    assert (table["budget_effect"] <= table["net"] + tolerance).all()
    assert (table["cumulative_budget"] <= table["cumulative_net"] + tolerance).all()
    assert metrics.budget_npv <= metrics.npv + tolerance
    assert metrics.budget_total <= metrics.total_net + tolerance
    assert (table["released_time_kept"] >= -tolerance).all()
    assert math.isfinite(metrics.budget_npv)
    if metrics.budget_payback_months is not None and metrics.payback_months is not None:
        assert metrics.payback_months <= metrics.budget_payback_months + 1e-6


@settings(max_examples=60, deadline=None)
@given(planned_cases(), st.floats(0, 1))
def test_raising_a_budget_share_never_lengthens_budget_payback(scenario, raise_by):
    shares = scenario.gains[0].budget_shares or [0.0]
    raised = [min(1.0, share + raise_by) for share in shares]
    data = scenario.model_dump()
    data["gains"][0]["budget_shares"] = raised
    before = compute_metrics(scenario).budget_payback_months
    after = compute_metrics(Scenario.model_validate(data)).budget_payback_months
    if before is not None:
        assert after is not None and after <= before + 1e-6


def test_version_1_library_versions_load_migrated(tmp_path):
    """A version saved by the old app (model version 1) in the library loads migrated."""
    library = Library.open(f"sqlite:///{tmp_path / 'library.sqlite'}")
    try:
        entry = library.create(make_scenario(), "Bo")
        old = json.dumps(version_1(cash_releasing=True))
        with library.engine.begin() as conn:
            conn.execute(update(scenario_version).values(body=old))
        loaded = library.load(entry.id)
    finally:
        library.dispose()
    assert loaded.model_version == 2 and loaded.gains[0].budget_shares == [1.0]
    assert compute_metrics(loaded).annual_budget_effect_steady_state == pytest.approx(109_500)


def as_version_1_workbook(scenario: Scenario) -> bytes:
    """The scenario exported, then made to look like a workbook of format 1 (the old app's):
    the cash-releasing flag in the gain table's column G, no realisation-plan table, and the
    stored JSON of model version 1."""
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario, "da")))
    inputs = wb[sheet_title("da", "inputs")]
    for row in range(1, inputs.max_row + 1):
        key = inputs[f"{KEY_COLUMN}{row}"].value
        if key == "gain":
            inputs[f"{GAIN_COLUMNS['owner']}{row}"] = True
        elif key == "plan":
            inputs[f"{KEY_COLUMN}{row}"] = None
    data = wb[DATA_SHEET]
    stored = json.loads("".join(data.cell(row, 1).value for row in range(FIRST_CHUNK_ROW,
                                                                          data.max_row + 1)))
    stored["model_version"] = 1
    for line in stored["gains"]:
        for key in ("owner", "budget_shares", "budget_decision"):
            line.pop(key)
        line["cash_releasing"] = True
    data["A2"] = 1
    text = json.dumps(stored)
    for row in range(FIRST_CHUNK_ROW, data.max_row + 1):
        data.cell(row, 1).value = None
    chunks = [text[i:i + JSON_CHUNK] for i in range(0, len(text), JSON_CHUNK)]
    data["A4"] = len(chunks)
    for row, chunk in enumerate(chunks, start=FIRST_CHUNK_ROW):
        data.cell(row, 1).value = chunk
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_version_1_workbook_imports_migrated():
    scenario = read_workbook(as_version_1_workbook(make_scenario()))
    assert scenario.model_version == 2
    assert scenario.gains[0].budget_shares == [1.0]  # the flag TRUE in column G
    assert scenario.gains[0].owner is GainOwner.UNIT


def test_workbook_round_trip_keeps_owner_plan_and_decision():
    scenario = make_scenario(gains=[
        toilet_gain(budget_shares=[0.0, 0.125, 0.5], budget_decision="=Byrådet, budget 2027"),
        {"id": "adm", "name": "Admissions", "kind": "avoided_cost", "quantity": 5_000,
         "owner": "region"}])
    for lang in ("da", "en"):
        assert read_workbook(workbook_bytes(scenario, lang)) == scenario


def test_a_plan_typed_in_excel_is_read_in_the_models_terms():
    wb = load_workbook(io.BytesIO(workbook_bytes(make_scenario(), "da")))
    inputs = wb[sheet_title("da", "inputs")]
    plan_row = next(r for r in range(1, inputs.max_row + 1)
                    if inputs[f"{KEY_COLUMN}{r}"].value == "plan")
    inputs[f"{PLAN_COLUMNS['budget_shares']}{plan_row}"] = "0 %; 12,5 %; 50"
    buffer = io.BytesIO()
    wb.save(buffer)
    assert read_workbook(buffer.getvalue()).gains[0].budget_shares == [0.0, 0.125, 0.5]
    inputs[f"{PLAN_COLUMNS['budget_shares']}{plan_row}"] = "0; halvdelen"
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(buffer.getvalue())
    assert f"B{plan_row}" in " ".join(describe(caught.value, "da"))
