"""An organisation's Office template (.potx/.pptx, .dotx/.docx) opened as a document to fill.

python-pptx and python-docx open only documents; a template differs in one content type of its
main part. The template is read in memory, that one type rewritten, and handed on as a file.
A file that is not a zip with the expected main part raises TemplateError (shown to the user).
"""

from __future__ import annotations

import io
import zipfile

CONTENT_TYPES = "[Content_Types].xml"
TEMPLATE_TYPES = {
    "pptx": (b"presentationml.template.main+xml", b"presentationml.presentation.main+xml"),
    "docx": (b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml"),
}
MAX_TEMPLATE_BYTES = 50_000_000


class TemplateError(ValueError):
    """The uploaded file is not a usable template of the expected kind; `code` names why:
    not_office, wrong_kind, too_large or unreadable."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def as_document(data: bytes, kind: str) -> io.BytesIO:
    """The template's bytes as a document of `kind` ("pptx" or "docx"), ready to open."""
    template_type, document_type = TEMPLATE_TYPES[kind]
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError("too_large")
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        types = source.read(CONTENT_TYPES)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise TemplateError("not_office") from exc
    if template_type not in types and document_type not in types:
        raise TemplateError("wrong_kind")
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == CONTENT_TYPES:
                body = body.replace(template_type, document_type)
            target.writestr(info, body)
    out.seek(0)
    return out


def checked(data: bytes, kind: str) -> bytes:
    """`data` when python-pptx/python-docx can open it as a template of `kind`, else
    TemplateError: a broken upload is refused when it arrives, not when the file is built."""
    document = as_document(data, kind)
    try:
        if kind == "pptx":
            from pptx import Presentation

            Presentation(document)
        else:
            from docx import Document

            Document(document)
    except Exception as exc:  # any defect of a third-party file: refuse it, keep the default
        raise TemplateError("unreadable") from exc
    return data
