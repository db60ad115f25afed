"""Shared pieces of the library, compare and portfolio pages: the cached library, the author
field, the link between the current scenario and its library version, the portfolio's
candidates from the key figures stored per saved version, messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from calculators.model import Scenario
from calculators.portfolio import Candidate, figures_candidate
from exporters.deck import Stamp
from storage import ConflictError, Entry, Library, StorageError, database_url
from storage.archive import ImportFileError
from ui.downloads import not_recorded
from ui.identity import current_actor
from ui.safe_text import md
from ui.session import lang, replace_scenario, t, to_business_case
from ui.widgets import file_error_message

T = TypeVar("T")
LOG = logging.getLogger(__name__)
LOCAL_TIME = ZoneInfo("Europe/Copenhagen")
AUTHOR = "library_author"
LINK = "library_link"
FLASH = "library_flash"


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Library:
    return Library.open(url)


def library() -> Library | None:
    """The library (one engine per database URL for the whole server), or None with a clear
    message when the database cannot be opened; the rest of the app keeps working."""
    try:
        return _open(database_url()).acting_as(current_actor())
    except StorageError as exc:
        LOG.warning("library unavailable: %s", exc)
        st.error(t("lib.newer_schema") if exc.code == "newer_schema"
                 else t("lib.unavailable", detail=str(exc)))
        return None


def version_candidates(entries: list[Entry]) -> list[Candidate]:
    """The portfolio's candidates from the key figures stored with each entry's version
    (computed by the calculators when it was saved); a version this app cannot read has none
    and is left out with a warning, so one never hides the rest."""
    unreadable = [e for e in entries if e.figures is None]
    if unreadable:
        st.warning(t("lib.unreadable", ids=", ".join(f"{e.id} v{e.version}" for e in unreadable)))
    return [figures_candidate(str(e.id), e.title, e.figures) for e in entries
            if e.figures is not None]


def author_field() -> str:
    """The author saved with a version: the signed-in identity, or (without sign-in) a free-text
    name kept while the user moves between pages."""
    actor = current_actor()
    if not actor.local:
        st.caption(t("lib.author_signed_in", who=md(actor.label or actor.subject)))
        return actor.label or actor.subject
    name = st.text_input(t("lib.author"), value=st.session_state.get(AUTHOR, ""),
                                 max_chars=200, key="library_author_input")
    st.session_state[AUTHOR] = name.strip()
    return st.session_state[AUTHOR]


def attempt(action: Callable[[], T]) -> T | None:
    """Run a library action; on failure explain it in the user's language and return None."""
    try:
        return action()
    except ConflictError:
        raise
    except StorageError as exc:
        st.error(t("lib.not_found") if exc.code == "not_found"
                 else t("lib.forbidden" if exc.code == "forbidden" else "lib.failed",
                        detail=str(exc)))
    except SQLAlchemyError as exc:
        st.error(t("lib.failed", detail=type(exc).__name__))
    return None


def linked_version() -> tuple[int, int] | None:
    """(scenario id, version) the current scenario was opened from or last saved as; None
    when the current scenario came from elsewhere (a sample, an upload)."""
    link = st.session_state.get(LINK)
    if link and link[2] == st.session_state.get("scenario_rev"):
        return link[0], link[1]
    return None


def exporter(lib: Library | None, keys: list[tuple[int, int]],
             what: str = "") -> Callable[[str], object]:
    """The `exported` of a download holding these saved versions (ui.downloads.recorded): it
    records their export in the audit trail, with the file's format and `what`, when the
    button is pressed."""
    if lib is None or not keys:
        return not_recorded
    return lambda kind: lib.export(keys, f"{kind}{what}")


def current_exporter(lib: Library | None = None,
                     what: str = ", current scenario") -> Callable[[str], object]:
    """The `exported` of a download of the current scenario: an export of the library version
    it was opened from or saved as (it may have been edited since); nothing when the current
    scenario came from elsewhere (then the library is not even opened)."""
    link = linked_version()
    if link is None:
        return not_recorded
    return exporter(lib or library(), [link], what)


def set_link(scenario_id: int, version: int) -> None:
    st.session_state[LINK] = (scenario_id, version, st.session_state.get("scenario_rev"))


def open_version(scenario_id: int, version: int, loaded: Scenario) -> None:
    """Make a saved version the current scenario, linked to it, and go to the business case."""
    replace_scenario(loaded)
    set_link(scenario_id, version)
    to_business_case(t("lib.opened", title=md(loaded.title), version=version))


def flash(kind: str, text: str) -> None:
    """A message to show after the rerun that follows an action."""
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind == "success":
        st.success(text)
    elif kind == "error":
        st.error(text)


def local_time(moment: datetime) -> str:
    shown = moment.astimezone(LOCAL_TIME)
    return shown.strftime("%d.%m.%Y %H:%M") if lang() == "da" else shown.strftime("%d %b %Y %H:%M")


def import_error_message(exc: ImportFileError) -> str:
    if exc.cause is not None:
        message = file_error_message(exc.file, exc.cause)
    else:
        message = t("file.bad", name=exc.file, reason=t(f"lib.import_error.{exc.code}"))
    return f"{message} {t('lib.import_nothing')}"


def conflict_message(exc: ConflictError) -> str:
    return t("lib.conflict", by=exc.by or t("lib.someone"), current=exc.current,
             expected=exc.expected)


def version_stamp(lib: Library | None, scenario_id: int, number: int | None = None) -> Stamp:
    """Author, version and date of a saved version (the head when `number` is None); today's
    date alone when the library cannot tell."""
    versions = attempt(lambda: lib.versions(scenario_id)) if lib else None
    found = [v for v in versions or [] if number is None or v.number == number]
    if not found:
        return Stamp(datetime.now(LOCAL_TIME).date())
    version = max(found, key=lambda v: v.number)
    return Stamp(version.created_at.astimezone(LOCAL_TIME).date(), version.author,
                 version.number, scenario_id)


def current_stamp(lib: Library | None) -> Stamp:
    """The stamp of the current scenario: its library version when it was opened from or saved
    to the library and not changed since, else today's date."""
    link = linked_version()
    if link is None:
        return Stamp(datetime.now(LOCAL_TIME).date())
    return version_stamp(lib, *link)
