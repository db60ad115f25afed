"""The shared Excel widget: download the current scenario as a workbook, load one back."""

from __future__ import annotations

from functools import partial

import streamlit as st

from exporters.excel import XLSX_MIME, workbook_bytes
from exporters.excel_import import ExcelImportError, describe, read_workbook
from ui.session import lang, replace_scenario, scenario, t, widget_key
from ui.widgets import slug


def excel_files() -> None:
    """Download as Excel (built when clicked) and upload an exported workbook.

    A workbook that cannot be read leaves the current scenario untouched and says what is wrong,
    in which sheet and cell."""
    current = scenario()
    st.download_button(t("excel.download"), partial(workbook_bytes, current, lang()),
                       file_name=f"{slug(current.title)}.xlsx", mime=XLSX_MIME,
                       help=t("excel.download_help"), on_click="ignore",
                       key=widget_key("download_excel"))
    upload = st.file_uploader(t("excel.upload"), type=["xlsx"], key="excel_upload")
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
