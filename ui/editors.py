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
from ui.numbers import (
    NumberError,
    NumberSpec,
    error_text,
    format_input,
    read_field,
    shown,
)
from ui.session import TABLE_EDITED, label, labeller, lang, t, widget_key
from ui.widgets import number_field


def _select(field: str, enum: type[StrEnum], prefix: str) -> st.column_config.SelectboxColumn:
    return st.column_config.SelectboxColumn(
        t(f"field.{field}"), options=[e.value for e in enum], required=True,
        format_func=labeller(prefix), width="medium",  # 'Engangs (etablering)' uncut
    )


def number_column(title: str, **kwargs: object) -> st.column_config.TextColumn:
    """A number column typed and shown in the page's language (text: see `read_numbers`)."""
    return st.column_config.TextColumn(title, alignment="right", **kwargs)


def _number(field: str) -> st.column_config.TextColumn:
    return number_column(t(f"field.{field}"))


def shown_numbers(records: list[dict], numbers: dict[str, NumberSpec]) -> list[dict]:
    """The records with their number cells as text in the page's language ('' when empty)."""
    language = lang()
    return [record | {column: format_input(shown(record.get(column), spec), language,
                                           spec.decimals, spec.grouped)
                      for column, spec in numbers.items()} for record in records]


def read_numbers(records: list[dict], numbers: dict[str, NumberSpec],
                 titles: dict[str, str]) -> tuple[list[dict], list[str]]:
    """The edited records with their number cells read back (None when empty), and a message
    per cell that is not a number in the page's language ('Row 2, Hours: ...')."""
    language = lang()
    read, problems = [], []
    for row_number, record in enumerate(records, start=1):
        row = dict(record)
        for column, spec in numbers.items():
            try:
                row[column] = read_field(_clean(row.get(column)), language, spec)
            except NumberError as exc:
                problems.append(t("number.cell", row=row_number, column=titles[column],
                                  message=error_text(exc, language)))
        read.append(row)
    return read, problems


def show_number_problems(problems: list[str]) -> None:
    lines = "\n".join(f"- {line}" for line in problems)
    st.error(f"{lines}\n\n{t('number.table_kept')}")


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


def table_editor(name: str, records: list[dict], columns: dict, order: list[str],
                 numbers: dict[str, NumberSpec] | None = None) -> list[dict]:
    """A data editor with addable rows over `records` (hidden id kept), as `table_rows`. The
    `numbers` columns are typed in the page's language; while one of their cells cannot be
    read, the table says which and its rows stay as stored."""
    numbers = numbers or {}
    names = ["id", *order] if "id" in columns else order
    frame = pd.DataFrame(shown_numbers(records, numbers), columns=names)
    edited = st.data_editor(
        frame, key=widget_key(name), num_rows="dynamic", hide_index=True,
        column_order=order, column_config=columns, width="stretch",
    )
    titles = {column: columns[column]["label"] for column in numbers}
    read, problems = read_numbers(edited.to_dict(orient="records"), numbers, titles)
    stored = table_rows(pd.DataFrame(records, columns=names))
    if problems:
        show_number_problems(problems)
        return stored
    rows = table_rows(pd.DataFrame(read, columns=names))
    if rows != stored:
        st.session_state[TABLE_EDITED] = True
    return rows


def cost_editor(scenario: Scenario) -> list[dict]:
    records = [line.model_dump() | {"years": ", ".join(map(str, line.years))}
               for line in scenario.costs]
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t("field.name"), required=True, width="medium"),
        "category": _select("category", CostCategory, "cost_category"),
        "kind": _select("kind", CostKind, "cost_kind"),
        "amount": _number("amount"),
        "per_unit": st.column_config.CheckboxColumn(t("field.per_unit"), default=True),
        "years": st.column_config.TextColumn(t("field.years"), help=t("help.years")),
        "lifetime_years": _number("lifetime_years"),
        "budget_area": st.column_config.TextColumn(t("field.budget_area"),
                                                   help=t("help.budget_area")),
        "source": st.column_config.TextColumn(t("field.source")),
    }
    order = ["name", "category", "kind", "amount", "per_unit", "years", "lifetime_years",
             "budget_area", "source"]
    rows = table_editor("costs", records, columns, order,
                        {"amount": NumberSpec(), "lifetime_years": NumberSpec(whole=True)})
    for row in rows:
        row["years"] = parse_int_list(row.get("years", ""))
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
        "quantity": _number("quantity"),
        "period": _select("period", Period, "period"),
        "hourly_cost": _number("hourly_cost"),
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
    rows = table_editor("gains", records, columns, order,
                        {"quantity": NumberSpec(decimals=2), "hourly_cost": NumberSpec()})
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
        "rating": _number("rating"),
        "documentation": st.column_config.TextColumn(t("field.documentation"), width="large"),
    }
    rows = table_editor("soft_gains", records, columns, list(columns),
                        {"rating": NumberSpec(whole=True)})
    for row in rows:
        names = [n.strip().lower() for n in str(row.get("beneficiaries", "")).split(",")]
        row["beneficiaries"] = [by_label.get(n, n) for n in names if n]
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


PERCENT = NumberSpec(unit="%")
WHOLE = NumberSpec(whole=True)
YEAR = NumberSpec(whole=True, grouped=False)
FIELDS = {  # each number field's spec; the model checks the limits and explains them
    "start_year": YEAR,
    "horizon_years": WHOLE,
    "discount_rate": NumberSpec(decimals=1, unit="%", minimum=0, maximum=20),
    "hours_per_fte": NumberSpec(),
    "units": WHOLE,
    "adoption": PERCENT,
    "realisation": PERCENT,
    "implementation_months": WHOLE,
    "ramp_up_months": WHOLE,
}


def field_input(field: str, value: float, name: str | None = None, help: bool = False) -> float:
    """The number field for a scenario field (widget key `name`, by default the field)."""
    return number_field(t(f"field.{field}"), value, widget_key(name or field), FIELDS[field],
                        help=t(f"help.{field}") if help else None)


def settings_inputs(scenario: Scenario) -> dict:
    cols = st.columns(4)
    with cols[0]:
        start = field_input("start_year", scenario.start_year)
        month = budget_view.start_month_input(scenario)
    with cols[1]:
        horizon = field_input("horizon_years", scenario.horizon_years, "horizon", help=True)
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
        units = field_input("units", scale.units)
        rollout = st.text_input(t("field.rollout"), value=", ".join(map(str, scale.rollout)),
                                key=widget_key("rollout"), help=t("help.rollout"))
    with cols[1]:
        adoption = field_input("adoption", scale.adoption, help=True)
        realisation = field_input("realisation", scale.realisation, help=True)
    with cols[2]:
        implementation = field_input("implementation_months", scale.implementation_months,
                                     "implementation", help=True)
        ramp = field_input("ramp_up_months", scale.ramp_up_months, "ramp", help=True)
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
