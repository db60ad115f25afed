"""Scenario library (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

from storage.access import ADMIN, EDITOR, EVERYONE, LOCAL, READER, AccessDenied, Actor
from storage.errors import StorageError
from storage.library import (
    AuditRecord,
    ConflictError,
    Entry,
    Facets,
    Library,
    Share,
    Version,
    database_url,
)

__all__ = ["ADMIN", "EDITOR", "EVERYONE", "LOCAL", "READER", "AccessDenied", "Actor",
           "AuditRecord", "ConflictError", "Entry", "Facets", "Library", "Share",
           "StorageError", "Version", "database_url"]
