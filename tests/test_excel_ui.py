"""The Excel widgets: the download in the sidebar of every page (its bytes are a workbook that
holds the current scenario, also in English), the upload on the business-case page: a good
workbook loads, a bad one is explained in the user's language and the current scenario stays."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from exporters.excel import XLSX_MIME, workbook_bytes
from exporters.excel_import import read_workbook
from tests.conftest import APP_PATH

PAGES = sorted(f"pages/{p.name}" for p in (Path(APP_PATH).parent / "pages").glob("*.py"))
LABELS = {"da": "Hent som Excel", "en": "Download as Excel"}


def page(lang: str = "da") -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


def excel_uploader(at: AppTest):
    return next(u for u in at.get("file_uploader") if u.proto.type == [".xlsx"])


def workbook_in(deferred: list) -> bytes:
    return next(d for d in (call() for _, call in deferred) if isinstance(d, bytes) and
                d[:2] == b"PK")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_offers_the_workbook_in_the_sidebar(lang, deferred):
    at = page(lang)
    for path in PAGES:
        deferred.clear()
        at.switch_page(path).run()
        assert not at.exception, path
        buttons = [b for b in at.sidebar.get("download_button") if b.label == LABELS[lang]]
        assert len(buttons) == 1 and buttons[0].proto.deferred_file_id, path
        data = workbook_in(deferred)
        assert load_workbook(io.BytesIO(data)).sheetnames[0] == ("Oversigt" if lang == "da"
                                                                 else "Summary"), path
        assert read_workbook(data) == at.session_state["scenario"], path


def test_the_download_holds_an_edit_made_in_the_same_run(deferred):
    at = page("da")
    months = next(n for n in at.text_input if "Implementering" in n.label)
    deferred.clear()
    months.input("6").run()
    assert not at.exception
    assert read_workbook(workbook_in(deferred)).scale.implementation_months == 6


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
