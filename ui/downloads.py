"""Download buttons for what leadership takes away from a meeting: the slides as PowerPoint,
the council paper as Word and the decision summary as PDF, each in the chosen language, with
the organisation's own templates when uploaded. Used by meeting mode and the library page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from calculators.model import Scenario
from calculators.scenario_file import slug
from exporters.deck import Stamp, build_deck
from exporters.docx_report import council_docx
from exporters.office_template import TemplateError, checked
from exporters.pdf_report import decision_pdf
from exporters.pptx_report import deck_pptx
from ui.session import t

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_upload(label_key: str, types: list[str], kind: str, key: str) -> bytes | None:
    """An uploaded template when it can be used; otherwise a warning and None (the standard
    layout is used and nothing else changes)."""
    upload = st.file_uploader(t(label_key), type=types, key=key)
    if upload is None:
        return None
    try:
        return checked(upload.getvalue(), kind)
    except TemplateError as exc:
        st.warning(t(f"download.template_error.{exc.code}", name=upload.name))
        return None


def recorded(exported: Callable[[str], object], kind: str,
             build: Callable[[], bytes]) -> bytes:
    """A download's content, built when its button is pressed, after `exported(kind)` has
    recorded it (a library case's export is written in the audit trail, and refused like a
    read when the user may no longer read the case)."""
    exported(kind)
    return build()


def not_recorded(_kind: str) -> None:
    """The `exported` of a download that holds no library case."""


def office_downloads(scenario: Scenario, lang: str, stamp: Stamp, key: str,
                     compared: list[Scenario] | None = None,
                     exported: Callable[[str], object] = not_recorded) -> None:
    """PowerPoint, Word and PDF buttons; each file is built when its button is pressed, and
    `exported` is called then with the format ("pptx", "docx" or "pdf"): the library and
    meeting pages record the export of the library cases in the file in the audit trail."""
    with st.expander(t("download.templates")):
        pptx_template = template_upload("download.pptx_template", ["potx", "pptx"], "pptx",
                                        f"{key}_pptx_template")
        docx_template = template_upload("download.docx_template", ["dotx", "docx"], "docx",
                                        f"{key}_docx_template")
    name = slug(scenario.title)
    st.download_button(
        t("download.pptx"),
        partial(recorded, exported, "pptx",
                lambda: deck_pptx(build_deck(scenario, lang, stamp, compared), pptx_template)),
        file_name=f"{name}.pptx", mime=PPTX_MIME, key=f"{key}_pptx", width="stretch")
    st.download_button(
        t("download.docx"),
        partial(recorded, exported, "docx",
                lambda: council_docx(scenario, lang, stamp, docx_template)),
        file_name=f"{name}.docx", mime=DOCX_MIME, key=f"{key}_docx", width="stretch")
    st.download_button(
        t("download.pdf"),
        partial(recorded, exported, "pdf", lambda: decision_pdf(scenario, lang, stamp)),
        file_name=f"{name}.pdf", mime="application/pdf", key=f"{key}_pdf", width="stretch")
