"""What an uploaded workbook may unpack to, checked before openpyxl reads a byte of it.

An xlsx is a zip of XML. Its size on the wire says little: 20 million empty rows pack into
1.3 MB and took openpyxl minutes and gigabytes. So the zip's own directory is checked first
(member count, the sizes members claim), then each member is unpacked in chunks, counting its
real size (a claimed size can lie) and its XML tags (what openpyxl turns into objects), and
stopping at the first limit passed. The limits are four times what an export of the largest
scenario the model accepts holds (benchmarks/limits.py: 28 members, 58 MB, 236,000 tags).
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib

MAX_MEMBERS = 120
MAX_UNPACKED_BYTES = 240 * 2**20
MAX_TAGS = 1_000_000
MAX_SHEET_ROWS = 10_000
CHUNK = 2**20


def unpacked_problem(data: bytes) -> tuple[str, dict[str, object]] | None:
    """(problem code, parameters) when the workbook unpacks to more than we read, else None.
    A file that is not a zip passes: openpyxl refuses it as not an xlsx."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError):
        return None  # e.g. a damaged header asking for zip version 9.2: openpyxl refuses it
    if len(members) > MAX_MEMBERS:
        return "too_many_parts", {"count": len(members), "limit": MAX_MEMBERS}
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        return "unpacks_too_large", {"mb": MAX_UNPACKED_BYTES // 2**20}
    size = tags = 0
    for info in members:
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    tags += chunk.count(b"<")
                    if size > MAX_UNPACKED_BYTES:
                        return "unpacks_too_large", {"mb": MAX_UNPACKED_BYTES // 2**20}
                    if tags > MAX_TAGS:
                        return "too_many_cells", {"limit": MAX_TAGS}
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
                zlib.error, lzma.LZMAError):
            return None  # damaged: openpyxl refuses it as not an xlsx
    return None
