"""Roll-out per unit and in total: staggered batches from the engine, divided by hand."""

from __future__ import annotations

import pytest

from calculators.cashflow import cashflow_table
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.rollout import batch_table, per_unit_table, rollout_summary
from calculators.scenario_file import load_sample


def test_batches_start_gaining_after_their_own_implementation():
    lifts = batch_table(load_sample("ceiling_lifts"))  # 20 + 20 lifts, 3 months + 3 ramp-up
    assert lifts["units"].tolist() == [20, 20]
    assert lifts["gains_start_month"].tolist() == [3, 15]
    assert lifts["full_gains_month"].tolist() == [6, 18]


def test_per_unit_is_the_total_divided_by_installed_units():
    lifts = load_sample("ceiling_lifts")
    table = per_unit_table(lifts)
    totals = cashflow_table(lifts)
    assert table["units_installed"].tolist()[:3] == [20, 40, 40]
    assert table["net"].tolist() == pytest.approx(totals["net"].tolist())
    assert table.loc[1, "net_per_unit"] == pytest.approx(totals.loc[1, "net"] / 40)
    summary = rollout_summary(lifts)
    assert summary.per_unit(summary.npv) == pytest.approx(compute_metrics(lifts).npv / 40)


def test_no_units_gives_no_per_unit_figures():
    data = load_sample().model_dump()
    data["scale"]["units"] = 0
    empty = Scenario.model_validate(data)
    assert rollout_summary(empty).per_unit(1_000.0) is None
    assert per_unit_table(empty)["net_per_unit"].isna().all()
