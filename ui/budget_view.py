"""Widgets of the municipality's budget view: which discount rate, which hours per FTE and the
hourly cost from parts (inputs), and the residual value and the risk pool beside the base case
(results). Every figure comes from calculators/."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from calculators.budget_years import ROWS, BudgetYears
from calculators.discounting import FINANCE_MINISTRY_RATE, DiscountBasis
from calculators.drivers import drivers
from calculators.metrics import Metrics, residual_in_npv
from calculators.model import GainKind, Scenario
from calculators.risk_pool import Pool
from calculators.staffing import (
    HoursBasis,
    StaffCost,
    WorkingTime,
    basis_of,
    hourly_cost,
)
from ui.analysis_text import driver_label
from ui.formatting import format_dkk, format_number
from ui.i18n import translate
from ui.numbers import NumberSpec
from ui.session import (
    label,
    labeller,
    lang,
    replace_scenario,
    scenario,
    show_validation_error,
    t,
    widget_key,
)
from ui.widgets import amounts_label, number_field

WORKING_FIELDS = ("weekly_hours", "weeks", "holidays", "public_holidays", "sickness", "courses")
RATE = NumberSpec(decimals=1, unit="%", minimum=0, maximum=20)
HOURS = NumberSpec(decimals=1)
SHARE = NumberSpec(decimals=1, unit="%")
YEAR = NumberSpec(whole=True, grouped=False)


def discount_inputs(scenario: Scenario) -> dict:
    """The basis of the rate and the rate: the Finance Ministry's 3.5 % (fixed) or the
    municipality's own (editable)."""
    basis = st.selectbox(t("field.discount_basis"), [b.value for b in DiscountBasis],
                         index=list(DiscountBasis).index(scenario.discount_basis),
                         format_func=labeller("discount_basis"),
                         key=widget_key("discount_basis"))
    ministry = basis == DiscountBasis.FINANCE_MINISTRY
    shown = FINANCE_MINISTRY_RATE if ministry else scenario.discount_rate
    rate = number_field(t("field.discount_rate"), shown, widget_key(f"discount_rate.{basis}"),
                        RATE, help=t("bv.discount_fm_note" if ministry else "bv.discount_own_note"),
                        disabled=ministry)
    return {"discount_basis": basis, "discount_rate": rate}


def hours_inputs(scenario: Scenario) -> dict:
    """Hours per FTE: gross, effective (both from `working_time`) or a figure entered."""
    working = scenario.working_time
    figures = {HoursBasis.GROSS: working.gross, HoursBasis.EFFECTIVE: working.effective}
    current = basis_of(scenario.hours_per_fte, working)
    language = lang()  # fixed to this run, as `labeller` does

    def text(value: str) -> str:
        hours = figures.get(HoursBasis(value))
        return translate(language, f"hours_basis.{value}",
                         hours=format_number(hours, language, 1) if hours is not None else "")

    basis = st.selectbox(t("field.hours_basis"), [b.value for b in HoursBasis],
                         index=list(HoursBasis).index(current), format_func=text,
                         key=widget_key("hours_basis"))
    fixed = figures.get(HoursBasis(basis))
    hours = number_field(t("field.hours_per_fte"),
                         float(fixed if fixed is not None else scenario.hours_per_fte),
                         widget_key(f"hours_per_fte.{basis}.{fixed}"), HOURS,
                         help=t("help.hours_per_fte"), disabled=fixed is not None)
    return {"hours_per_fte": hours, "hours_basis": basis}


def follow_parts(data: dict) -> dict:
    """Settings data with the hours per FTE following its parts when gross or effective hours
    are chosen (edited parts change the figure in the same run); the basis is not stored."""
    basis = HoursBasis(data.pop("hours_basis"))
    if basis is HoursBasis.ENTERED:
        return data
    try:
        working = WorkingTime.model_validate(data["working_time"])
    except ValueError:
        return data  # the scenario's validation explains it
    data["hours_per_fte"] = working.gross if basis is HoursBasis.GROSS else working.effective
    return data


def _number(field: str, value: float, column: st.delta_generator.DeltaGenerator, prefix: str,
            spec: NumberSpec = HOURS) -> float:
    with column:
        return number_field(t(f"field.{field}"), float(value), widget_key(f"{prefix}.{field}"),
                            spec)


def working_time_inputs(scenario: Scenario) -> dict:
    """The parts of an FTE's hours and, optionally, of the hourly cost. Returns `working_time`
    and `staff_cost` as plain data."""
    working = scenario.working_time
    columns = st.columns(len(WORKING_FIELDS))
    parts = {field: _number(field, getattr(working, field), column, "working")
             for field, column in zip(WORKING_FIELDS, columns, strict=True)}
    built = {**working.model_dump(), **parts}
    st.caption(t("bv.hours_note", weekly=format_number(working.weekly_hours, lang(), 1),
                 weeks=format_number(working.weeks, lang()),
                 gross=format_number(working.gross, lang(), 1),
                 effective=format_number(working.effective, lang(), 1),
                 source=f"{t('bv.gross_source')}; {working.source}"))
    updates: dict = {"working_time": built, "staff_cost": None}
    use = st.checkbox(t("bv.staff_cost_use"), value=scenario.staff_cost is not None,
                      key=widget_key("staff_cost_use"))
    if use:
        updates["staff_cost"] = staff_cost_inputs(scenario.staff_cost, working,
                                                  scenario.price_level.year)
    return updates


def staff_cost_inputs(staff: StaffCost | None, working: WorkingTime, budget_year: int) -> dict:
    """The position's cost from its parts; a new one starts at the budget's price level."""
    staff = staff or StaffCost(annual_salary=0.0, price_year=budget_year)
    columns = st.columns(4)
    salary = _number("annual_salary", staff.annual_salary, columns[0], "staff", NumberSpec())
    pension = _number("pension_share", staff.pension_share, columns[1], "staff", SHARE)
    other = _number("other_costs", staff.other_costs, columns[2], "staff", NumberSpec())
    year = _number("price_year", staff.price_year, columns[3], "staff", YEAR)
    data = {"annual_salary": salary, "pension_share": pension, "other_costs": other,
            "price_year": year, "source": staff.source}
    try:
        built = StaffCost.model_validate(data)
    except ValueError:
        return data  # the scenario's validation explains it
    effective = hourly_cost(built, working.effective)
    st.markdown(t("bv.hourly_result", salary=format_dkk(built.annual_salary, lang()),
                  other=format_dkk(built.other_costs, lang()),
                  hours=format_number(working.effective, lang(), 1),
                  effective=format_dkk(effective, lang()),
                  gross=format_dkk(hourly_cost(built, working.gross), lang()),
                  year=built.price_year))
    if st.button(t("bv.hourly_apply", value=format_dkk(effective, lang())),
                 key=widget_key("staff.apply")):
        st.session_state["apply_hourly_cost"] = (round(effective, 2), built.price_year)
    return data


def apply_hourly_cost() -> None:
    """After the edits are applied: price the released-time lines at the hourly cost built from
    parts when its button was pressed (the inputs start afresh from the new scenario)."""
    applied = st.session_state.pop("apply_hourly_cost", None)
    if applied is None:
        return
    try:
        changed, count = with_hourly_cost(scenario(), *applied)
    except ValidationError as exc:  # e.g. the index has no figure for the staff cost's year
        show_validation_error(exc)
        return
    replace_scenario(changed)
    st.toast(t("bv.hourly_applied", count=count))
    st.rerun()


def with_hourly_cost(case: Scenario, rate: float, price_year: int) -> tuple[Scenario, int]:
    """The scenario with every released-time line priced at `rate` kr an hour at `price_year`'s
    price level (converted to the budget's like any amount), and how many lines."""
    data = case.model_dump()
    released = [line for line in data["gains"] if line["kind"] == GainKind.RELEASED_TIME]
    for line in released:
        line["hourly_cost"] = rate
        line["price_year"] = None if price_year == case.price_level.year else price_year
    return Scenario.model_validate(data), len(released)


RISK_NUMBERS = {  # typed in the page's language (ui.editors.read_numbers); the model checks
    "probability": NumberSpec(unit="%", optional=True, minimum=0, maximum=100),
    "amount": NumberSpec(optional=True, minimum=0),
    "year": NumberSpec(whole=True, grouped=False, optional=True, minimum=0),
    "change": NumberSpec(optional=True),
}


RISK_TITLES = {"probability": "field.probability", "amount": "field.risk_amount",
               "year": "field.risk_year", "change": "field.risk_change"}


def risk_driver_column(scenario: Scenario) -> tuple[st.column_config.SelectboxColumn,
                                                    dict[str, str]]:
    """The risk editor's column of the driver a risk changes, and the driver labels by key."""
    labels = {d.key: driver_label(lang(), d) for d in drivers(scenario)}
    column = st.column_config.SelectboxColumn(t("field.risk_driver"),
                                              options=list(labels.values()), width="medium")
    return column, labels


def risk_records(scenario: Scenario, labels: dict[str, str]) -> list[dict]:
    """The scenario's risks as editor rows, the driver by its label."""
    return [risk.model_dump() | {"driver": labels.get(risk.driver) if risk.driver else None}
            for risk in scenario.risks]


def risk_rows(rows: list[dict], labels: dict[str, str]) -> list[dict]:
    """Editor rows back to model data: a label back to its driver key."""
    keys = {text: key for key, text in labels.items()}
    for row in rows:
        if row.get("driver"):
            row["driver"] = keys.get(row["driver"], row["driver"])
    return rows


def residual_caption(scenario: Scenario, metrics: Metrics) -> None:
    if metrics.residual_value == 0 and not scenario.include_residual_value:
        return
    value = format_dkk(metrics.residual_value, lang())
    counted = (t("bv.residual_in", value=format_dkk(
        residual_in_npv(scenario, metrics.residual_value), lang()))
        if scenario.include_residual_value else t("bv.residual_out"))
    st.caption(f"{t('bv.residual')}: {value}. {counted}")


def risk_pool_panel(pool: Pool) -> None:
    """The pool beside the base case: its expected cost, the NPV after it and the table."""
    if not pool.risks:
        return
    language = lang()
    columns = st.columns(2)
    with columns[0]:
        st.metric(t("bv.pool"), format_dkk(pool.expected_cost, language), help=t("bv.pool_help"),
                  border=True)
    with columns[1]:
        st.metric(t("bv.npv_after_pool"), format_dkk(pool.npv_after_pool, language), border=True)
    with st.expander(t("bv.pool_table")):
        st.dataframe(pd.DataFrame({
            t("bv.col.risk"): [r.risk.text for r in pool.risks],
            t("field.probability"): [format_number(r.risk.probability * 100, language)
                                     for r in pool.risks],
            t("bv.col.consequence"): [format_dkk(r.consequence, language) for r in pool.risks],
            t("bv.col.expected"): [format_dkk(r.expected, language) for r in pool.risks],
            t("bv.col.level"): [label("risk", r.level.value) for r in pool.risks],
        }), hide_index=True, width="stretch")



MONTHS = range(1, 13)


def start_month_input(scenario: Scenario) -> int | None:
    """The month of start_year the case starts; empty = the end of the year."""
    language = lang()

    def text(month: int | None) -> str:
        return translate(language, "by.start_month_none" if month is None
                         else f"by.month.{month}")

    options = [None, *MONTHS]
    return st.selectbox(t("field.start_month"), options,
                        index=options.index(scenario.start_month), format_func=text,
                        key=widget_key("start_month"), help=t("help.start_month"))


def budget_year_rows(result: BudgetYears, language: str) -> pd.DataFrame:
    """The budget-year table as shown: rows named in the user's language, whole kroner."""
    names = {key: translate(language, f"by.row.{key}") for key in ROWS}
    for area in result.areas:
        names[f"area:{area}"] = translate(language, "by.row.area",
                                          area=area or translate(language, "by.no_area"))
    columns = {str(year): str(year) for year in result.years}
    if result.rest:
        columns["rest"] = translate(language, "by.rest", first=result.rest[0],
                                    last=result.rest[1])
    shown = result.table.round(0).rename(index=names, columns=columns)
    return shown.map(lambda value: format_dkk(value, language))


def budget_year_table(result: BudgetYears, scenario: Scenario) -> None:
    st.caption(f"{amounts_label(scenario)}. {t('by.note')}")
    st.dataframe(budget_year_rows(result, lang()), width="stretch")
