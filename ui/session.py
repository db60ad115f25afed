"""Session state shared by all pages: language and the current scenario (set up in app.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeVar

import streamlit as st
from pydantic import TypeAdapter, ValidationError

from calculators.model import Scenario
from calculators.scenario_file import load_sample
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, explain_validation, label_for, translate

T = TypeVar("T")


def init_state() -> None:
    if st.session_state.get("lang") not in LANGUAGES:
        st.session_state.lang = DEFAULT_LANGUAGE
    if "scenario" not in st.session_state:
        st.session_state.scenario = load_sample()
        st.session_state.scenario_rev = 0


def _take_language_choice() -> None:
    choice = st.session_state.get("lang_choice")
    if choice in LANGUAGES:
        st.session_state.lang = choice


def language_switch() -> None:
    """The language control. Its widget state is kept apart from `lang`, which Streamlit would
    otherwise clear to None when another widget reruns a page of a multipage app."""
    st.session_state.lang_choice = lang()
    st.segmented_control(translate(lang(), "app.language"), LANGUAGES, key="lang_choice",
                         required=True, on_change=_take_language_choice,
                         format_func=lambda code: translate(lang(), f"lang.{code}"))


def lang() -> str:
    return st.session_state.get("lang") or DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    return translate(lang(), key, **values)


def label(prefix: str, value: str) -> str:
    return label_for(lang(), prefix, value)


def labeller(prefix: str) -> Callable[[str], str]:
    """A widget's format_func for enum values, fixed to this run's language (so a widget drawn
    in Danish is read back in Danish even if the language changes before the next run)."""
    language = lang()
    return lambda value: label_for(language, prefix, value)


def scenario() -> Scenario:
    return st.session_state.scenario


def widget_key(name: str) -> str:
    """Widget keys carry the scenario revision, so loading a scenario resets every input."""
    return f"{name}@{st.session_state.scenario_rev}"


KEPT = "kept_widget_values"


def kept_widget(draw: Callable[..., T], key: str, *args: object, **kwargs: object) -> T:
    """`draw(*args, key=key, **kwargs)`, a widget that keeps its value while it is not drawn
    (in a closed tab): Streamlit forgets the state of a widget a run does not draw, so the last
    value is kept apart and given back when the widget is drawn again."""
    kept = st.session_state.setdefault(KEPT, {})
    if key not in st.session_state and key in kept:
        st.session_state[key] = kept[key]
    kept[key] = value = draw(*args, key=key, **kwargs)
    return value


def latest_run() -> dict[str, object]:
    """The scenario and language as the last run left them (`keep_download_current`): what a
    download drawn above the page's inputs builds its file from when clicked."""
    return st.session_state.setdefault("excel_latest", {})


def keep_download_current() -> None:
    latest_run().update(scenario=scenario(), lang=lang())


def replace_scenario(new: Scenario) -> None:
    """A scenario from a file, the library or a sample: widgets start afresh from it."""
    st.session_state.scenario = new
    st.session_state.scenario_rev += 1


REDRAWN = "redrawn_after_edit"
TABLE_EDITED = "table_rows_edited"  # set by ui.editors.table_editor when its rows changed
BUSINESS_CASE_PAGE = "pages/business_case.py"
OPENED = "opened_message"


def open_in_business_case(new: Scenario, message: str) -> None:
    """Make `new` the current scenario and go to the business-case page (the buttons "Open in
    the business case" on the pitch, library and compare pages)."""
    replace_scenario(new)
    to_business_case(message)


def to_business_case(message: str) -> None:
    """Go to the business-case page, which says `message` once."""
    st.session_state[OPENED] = message
    st.switch_page(BUSINESS_CASE_PAGE)


def show_opened_message() -> None:
    if message := st.session_state.pop(OPENED, None):
        st.success(message)


def apply_edit(data: dict) -> bool:
    """Validate an edited scenario; keep the current one and explain when it is invalid. A
    scenario changed in a table is drawn again at once: a table whose rows changed is a new
    widget for Streamlit, and the next edit typed into the old one would be lost."""
    try:
        edited = Scenario.model_validate(data)
    except ValidationError as exc:
        show_validation_error(exc)
        return False
    redrawn = st.session_state.pop(REDRAWN, False)
    table_edited = st.session_state.pop(TABLE_EDITED, False)
    if edited != st.session_state.scenario:
        st.session_state.scenario = edited
        if table_edited and not redrawn:  # once: a model that rewrites an input never loops
            st.session_state[REDRAWN] = True
            st.rerun()
    return True


@cache
def _field_adapter(field: str) -> TypeAdapter:
    return TypeAdapter(Scenario.model_fields[field].annotation)


def apply_part(field: str, value: object) -> bool:
    """`apply_edit` of the current scenario with `field` replaced by `value` (plain data, as
    widgets give it). When `value` validates to what the scenario holds (nothing was typed) and
    no table's edit is being settled, the whole scenario is neither dumped nor validated again
    (~2 ms a call)."""
    current = scenario()
    try:
        unchanged = _field_adapter(field).validate_python(value) == getattr(current, field)
    except ValidationError:
        unchanged = False  # apply_edit explains it
    if unchanged and REDRAWN not in st.session_state and TABLE_EDITED not in st.session_state:
        return True
    return apply_edit(current.model_dump() | {field: value})


def show_validation_error(exc: ValidationError) -> None:
    lines = "\n".join(f"- {msg}" for msg in explain_validation(lang(), exc))
    st.error(f"{t('validation.title')}\n\n{lines}\n\n{t('validation.kept')}")
