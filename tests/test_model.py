"""The scenario model: validation with clear messages, the JSON format and its schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from calculators.__main__ import finite
from calculators.model import Scenario
from calculators.scenario_file import (
    SAMPLE_DIR,
    ScenarioFileError,
    dump_scenario,
    load_sample,
    parse_scenario,
    sample_names,
    scenario_json_schema,
)
from tests.conftest import make_scenario
from ui.i18n import explain_validation


def errors_for(lang: str, **changes: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        make_scenario(**changes)
    return explain_validation(lang, caught.value)


def test_every_sample_round_trips_through_json():
    assert {"aarhus_toilet", "aarhus_toilet_conservative"} <= set(sample_names())
    for name in sample_names():
        scenario = load_sample(name)
        assert parse_scenario(dump_scenario(scenario)) == scenario


def test_seed_sample_is_the_source_example_marked_optimistic(toilet):
    assert toilet.estimate_basis == "optimistic"
    assert toilet.costs[0].amount == 40_000
    assert toilet.gains[0].annual_value == 109_500
    conservative = load_sample("aarhus_toilet_conservative")
    assert conservative.gains[0].annual_hours == pytest.approx(52 / 60 * 52)


def test_checked_in_schema_matches_the_model():
    assert (SAMPLE_DIR / "scenario.schema.json").read_text() == scenario_json_schema()


def test_negative_hours_are_refused_in_both_languages():
    gains = [{"name": "Time", "quantity": -1, "hourly_cost": 300}]
    assert errors_for("da", gains=gains) == ["Gevinster › række 1 › Mængde (timer eller kr.): "
                                             "skal være mindst 0"]
    assert errors_for("en", gains=gains) == ["Gains › row 1 › Quantity (hours or DKK): "
                                             "must be at least 0"]


def test_horizon_and_shares_in_range():
    assert errors_for("da", horizon_years=31) == ["Tidshorisont (år): må højst være 30"]
    assert errors_for("en", adoption=1.5) == ["Scale › Share in use (%): must be at most 100 %"]


def test_rollout_must_add_up_and_fit_the_horizon():
    assert errors_for("en", units=5, rollout=[1, 1]) == [
        "Scale: the roll-out adds 2 units but the number of units is 5"]
    assert errors_for("da", units=2, rollout=[1, 1], horizon_years=1) == [
        "udrulningen varer 2 år – længere end horisonten på 1 år"]


def test_lifetime_only_on_one_off_costs():
    costs = [{"name": "Licence", "kind": "recurring", "amount": 10, "lifetime_years": 5}]
    assert errors_for("da", costs=costs) == [
        "Omkostninger › række 1: Licence: levetid gælder kun engangsomkostninger"]


def test_nan_and_infinity_are_refused():
    for bad in (float("nan"), float("inf")):
        assert errors_for("en", costs=[{"name": "X", "amount": bad}])


def test_unknown_fields_are_refused():
    data = load_sample().model_dump() | {"colour": "red"}
    with pytest.raises(ValidationError):
        Scenario.model_validate(data)


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"\x89PNG\r\n\x1a\n", "not_json"), (b"[1, 2]", "not_scenario"),
     (b'{"title": "x", "horizon_years": 99}', "invalid"), (b"{", "not_json")],
)
def test_bad_files_get_a_code(content, code):
    with pytest.raises(ScenarioFileError) as caught:
        parse_scenario(content)
    assert caught.value.code == code


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True,
                          text=True, check=False)


def test_cli_summary_of_the_seed_case():
    done = run_cli("summary", str(SAMPLE_DIR / "aarhus_toilet.json"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["payback_months"] == pytest.approx(4.38, abs=0.005)
    assert result["npv"] == pytest.approx(870_668.28, abs=0.01)
    for key in ("discounted_payback_months", "irr", "total_net", "annual_net_steady_state",
                "hours_released_per_year", "fte_released_per_year"):
        assert key in result
    assert len(result["cashflow"]) == 11
    assert result["cashflow"][1]["total_gains"] == pytest.approx(109_500)
    # the budget track: nothing is taken out, so the budget carries only the purchase
    assert result["budget_payback_months"] is None
    assert result["budget_discounted_payback_months"] is None
    assert result["budget_npv"] == pytest.approx(-40_000)
    assert result["budget_total"] == pytest.approx(-40_000)
    assert result["annual_budget_effect_steady_state"] == 0
    assert result["hours_taken_out_per_year"] == 0
    assert [year["budget_effect"] for year in result["cashflow"]] == [-40_000] + [0] * 10
    assert "NaN" not in done.stdout and "Infinity" not in done.stdout


def test_cli_summary_of_a_realisation_plan(tmp_path):
    data = json.loads((SAMPLE_DIR / "aarhus_toilet.json").read_text())
    data["gains"][0]["budget_shares"] = [0.0, 0.5]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data))
    result = json.loads(run_cli("summary", str(path)).stdout)
    assert result["budget_payback_months"] == pytest.approx(12 + 40_000 / (54_750 / 12))
    assert result["budget_npv"] == pytest.approx(362_435.59, abs=0.01)
    assert result["cashflow"][2]["budget_effect"] == pytest.approx(54_750)
    assert result["payback_months"] == pytest.approx(40_000 / 109_500 * 12)  # unchanged


def test_summary_json_never_holds_nan_or_infinity():
    assert finite({"a": float("nan"), "b": [1.0, float("inf")], "c": "x"}) == {
        "a": None, "b": [1.0, None], "c": "x"}


def test_cli_bad_file_is_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "horizon_years": 0}')
    for path in (bad, tmp_path / "missing.json"):
        done = run_cli("summary", str(path))
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error:")
