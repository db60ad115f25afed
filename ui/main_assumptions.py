"""The case's main assumptions as a few labelled fields above the detailed tables. Each field
edits the same line as the tables (calculators.drivers.main_assumptions picks which)."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from calculators.drivers import Driver, main_assumptions, with_values
from calculators.model import MAX_AMOUNT, GainKind, Scenario
from ui.numbers import NumberError, NumberSpec, field_text, read_field
from ui.session import (
    label,
    lang,
    replace_scenario,
    scenario,
    show_validation_error,
    t,
    widget_key,
)
from ui.widgets import FIELD_LANGUAGES, number_field

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


def _key(role: str, driver: Driver) -> str:
    # the value is part of the key, so an edit in the tables shows here at once
    return f"{widget_key(f'main_{role}')}={driver.value!r}"


def field(role: str, driver: Driver, current: Scenario) -> None:
    help_text = (t("bc.main.line_help", line=driver.line_name) if driver.line_name
                 else t("bc.main.scale_help"))
    number_field(field_label(role, driver, current), driver.value, _key(role, driver),
                 SPECS[role], help=help_text)


def typed_changes(current: Scenario) -> dict[str, float]:
    """{driver key: number} of the panel's fields whose text, as the browser sent it for this
    run, is another readable number than the scenario's (in the model's terms: a share, not
    per cent). A text that cannot be read is left to the field, which says why when drawn."""
    written_in = st.session_state.get(FIELD_LANGUAGES, {})
    changes = {}
    for role, driver in main_assumptions(current).items():
        key = _key(role, driver)
        text = st.session_state.get(key)
        language = written_in.get(key, lang())
        if text is None or text == field_text(driver.value, language, SPECS[role]):
            continue
        try:
            number = read_field(text, language, SPECS[role])
        except NumberError:
            continue
        if number is not None and abs(number - driver.value) > 1e-9 * max(1.0, abs(driver.value)):
            changes[driver.key] = number
    return changes


def take_panel_edit() -> None:
    """Apply what was typed in the panel before anything else is drawn: the scenario is
    replaced (every input starts afresh from it, tables included) in this same run, so the
    page is drawn once with the new figures. An edit the model refuses keeps the scenario and
    says why."""
    current = scenario()
    changes = typed_changes(current)
    if not changes:
        return
    try:
        edited = with_values(current, changes)
    except ValidationError as exc:
        show_validation_error(exc)
        return
    replace_scenario(edited)


def main_assumptions_panel(current: Scenario) -> None:
    """The panel's fields, from the scenario as the tables left it (`take_panel_edit` has
    already applied what was typed in it)."""
    found = main_assumptions(current)
    with st.container(border=True):
        st.markdown(f"**{t('bc.main.title')}**")
        roles = list(found)
        for start in range(0, len(roles), COLUMNS):  # row by row: a phone stacks them in order
            row = roles[start:start + COLUMNS]
            for column, role in zip(st.columns(COLUMNS), row, strict=False):
                with column:
                    field(role, found[role], current)
        st.caption(t("bc.main.caption"))
