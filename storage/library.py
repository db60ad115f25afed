"""The scenario library: every save is a new, immutable version; nothing is ever overwritten.

One `Library` holds the engine (SQLite file by default, PostgreSQL when DATABASE_URL is set).
Saves are optimistic: the editor passes the version it started from, and the head moves only
if it is still that version (one conditional UPDATE), so two writers never overwrite each
other silently; the second gets a `ConflictError`.

A `Library` acts for one `Actor` (storage/access.py; `Library.open` gives the local user,
`acting_as` another) and checks every call here, at the data layer: a case the actor may not
read is "not_found" whichever way it is asked for (list, search, id, version, export), and a
change the actor's role does not allow raises `AccessDenied`. Every save, rename, delete,
restore, share, unshare and export is written to the append-only audit table in the same
transaction.
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
    and_,
    create_engine,
    delete,
    event,
    exists,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from calculators.model import Scenario
from calculators.scenario_file import ScenarioFileError, dump_scenario, parse_scenario
from storage.access import ADMIN, EDITOR, EVERYONE, LOCAL, READER, ROLES, Actor
from storage.errors import StorageError
from storage.tables import SUMMARY_LENGTH, audit, member, scenario_version, share
from storage.tables import scenario as scenario_table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "library.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
TAG_SEP = "\x1f"


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
    owner: str = LOCAL.organisations[0]


@dataclass(frozen=True)
class Version:
    scenario_id: int
    number: int
    created_at: datetime
    author: str
    comment: str
    title: str


@dataclass(frozen=True)
class Share:
    scenario_id: int
    version: int | None  # None: every version
    grantee: str  # an organisation, or EVERYONE
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class AuditRecord:
    at: datetime
    subject: str
    actor: str
    organisation: str
    action: str
    scenario_id: int | None
    version: int | None
    detail: str


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
                 deleted=row.deleted_at is not None, owner=row.owner)


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
    def __init__(self, engine: Engine, actor: Actor = LOCAL):
        self.engine = engine
        self.actor = actor

    @classmethod
    def open(cls, url: str | None = None) -> Library:
        """Connect (creating the SQLite file and its folder when needed) and migrate.
        The library acts as the local user until `acting_as` names someone else."""
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

    def acting_as(self, actor: Actor) -> Library:
        """The same library acting for `actor`, with the memberships administrators gave
        them in the library (by subject or by e-mail) added to those the identity provider
        gave."""
        m = member
        with self.engine.connect() as conn:
            stored = conn.execute(select(m.c.organisation, m.c.role).where(
                m.c.subject.in_({actor.subject, actor.email.strip().casefold()} - {""}))).all()
        return Library(self.engine, actor.with_memberships([tuple(r) for r in stored]))

    def dispose(self) -> None:
        self.engine.dispose()

    # --- writing -------------------------------------------------------------------------

    def create(self, scenario: Scenario, author: str = "", comment: str = "",
               owner: str | None = None) -> Entry:
        """A new scenario in the library, at version 1, owned by `owner` (default: the
        actor's first organisation where they are an editor)."""
        with self.engine.begin() as conn:
            scenario_id = self._insert_scenario(conn, scenario, author, comment, owner)
            return self._entry(conn, scenario_id)

    def create_many(self, scenarios: Iterable[Scenario], author: str, comment: str,
                    owner: str | None = None) -> list[Entry]:
        """Add several scenarios in one transaction: all of them, or none."""
        with self.engine.begin() as conn:
            ids = [self._insert_scenario(conn, s, author, comment, owner) for s in scenarios]
            rows = conn.execute(select(scenario_table).where(scenario_table.c.id.in_(ids)))
            by_id = {row.id: _entry(row) for row in rows}
            return [by_id[i] for i in ids]

    def save(self, scenario_id: int, scenario: Scenario, author: str, comment: str,
             base_version: int) -> Entry:
        """Save a new version on top of `base_version`; ConflictError if the head has moved."""
        return self._write(scenario_id, scenario, author, comment, base_version, "save")

    def rename(self, scenario_id: int, title: str, author: str, comment: str,
               base_version: int) -> Entry:
        """A new version with another title (ValidationError if the title is empty)."""
        renamed = _retitled(self.load(scenario_id, base_version), title)
        return self._write(scenario_id, renamed, author, comment, base_version, "rename")

    def restore(self, scenario_id: int, number: int, author: str, comment: str,
                base_version: int) -> Entry:
        """A new version that copies version `number` (the versions in between stay)."""
        return self._write(scenario_id, self.load(scenario_id, number), author, comment,
                           base_version, "restore", f"from version {number}")

    def duplicate(self, scenario_id: int, title: str, author: str, comment: str,
                  owner: str | None = None) -> Entry:
        """A new scenario starting from a copy of the newest version of this one (a case
        shared with the actor can be copied into their own organisation)."""
        return self.create(_retitled(self.load(scenario_id), title), author, comment, owner)

    def delete(self, scenario_id: int) -> Entry:
        """Soft delete: hidden from lists, kept with all versions; `undelete` brings it back."""
        return self._set_deleted(scenario_id, datetime.now(UTC), "delete")

    def undelete(self, scenario_id: int) -> Entry:
        return self._set_deleted(scenario_id, None, "undelete")

    # --- sharing, members, audit ---------------------------------------------------------

    def share(self, scenario_id: int, grantee: str, version: int | None = None) -> Share:
        """Share the case (every version, or only `version`) read-only with the organisation
        `grantee`, or with everyone signed in (grantee EVERYONE). Administrators only."""
        if not grantee.strip():
            raise ValueError("name the organisation to share with")
        grantee = grantee.strip()[:200]
        with self.engine.begin() as conn:
            owner = self._owner(conn, scenario_id, ADMIN, "share a case")
            if version is not None:
                self._check_version(conn, scenario_id, version)
            now = datetime.now(UTC)
            if not conn.execute(select(share.c.id).where(_share_key(scenario_id, grantee,
                                                                    version))).first():
                conn.execute(insert(share).values(
                    scenario_id=scenario_id, version=version, grantee=grantee, created_at=now,
                    created_by=_short(self.actor.label or self.actor.subject)))
                self._audit(conn, owner, "share", scenario_id, version, grantee)
            return Share(scenario_id, version, grantee, now, self.actor.label)

    def unshare(self, scenario_id: int, grantee: str, version: int | None = None) -> None:
        """Withdraw a share made with `share` (the same grantee and version)."""
        with self.engine.begin() as conn:
            owner = self._owner(conn, scenario_id, ADMIN, "withdraw a share")
            gone = conn.execute(delete(share).where(
                _share_key(scenario_id, grantee.strip(), version))).rowcount
            if gone:
                self._audit(conn, owner, "unshare", scenario_id, version, grantee.strip())

    def shares(self, scenario_id: int) -> list[Share]:
        """Who the case is shared with (readers of the owning organisation may see this)."""
        with self.engine.connect() as conn:
            self._owner(conn, scenario_id, READER, "see who a case is shared with")
            rows = conn.execute(select(share).where(share.c.scenario_id == scenario_id)
                                .order_by(share.c.id)).all()
        return [Share(r.scenario_id, r.version, r.grantee, _utc(r.created_at), r.created_by)
                for r in rows]

    def export(self, keys: list[tuple[int, int | None]], detail: str = "") -> list[Scenario]:
        """`load_many` for a download: the same checks, and one audit record per case and
        version; detail says what was downloaded (the file's format)."""
        with self.engine.begin() as conn:
            loaded, resolved = self._load(conn, keys)
            owners = dict(conn.execute(select(scenario_table.c.id, scenario_table.c.owner)
                                       .where(scenario_table.c.id.in_({i for i, _ in keys}))
                                       .order_by(scenario_table.c.id)).all())
            for scenario_id, number in dict.fromkeys(resolved):
                self._audit(conn, owners[scenario_id], "export", scenario_id, number, detail)
        return loaded

    def set_member(self, organisation: str, subject: str, role: str, label: str = "") -> None:
        """Give `subject` (the identity token's sub, or an e-mail address) a role in the
        organisation (administrators of it only)."""
        subject = subject.strip()
        subject = subject.casefold() if "@" in subject else subject
        if not subject:
            raise ValueError("name the member by e-mail or user id")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}: use one of {ROLES}")
        self.actor.require(organisation, ADMIN, "manage members")
        with self.engine.begin() as conn:
            conn.execute(delete(member).where(member.c.organisation == organisation,
                                              member.c.subject == subject))
            conn.execute(insert(member).values(organisation=organisation, subject=subject,
                                               role=role, label=_short(label)))
            self._audit(conn, organisation, "member", None, None, f"{subject}: {role}")

    def remove_member(self, organisation: str, subject: str) -> None:
        self.actor.require(organisation, ADMIN, "manage members")
        with self.engine.begin() as conn:
            conn.execute(delete(member).where(member.c.organisation == organisation,
                                              member.c.subject == subject))
            self._audit(conn, organisation, "member", None, None, f"{subject}: removed")

    def members(self, organisation: str) -> list[tuple[str, str, str]]:
        """(subject, role, label) of the members given in the library (administrators)."""
        self.actor.require(organisation, ADMIN, "see the members")
        with self.engine.connect() as conn:
            rows = conn.execute(select(member.c.subject, member.c.role, member.c.label)
                                .where(member.c.organisation == organisation)
                                .order_by(member.c.subject)).all()
        return [tuple(r) for r in rows]

    def audit_trail(self, organisation: str, scenario_id: int | None = None
                    ) -> list[AuditRecord]:
        """What was done to the organisation's cases, oldest first (administrators only)."""
        self.actor.require(organisation, ADMIN, "read the audit trail")
        query = select(audit).where(audit.c.organisation == organisation)
        if scenario_id is not None:
            query = query.where(audit.c.scenario_id == scenario_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(audit.c.id)).all()
        return [AuditRecord(_utc(r.at), r.subject, r.actor, r.organisation, r.action,
                            r.scenario_id, r.version, r.detail) for r in rows]

    # --- reading -------------------------------------------------------------------------

    def entry(self, scenario_id: int) -> Entry:
        with self.engine.connect() as conn:
            return self._entry(conn, scenario_id)

    def entries(self, text: str = "", organisation: str = "", technology: str = "",
                tag: str = "", deleted: bool = False) -> list[Entry]:
        """Scenarios the actor may read matching every filter given (free text: title,
        organisation, technology, tags and description, case-insensitive), newest first.
        deleted=True lists the bin (of the actor's own organisations)."""
        table = scenario_table
        readable = (table.c.owner.in_(self.actor.organisations) if deleted
                    else self._readable())
        query = select(table).where(readable, table.c.deleted_at.is_not(None) if deleted
                                    else table.c.deleted_at.is_(None))
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
            found = [_entry(row) for row in conn.execute(query)]
            if deleted:
                return found
            shown = {e.id for e in found}
            partly = [self._entry(conn, i) for i in self._version_shared(conn) - shown]
        wanted = [e for e in partly if _matches(e, text, organisation, technology, tag)]
        return sorted([*found, *wanted], key=lambda e: (e.updated_at, e.id), reverse=True)

    def facets(self) -> Facets:
        """The organisations, technologies and tags in use (for the filters)."""
        rows = self.entries()
        return Facets(
            organisations=sorted({r.organisation for r in rows if r.organisation}),
            technologies=sorted({r.technology for r in rows if r.technology}),
            tags=sorted({tag for r in rows for tag in r.tags}),
        )

    def versions(self, scenario_id: int) -> list[Version]:
        """All versions of a scenario the actor may read, newest first."""
        v = scenario_version
        with self.engine.connect() as conn:
            allowed = self._access(conn, [scenario_id]).get(scenario_id, frozenset())
            query = (select(v.c.number, v.c.created_at, v.c.author, v.c.comment, v.c.title)
                     .where(v.c.scenario_id == scenario_id).order_by(v.c.number.desc()))
            if allowed is not None:
                query = query.where(v.c.number.in_(allowed))
            rows = conn.execute(query).all()
        if not rows:
            raise StorageError("not_found", f"no scenario {scenario_id}")
        return [Version(scenario_id, r.number, _utc(r.created_at), r.author, r.comment, r.title)
                for r in rows]

    def load(self, scenario_id: int, number: int | None = None) -> Scenario:
        """The scenario as saved in version `number` (default: the newest it may read)."""
        return self.load_many([(scenario_id, number)])[0]

    def load_many(self, keys: list[tuple[int, int | None]]) -> list[Scenario]:
        """Several (scenario id, version or None for the newest) in one round trip."""
        with self.engine.connect() as conn:
            return self._load(conn, keys)[0]

    # --- access --------------------------------------------------------------------------

    def _grantees(self) -> list[str]:
        return [*self.actor.organisations, EVERYONE]

    def _readable(self):
        """SQL: the cases the actor may read whole (owned by one of their organisations, or
        shared with every version and not in the bin)."""
        table = scenario_table
        whole_share = exists().where(share.c.scenario_id == table.c.id,
                                     share.c.version.is_(None),
                                     share.c.grantee.in_(self._grantees()))
        return or_(table.c.owner.in_(self.actor.organisations),
                   and_(table.c.deleted_at.is_(None), whole_share))

    def _version_shared(self, conn: Connection) -> set[int]:
        """Cases of which only some versions are shared with the actor (not in the bin)."""
        rows = conn.execute(
            select(share.c.scenario_id).join(scenario_table,
                                             scenario_table.c.id == share.c.scenario_id)
            .where(share.c.version.is_not(None), share.c.grantee.in_(self._grantees()),
                   scenario_table.c.deleted_at.is_(None))).all()
        return {r.scenario_id for r in rows}

    def _access(self, conn: Connection, ids: Iterable[int]) -> dict[int, frozenset[int] | None]:
        """For each case the actor may read: None (every version) or the versions shared
        with them. Cases they may not read are left out, as if they did not exist."""
        ids = set(ids)
        table = scenario_table
        whole = {r.id for r in conn.execute(select(table.c.id).where(
            table.c.id.in_(ids), self._readable()))}
        partly: dict[int, set[int]] = {}
        for r in conn.execute(select(share.c.scenario_id, share.c.version)
                              .join(table, table.c.id == share.c.scenario_id)
                              .where(share.c.scenario_id.in_(ids - whole),
                                     share.c.version.is_not(None),
                                     share.c.grantee.in_(self._grantees()),
                                     table.c.deleted_at.is_(None))):
            partly.setdefault(r.scenario_id, set()).add(r.version)
        return {**{i: frozenset(n) for i, n in partly.items()}, **dict.fromkeys(whole)}

    def _owner(self, conn: Connection, scenario_id: int, needed: str, action: str) -> str:
        """The case's organisation, once the actor is known to hold `needed` there;
        not_found when they may not even read it, AccessDenied when they may only read."""
        owner = conn.execute(select(scenario_table.c.owner)
                             .where(scenario_table.c.id == scenario_id)).scalar()
        if owner is None or scenario_id not in self._access(conn, [scenario_id]):
            raise StorageError("not_found", f"no scenario {scenario_id}")
        self.actor.require(owner, needed, f"{action} (scenario {scenario_id})")
        return owner

    @staticmethod
    def _check_version(conn: Connection, scenario_id: int, number: int) -> None:
        v = scenario_version
        if conn.execute(select(v.c.id).where(v.c.scenario_id == scenario_id,
                                             v.c.number == number)).first() is None:
            raise StorageError("not_found", f"no scenario {scenario_id} version {number}")

    def _audit(self, conn: Connection, organisation: str, action: str,
               scenario_id: int | None, version: int | None, detail: str) -> None:
        conn.execute(insert(audit).values(
            at=datetime.now(UTC), subject=_short(self.actor.subject),
            actor=_short(self.actor.label or self.actor.subject), organisation=organisation,
            action=action, scenario_id=scenario_id, version=version, detail=detail))

    # --- internals -----------------------------------------------------------------------

    def _load(self, conn: Connection, keys: list[tuple[int, int | None]]
              ) -> tuple[list[Scenario], list[tuple[int, int]]]:
        v, s = scenario_version, scenario_table
        access = self._access(conn, {i for i, _ in keys})
        heads = dict(conn.execute(select(s.c.id, s.c.head_version).where(
            s.c.id.in_(set(access)))).all())
        wanted = [(i, _newest(heads.get(i), access.get(i, frozenset())) if n is None else n)
                  for i, n in keys]
        allowed = {(i, n) for i, n in wanted
                   if i in access and (access[i] is None or n in access[i])}
        rows = conn.execute(select(v.c.scenario_id, v.c.number, v.c.body).where(
            tuple_(v.c.scenario_id, v.c.number).in_(allowed))).all() if allowed else []
        bodies = {(r.scenario_id, r.number): r.body for r in rows}
        missing = [key for key in wanted if key not in bodies]
        if missing:
            raise StorageError("not_found", f"no such scenario version: {missing[0]}")
        return [_parsed(key, bodies[key]) for key in wanted], wanted

    def _write(self, scenario_id: int, scenario: Scenario, author: str, comment: str,
               base_version: int, action: str, detail: str = "") -> Entry:
        with self.engine.begin() as conn:
            owner = self._owner(conn, scenario_id, EDITOR, action)
            self._append_version(conn, scenario_id, scenario, author, comment, base_version)
            self._audit(conn, owner, action, scenario_id, base_version + 1, detail)
            return self._entry(conn, scenario_id)

    def _insert_scenario(self, conn: Connection, scenario: Scenario, author: str,
                         comment: str, owner: str | None) -> int:
        owner = owner or self.actor.home()
        self.actor.require(owner, EDITOR, "save a new case")
        author = self.actor.author(author)
        now = datetime.now(UTC)
        scenario_id = conn.execute(insert(scenario_table).values(
            created_at=now, updated_at=now, updated_by=_short(author), head_version=1,
            owner=owner, search_text=_search_text(scenario), **_summary(scenario),
        ).returning(scenario_table.c.id)).scalar_one()
        self._insert_version(conn, scenario_id, 1, now, scenario, author, comment)
        self._audit(conn, owner, "save", scenario_id, 1, "new")
        return scenario_id

    def _append_version(self, conn: Connection, scenario_id: int, scenario: Scenario,
                        author: str, comment: str, base_version: int) -> None:
        now = datetime.now(UTC)
        author = self.actor.author(author)
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

    def _entry(self, conn: Connection, scenario_id: int) -> Entry:
        """The case as the actor may see it; for a case of which only some versions are
        shared with them, the newest of those versions."""
        allowed = self._access(conn, [scenario_id])
        row = conn.execute(select(scenario_table).where(scenario_table.c.id == scenario_id)
                           ).first() if scenario_id in allowed else None
        if row is None:
            raise StorageError("not_found", f"no scenario {scenario_id}")
        if allowed[scenario_id] is None:
            return _entry(row)
        v = scenario_version
        shown = conn.execute(select(v).where(v.c.scenario_id == scenario_id,
                                             v.c.number == max(allowed[scenario_id]))).one()
        return Entry(id=scenario_id, title=shown.title, organisation=shown.organisation,
                     technology=shown.technology, tags=_tags(shown.tags), version=shown.number,
                     updated_at=_utc(shown.created_at), updated_by=shown.author, deleted=False,
                     owner=row.owner)

    def _set_deleted(self, scenario_id: int, when: datetime | None, action: str) -> Entry:
        table = scenario_table
        with self.engine.begin() as conn:
            owner = self._owner(conn, scenario_id, EDITOR, action)
            conn.execute(update(table).where(table.c.id == scenario_id).values(deleted_at=when))
            head = conn.execute(select(table.c.head_version).where(table.c.id == scenario_id)
                                ).scalar_one()
            self._audit(conn, owner, action, scenario_id, head, "")
            return self._entry(conn, scenario_id)


def _newest(head: int | None, allowed: frozenset[int] | None) -> int | None:
    return head if allowed is None else max(allowed, default=None)


def _share_key(scenario_id: int, grantee: str, version: int | None):
    return and_(share.c.scenario_id == scenario_id, share.c.grantee == grantee,
                share.c.version.is_(None) if version is None else share.c.version == version)


def _matches(entry: Entry, text: str, organisation: str, technology: str, tag: str) -> bool:
    """The filters of `entries`, in Python, for the few cases shared by single versions."""
    haystack = "\n".join([entry.title, entry.organisation, entry.technology, *entry.tags])
    return ((not text.strip() or text.strip().casefold() in haystack.casefold())
            and organisation in ("", entry.organisation)
            and technology in ("", entry.technology) and (not tag or tag in entry.tags))
