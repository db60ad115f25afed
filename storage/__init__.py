"""Scenario library (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

from storage.library import (
    ConflictError,
    Entry,
    Facets,
    Library,
    StorageError,
    Version,
    database_url,
)

__all__ = ["ConflictError", "Entry", "Facets", "Library", "StorageError", "Version",
           "database_url"]
