"""The shared Excel widgets: download the current scenario as a workbook (in the sidebar of
every page, app.py) and load one back (business-case page)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from exporters.excel import XLSX_MIME, workbook_bytes
from exporters.excel_import import ExcelImportError, describe, read_workbook
from ui.downloads import not_recorded, recorded
from ui.session import (
    keep_download_current,
    lang,
    latest_run,
    replace_scenario,
    scenario,
    t,
    widget_key,
)
from ui.widgets import file_uploader, slug

__all__ = ["excel_download", "excel_upload", "keep_download_current"]


def _latest_workbook(latest: dict[str, object]) -> bytes:
    return workbook_bytes(latest["scenario"], latest["lang"])


def excel_download(exported: Callable[[str], object] = not_recorded) -> None:
    """Download as Excel, in the sidebar above the page. The workbook is built only when
    clicked, from the scenario `keep_download_current` recorded after the page ran, so it holds
    the edits the page made in this run (pages may st.stop, so the button is drawn first).
    `exported("xlsx")` is called then (ui.downloads.recorded)."""
    keep_download_current()
    current = scenario()
    st.download_button(t("excel.download"),
                       partial(recorded, exported, "xlsx",
                               partial(_latest_workbook, latest_run())),
                       file_name=f"{slug(current.title)}.xlsx", mime=XLSX_MIME,
                       help=t("excel.download_help"), on_click="ignore",
                       icon=":material/download:", key=widget_key("download_excel"),
                       width="stretch")


def excel_upload() -> None:
    """Upload an exported workbook. One that cannot be read leaves the current scenario
    untouched and says what is wrong, in which sheet and cell."""
    upload = file_uploader(t("excel.upload"), ["xlsx"], "excel_upload")
    if upload is not None and st.session_state.get("excel_uploaded_id") != upload.file_id:
        st.session_state.excel_uploaded_id = upload.file_id
        try:
            loaded = read_workbook(upload.getvalue())
        except ExcelImportError as exc:
            st.session_state.excel_error = (upload.name, exc)
        else:
            st.session_state.excel_error = None
            replace_scenario(loaded)
            st.toast(t("excel.loaded", name=upload.name))
            st.rerun()
    failed = st.session_state.get("excel_error")
    if failed:
        name, exc = failed
        lines = "\n".join(f"- {message}" for message in describe(exc, lang())[:8])
        st.error(f"{t('excel.bad', name=name)}\n\n{lines}\n\n{t('validation.kept')}")
