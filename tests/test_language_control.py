"""The language control: a choice switches the UI; a None from the browser (it reports one
while re-rendering, seen in the browser tests) keeps the language instead of failing."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.browser.server import ROOT
from tests.conftest import open_tab


def payback_label(app: AppTest) -> str:
    return app.metric[0].label


def choose(value: str | None) -> AppTest:
    """A fresh session that picks `value` in the control. (AppTest lists the sidebar control
    only after a session's first run, so each choice gets its own session.)"""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert payback_label(app) == "Tjent hjem efter"
    app.segmented_control(key="lang_choice").set_value(value).run()
    assert not app.exception
    return app


def test_language_control_switches() -> None:
    app = choose("en")
    assert app.session_state["lang"] == "en" and payback_label(app) == "Pays back after"


def test_language_control_reporting_none_keeps_the_language() -> None:
    app = choose(None)
    assert app.session_state["lang"] == "da" and payback_label(app) == "Tjent hjem efter"


def test_the_open_business_case_tab_stays_open_in_the_other_language() -> None:
    """The tab is remembered by its label: switching language must not send the user back to
    the first tab (Costs) from the one she was working in."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    open_tab(app, "bc.tab_scale")
    assert app.text_input(key=f"implementation@{app.session_state['scenario_rev']}")
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert not app.exception
    assert app.session_state["business_case_tabs"] == "Scale and time"
    assert app.text_input(key=f"implementation@{app.session_state['scenario_rev']}").label == (
        "Implementation period (months)")
