"""Typed numbers: the parser (ui/numbers.py) and the pages that use it, through AppTest."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import MAX_FILE_BYTES, load_sample
from tests.conftest import APP_PATH, metric, open_tab
from ui.numbers import (
    NumberError,
    NumberSpec,
    error_text,
    field_text,
    format_input,
    parse_number,
    read_field,
)
from ui.tables import cashflow_display

READ = [  # (text, language, number)
    ("0,5", "da", 0.5), ("1.234,5", "da", 1234.5), ("40.000", "da", 40_000),
    ("40000", "da", 40_000), ("3,5 %", "da", 3.5), ("1.234.567,89", "da", 1_234_567.89),
    ("40 000", "da", 40_000), ("-1,5", "da", -1.5), ("−2", "da", -2), (",5", "da", 0.5),
    ("0.5", "en", 0.5), ("1,234.5", "en", 1234.5), ("40,000", "en", 40_000),
    ("40000", "en", 40_000), ("3.5%", "en", 3.5), ("1 234.5", "en", 1234.5),
    ("40.000", "en", 40.0),  # English decimals: forty, to three places
]
AMBIGUOUS = [  # (text, language, suggestion)
    ("1.5", "da", "1,5"), ("0.5", "da", "0,5"), ("1,234.5", "da", "1.234,5"),
    ("0.500", "da", "0,5"), ("4.50", "da", "4,5"),
    ("0,5", "en", "0.5"), ("1,5", "en", "1.5"), ("1.234,5", "en", "1,234.5"),
]
NOT_NUMBERS = ["abc", "1,2,3", "1..2", "1.23.456", "12e3", "--1", "1,5,", ",", "1.234 567"]


@pytest.mark.parametrize(("text", "lang", "number"), READ)
def test_what_users_type_is_read_as_meant(text, lang, number):
    assert parse_number(text, lang, unit="%") == number


@pytest.mark.parametrize(("text", "lang", "suggestion"), AMBIGUOUS)
def test_the_other_languages_number_is_refused_with_a_suggestion(text, lang, suggestion):
    with pytest.raises(NumberError) as refused:
        parse_number(text, lang)
    assert refused.value.code == "ambiguous"
    assert refused.value.suggestion == suggestion
    assert suggestion in error_text(refused.value, lang)


@pytest.mark.parametrize("text", NOT_NUMBERS)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_what_is_no_number_is_refused(text, lang):
    with pytest.raises(NumberError) as refused:
        parse_number(text, lang)
    assert refused.value.code in {"not_a_number", "ambiguous"}


def test_empty_text_is_no_number():
    assert parse_number("  ", "da") is None
    assert parse_number(None, "en") is None


def test_fields_show_danish_numbers():
    assert field_text(0.035, "da", NumberSpec(decimals=1, unit="%")) == "3,5 %"
    assert field_text(0.035, "en", NumberSpec(decimals=1, unit="%")) == "3.5%"
    assert field_text(40_000, "da", NumberSpec(unit="kr")) == "40.000 kr."
    assert field_text(40_000, "en", NumberSpec(unit="kr")) == "DKK 40,000"
    assert field_text(1924, "da", NumberSpec()) == "1.924"
    assert field_text(2026, "da", NumberSpec(grouped=False)) == "2026"
    assert format_input(0.5, "da", 2) == "0,50"
    assert format_input(0.1238, "da", 2) == "0,1238"  # every decimal the value has is kept
    assert format_input(None, "da") == ""


def test_field_limits_and_whole_numbers():
    rate = NumberSpec(decimals=1, unit="%", minimum=0, maximum=20)
    assert read_field("4,5", "da", rate) == pytest.approx(0.045)
    assert read_field("4,5 %", "da", rate) == pytest.approx(0.045)
    with pytest.raises(NumberError) as refused:
        read_field("25 %", "da", rate)
    assert error_text(refused.value, "da") == "»25 %« er ikke gemt: højst 20 %."
    assert read_field("12", "da", NumberSpec(whole=True)) == 12
    with pytest.raises(NumberError, match="not_whole"):
        read_field("1,5", "da", NumberSpec(whole=True))
    assert read_field("DKK 40,000", "en", NumberSpec(unit="kr")) == 40_000
    assert read_field("40.000 kr.", "da", NumberSpec(unit="kr")) == 40_000


NUMBERS = st.one_of(
    st.integers(-10**12, 10**12).map(float),
    st.decimals(-10**9, 10**9, places=4, allow_nan=False).map(float),
    st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
)


@settings(deadline=None)  # a loaded machine is no failure
@given(NUMBERS, st.sampled_from(["da", "en"]), st.integers(0, 3))
def test_a_shown_number_reads_back_unchanged(value, lang, decimals):
    assert parse_number(format_input(value, lang, decimals), lang) == value


@settings(deadline=None)  # a loaded machine is no failure
@given(NUMBERS, st.sampled_from(["da", "en"]))
def test_a_field_reads_back_its_own_text(value, lang):
    for spec in (NumberSpec(unit="kr"), NumberSpec(decimals=2)):
        assert read_field(field_text(value, lang, spec), lang, spec) == value


@settings(deadline=None)  # a loaded machine is no failure
@given(st.integers(1, 999), st.integers(0, 99).filter(lambda d: d % 10))
def test_a_danish_point_before_one_or_two_digits_is_never_guessed(whole, decimals):
    with pytest.raises(NumberError):
        parse_number(f"{whole}.{decimals}", "da")


def test_the_year_by_year_table_is_written_the_danish_way(toilet):
    from calculators.cashflow import cashflow_table

    shown = cashflow_display(cashflow_table(toilet), "da").to_html()
    assert ">-40.000<" in shown and ">109.500<" in shown and ">2026<" in shown
    assert ">0,9662<" in shown  # the discount factor 1 / 1.035
    assert "2.026" not in shown and "None" not in shown


def test_the_upload_limit_is_the_files_limit():
    config = tomllib.loads((Path(APP_PATH).parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_FILE_BYTES


# --- the pages, through AppTest ----------------------------------------------------------

@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    return at


def edit_gain(at: AppTest, text: str) -> AppTest:
    open_tab(at, "bc.tab_gains")
    at.session_state["gains@0"] = {"edited_rows": {0: {"quantity": text}}, "added_rows": [],
                                   "deleted_rows": []}
    return at.run()


def test_half_an_hour_a_day_in_the_gains_table(app):
    edit_gain(app, "0,5")
    assert not app.exception
    assert app.session_state["scenario"].gains[0].quantity == 0.5
    # 40,000 / (0.5 h × kr 300 × 365 / 12) = 8.77 months
    assert metric(app, "Udgifterne dækket efter") == "8,8 mdr."


def test_an_ambiguous_cell_is_refused_at_its_table(app):
    edit_gain(app, "1.5")
    assert not app.exception
    shown = " ".join(e.value for e in app.error)
    assert "Række 1, Mængde (timer eller kr.): »1.5« er ikke gemt" in shown
    assert "fx 1,5" in shown
    assert app.session_state["scenario"] == load_sample()


def test_english_page_reads_english_numbers(app):
    app.session_state["lang"] = "en"
    app.run()
    edit_gain(app, "0.5")
    assert app.session_state["scenario"].gains[0].quantity == 0.5
    assert metric(app, "Costs covered after") == "8.8 months"


OWN_RATE = "discount_rate.municipal@0"


def test_discount_rate_typed_with_a_decimal_comma(app):
    open_tab(app, "bc.tab_scale")
    app.selectbox(key="discount_basis@0").set_value("municipal").run()
    field = app.text_input(key=OWN_RATE)
    assert field.value == "3,5 %"
    field.input("4,5").run()
    assert app.session_state["scenario"].discount_rate == pytest.approx(0.045)
    assert app.text_input(key=OWN_RATE).value == "4,5"
    app.text_input(key=OWN_RATE).input("25 %").run()
    assert any("»25 %« er ikke gemt: højst 20 %" in e.value for e in app.error)
    assert app.session_state["scenario"].discount_rate == pytest.approx(0.045)


def test_number_fields_follow_the_language(app):
    open_tab(app, "bc.tab_scale")
    app.selectbox(key="hours_basis@0").set_value("entered").run()
    hours = next(n.key for n in app.text_input if n.label.startswith("Timer pr. årsværk"))
    app.text_input(key=hours).input("1.500").run()
    assert app.session_state["scenario"].hours_per_fte == 1500
    app.session_state["lang"] = "en"
    open_tab(app.run(), "bc.tab_scale")  # the tab's label is now English
    assert app.text_input(key=hours).value == "1,500.0"  # one decimal, as hours are shown
    assert app.text_input(key="discount_rate.finance_ministry@0").value == "3.5%"
    assert app.session_state["scenario"].hours_per_fte == 1500
