"""Nothing internal reaches a user: no model keys (`hours_saved`, `gain.time.quantity`) in what
the business case shows, and no seed code names or line numbers (`K07`, `kilde 004 l.4675`) in
the strings, the samples or the model's defaults; documents are cited by title, author, year."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from calculators.model import Scenario
from calculators.scenario_file import load_sample, sample_names
from exporters.excel import build_workbook
from tests.conftest import APP_PATH, open_tab
from ui.i18n import catalogue

SEED_CODES = re.compile(r"\b[KV]\d\d\b|\bl\.\s?\d{3,4}|\b(?:kilde|seed|source) 00\d|\b00\d l\.",
                        re.IGNORECASE)
# (enum values such as `released_time` in the tables are shown through their format_func)
INTERNAL_KEYS = ("hours_saved", "hourly_cost", "discount_rate", "gain.time", "cost.toilet",
                 "scale.")
# a model key as written: snake_case (`hours_saved`, `eu_works`) or dotted (`gain.time.quantity`,
# `scale.adoption`); abbreviations such as `p.a.` and `e.g.` have one-letter parts
MODEL_KEY = re.compile(r"(?<![\w./:@-])(?:[a-z][a-z0-9]*_[a-z0-9_]+|[a-z_]{2,}(?:\.[a-z_]{2,})+)"
                       r"(?![\w/@-])")
NAMED_ON_PURPOSE = "numpy.random.default_rng"  # the Monte Carlo sheet names its generator


def test_strings_cite_documents_by_name() -> None:
    found = [(key, text) for key, texts in catalogue().items() for text in texts.values()
             if SEED_CODES.search(text)]
    assert found == []


@pytest.mark.parametrize("name", sample_names())
def test_samples_cite_documents_by_name(name: str) -> None:
    """As loaded: model version 1's default procurement source (a seed's lines) in an old
    file is migrated away by the model and never shown."""
    assert SEED_CODES.findall(load_sample(name).model_dump_json()) == []


def test_model_defaults_cite_documents_by_name() -> None:
    assert SEED_CODES.findall(Scenario(title="Ny").model_dump_json()) == []


BUSINESS_CASE_TABS = ("bc.tab_costs", "bc.tab_gains", "bc.tab_scale", "bc.tab_soft",
                      "bc.tab_description", "bc.tab_table", "by.tab")


def shown_texts(at: AppTest) -> list[str]:
    """Table cells (their column names are set by column_config labels), texts and labels."""
    shown = [str(cell) for frame in at.dataframe for cell in frame.value.to_numpy().ravel()]
    shown += [e.value for kind in ("markdown", "caption", "info", "success", "title")
              for e in getattr(at, kind)]
    return shown + [w.label for w in [*at.number_input, *at.text_input, *at.selectbox]]


def test_business_case_shows_no_internal_keys() -> None:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    for tab in BUSINESS_CASE_TABS:  # each tab's inputs are drawn only while it is open
        shown = shown_texts(open_tab(at, tab))
        assert not at.exception
        for key in INTERNAL_KEYS:
            assert [text for text in shown if key in text] == [], (tab, key)
    # the sources table shows names, and reading it back keeps the model's keys
    open_tab(at, "bc.tab_description")
    sources = next(f.value for f in at.dataframe if "input" in f.value.columns)
    assert list(sources["input"]) == ["Investering", "Sparet tid", "Timepris",
                                      "Diskonteringsrente"]
    assert at.session_state["scenario"] == load_sample()


def visible_texts(wb) -> list[tuple[str, str, str]]:
    """(sheet, cell, text) of every text a reader sees: visible sheets, rows and columns."""
    return [(ws.title, cell.coordinate, cell.value)
            for ws in wb.worksheets if ws.sheet_state == "visible"
            for row in ws.iter_rows() for cell in row
            if isinstance(cell.value, str) and not cell.value.startswith("=")
            and not ws.column_dimensions[cell.column_letter].hidden
            and not ws.row_dimensions[cell.row].hidden]


def test_the_key_pattern_finds_keys_and_spares_prose() -> None:
    texts = ["Forudsætning: hours_saved", "gain.time.quantity", "eu_works", "scale.adoption",
             "Diskonteringsrente (% p.a.)", "e.g. 0, 1", "https://www.kl.dk/a_b.pdf", "m.m."]
    assert [MODEL_KEY.findall(text) for text in texts] == [
        ["hours_saved"], ["gain.time.quantity"], ["eu_works"], ["scale.adoption"], [], [], [], []]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sample_names())
def test_the_workbook_shows_no_internal_keys(name: str, lang: str) -> None:
    """Every visible cell of every sheet: keys stay in the hidden key and id columns."""
    wb = build_workbook(load_sample(name), lang)
    found = [(sheet, cell, text) for sheet, cell, text in visible_texts(wb)
             if MODEL_KEY.search(text.replace(NAMED_ON_PURPOSE, ""))]
    assert found == []
