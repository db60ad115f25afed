"""The scenario library: every save is a new, immutable version; nothing is ever overwritten.

One `Library` holds the engine (SQLite file by default, PostgreSQL when DATABASE_URL is set).
Saves are optimistic: the editor passes the version it started from, and the head moves only
if it is still that version (one conditional UPDATE), so two writers never overwrite each
other silently; the second gets a `ConflictError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from calculators.model import Scenario
from calculators.scenario_file import ScenarioFileError, dump_scenario, parse_scenario
from storage.tables import SUMMARY_LENGTH, scenario_version
from storage.tables import scenario as scenario_table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "library.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
TAG_SEP = "\x1f"


class StorageError(RuntimeError):
    """The library cannot be used. `code` names the problem for translation:
    unavailable (cannot open or create the database), newer_schema (a newer version of the
    app has migrated the database further than this one knows: a rolling upgrade),
    not_found (no such scenario/version), unreadable (a saved version this version of the
    app cannot read)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class ConflictError(StorageError):
    """Someone saved the scenario after the editor opened it."""

    def __init__(self, scenario_id: int, expected: int, current: int, by: str):
        super().__init__(
            "conflict",
            f"scenario {scenario_id} is at version {current} (saved by {by or '?'}), "
            f"not {expected}: save it as a new scenario instead",
        )
        self.scenario_id = scenario_id
        self.expected = expected
        self.current = current
        self.by = by


@dataclass(frozen=True)
class Entry:
    """One scenario of the library as listed: its head version's summary."""

    id: int
    title: str
    organisation: str
    technology: str
    tags: tuple[str, ...]
    version: int
    updated_at: datetime
    updated_by: str
    deleted: bool


@dataclass(frozen=True)
class Version:
    scenario_id: int
    number: int
    created_at: datetime
    author: str
    comment: str
    title: str


@dataclass(frozen=True)
class Facets:
    organisations: list[str]
    technologies: list[str]
    tags: list[str]


def database_url() -> str:
    """DATABASE_URL if set, else a SQLite file at SCENARIO_DB_PATH (default data/library.sqlite)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    path = Path(os.environ.get("SCENARIO_DB_PATH", "") or DEFAULT_DB_PATH)
    return f"sqlite:///{path}"


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _short(text: str) -> str:
    return text.strip()[:SUMMARY_LENGTH]


def _summary(scenario: Scenario) -> dict[str, str]:
    return {
        "title": scenario.title,
        "organisation": scenario.organisation,
        "technology": scenario.technology,
        "tags": TAG_SEP + TAG_SEP.join(scenario.tags) + TAG_SEP if scenario.tags else "",
    }


def _search_text(scenario: Scenario) -> str:
    parts = [scenario.title, scenario.organisation, scenario.technology, *scenario.tags,
             scenario.description]
    return "\n".join(parts).casefold()


def _retitled(scenario: Scenario, title: str) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "title": title})


def _parsed(key: tuple[int, int], body: str) -> Scenario:
    """A saved version. No size limit: the model's own limits bound what was saved, and a
    file that was accepted must always open (the upload limit counts the file as sent, which
    may be more compact than the saved, indented copy)."""
    try:
        return parse_scenario(body, max_bytes=None)
    except ScenarioFileError as exc:
        raise StorageError("unreadable", f"scenario {key[0]} version {key[1]}: {exc}") from exc


def _tags(stored: str) -> tuple[str, ...]:
    return tuple(tag for tag in stored.split(TAG_SEP) if tag)


def _entry(row: Row) -> Entry:
    return Entry(id=row.id, title=row.title, organisation=row.organisation,
                 technology=row.technology, tags=_tags(row.tags), version=row.head_version,
                 updated_at=_utc(row.updated_at), updated_by=row.updated_by,
                 deleted=row.deleted_at is not None)


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creates the tables in an empty database).

    A database at a revision this code does not know was migrated by a newer version of the app
    (during a rolling upgrade of the replicas): StorageError "newer_schema", nothing is changed.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    known = {revision.revision for revision in
             ScriptDirectory.from_config(config).walk_revisions()}
    with engine.begin() as connection:
        unknown = set(MigrationContext.configure(connection).get_current_heads()) - known
        if unknown:
            raise StorageError("newer_schema", f"the database is at revision {min(unknown)}, "
                               "which a newer version of the app made")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Library:
    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Library:
        """Connect (creating the SQLite file and its folder when needed) and migrate."""
        url = url or database_url()
        try:
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, pool_pre_ping=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _enable_sqlite_foreign_keys)
            migrate(engine)
        except StorageError:
            raise
        except (OSError, SQLAlchemyError, ImportError, CommandError) as exc:
            raise StorageError("unavailable", f"cannot open the library at {url}: {exc}") from exc
        return cls(engine)

    def dispose(self) -> None:
        self.engine.dispose()

    # --- writing -------------------------------------------------------------------------

    def create(self, scenario: Scenario, author: str, comment: str = "") -> Entry:
        """A new scenario in the library, at version 1."""
        with self.engine.begin() as conn:
            scenario_id = self._insert_scenario(conn, scenario, author, comment)
            return self._entry(conn, scenario_id)

    def create_many(self, scenarios: Iterable[Scenario], author: str, comment: str) -> list[Entry]:
        """Add several scenarios in one transaction: all of them, or none."""
        with self.engine.begin() as conn:
            ids = [self._insert_scenario(conn, s, author, comment) for s in scenarios]
            rows = conn.execute(select(scenario_table).where(scenario_table.c.id.in_(ids)))
            by_id = {row.id: _entry(row) for row in rows}
            return [by_id[i] for i in ids]

    def save(self, scenario_id: int, scenario: Scenario, author: str, comment: str,
             base_version: int) -> Entry:
        """Save a new version on top of `base_version`; ConflictError if the head has moved."""
        with self.engine.begin() as conn:
            self._append_version(conn, scenario_id, scenario, author, comment, base_version)
            return self._entry(conn, scenario_id)

    def rename(self, scenario_id: int, title: str, author: str, comment: str,
               base_version: int) -> Entry:
        """A new version with another title (ValidationError if the title is empty)."""
        renamed = _retitled(self.load(scenario_id, base_version), title)
        return self.save(scenario_id, renamed, author, comment, base_version)

    def restore(self, scenario_id: int, number: int, author: str, comment: str,
                base_version: int) -> Entry:
        """A new version that copies version `number` (the versions in between stay)."""
        return self.save(scenario_id, self.load(scenario_id, number), author, comment,
                         base_version)

    def duplicate(self, scenario_id: int, title: str, author: str, comment: str) -> Entry:
        """A new scenario starting from a copy of the newest version of this one."""
        return self.create(_retitled(self.load(scenario_id), title), author, comment)

    def delete(self, scenario_id: int) -> Entry:
        """Soft delete: hidden from lists, kept with all versions; `undelete` brings it back."""
        return self._set_deleted(scenario_id, datetime.now(UTC))

    def undelete(self, scenario_id: int) -> Entry:
        return self._set_deleted(scenario_id, None)

    # --- reading -------------------------------------------------------------------------

    def entry(self, scenario_id: int) -> Entry:
        with self.engine.connect() as conn:
            return self._entry(conn, scenario_id)

    def entries(self, text: str = "", organisation: str = "", technology: str = "",
                tag: str = "", deleted: bool = False) -> list[Entry]:
        """Scenarios matching every filter given (free text: title, organisation, technology,
        tags and description, case-insensitive), newest first. deleted=True lists the bin."""
        table = scenario_table
        query = select(table).where(
            table.c.deleted_at.is_not(None) if deleted else table.c.deleted_at.is_(None))
        if text.strip():
            query = query.where(
                table.c.search_text.contains(text.strip().casefold(), autoescape=True))
        if organisation:
            query = query.where(table.c.organisation == organisation)
        if technology:
            query = query.where(table.c.technology == technology)
        if tag:
            query = query.where(table.c.tags.contains(TAG_SEP + tag + TAG_SEP, autoescape=True))
        query = query.order_by(table.c.updated_at.desc(), table.c.id.desc())
        with self.engine.connect() as conn:
            return [_entry(row) for row in conn.execute(query)]

    def facets(self) -> Facets:
        """The organisations, technologies and tags in use (for the filters)."""
        table = scenario_table
        query = select(table.c.organisation, table.c.technology, table.c.tags).where(
            table.c.deleted_at.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return Facets(
            organisations=sorted({r.organisation for r in rows if r.organisation}),
            technologies=sorted({r.technology for r in rows if r.technology}),
            tags=sorted({tag for r in rows for tag in _tags(r.tags)}),
        )

    def versions(self, scenario_id: int) -> list[Version]:
        """All versions of a scenario, newest first."""
        v = scenario_version
        query = (select(v.c.number, v.c.created_at, v.c.author, v.c.comment, v.c.title)
                 .where(v.c.scenario_id == scenario_id).order_by(v.c.number.desc()))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            raise StorageError("not_found", f"no scenario {scenario_id}")
        return [Version(scenario_id, r.number, _utc(r.created_at), r.author, r.comment, r.title)
                for r in rows]

    def load(self, scenario_id: int, number: int | None = None) -> Scenario:
        """The scenario as saved in version `number` (default: the newest)."""
        return self.load_many([(scenario_id, number)])[0]

    def load_many(self, keys: list[tuple[int, int | None]]) -> list[Scenario]:
        """Several (scenario id, version or None for the newest) in one round trip."""
        v, s = scenario_version, scenario_table
        with self.engine.connect() as conn:
            heads = dict(conn.execute(select(s.c.id, s.c.head_version).where(
                s.c.id.in_({i for i, _ in keys}))).all())
            wanted = [(i, n if n is not None else heads.get(i)) for i, n in keys]
            rows = conn.execute(select(v.c.scenario_id, v.c.number, v.c.body).where(
                tuple_(v.c.scenario_id, v.c.number).in_(set(wanted)))).all()
        bodies = {(r.scenario_id, r.number): r.body for r in rows}
        missing = [key for key in wanted if key not in bodies]
        if missing:
            raise StorageError("not_found", f"no such scenario version: {missing[0]}")
        return [_parsed(key, bodies[key]) for key in wanted]

    # --- internals -----------------------------------------------------------------------

    def _insert_scenario(self, conn: Connection, scenario: Scenario, author: str,
                         comment: str) -> int:
        now = datetime.now(UTC)
        scenario_id = conn.execute(insert(scenario_table).values(
            created_at=now, updated_at=now, updated_by=_short(author), head_version=1,
            search_text=_search_text(scenario), **_summary(scenario),
        ).returning(scenario_table.c.id)).scalar_one()
        self._insert_version(conn, scenario_id, 1, now, scenario, author, comment)
        return scenario_id

    def _append_version(self, conn: Connection, scenario_id: int, scenario: Scenario,
                        author: str, comment: str, base_version: int) -> None:
        now = datetime.now(UTC)
        table = scenario_table
        moved = conn.execute(
            update(table)
            .where(table.c.id == scenario_id, table.c.head_version == base_version)
            .values(head_version=base_version + 1, updated_at=now, updated_by=_short(author),
                    search_text=_search_text(scenario), **_summary(scenario))
        ).rowcount
        if moved != 1:
            head = conn.execute(select(table.c.head_version, table.c.updated_by)
                                .where(table.c.id == scenario_id)).first()
            if head is None:
                raise StorageError("not_found", f"no scenario {scenario_id}")
            raise ConflictError(scenario_id, base_version, head.head_version, head.updated_by)
        try:
            self._insert_version(conn, scenario_id, base_version + 1, now, scenario, author,
                                 comment)
        except IntegrityError as exc:
            raise ConflictError(scenario_id, base_version, base_version + 1, "") from exc

    @staticmethod
    def _insert_version(conn: Connection, scenario_id: int, number: int, now: datetime,
                        scenario: Scenario, author: str, comment: str) -> None:
        conn.execute(insert(scenario_version).values(
            scenario_id=scenario_id, number=number, created_at=now, author=_short(author),
            comment=comment.strip(), body=dump_scenario(scenario), **_summary(scenario),
        ))

    @staticmethod
    def _entry(conn: Connection, scenario_id: int) -> Entry:
        row = conn.execute(select(scenario_table).where(scenario_table.c.id == scenario_id)).first()
        if row is None:
            raise StorageError("not_found", f"no scenario {scenario_id}")
        return _entry(row)

    def _set_deleted(self, scenario_id: int, when: datetime | None) -> Entry:
        table = scenario_table
        with self.engine.begin() as conn:
            conn.execute(update(table).where(table.c.id == scenario_id).values(deleted_at=when))
            return self._entry(conn, scenario_id)
