"""Library: save, version, search, open, rename, duplicate, delete and restore business cases;
import and export scenario files (JSON, or many at once as a zip)."""

from functools import partial

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from calculators.scenario_file import dump_scenario, slug
from storage import ConflictError, Entry, Facets
from storage.archive import ImportFileError, read_upload, write_zip
from ui import library as ui_lib
from ui.downloads import office_downloads
from ui.entry import through_app
from ui.safe_text import md
from ui.session import lang, scenario, show_validation_error, t
from ui.sharing import audit_panel, sharing_panel
from ui.widgets import file_uploader

through_app()

PAGE_SIZE = 50

st.title(t("lib.title"))
st.caption(t("lib.intro"))
ui_lib.show_flash()
lib = ui_lib.library()
if lib is None:
    st.stop()


def show_saved(entry: Entry, message: str | None = None) -> None:
    """Select the saved case and say what was saved after the rerun. Setting the picker's value
    (before it is drawn) also redraws its label, which names the version; a label changed under
    an unchanged value would keep showing the old one."""
    st.session_state.library_select = entry.id
    ui_lib.flash("success", message or t("lib.saved", id=entry.id, version=entry.version))
    st.rerun()


def save_new(comment: str) -> None:
    entry = ui_lib.attempt(lambda: lib.create(scenario(), author, comment))
    if entry is not None:
        ui_lib.set_link(entry.id, entry.version)
        show_saved(entry)


def save_version(scenario_id: int, base: int, comment: str) -> None:
    try:
        entry = ui_lib.attempt(lambda: lib.save(scenario_id, scenario(), author, comment, base))
    except ConflictError as exc:
        st.session_state.library_conflict = ui_lib.conflict_message(exc)
        return
    if entry is not None:
        ui_lib.set_link(entry.id, entry.version)
        show_saved(entry)


def open_in_session(scenario_id: int, version: int | None) -> None:
    loaded = ui_lib.attempt(lambda: lib.load(scenario_id, version))
    if loaded is not None:
        number = version or lib.entry(scenario_id).version
        ui_lib.open_version(scenario_id, number, loaded)


# --- the current business case ---------------------------------------------------------------
current = scenario()
link = ui_lib.linked_version()
with st.container(border=True):
    st.subheader(t("lib.current", title=md(current.title)))
    st.caption(t("lib.linked", id=link[0], version=link[1]) if link else t("lib.unlinked"))
    author_col, comment_col = st.columns([1, 2])
    with author_col:
        author = ui_lib.author_field()
    comment = comment_col.text_input(t("lib.comment"), key="library_comment")
    if not author:
        st.info(t("lib.author_missing"))
    buttons = st.container(horizontal=True)
    if link and buttons.button(t("lib.save"), type="primary", disabled=not author,
                                key="library_save"):
        save_version(link[0], link[1], comment)
    if buttons.button(t("lib.save_as"), disabled=not author, key="library_save_as",
                          type="secondary" if link else "primary"):
        st.session_state.pop("library_conflict", None)
        save_new(comment)
    if st.session_state.get("library_conflict"):
        st.error(st.session_state.library_conflict)

# --- search ----------------------------------------------------------------------------------
total = ui_lib.attempt(lib.count)
# the filters offer what the listed cases use: none in an empty library, and no query then
facets = ui_lib.attempt(lib.facets) if total else Facets([], [], [])
if total is None or facets is None:
    st.stop()
st.subheader(t("lib.browse"))
text_col, org_col, tech_col, tag_col = st.columns([2, 2, 2, 1])
query = text_col.text_input(t("lib.search"), key="library_query", help=t("lib.search_help"))
everything, all_label = [""], t("lib.all")
organisation = org_col.selectbox(t("lib.filter_organisation"), everything + facets.organisations,
                                 format_func=lambda v: v or all_label, key="library_org")
technology = tech_col.selectbox(t("lib.filter_technology"), everything + facets.technologies,
                                format_func=lambda v: v or all_label, key="library_tech")
tag = tag_col.selectbox(t("lib.filter_tag"), everything + facets.tags,
                        format_func=lambda v: v or all_label, key="library_tag")
filtered = any((query, organisation, technology, tag))  # without a filter, all match
matching = (ui_lib.attempt(lambda: lib.count(query, organisation, technology, tag)) or 0
            if filtered and total else total)
pages = max(1, -(-matching // PAGE_SIZE))
count_col, page_col = st.columns([3, 1], vertical_alignment="bottom")
count_col.caption(t("lib.count", shown=matching, total=total))
if st.session_state.get("library_page", 1) > pages:  # the search narrowed the list
    st.session_state.library_page = 1
page = page_col.number_input(t("lib.page", pages=pages), 1, pages,
                             key="library_page") if pages > 1 else 1
entries = (ui_lib.attempt(lambda: lib.entries(query, organisation, technology, tag,
                                              limit=PAGE_SIZE,
                                              offset=(page - 1) * PAGE_SIZE)) or []
           if matching else [])
if entries:
    st.dataframe(pd.DataFrame({
        t("lib.col_id"): [e.id for e in entries],
        t("lib.col_title"): [e.title for e in entries],
        t("lib.col_organisation"): [e.organisation for e in entries],
        t("lib.col_technology"): [e.technology for e in entries],
        t("lib.col_tags"): [", ".join(e.tags) for e in entries],
        t("lib.col_version"): [e.version for e in entries],
        t("lib.col_updated"): [ui_lib.local_time(e.updated_at) for e in entries],
        t("lib.col_by"): [e.updated_by for e in entries],
    }), hide_index=True, width="stretch", height=min(38 + 35 * len(entries), 420),
        column_config={t("lib.col_id"): st.column_config.NumberColumn(width="small"),
                       t("lib.col_title"): st.column_config.TextColumn(width="large"),
                       t("lib.col_version"): st.column_config.NumberColumn(width="small")})
else:
    st.info(t("lib.empty") if total == 0 else t("lib.no_match"))

# --- the chosen business case ----------------------------------------------------------------
if entries:
    by_id = {e.id: e for e in entries}
    default = link[0] if link and link[0] in by_id else entries[0].id
    if (saved := st.session_state.pop("library_select", None)) in by_id:
        st.session_state.library_choice = saved
    chosen_id = st.selectbox(t("lib.choose"), list(by_id), index=list(by_id).index(default),
                             format_func=lambda i: f"{i} · {by_id[i].title} (v{by_id[i].version})",
                             key="library_choice")
    chosen = by_id[chosen_id]
    with st.container(border=True):
        st.subheader(f"{t('lib.selected')}: {md(chosen.title)}")
        actions = st.container(horizontal=True)
        if actions.button(t("lib.open"), type="primary", key="library_open"):
            open_in_session(chosen.id, None)
        if actions.button(t("lib.duplicate"), disabled=not author, key="library_duplicate"):
            copy = ui_lib.attempt(lambda: lib.duplicate(
                chosen.id, t("lib.copy_title", title=chosen.title), author,
                t("lib.duplicated", id=chosen.id)))
            if copy is not None:
                show_saved(copy)
        if actions.button(t("lib.delete"), key="library_delete") and ui_lib.attempt(
                lambda: lib.delete(chosen.id)):
            st.session_state.library_last_deleted = chosen.id
            ui_lib.flash("success", t("lib.deleted", title=md(chosen.title)))
            st.rerun()
        actions.download_button(
            t("lib.export_json"),
            partial(lambda i, n: dump_scenario(lib.export([(i, n)], "json")[0]), chosen.id,
                    chosen.version),
            file_name=f"{slug(chosen.title)}.json", mime="application/json",
            key=f"library_json_{chosen.id}_{chosen.version}")

        with st.expander(t("lib.take_away")):
            chosen_case = ui_lib.attempt(lambda: lib.load(chosen.id, chosen.version))
            if chosen_case is not None:
                office_downloads(chosen_case, lang(),
                                 ui_lib.version_stamp(lib, chosen.id, chosen.version),
                                 f"library_{chosen.id}_{chosen.version}",
                                 exported=ui_lib.exporter(lib, [(chosen.id, chosen.version)]))

        title_col, rename_col = st.columns([3, 1], vertical_alignment="bottom")
        new_title = title_col.text_input(t("lib.new_title"), value=chosen.title,
                                         key=f"library_title_{chosen.id}_{chosen.version}")
        if rename_col.button(t("lib.rename"), disabled=not author or new_title == chosen.title,
                             key="library_rename"):
            try:
                renamed = ui_lib.attempt(lambda: lib.rename(
                    chosen.id, new_title, author, t("lib.renamed", old=chosen.title),
                    chosen.version))
            except ConflictError as exc:
                st.error(ui_lib.conflict_message(exc))
            except ValidationError as exc:
                show_validation_error(exc)
            else:
                if renamed is not None:
                    show_saved(renamed)

        st.markdown(f"**{t('lib.versions')}**")
        versions = ui_lib.attempt(lambda: lib.versions(chosen.id)) or []
        st.dataframe(pd.DataFrame({
            t("lib.col_version"): [v.number for v in versions],
            t("lib.col_updated"): [ui_lib.local_time(v.created_at) for v in versions],
            t("lib.col_by"): [v.author for v in versions],
            t("lib.col_comment"): [v.comment for v in versions],
            t("lib.col_title"): [v.title for v in versions],
        }), hide_index=True, width="stretch", height=min(38 + 35 * len(versions), 280))
        numbers = {v.number: t("lib.version_label", number=v.number, author=v.author,
                               when=ui_lib.local_time(v.created_at)) for v in versions}
        pick_col, open_v_col, restore_col = st.columns([2, 1, 1], vertical_alignment="bottom")
        number = pick_col.selectbox(t("lib.version_choice"), list(numbers),
                                    format_func=numbers.__getitem__,
                                    key=f"library_version_{chosen.id}")
        if open_v_col.button(t("lib.open_version"), key="library_open_version"):
            open_in_session(chosen.id, number)
        if restore_col.button(t("lib.restore"), key="library_restore",
                              disabled=not author or number == chosen.version):
            try:
                restored = ui_lib.attempt(lambda: lib.restore(
                    chosen.id, number, author, t("lib.restored", number=number),
                    chosen.version))
            except ConflictError as exc:
                st.error(ui_lib.conflict_message(exc))
            else:
                if restored is not None:
                    show_saved(restored, t("lib.restored", number=number))
        sharing_panel(lib, chosen, versions)

# --- deleted ---------------------------------------------------------------------------------
last_deleted = st.session_state.get("library_last_deleted")
if last_deleted is not None and st.button(t("lib.undo"), type="primary",
                                          key="library_undo_last"):
    del st.session_state.library_last_deleted
    back = ui_lib.attempt(lambda: lib.undelete(last_deleted))
    if back is not None:
        ui_lib.flash("success", t("lib.undone", title=md(back.title)))
        st.rerun()
deleted = ui_lib.attempt(lambda: lib.entries(deleted=True)) or []
if deleted:
    with st.expander(t("lib.bin", count=len(deleted))):
        gone = {e.id: e for e in deleted}
        back_id = st.selectbox(t("lib.choose"), list(gone),
                               format_func=lambda i: f"{i} · {gone[i].title}", key="library_bin")
        if st.button(t("lib.undo"), key="library_undo") and ui_lib.attempt(
                lambda: lib.undelete(back_id)):
            ui_lib.flash("success", t("lib.undone", title=md(gone[back_id].title)))
            st.rerun()

# --- import and export -----------------------------------------------------------------------
st.subheader(t("lib.transfer"))
upload_col, export_col = st.columns(2)
with upload_col:
    upload = file_uploader(t("lib.import"), ["json", "zip"], "library_upload")
    if upload is not None and st.button(t("lib.import_button"), disabled=not author,
                                        key="library_import"):
        try:
            found = read_upload(upload.name, upload.getvalue())
        except ImportFileError as exc:
            st.error(ui_lib.import_error_message(exc))
        else:
            added = ui_lib.attempt(lambda: lib.create_many(
                [s for _, s in found], author, t("lib.import_comment", name=upload.name)))
            if added is not None:
                ui_lib.flash("success", t("lib.imported", count=len(added), name=upload.name))
                st.rerun()
with export_col:
    if entries:
        st.download_button(
            t("lib.export_zip"),
            partial(lambda keys: write_zip(lib.export(keys, "zip")),
                    [(e.id, e.version) for e in entries]),
            file_name="business_cases.zip", mime="application/zip", key="library_zip")

# --- audit trail (administrators) -------------------------------------------------------------
audit_panel(lib)
