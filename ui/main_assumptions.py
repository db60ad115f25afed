"""The case's main assumptions as a few labelled fields above the detailed tables. Each field
edits the same line as the tables (calculators.drivers.main_assumptions picks which)."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from calculators.drivers import Driver, main_assumptions, with_values
from calculators.model import MAX_AMOUNT, GainKind, Scenario
from ui.numbers import NumberSpec
from ui.session import label, replace_scenario, show_validation_error, t, widget_key
from ui.widgets import number_field

COLUMNS = 3
SPECS = {  # each role's field: typed and shown in the page's language (ui/numbers.py)
    "investment": NumberSpec(unit="kr", minimum=0, maximum=MAX_AMOUNT),
    "units": NumberSpec(whole=True, minimum=0, maximum=1_000_000),
    "quantity": NumberSpec(decimals=2, minimum=0, maximum=MAX_AMOUNT),
    "hourly_cost": NumberSpec(unit="kr", minimum=0, maximum=MAX_AMOUNT),
    "implementation_months": NumberSpec(whole=True, minimum=0, maximum=120),
    "realisation": NumberSpec(unit="%", minimum=0, maximum=100),
}


def field_label(role: str, driver: Driver, current: Scenario) -> str:
    if role == "investment":
        line = next(c for c in current.costs if driver.key == f"cost.{c.id}.amount")
        return t("bc.main.investment_per_unit" if line.per_unit else "bc.main.investment")
    if role == "quantity":
        line = next(g for g in current.gains if driver.key == f"gain.{g.id}.quantity")
        key = "bc.main.hours" if line.kind is GainKind.RELEASED_TIME else "bc.main.gain"
        return t(key, period=label("period", line.period.value))
    return t(f"bc.main.{role}")


def field(role: str, driver: Driver, current: Scenario) -> float:
    """One number field; returns the value in the model's terms (a share, not per cent)."""
    help_text = (t("bc.main.line_help", line=driver.line_name) if driver.line_name
                 else t("bc.main.scale_help"))
    # the value is part of the key, so an edit in the tables shows here at once
    return number_field(field_label(role, driver, current), driver.value,
                        f"{widget_key(f'main_{role}')}={driver.value!r}", SPECS[role],
                        help=help_text)


def main_assumptions_panel(current: Scenario) -> None:
    """The panel; a changed field replaces the scenario, so the tables start afresh from it."""
    found = main_assumptions(current)
    changes: dict[str, float] = {}
    with st.container(border=True):
        st.markdown(f"**{t('bc.main.title')}**")
        roles = list(found)
        for start in range(0, len(roles), COLUMNS):  # row by row: a phone stacks them in order
            row = roles[start:start + COLUMNS]
            for column, role in zip(st.columns(COLUMNS), row, strict=False):
                with column:
                    value = field(role, found[role], current)
                if abs(value - found[role].value) > 1e-9 * max(1.0, abs(found[role].value)):
                    changes[found[role].key] = value
        st.caption(t("bc.main.caption"))
    if not changes:
        return
    try:
        edited = with_values(current, changes)
    except ValidationError as exc:
        show_validation_error(exc)
        return
    replace_scenario(edited)
    st.rerun()
