"""Input widgets that edit the scenario. Each returns the edited part as plain data for the
model to validate; nothing here computes a figure."""

from __future__ import annotations

import math
from enum import StrEnum

import pandas as pd
import streamlit as st

from calculators.model import (
    Beneficiary,
    CostCategory,
    CostKind,
    EstimateBasis,
    GainKind,
    GainOwner,
    Period,
    RiskLevel,
    Scenario,
    format_budget_plan,
    parse_budget_plan,
)
from ui import budget_view
from ui.i18n import has
from ui.session import label, labeller, lang, t, widget_key


def _select(field: str, enum: type[StrEnum], prefix: str) -> st.column_config.SelectboxColumn:
    return st.column_config.SelectboxColumn(
        t(f"field.{field}"), options=[e.value for e in enum], required=True,
        format_func=labeller(prefix), width="medium",  # 'Engangs (etablering)' uncut
    )


def _number(field: str, step: float | None = None, fmt: str | None = None):
    return st.column_config.NumberColumn(t(f"field.{field}"), step=step, format=fmt)


def parse_int_list(text: str) -> list:
    """'0, 1 3' → [0, 1, 3]; what is not a whole number is passed on for the model to reject."""
    parts = [p for p in str(text or "").replace(";", ",").replace(" ", ",").split(",") if p]
    return [int(p) if p.lstrip("-").isdigit() else p for p in parts]


def _clean(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def table_rows(frame: pd.DataFrame) -> list[dict]:
    """The edited rows as plain dicts: empty cells dropped, rows without any value skipped."""
    rows = []
    for record in frame.to_dict(orient="records"):
        row = {k: _clean(v) for k, v in record.items()}
        if not any(v not in (None, "") for k, v in row.items() if k != "id"):
            continue
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def table_editor(name: str, records: list[dict], columns: dict, order: list[str]) -> list[dict]:
    """A data editor with addable rows over `records` (hidden id kept), as `table_rows`."""
    frame = pd.DataFrame(records, columns=["id", *order] if "id" in columns else order)
    edited = st.data_editor(
        frame, key=widget_key(name), num_rows="dynamic", hide_index=True,
        column_order=order, column_config=columns, width="stretch",
    )
    return table_rows(edited)


def cost_editor(scenario: Scenario) -> list[dict]:
    records = [line.model_dump() | {"years": ", ".join(map(str, line.years))}
               for line in scenario.costs]
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t("field.name"), required=True, width="medium"),
        "category": _select("category", CostCategory, "cost_category"),
        "kind": _select("kind", CostKind, "cost_kind"),
        "amount": _number("amount", 1.0, "%.0f"),
        "per_unit": st.column_config.CheckboxColumn(t("field.per_unit"), default=True),
        "years": st.column_config.TextColumn(t("field.years"), help=t("help.years")),
        "lifetime_years": _number("lifetime_years", 1, "%d"),
        "budget_area": st.column_config.TextColumn(t("field.budget_area"),
                                                   help=t("help.budget_area")),
        "source": st.column_config.TextColumn(t("field.source")),
    }
    order = ["name", "category", "kind", "amount", "per_unit", "years", "lifetime_years",
             "budget_area", "source"]
    rows = table_editor("costs", records, columns, order)
    for row in rows:
        row["years"] = parse_int_list(row.get("years", ""))
        if isinstance(row.get("lifetime_years"), float):
            row["lifetime_years"] = round(row["lifetime_years"])
    return rows


def gain_editor(scenario: Scenario) -> list[dict]:
    """Gain lines with who reaps each and, for released time, the realisation plan typed as
    percentages per operating year ("0; 50 %": nothing in year 1, half from year 2)."""
    decimal = "," if lang() == "da" else "."
    records = [line.model_dump() | {"budget_shares": format_budget_plan(line.budget_shares,
                                                                        decimal)}
               for line in scenario.gains]
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t("field.name"), required=True, width="medium"),
        "kind": _select("kind", GainKind, "gain_kind"),
        "quantity": _number("quantity", 0.01, "%.2f"),
        "period": _select("period", Period, "period"),
        "hourly_cost": _number("hourly_cost", 1.0, "%.0f"),
        "per_unit": st.column_config.CheckboxColumn(t("field.per_unit"), default=True),
        "owner": _select("owner", GainOwner, "gain_owner"),
        "budget_shares": st.column_config.TextColumn(t("field.budget_shares"),
                                                     help=t("help.budget_shares")),
        "budget_decision": st.column_config.TextColumn(t("field.budget_decision")),
        "budget_area": st.column_config.TextColumn(t("field.budget_area"),
                                                   help=t("help.budget_area")),
        "source": st.column_config.TextColumn(t("field.source")),
    }
    order = ["name", "kind", "quantity", "period", "hourly_cost", "per_unit", "owner",
             "budget_shares", "budget_decision", "budget_area", "source"]
    rows = table_editor("gains", records, columns, order)
    for row in rows:
        row["budget_shares"] = parse_budget_plan(row.get("budget_shares", ""))
    return rows


def soft_gain_editor(scenario: Scenario) -> list[dict]:
    records = [g.model_dump() | {"beneficiaries": ", ".join(label("beneficiary", b) for b in
                                                            g.beneficiaries)}
               for g in scenario.soft_gains]
    by_label = {label("beneficiary", b.value).lower(): b.value for b in Beneficiary}
    columns = {
        "description": st.column_config.TextColumn(t("field.description"), required=True,
                                                   width="large"),
        "beneficiaries": st.column_config.TextColumn(t("field.beneficiaries"),
                                                     help=t("help.beneficiaries")),
        "rating": _number("rating", 1, "%d"),
        "documentation": st.column_config.TextColumn(t("field.documentation"), width="large"),
    }
    rows = table_editor("soft_gains", records, columns, list(columns))
    for row in rows:
        names = [n.strip().lower() for n in str(row.get("beneficiaries", "")).split(",")]
        row["beneficiaries"] = [by_label.get(n, n) for n in names if n]
        if isinstance(row.get("rating"), float):
            row["rating"] = round(row["rating"])
    return rows


def risk_editor(scenario: Scenario) -> list[dict]:
    """Risks described (text, level) and, for the risk pool, quantified (budget_view)."""
    st.caption(t("help.risk_pool"))
    pool_columns, labels = budget_view.risk_columns(scenario)
    columns = {
        "text": st.column_config.TextColumn(t("field.text"), required=True, width="large"),
        "level": _select("level", RiskLevel, "risk"),
        **pool_columns,
    }
    rows = table_editor("risks", budget_view.risk_records(scenario, labels), columns,
                        list(columns))
    return budget_view.risk_rows(rows, labels)


def _percent_input(field: str, value: float) -> float:
    return st.number_input(t(f"field.{field}"), value=round(value * 100, 6), step=5.0,
                           key=widget_key(field), help=t(f"help.{field}")) / 100


def settings_inputs(scenario: Scenario) -> dict:
    cols = st.columns(4)
    with cols[0]:
        start = st.number_input(t("field.start_year"), value=scenario.start_year, step=1,
                                key=widget_key("start_year"))
        month = budget_view.start_month_input(scenario)
    with cols[1]:
        horizon = st.number_input(t("field.horizon_years"), value=scenario.horizon_years, step=1,
                                  key=widget_key("horizon"), help=t("help.horizon_years"))
    with cols[2]:
        rate = budget_view.discount_inputs(scenario)
    with cols[3]:
        hours = budget_view.hours_inputs(scenario)
    residual = st.checkbox(t("field.include_residual_value"),
                           value=scenario.include_residual_value,
                           key=widget_key("include_residual_value"),
                           help=t("help.include_residual_value"))
    with st.expander(t("bv.hours_parts")):
        parts = budget_view.working_time_inputs(scenario)
    return budget_view.follow_parts({"start_year": start, "start_month": month,
                                     "horizon_years": horizon, **rate,
                                     **hours, **parts, "include_residual_value": residual})


def scale_inputs(scenario: Scenario) -> dict:
    scale = scenario.scale
    cols = st.columns(3)
    with cols[0]:
        units = st.number_input(t("field.units"), value=scale.units, step=1,
                                key=widget_key("units"))
        rollout = st.text_input(t("field.rollout"), value=", ".join(map(str, scale.rollout)),
                                key=widget_key("rollout"), help=t("help.rollout"))
    with cols[1]:
        adoption = _percent_input("adoption", scale.adoption)
        realisation = _percent_input("realisation", scale.realisation)
    with cols[2]:
        implementation = st.number_input(
            t("field.implementation_months"), value=scale.implementation_months, step=1,
            key=widget_key("implementation"), help=t("help.implementation_months"))
        ramp = st.number_input(t("field.ramp_up_months"), value=scale.ramp_up_months, step=1,
                               key=widget_key("ramp"), help=t("help.ramp_up_months"))
    return {"units": units, "rollout": parse_int_list(rollout), "adoption": adoption,
            "realisation": realisation, "implementation_months": implementation,
            "ramp_up_months": ramp}


def description_inputs(scenario: Scenario) -> dict:
    cols = st.columns(3)
    texts = {}
    for col, field in zip(cols, ("title", "organisation", "technology"), strict=True):
        with col:
            texts[field] = st.text_input(t(f"field.{field}"), value=getattr(scenario, field),
                                         key=widget_key(field))
    for field in ("purpose", "baseline", "with_technology", "alternatives", "description"):
        texts[field] = st.text_area(t(f"field.{field}"), value=getattr(scenario, field),
                                    key=widget_key(field), height=90)
    cols = st.columns(2)
    with cols[0]:
        texts["beneficiaries"] = st.multiselect(
            t("field.beneficiaries"), [b.value for b in Beneficiary],
            default=[b.value for b in scenario.beneficiaries],
            format_func=labeller("beneficiary"), key=widget_key("beneficiaries"))
    with cols[1]:
        texts["estimate_basis"] = st.selectbox(
            t("field.estimate_basis"), [b.value for b in EstimateBasis],
            index=list(EstimateBasis).index(scenario.estimate_basis),
            format_func=labeller("basis"), key=widget_key("estimate_basis"))
    st.markdown(f"**{t('field.risks')}**")
    texts["risks"] = risk_editor(scenario)
    st.markdown(f"**{t('field.sources')}**")
    texts["sources"] = sources_editor(scenario)
    return texts


def sources_editor(scenario: Scenario) -> dict[str, str]:
    """Where each scalar input comes from: free text or a link per input."""
    columns = {
        "input": st.column_config.TextColumn(t("field.input"), required=True),
        "source": st.column_config.TextColumn(t("field.source"), width="large"),
    }
    shown = {key: source_name(key) for key in scenario.sources}  # never an internal key
    records = [{"input": shown[k], "source": v} for k, v in scenario.sources.items()]
    rows = table_editor("sources", records, columns, list(columns))
    keys = {name: key for key, name in shown.items()}
    return {keys.get(str(row["input"]), str(row["input"])): str(row.get("source", ""))
            for row in rows if row.get("input")}


def source_name(key: str) -> str:
    """What a source's key (e.g. `hours_saved`, from files and the pitch) is called on screen;
    a key the user typed is its own name."""
    return t(f"source_key.{key}") if has(f"source_key.{key}") else key
