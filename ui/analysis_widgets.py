"""Inputs of the analysis pages: the range editor, the conservative switch, fund and
procurement settings. Each returns plain data for the model to validate."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from calculators.drivers import drivers
from calculators.fund import PositionCost
from calculators.model import (
    MAX_HORIZON_YEARS,
    ContractKind,
    Distribution,
    ProcurementRoute,
    Scenario,
)
from calculators.procurement import ContractLine, bought_from_supplier
from ui import analysis_cache as cache
from ui.analysis_text import PERCENT_FIELDS, driver_label, shown_value
from ui.editors import number_column, read_numbers, show_number_problems, untouched
from ui.formatting import format_dkk, format_number
from ui.i18n import translate
from ui.numbers import NumberSpec, format_input
from ui.session import labeller, lang, t, widget_key
from ui.widgets import number_field

CONSERVATIVE = "analysis_conservative_value"
KRONER = NumberSpec(unit="kr")
OWN_KRONER = NumberSpec(unit="kr", optional=True)  # empty: the law's threshold applies
RANGE_NUMBERS = {"low": NumberSpec(), "high": NumberSpec()}  # shares typed in per cent


def _stored(field: str, value: float) -> float:
    return value / 100 if field in PERCENT_FIELDS else value


def _text(field: str, value: float) -> str:
    """A driver value as the range table shows it: shares in per cent (70 for 0.7)."""
    return format_input(round(shown_value(field, value), 10), lang())


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def range_editor(scenario: Scenario) -> dict:
    """Low / expected / high for every driver; an empty end is the expected value, both
    empty = no range. A row whose expected value falls outside its ends is refused."""
    found = drivers(scenario)
    rows = []
    for driver in found:
        band = scenario.ranges.get(driver.key)
        rows.append({
            "key": driver.key, "driver": driver_label(lang(), driver),
            "expected": _text(driver.field, driver.value),
            "low": _text(driver.field, band.low) if band else "",
            "high": _text(driver.field, band.high) if band else "",
            "distribution": (band.distribution if band else Distribution.TRIANGULAR).value,
        })
    columns = {
        "key": None,
        "driver": st.column_config.TextColumn(t("an.driver"), disabled=True, width="large"),
        "expected": number_column(t("an.expected"), disabled=True),
        "low": number_column(t("field.low")),
        "high": number_column(t("field.high")),
        "distribution": st.column_config.SelectboxColumn(
            t("field.distribution"), options=[d.value for d in Distribution], required=True,
            format_func=labeller("distribution")),
    }
    edited = st.data_editor(pd.DataFrame(rows), key=widget_key("ranges"), hide_index=True,
                            num_rows="fixed", column_config=columns, width="stretch",
                            column_order=["driver", "low", "expected", "high", "distribution"])
    records = edited.to_dict(orient="records")
    if all(record[c] == row[c] for record, row in zip(records, rows, strict=True)
           for c in ("low", "high", "distribution")):
        # nothing typed: the stored ranges stand exactly (the shown text is rounded)
        return {key: band.model_dump() for key, band in scenario.ranges.items()}
    read, problems = read_numbers(records, RANGE_NUMBERS,
                                  {c: columns[c]["label"] for c in RANGE_NUMBERS})
    if problems:
        show_number_problems(problems)
        return {key: band.model_dump() for key, band in scenario.ranges.items()}
    ranges, refused = ranges_from_rows(scenario, read)
    for name in refused:
        st.warning(t("an.range_refused", driver=name))
    return ranges


def ranges_from_rows(scenario: Scenario, rows: list[dict]) -> tuple[dict, list[str]]:
    """The edited rows (one per driver, in `drivers` order, shares in %) as range data, and
    the drivers whose rows were refused because low ≤ expected ≤ high fails (their old range
    is kept). An empty end is the expected value; both empty: no range."""
    ranges, refused = {}, []
    for driver, row in zip(drivers(scenario), rows, strict=True):
        low, high = _number(row["low"]), _number(row["high"])
        if low is None and high is None:
            continue
        low = driver.value if low is None else _stored(driver.field, low)
        high = driver.value if high is None else _stored(driver.field, high)
        if not low <= driver.value <= high:
            refused.append(row["driver"])
            if driver.key in scenario.ranges:
                ranges[driver.key] = scenario.ranges[driver.key].model_dump()
            continue
        ranges[driver.key] = {"low": low, "high": high,
                              "distribution": row["distribution"] or Distribution.TRIANGULAR}
    return ranges, refused


def conservative_switch() -> bool:
    """The conservative preset, remembered across pages."""
    value = st.toggle(t("an.conservative"), value=st.session_state.get(CONSERVATIVE, False),
                      help=t("an.conservative_help"), key="analysis_conservative")
    st.session_state[CONSERVATIVE] = value
    return value


def analysed_json_of(current: Scenario) -> str:
    """The scenario the page analyses, as JSON (cache key): the current one, or its
    conservative version when the switch is on."""
    if conservative_switch():
        st.info(t("an.conservative_on"))
        return cache.conservative_json(cache.key(current))
    return cache.key(current)


def _number_row(specs: list[tuple[str, float, NumberSpec, str, str | None]]) -> list:
    """Number fields side by side: (label, value, spec, widget name, help) each."""
    values = []
    for column, (title, value, spec, name, help_text) in zip(st.columns(len(specs)), specs,
                                                             strict=True):
        with column:
            values.append(number_field(title, value, widget_key(name), spec, help=help_text))
    return values


def position_source(position: PositionCost, language: str) -> str:
    """Where the position cost comes from, in words."""
    return translate(language, f"fund.position_source.{position.source}",
                     hourly=format_dkk(position.hourly_cost or 0.0, language),
                     hours=format_number(position.hours_per_fte, language, 0))


def fund_inputs(scenario: Scenario) -> dict:
    fund = scenario.fund
    default_loan, derived = cache.fund_defaults(cache.key(scenario))
    loan, share, cost, years = _number_row([
        (t("field.loan"), fund.loan, KRONER, "fund_loan",
         t("fund.loan_help", default=format_dkk(default_loan, lang()))),
        (t("field.fte_share"), fund.fte_share, NumberSpec(decimals=2), "fund_fte", None),
        (t("field.position_cost"), fund.position_cost, OWN_KRONER, "fund_position",
         t("fund.position_help", default=format_dkk(derived.value, lang()),
           source=position_source(derived, lang()))),
        (t("fund.years"), fund.years, NumberSpec(whole=True), "fund_years", None),
    ])
    return {"loan": loan, "fte_share": share, "position_cost": cost, "years": years}


OWN_THRESHOLDS = "procurement_own_thresholds"  # session key: the expander is open


def procurement_inputs(scenario: Scenario) -> dict:
    """Contract kind, period (empty = horizon), open-ended, the route chosen, and the own
    (user-entered) amounts."""
    settings = scenario.procurement
    kind_col, years_col, route_col = st.columns(3)
    kind = kind_col.selectbox(t("proc.contract_kind"), list(ContractKind),
                              index=list(ContractKind).index(settings.contract_kind),
                              format_func=labeller("contract_kind"),
                              key=widget_key("proc_kind"))
    with years_col:
        years = number_field(
            t("proc.contract_years"), settings.contract_years or scenario.horizon_years,
            widget_key("proc_years"),
            NumberSpec(whole=True, minimum=1, maximum=MAX_HORIZON_YEARS),
            help=t("proc.contract_years_help", years=scenario.horizon_years),
            disabled=settings.open_ended)
    route = route_col.selectbox(t("proc.chosen_route"), list(ProcurementRoute),
                                index=list(ProcurementRoute).index(settings.route),
                                format_func=labeller("proc_route"), key=widget_key("proc_route"))
    open_ended = st.checkbox(t("proc.open_ended"), value=settings.open_ended,
                             key=widget_key("proc_open"))
    # the own amounts are drawn only while their expander is open (opening it reruns); closed,
    # they are the scenario's (a source typed just before closing is still there in this run)
    eu, policy = settings.user_eu_threshold, settings.user_policy_threshold
    source = st.session_state.get(widget_key("proc_source"), settings.user_source)
    own = st.expander(t("proc.own_thresholds"), key=OWN_THRESHOLDS, on_change="rerun")
    if own.open:
        with own:
            eu, policy = _number_row([
                (t("proc.user_eu_threshold"), eu, OWN_KRONER, "proc_user_eu", None),
                (t("proc.user_policy_threshold"), policy, OWN_KRONER, "proc_policy", None),
            ])
            source = st.text_input(t("proc.user_source"), value=settings.user_source,
                                   key=widget_key("proc_source"))
    stated = None if settings.contract_years is None and years == scenario.horizon_years \
        else years
    return {"contract_kind": kind, "contract_years": stated, "open_ended": open_ended,
            "route": route, "user_eu_threshold": eu, "user_policy_threshold": policy,
            "user_source": source}


def supplier_editor(scenario: Scenario, lines: list[ContractLine]) -> list[dict]:
    """The cost lines with a tick for 'bought from the supplier' and their value in the
    contract period; returns the costs with the ticks stored (a tick equal to the category's
    default stays empty, so it keeps following the category)."""
    rows = pd.DataFrame({
        t("proc.col.line"): [line.name for line in lines],
        t("proc.col.supplier"): [line.supplier for line in lines],
        t("proc.col.value"): [format_dkk(line.value, lang()) for line in lines],
    })
    st.caption(t("proc.lines_help"))
    key = widget_key("proc_lines")
    edited = st.data_editor(rows, key=key, hide_index=True,
                            disabled=[t("proc.col.line"), t("proc.col.value")])
    if untouched(key):
        return [line.model_dump() for line in scenario.costs]
    costs = []
    for line, ticked in zip(scenario.costs, edited[t("proc.col.supplier")], strict=True):
        supplier = line.supplier
        if bool(ticked) != bought_from_supplier(line):
            default = bought_from_supplier(line.model_copy(update={"supplier": None}))
            supplier = None if bool(ticked) == default else bool(ticked)
        costs.append({**line.model_dump(), "supplier": supplier})
    return costs
