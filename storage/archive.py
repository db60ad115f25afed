"""Scenario files in and out of the library: one JSON file, or many at once in a zip.

Reading is all-or-nothing: every member is parsed before anything is returned, and the first
bad one raises `ImportFileError` naming it. Zip bombs are stopped before anything is unpacked
by the member count and the sizes the archive claims, and while unpacking by reading at most
MAX_FILE_BYTES (+1) of each, whatever sizes it claims.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Iterable

from calculators.model import Scenario
from calculators.scenario_file import (
    MAX_FILE_BYTES,
    ScenarioFileError,
    dump_scenario,
    parse_scenario,
    slug,
)

MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
JUNK_PREFIXES = ("__MACOSX/",)


class ImportFileError(ValueError):
    """`file` (a name, "archive.zip/member.json" for a zip member) could not be imported.

    `code`: a ScenarioFileError code (too_large, not_json, not_scenario, invalid) or one of
    not_zip, too_many_members, empty_archive, archive_too_large; `cause` holds the
    ScenarioFileError when there is one.
    """

    def __init__(self, file: str, code: str, message: str,
                 cause: ScenarioFileError | None = None):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.code = code
        self.cause = cause


def is_zip(name: str, data: bytes) -> bool:
    return name.lower().endswith(".zip") or data[:4] == b"PK\x03\x04"


def read_upload(name: str, data: bytes) -> list[tuple[str, Scenario]]:
    """The scenarios in an uploaded file (a scenario JSON or a zip of them), with file names."""
    if is_zip(name, data):
        return read_zip(name, data)
    try:
        return [(name, parse_scenario(data))]
    except ScenarioFileError as exc:
        raise ImportFileError(name, exc.code, str(exc), exc) from exc


def read_zip(name: str, data: bytes) -> list[tuple[str, Scenario]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist()
                   if not info.is_dir() and not info.filename.startswith(JUNK_PREFIXES)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ImportFileError(name, "not_zip", f"not a readable zip file ({exc})") from exc
    if not members:
        raise ImportFileError(name, "empty_archive", "the zip holds no files")
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(name, "too_many_members", f"more than {MAX_MEMBERS} files")
    if sum(info.file_size for info in members) > MAX_TOTAL_BYTES:
        raise ImportFileError(name, "archive_too_large",
                              f"unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB")
    scenarios = []
    total = 0
    for info in members:
        label = f"{name}/{info.filename}"
        payload = _read_member(archive, info, label)
        total += len(payload)
        if total > MAX_TOTAL_BYTES:
            raise ImportFileError(name, "archive_too_large",
                                  f"unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB")
        try:
            scenarios.append((label, parse_scenario(payload)))
        except ScenarioFileError as exc:
            raise ImportFileError(label, exc.code, str(exc), exc) from exc
    return scenarios


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    too_large = ScenarioFileError("too_large", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    if info.file_size > MAX_FILE_BYTES:
        raise ImportFileError(label, too_large.code, str(too_large), too_large)
    try:
        with archive.open(info) as member:
            payload = member.read(MAX_FILE_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
            zlib.error, lzma.LZMAError) as exc:  # a corrupt deflate or LZMA stream
        unreadable = ScenarioFileError("unreadable", f"cannot unpack it ({exc})")
        raise ImportFileError(label, "unreadable", str(unreadable), unreadable) from exc
    if len(payload) > MAX_FILE_BYTES:
        raise ImportFileError(label, too_large.code, str(too_large), too_large)
    return payload


def write_zip(scenarios: Iterable[Scenario]) -> bytes:
    """A zip with one JSON file per scenario, names from the titles made unique."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for scenario in scenarios:
            stem = slug(scenario.title)
            name, n = f"{stem}.json", 1
            while name in used:
                n += 1
                name = f"{stem}_{n}.json"
            used.add(name)
            archive.writestr(name, dump_scenario(scenario))
    return buffer.getvalue()

