"""The library's errors (one module so access.py and library.py can share them)."""

from __future__ import annotations


class StorageError(RuntimeError):
    """The library cannot be used. `code` names the problem for translation:
    unavailable (cannot open or create the database), newer_schema (a newer version of the
    app has migrated the database further than this one knows: a rolling upgrade),
    not_found (no such scenario/version), unreadable (a saved version this version of the
    app cannot read), forbidden (the acting user may not do this: AccessDenied)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
