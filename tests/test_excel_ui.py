"""The Excel widget on the business-case page: download offered, a good workbook loads, a bad
one is explained in the user's language and the current scenario stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from exporters.excel import XLSX_MIME, workbook_bytes

APP = Path(__file__).resolve().parent.parent / "app.py"


def page(lang: str = "da") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


def excel_uploader(at: AppTest):
    return next(u for u in at.get("file_uploader") if u.proto.type == [".xlsx"])


@pytest.mark.parametrize(("lang", "label"), [("da", "Hent som Excel"), ("en", "Download as Excel")])
def test_page_offers_the_workbook(lang, label):
    at = page(lang)
    assert not at.exception
    assert label in [b.label for b in at.get("download_button")]


def test_an_exported_workbook_loads_and_a_bad_one_changes_nothing():
    at = page("da")
    lifts = load_sample("ceiling_lifts")
    excel_uploader(at).set_value(("lifts.xlsx", workbook_bytes(lifts, "da"), XLSX_MIME))
    at.run()
    assert not at.exception and at.session_state["scenario"] == lifts
    excel_uploader(at).set_value(("notes.xlsx", b"not a workbook at all", XLSX_MIME))
    at.run()
    assert not at.exception and at.session_state["scenario"] == lifts
    errors = " ".join(e.value for e in at.error)
    assert "Projektmappen notes.xlsx kunne ikke indlæses" in errors
    assert "ikke en Excel-projektmappe" in errors and "uændret" in errors
