"""Cached analysis results, keyed by the scenario's JSON so pages stay interactive."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.fund import FundPlan, PositionCost, default_loan, fund_plan, position_cost
from calculators.metrics import Metrics, compute_metrics
from calculators.model import Scenario
from calculators.montecarlo import BatchResult, run
from calculators.procurement import Procurement, procurement
from calculators.ranges import conservative, scenario_set
from calculators.risk_pool import Pool, case_pools
from calculators.rollout import RolloutSummary, batch_table, per_unit_table, rollout_summary
from calculators.sensitivity import BreakEven, Grid, break_even_for, tornado, two_way

CaseResults = dict[str, tuple[Metrics, np.ndarray, np.ndarray]]


def key(scenario: Scenario) -> str:
    return scenario.model_dump_json()


def load(scenario_json: str) -> Scenario:
    return Scenario.model_validate_json(scenario_json)


@st.cache_data(max_entries=64, show_spinner=False)
def conservative_json(scenario_json: str) -> str:
    return key(conservative(load(scenario_json)))


@st.cache_data(max_entries=32, show_spinner=False)
def cases(scenario_json: str) -> CaseResults:
    """Worst, base and best: metrics and cumulative curve of each."""
    results = {}
    for name, case in scenario_set(load(scenario_json)).items():
        times, values = cumulative_curve(monthly_flows(case))
        results[name] = (compute_metrics(case), times, values)
    return results


@st.cache_data(max_entries=32, show_spinner=False)
def pools(scenario_json: str) -> dict[str, Pool]:
    """Worst, base and best: the risk pool of each (empty without quantified risks)."""
    return case_pools(scenario_set(load(scenario_json)))


@st.cache_data(max_entries=32, show_spinner=False)
def sensitivity(scenario_json: str) -> tuple[pd.DataFrame, Grid | None]:
    scenario = load(scenario_json)
    return tornado(scenario), two_way(scenario)


@st.cache_data(max_entries=16, show_spinner=False)
def monte_carlo(scenario_json: str, draws: int, seed: int) -> BatchResult:
    return run(load(scenario_json), draws, seed)


@st.cache_data(max_entries=64, show_spinner=False)
def break_even(scenario_json: str, within_months: int) -> BreakEven | None:
    return break_even_for(load(scenario_json), within_months)


@st.cache_data(max_entries=32, show_spinner=False)
def rollout(scenario_json: str) -> tuple[pd.DataFrame, pd.DataFrame, RolloutSummary]:
    scenario = load(scenario_json)
    return batch_table(scenario), per_unit_table(scenario), rollout_summary(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def fund(scenario_json: str) -> FundPlan:
    return fund_plan(load(scenario_json))


@st.cache_resource(max_entries=32, show_spinner=False)
def fund_defaults(scenario_json: str) -> tuple[float, PositionCost]:
    """What the fund's empty loan and position cost stand for: the roll-out's one-off costs
    and the position cost derived from the scenario (shared, read-only)."""
    scenario = load(scenario_json)
    derived = position_cost(scenario.model_copy(
        update={"fund": scenario.fund.model_copy(update={"position_cost": None})}))
    return default_loan(scenario), derived


@st.cache_data(max_entries=32, show_spinner=False)
def procurement_route(scenario_json: str) -> Procurement:
    return procurement(load(scenario_json))
