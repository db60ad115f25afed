"""Suite-wide reporting: tests that try many generated cases record them with
``record_property("cases", n)``; the totals are printed at the end of the run (xdist too)."""

from __future__ import annotations

import itertools
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from calculators.model import Scenario
from calculators.scenario_file import load_sample
from storage import Library
from tests.postgres_server import postgres_server, server_bin_dir
from ui.i18n import translate

APP_PATH = str(Path(__file__).resolve().parent.parent / "app.py")

CASES = "cases"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts: Counter[str] = Counter()
    for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed"):
        if report.when != "call":
            continue
        for name, value in report.user_properties:
            if name == CASES:
                counts[report.nodeid] += int(value)
    if counts:
        terminalreporter.section("cases tried")
        for nodeid, count in sorted(counts.items()):
            terminalreporter.write_line(f"{count:>8,}  {nodeid}")
        terminalreporter.write_line(f"{sum(counts.values()):>8,}  in total")


@pytest.fixture
def toilet() -> Scenario:
    return load_sample("aarhus_toilet")


def make_scenario(**changes: object) -> Scenario:
    """The Aarhus toilet with top-level fields, scale fields or lines replaced."""
    data = load_sample("aarhus_toilet").model_dump()
    for key, value in changes.items():
        if key in data["scale"]:
            data["scale"][key] = value
        else:
            data[key] = value
    return Scenario.model_validate(data)


def toilet_at_2026() -> Scenario:
    """The Aarhus toilet in a P/L 2026 budget with its lines stated at 2023 prices: the
    conversion uses the default index's 2026 figure, which is an estimate."""
    data = load_sample("aarhus_toilet").model_dump()
    data["price_level"] = {"year": 2026}
    for line in [*data["costs"], *data["gains"]]:
        line["price_year"] = 2023
    return Scenario.model_validate(data)


def open_page(page: str) -> AppTest:
    """The app started afresh and switched to pages/<page>.py, with no exception."""
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    return at


@pytest.fixture
def deferred(monkeypatch) -> list[tuple[str, Callable[[], object]]]:
    """(file name, callable) of the download buttons drawn, in order: Streamlit runs the
    callable when the button is clicked."""
    found: list[tuple[str, Callable[[], object]]] = []
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found.append((file_name or "", data_callable))
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def open_tab(at: AppTest, key: str, tabs: str = "business_case_tabs") -> AppTest:
    """Open the tab labelled by string `key` (e.g. "bc.tab_scale") in the app's language among
    the tabs kept under session key `tabs` (the business case's by default) and rerun: the page
    draws only the open tab."""
    at.session_state[tabs] = translate(at.session_state["lang"], key)
    return at.run()


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


# --- the library on SQLite and on a real PostgreSQL server (tests/postgres_server.py) ---

database_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    given = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if given:
        yield given.rsplit("/", 1)[0] if given.count("/") > 2 else given
        return
    bin_dir = server_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binary (pg_ctl) installed: apt-get install postgresql")
    with postgres_server(bin_dir) as url:
        yield url


def admin_sql(base_url: str, statement: str) -> None:
    admin = create_engine(f"{base_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(statement))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database per test: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'nested' / 'library.sqlite'}"
        return
    base = request.getfixturevalue("postgres_url")
    name = f"lib_{os.getpid()}_{next(database_numbers)}_{uuid.uuid4().hex[:6]}"
    admin_sql(base, f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    admin_sql(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def library(db_url) -> Iterator[Library]:
    lib = Library.open(db_url)
    yield lib
    lib.dispose()


@pytest.fixture
def app_library(tmp_path, monkeypatch) -> Iterator[Library]:
    """The library the app's pages open under AppTest: a fresh SQLite file (SCENARIO_DB_PATH),
    no DATABASE_URL."""
    path = tmp_path / "library.sqlite"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SCENARIO_DB_PATH", str(path))
    lib = Library.open(f"sqlite:///{path}")
    yield lib
    lib.dispose()
