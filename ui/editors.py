"""Input widgets that edit the scenario. Each returns the edited part as plain data for the
model to validate; nothing here computes a figure."""

from __future__ import annotations

import math
import zlib
from enum import StrEnum

import pandas as pd
import streamlit as st

from calculators.model import (
    MUNICIPAL_OWNERS,
    Beneficiary,
    CostCategory,
    CostKind,
    EstimateBasis,
    GainKind,
    GainLine,
    GainOwner,
    Period,
    RiskLevel,
    Scenario,
)
from ui import budget_view
from ui.formatting import format_share
from ui.i18n import source_label
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
        format_func=labeller(prefix), width="medium",  # 'Andet område i kommunen' uncut
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


def table_rows(records: list[dict], names: list[str]) -> list[dict]:
    """The rows as plain dicts of the `names` columns: empty cells dropped, rows without any
    value skipped. Plain Python, no frame: this runs for every table on every rerun."""
    rows = []
    for record in records:
        row = {k: _clean(record.get(k)) for k in names}
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
    key = widget_key(name)
    edited = st.data_editor(
        frame, key=key, num_rows="dynamic", hide_index=True,
        column_order=order, column_config=columns, width="stretch",
    )
    stored = table_rows(records, names)
    if not any(st.session_state[key].values()):  # no cell, added or deleted row: as stored
        return stored
    titles = {column: columns[column]["label"] for column in numbers}
    read, problems = read_numbers(edited.to_dict(orient="records"), numbers, titles)
    if problems:
        show_number_problems(problems)
        return stored
    rows = table_rows(read, names)
    if rows != stored:
        st.session_state[TABLE_EDITED] = True
    return rows


def _price_year() -> st.column_config.TextColumn:
    """A line's P/L year (empty: the budget's price level), typed as a year (2024)."""
    return number_column(t("field.line_price_year"), help=t("help.price_year"))


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
        "price_year": _price_year(),
        "source": st.column_config.TextColumn(t("field.source")),
    }
    order = ["name", "category", "kind", "amount", "per_unit", "years", "lifetime_years",
             "budget_area", "price_year", "source"]
    rows = table_editor("costs", records, columns, order,
                        {"amount": NumberSpec(), "lifetime_years": NumberSpec(whole=True),
                         "price_year": YEAR})
    for row in rows:
        row["years"] = parse_int_list(row.get("years", ""))
    return rows


PLAN_YEARS = 4  # the budget year and the three years after it (overslagsår)
SHARE_COLUMNS = [f"budget_share_{year}" for year in range(1, PLAN_YEARS + 1)]


def plan_cells(line: GainLine) -> dict[str, float | None]:
    """The realisation plan as percentages in operating years 1–4 (the last repeating; 0 when
    nothing is taken out); empty cells when the line is not released time."""
    if line.kind is not GainKind.RELEASED_TIME:
        return dict.fromkeys(SHARE_COLUMNS)
    shares = line.budget_shares or [0.0]
    return {column: round(shares[min(i, len(shares) - 1)] * 100, 6)
            for i, column in enumerate(SHARE_COLUMNS)}


def plan_shares(row: dict, plan: dict, before: GainLine | None) -> list[float]:
    """Shares from the edited percentage cells. A changed year carries forward to the later
    years that showed the same value and were not changed themselves (typing 50 in year 2 of
    0, 0, 0, 0 means 50 % from year 2); an empty cell repeats the year before (0 at the start);
    trailing repeats are dropped. The line's own list comes back unchanged when the cells still
    show it (a plan longer than four years is not cut by being displayed)."""
    if row.get("kind", GainKind.RELEASED_TIME) != GainKind.RELEASED_TIME:
        return []
    shown = list(plan_cells(before).values()) if before is not None else [0.0] * PLAN_YEARS
    cells = [plan.get(column) for column in SHARE_COLUMNS]
    if before is not None and shown == cells:
        return list(before.budget_shares)
    for i in range(PLAN_YEARS):
        if cells[i] != shown[i]:
            for j in range(i + 1, PLAN_YEARS):
                if cells[j] == shown[j] == shown[i]:
                    cells[j] = cells[i]
    shares, last = [], 0.0
    for cell in cells:
        last = last if cell is None else float(cell) / 100
        shares.append(last)
    while len(shares) > 1 and shares[-1] == shares[-2]:
        shares.pop()
    return [] if shares == [0.0] else shares


def reach_text(line: GainLine) -> str:
    """What reaches the municipality's budget, read from the model's `GainLine.budget_share`:
    "100 % from year 1", "year 1: 0 % · from year 2: 50 %", or none (and whose gain it is)."""
    if line.owner not in MUNICIPAL_OWNERS:
        return t("gains.reach_other", owner=label("gain_owner", line.owner.value))
    years = range(1, max(len(line.budget_shares), 1) + 1)
    shares = [line.budget_share(year) for year in years]
    if not any(shares):
        return t("gains.reach_nothing")
    runs = [(year, share) for year, share in zip(years, shares, strict=True)
            if year == 1 or share != shares[year - 2]]
    parts = [t("gains.reach_from" if (year, share) == runs[-1] else "gains.reach_year",
               year=year, share=format_share(share, lang())) for year, share in runs]
    return " · ".join(parts)


def gain_editor(scenario: Scenario) -> list[dict]:
    """Gain lines (what and how much), then who reaps each and what reaches the budget."""
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t("field.name"), required=True, width="medium"),
        "kind": _select("kind", GainKind, "gain_kind"),
        "quantity": _number("quantity"),
        "period": _select("period", Period, "period"),
        "hourly_cost": _number("hourly_cost"),
        "per_unit": st.column_config.CheckboxColumn(t("field.per_unit"), default=True),
        "budget_area": st.column_config.TextColumn(t("field.budget_area"),
                                                   help=t("help.budget_area")),
        "price_year": _price_year(),
        "source": st.column_config.TextColumn(t("field.source"), width="large"),
    }
    order = ["name", "kind", "quantity", "period", "hourly_cost", "per_unit", "budget_area",
             "price_year", "source"]
    rows = table_editor("gains", [line.model_dump() for line in scenario.gains], columns, order,
                        {"quantity": NumberSpec(decimals=2), "hourly_cost": NumberSpec(),
                         "price_year": YEAR})
    st.markdown(f"**{t('gains.plan_title')}**")
    st.caption(t("gains.plan_help"))
    return plan_editor(scenario, rows)


def plan_editor(scenario: Scenario, rows: list[dict]) -> list[dict]:
    """Per gain line: who reaps it and, for released time, the realisation plan (share of the
    hours taken out of the budget in operating years 1–4, the last repeating) and the decision
    behind it; beside it, read-only, what reaches the municipality's budget. One row per line
    of the gains table above, in its order (lines added there get the defaults)."""
    by_id = {line.id: line for line in scenario.gains}
    lines = [by_id.get(row.get("id")) for row in rows]
    records = []
    for row, line in zip(rows, lines, strict=True):
        record = {"name": row.get("name", ""), "owner": GainOwner.UNIT.value,
                  "budget_decision": "", "reach": "", **dict.fromkeys(SHARE_COLUMNS)}
        if line is not None:
            record |= {"owner": line.owner.value, "budget_decision": line.budget_decision,
                       "reach": reach_text(line)} | plan_cells(line)
        records.append(record)
    percent = {column: st.column_config.NumberColumn(
        t(f"field.{column}"), min_value=0.0, max_value=100.0, step=5.0, format="%.0f %%",
        width="small", help=t("help.budget_shares")) for column in SHARE_COLUMNS}
    columns = {
        "name": st.column_config.TextColumn(t("field.name"), disabled=True),
        "owner": st.column_config.SelectboxColumn(
            t("field.owner"), options=[o.value for o in GainOwner], required=True,
            format_func=labeller("gain_owner"), width="medium", help=t("help.owner")),
        "reach": st.column_config.TextColumn(t("field.budget_reach"), disabled=True,
                                             width="medium", help=t("help.budget_reach")),
        **percent,
        "budget_decision": st.column_config.TextColumn(
            t("field.budget_decision"), width="medium", help=t("help.budget_decision")),
    }
    ids = "|".join(str(row.get("id")) for row in rows)  # a new set of lines: a fresh editor
    edited = st.data_editor(
        pd.DataFrame(records, columns=list(columns)).astype(dict.fromkeys(SHARE_COLUMNS, float)),
        hide_index=True, width="stretch",
        key=widget_key(f"gain_plan_{zlib.crc32(ids.encode())}"), num_rows="fixed",
        column_config=columns)
    for row, line, plan in zip(rows, lines, edited.to_dict(orient="records"), strict=True):
        plan = {key: _clean(value) for key, value in plan.items()}
        row["owner"] = plan.get("owner") or GainOwner.UNIT.value
        row["budget_decision"] = plan.get("budget_decision") or ""
        row["budget_shares"] = plan_shares(row, plan, line)
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
    """Risks described (text, level) and, for the risk pool, quantified (budget_view): the
    numbers typed in the page's language (`budget_view.RISK_NUMBERS`)."""
    st.caption(t("help.risk_pool"))
    driver, labels = budget_view.risk_driver_column(scenario)
    numbers = {key: number_column(t(title)) for key, title in budget_view.RISK_TITLES.items()}
    columns = {
        "text": st.column_config.TextColumn(t("field.text"), required=True, width="large"),
        "level": _select("level", RiskLevel, "risk"),
        **{key: numbers[key] for key in ("probability", "amount", "year")},
        "driver": driver,
        "change": numbers["change"],
    }
    rows = table_editor("risks", budget_view.risk_records(scenario, labels), columns,
                        list(columns), budget_view.RISK_NUMBERS)
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
    shown = {key: source_label(lang(), key) for key in scenario.sources}  # never an internal key
    records = [{"input": shown[k], "source": v} for k, v in scenario.sources.items()]
    rows = table_editor("sources", records, columns, list(columns))
    keys = {name: key for key, name in shown.items()}
    return {keys.get(str(row["input"]), str(row["input"])): str(row.get("source", ""))
            for row in rows if row.get("input")}


