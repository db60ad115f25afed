"""Nothing internal reaches a user: no model keys (`hours_saved`, `gain.time.quantity`) in what
the business case shows, and no seed code names or line numbers (`K07`, `kilde 004 l.4675`) in
the strings, the samples or the model's defaults; documents are cited by title, author, year."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from calculators.model import Scenario
from calculators.scenario_file import load_sample, sample_names
from tests.conftest import APP_PATH
from ui.i18n import catalogue

SEED_CODES = re.compile(r"\b[KV]\d\d\b|\bl\.\s?\d{3,4}|\b(?:kilde|seed|source) 00\d|\b00\d l\.",
                        re.IGNORECASE)
# (enum values such as `released_time` in the tables are shown through their format_func)
INTERNAL_KEYS = ("hours_saved", "hourly_cost", "discount_rate", "gain.time", "cost.toilet",
                 "scale.")


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


def test_business_case_shows_no_internal_keys() -> None:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    # cells (the tables' column names are set by their column_config labels)
    shown = [str(cell) for frame in at.dataframe for cell in frame.value.to_numpy().ravel()]
    shown += [e.value for kind in ("markdown", "caption", "info", "success", "title")
              for e in getattr(at, kind)]
    shown += [w.label for w in [*at.number_input, *at.text_input, *at.selectbox]]
    for key in INTERNAL_KEYS:
        assert [text for text in shown if key in text] == [], key
    # the sources table shows names, and reading it back keeps the model's keys
    sources = next(f.value for f in at.dataframe if "input" in f.value.columns)
    assert list(sources["input"]) == ["Investering", "Sparet tid", "Timepris",
                                      "Diskonteringsrente"]
    assert at.session_state["scenario"] == load_sample()
