"""Every download that holds a library case is an export in the audit trail: who, when, which
case and version, and in `detail` the file's format. Through AppTest on a temporary SQLite
library, acting as the local user; the download buttons' callables are run as a click runs
them (tests/conftest.py `deferred`). The storage side, on SQLite and PostgreSQL, is in
tests/test_access.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from storage import Library
from tests.conftest import APP_PATH

FORMATS = (".pptx", ".docx", ".pdf", ".json", ".zip", ".xlsx")


@pytest.fixture
def library(app_library) -> Library:
    return app_library


def on_page(page: str) -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def click_downloads(deferred: list, *endings: str) -> list[str]:
    """Run the callables of the download buttons whose file name ends so (as clicks do), in
    the order drawn; their file names."""
    clicked = [(name, build) for name, build in deferred if name.endswith(endings)]
    for _, build in clicked:
        assert build()
    return [name for name, _ in clicked]


def exports(library: Library) -> list[tuple[int, int, str]]:
    return [(r.scenario_id, r.version, r.detail) for r in library.audit_trail("local")
            if r.action == "export"]


def test_the_meeting_page_records_the_case_shown_and_the_cases_compared(library, deferred):
    lifts = library.create(load_sample("ceiling_lifts"), "Anne", "")
    lifts = library.save(lifts.id, load_sample("ceiling_lifts"), "Anne", "again", 1)
    toilet = library.create(load_sample("aarhus_toilet_conservative"), "Anne", "")
    at = on_page("meeting")
    at.session_state["meeting_source"] = lifts.id
    at.session_state["meeting_compare"] = [toilet.id]
    deferred.clear()
    at.run()
    assert not at.exception
    assert [n.rsplit(".", 1)[1] for n in click_downloads(deferred, *FORMATS)] == [
        "xlsx", "pptx", "docx", "pdf"]
    # the sidebar's workbook holds the current scenario (a sample, not from the library): none
    assert exports(library) == [(lifts.id, 2, "pptx"),
                                (toilet.id, 1, "pptx, compared in the slides"),
                                (lifts.id, 2, "docx"), (lifts.id, 2, "pdf")]


def test_the_library_page_records_json_zip_and_office_files(library, deferred):
    first = library.create(load_sample("ceiling_lifts"), "Anne", "")
    chosen = library.create(load_sample("aarhus_toilet"), "Anne", "")  # the newest: chosen
    deferred.clear()
    on_page("library")
    click_downloads(deferred, ".json", ".zip", ".pptx", ".docx", ".pdf")
    assert exports(library) == [(chosen.id, 1, "json"), (chosen.id, 1, "pptx"),
                                (chosen.id, 1, "docx"), (chosen.id, 1, "pdf"),
                                (chosen.id, 1, "zip"), (first.id, 1, "zip")]


def test_a_case_opened_from_the_library_is_recorded_wherever_it_is_downloaded(library,
                                                                               deferred):
    case = library.create(load_sample("ceiling_lifts"), "Anne", "")
    at = on_page("library")
    at.button(key="library_open").click().run()
    assert not at.exception
    deferred.clear()
    at.switch_page("pages/business_case.py").run()
    assert click_downloads(deferred, ".xlsx", ".json")
    deferred.clear()
    at.switch_page("pages/meeting.py").run()
    click_downloads(deferred, ".pdf")
    deferred.clear()
    at.switch_page("pages/pitch.py").run()
    click_downloads(deferred, "_pitch.json")
    current = (case.id, 1)
    assert exports(library) == [(*current, "xlsx, current scenario"),
                                (*current, "json, current scenario"),
                                (*current, "pdf, current scenario"),
                                (*current, "json, pitch made from the current scenario")]


def test_a_scenario_from_elsewhere_is_no_export_of_the_library(library, deferred):
    library.create(load_sample("ceiling_lifts"), "Anne", "")
    at = on_page("library")
    at.button(key="library_open").click().run()
    at.switch_page("pages/business_case.py").run()
    at.button(key="load_sample").click().run()  # a sample replaces the opened case
    assert not at.exception
    deferred.clear()
    at.run()
    assert click_downloads(deferred, ".xlsx", ".json")
    assert exports(library) == []

