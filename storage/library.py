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
    Select,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from calculators.key_figures import FIGURE_NAMES, FIGURES_REVISION, KeyFigures, key_figures
from calculators.model import Scenario
from calculators.scenario_file import ScenarioFileError, dump_scenario, parse_scenario
from storage.access import ADMIN, EDITOR, EVERYONE, LOCAL, READER, ROLES, Actor
from storage.errors import StorageError
from storage.tables import SUMMARY_LENGTH, audit, member, scenario_version, share
from storage.tables import scenario as scenario_table

ROOT = Path(__file__).resolve().parent.parent
MAX_LISTINGS = 256
_LISTINGS: dict[tuple, Select] = {}  # Library._listing's statements, oldest first
DEFAULT_DB_PATH = ROOT / "data" / "library.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
TAG_SEP = "\x1f"
# PostgreSQL's tsvector of a version's search text (migration 0003; not in the table's model)
_SEARCH_VECTOR = literal_column(f"{scenario_version.name}.search")


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
    figures: KeyFigures | None = None  # None: a version this app cannot read


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
             scenario.description, scenario.purpose]
    return "\n".join(parts).casefold()


def version_columns(scenario: Scenario) -> dict[str, object]:
    """What a version row stores besides its body, author and comment: the summary, the search
    text and the key figures (computed here, once, by the calculators)."""
    return {**_summary(scenario), "search_text": _search_text(scenario),
            "figures_revision": FIGURES_REVISION, **key_figures(scenario).as_dict()}


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
    """An entry from a row of `Library._listing`."""
    figures = (None if row.figures_revision is None or row.investment is None
               else KeyFigures(**{name: getattr(row, name) for name in FIGURE_NAMES}))
    return Entry(id=row.scenario_id, title=row.title, organisation=row.organisation,
                 technology=row.technology, tags=_tags(row.tags), version=row.number,
                 updated_at=_utc(row.created_at), updated_by=row.author,
                 deleted=row.deleted_at is not None, owner=row.owner, figures=figures)


def refresh_figures(conn: Connection, batch: int = 500) -> int:
    """Compute the search text and key figures of every version saved before they were
    stored, or under an older FIGURES_REVISION (calculators/key_figures.py). A version this
    app cannot read keeps no figures. Returns how many versions were brought up to date."""
    v = scenario_version
    stale = (select(v.c.id, v.c.scenario_id, v.c.number, v.c.body)
             .where(or_(v.c.figures_revision.is_(None),
                        v.c.figures_revision != FIGURES_REVISION)).order_by(v.c.id))
    blank = dict.fromkeys(FIGURE_NAMES) | {"figures_revision": FIGURES_REVISION}
    done = 0
    for rows in conn.execute(stale).partitions(batch):
        values = []
        for row in rows:
            try:
                values.append({"row_id": row.id, **version_columns(
                    _parsed((row.scenario_id, row.number), row.body))})
            except StorageError:
                values.append({"row_id": row.id, **blank, "search_text": ""})
        conn.execute(update(v).where(v.c.id == bindparam("row_id")), values)
        done += len(values)
    return done


def _without_jit(dbapi_connection, _record) -> None:
    """PostgreSQL's JIT compiler spends hundreds of milliseconds compiling plans whose cost it
    overestimates; the library's queries are short and index-led, and run faster without."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET jit = off")
    cursor.close()
    dbapi_connection.commit()


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creates the tables in an empty database)
    and the stored key figures to the calculators' (`refresh_figures`).

    A database at a revision this code does not know was migrated by a newer version of the app
    (during a rolling upgrade of the replicas): StorageError "newer_schema", nothing is changed.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    known = {revision.revision for revision in
             ScriptDirectory.from_config(config).walk_revisions()}
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:  # a batch migration copies the scenario table, which versions refer to
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if not sqlite:  # replicas starting together migrate one at a time
                    connection.execute(text("SELECT pg_advisory_xact_lock(1903)"))
                heads = set(MigrationContext.configure(connection).get_current_heads())
                if heads - known:
                    raise StorageError("newer_schema", "the database is at revision "
                                       f"{min(heads - known)}, which a newer version of the "
                                       "app made")
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                refresh_figures(connection)
        finally:
            if sqlite:
                _foreign_keys(connection, on=True)


def _foreign_keys(connection: Connection, on: bool) -> None:
    """SQLite only, and only outside a transaction."""
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    connection.commit()


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
            elif engine.dialect.name == "postgresql":
                event.listen(engine, "connect", _without_jit)
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
            by_id = {e.id: e for e in self._entries(conn, ids)}
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
                tag: str = "", deleted: bool = False, *, limit: int | None = None,
                offset: int = 0, positive: str | None = None,
                max_investment: float | None = None,
                ids: Iterable[int] | None = None) -> list[Entry]:
        """Cases the actor may read matching every filter given, newest first (with free text
        on PostgreSQL: the best match first, by `ts_rank`), each as its newest version they may
        read, with its key figures. deleted=True lists the bin (of the
        actor's own organisations).

        text: free text over title, organisation, technology, tags, description and purpose;
        on PostgreSQL full-text search with the Danish configuration (websearch syntax:
        "toiletter" finds "toilet", quotes for a phrase, -word to leave out), elsewhere a
        case-insensitive substring. positive: a key figure (calculators/key_figures.py) that
        must be above 0; max_investment: the largest investment kept. limit and offset: a page;
        ids: only these cases.
        """
        query = self._listing(text, organisation, technology, tag, deleted, ids)
        if positive is not None:
            query = query.where(scenario_version.c[_figure(positive)] > 0)
        if max_investment is not None:
            query = query.where(scenario_version.c.investment <= max_investment)
        order = [scenario_version.c.created_at.desc(), scenario_version.c.scenario_id.desc()]
        if text.strip() and self.engine.dialect.name == "postgresql":
            order.insert(0, func.ts_rank(_SEARCH_VECTOR, func.library_query(text.strip())).desc())
        with self.engine.connect() as conn:
            return [_entry(row) for row in conn.execute(
                query.order_by(*order).limit(limit).offset(offset))]

    def count(self, text: str = "", organisation: str = "", technology: str = "",
              tag: str = "", deleted: bool = False) -> int:
        """How many cases `entries` lists with these filters (without limit)."""
        listed = self._listing(text, organisation, technology, tag, deleted).subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(listed)).scalar_one()

    def facets(self) -> Facets:
        """The organisations, technologies and tags in use among the cases the actor may read
        (for the filters): one query for the distinct combinations."""
        v = scenario_version
        listed = self._listing().with_only_columns(v.c.organisation, v.c.technology, v.c.tags)
        with self.engine.connect() as conn:
            rows = conn.execute(listed.distinct()).all()
        return Facets(
            organisations=sorted({r.organisation for r in rows if r.organisation}),
            technologies=sorted({r.technology for r in rows if r.technology}),
            tags=sorted({tag for r in rows for tag in _tags(r.tags)}),
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
                                     share.c.grantee.in_(self._grantees())
                                     ).correlate_except(share)
        return or_(table.c.owner.in_(self.actor.organisations),
                   and_(table.c.deleted_at.is_(None), whole_share))

    def _visible(self, deleted: bool | None, ids: Iterable[int] | None = None):
        """SQL: (scenario_id, number) of the version the actor sees of each case they may read:
        the head of a case of their own organisations or shared whole with them, the newest
        shared version of a case of which only some versions are shared with them. deleted:
        True the bin, False the rest, None both; ids: only these cases.

        Three parts, each led by an index (owner; the shares' grantee), so that the database
        meets only the cases the actor may read, however large the library."""
        s, whole = scenario_table, share.alias("whole")
        orgs, grantees = self.actor.organisations, self._grantees()
        own = select(s.c.id.label("scenario_id"), s.c.head_version.label("number")).where(
            s.c.owner.in_(orgs))
        if deleted is not None:
            own = own.where(s.c.deleted_at.is_not(None) if deleted else s.c.deleted_at.is_(None))
        shared = (select(s.c.id, s.c.head_version).join(share, share.c.scenario_id == s.c.id)
                  .where(share.c.version.is_(None), share.c.grantee.in_(grantees),
                         s.c.deleted_at.is_(None), s.c.owner.not_in(orgs)).distinct())
        partly = (select(share.c.scenario_id, func.max(share.c.version))
                  .join(s, s.c.id == share.c.scenario_id)
                  .where(share.c.version.is_not(None), share.c.grantee.in_(grantees),
                         s.c.deleted_at.is_(None), s.c.owner.not_in(orgs),
                         ~exists().where(whole.c.scenario_id == s.c.id,
                                         whole.c.version.is_(None),
                                         whole.c.grantee.in_(grantees)))
                  .group_by(share.c.scenario_id))
        parts = [own] if deleted else [own, shared, partly]
        if ids is not None:
            ids = set(ids)
            parts = [part.where(s.c.id.in_(ids)) for part in parts]
        return union_all(*parts).subquery("visible")

    def _listing(self, text: str = "", organisation: str = "", technology: str = "",
                 tag: str = "", deleted: bool | None = False,
                 ids: Iterable[int] | None = None) -> Select:
        """SQL: the visible version of each case with its case's owner and bin date, filtered.
        Built once per database kind, organisations and filters (building it costs more than
        running it on a small library); callers derive their statements from it, never change
        it (SQLAlchemy statements are immutable)."""
        if ids is not None:
            return self._build_listing(text, organisation, technology, tag, deleted, ids)
        key = (self.engine.dialect.name, tuple(self.actor.organisations), text, organisation,
               technology, tag, deleted)
        listing = _LISTINGS.get(key)
        if listing is None:
            listing = self._build_listing(text, organisation, technology, tag, deleted)
            if len(_LISTINGS) >= MAX_LISTINGS:
                _LISTINGS.pop(next(iter(_LISTINGS)), None)
            _LISTINGS[key] = listing
        return listing

    def _build_listing(self, text: str, organisation: str, technology: str, tag: str,
                       deleted: bool | None, ids: Iterable[int] | None = None) -> Select:
        v, s = scenario_version, scenario_table
        visible = self._visible(deleted, ids)
        shown = [c for c in v.c if c.name not in ("body", "search_text")]
        query = select(*shown, s.c.owner, s.c.deleted_at).select_from(
            visible.join(v, and_(v.c.scenario_id == visible.c.scenario_id,
                                 v.c.number == visible.c.number))
            .join(s, s.c.id == v.c.scenario_id))
        if text.strip():
            query = query.where(self._text_match(text.strip()))
        if organisation:
            query = query.where(v.c.organisation == organisation)
        if technology:
            query = query.where(v.c.technology == technology)
        if tag:
            query = query.where(v.c.tags.contains(TAG_SEP + tag + TAG_SEP, autoescape=True))
        return query

    def _text_match(self, text: str):
        """SQL: the version matches the free text (see `entries`)."""
        if self.engine.dialect.name == "postgresql":
            return _SEARCH_VECTOR.op("@@")(func.library_query(text))
        return scenario_version.c.search_text.contains(text.casefold(), autoescape=True)

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
            owner=owner).returning(scenario_table.c.id)).scalar_one()
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
            .values(head_version=base_version + 1, updated_at=now, updated_by=_short(author))
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
        """The version with its summary, search text and key figures, computed once here."""
        conn.execute(insert(scenario_version).values(
            scenario_id=scenario_id, number=number, created_at=now, author=_short(author),
            comment=comment.strip(), body=dump_scenario(scenario),
            **version_columns(scenario)))

    def _entries(self, conn: Connection, ids: Iterable[int]) -> list[Entry]:
        """The cases with these ids as the actor may see them (the bin too)."""
        return [_entry(row) for row in conn.execute(self._listing(deleted=None, ids=ids))]

    def _entry(self, conn: Connection, scenario_id: int) -> Entry:
        found = self._entries(conn, [scenario_id])
        if not found:
            raise StorageError("not_found", f"no scenario {scenario_id}")
        return found[0]

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


def _figure(name: str) -> str:
    if name not in FIGURE_NAMES:
        raise ValueError(f"no key figure {name!r}: use one of {FIGURE_NAMES}")
    return name
