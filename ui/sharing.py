"""Sharing a case and reading the audit trail, for the administrators of its organisation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from storage import ADMIN, EVERYONE, Entry, Library, Version
from storage.access import ROLES
from ui import library as ui_lib
from ui.safe_text import md
from ui.session import label, t


def _grantee(name: str) -> str:
    return t("share.everyone") if name == EVERYONE else name


def sharing_panel(lib: Library, entry: Entry, versions: list[Version]) -> None:
    """Who may read the case besides its own organisation; share and withdraw. Without
    sign-in there is no one else to share with."""
    if lib.actor.local or not lib.actor.may(entry.owner, ADMIN):
        return
    with st.expander(t("share.title")):
        shares = ui_lib.attempt(lambda: lib.shares(entry.id)) or []
        if shares:
            for number, share in enumerate(shares):
                text_col, button_col = st.columns([4, 1], vertical_alignment="center")
                text_col.write(t("share.row", who=md(_grantee(share.grantee)),
                                 what=t("share.all_versions") if share.version is None
                                 else t("share.one_version", number=share.version)))
                if button_col.button(t("share.withdraw"), key=f"share_off_{entry.id}_{number}"):
                    ui_lib.attempt(lambda s=share: lib.unshare(entry.id, s.grantee, s.version))
                    st.rerun()
        else:
            st.caption(t("share.none"))
        who_col, what_col, go_col = st.columns([2, 2, 1], vertical_alignment="bottom")
        everyone = who_col.checkbox(t("share.publish"), key=f"share_everyone_{entry.id}")
        organisation = who_col.text_input(t("share.organisation"), disabled=everyone,
                                          key=f"share_org_{entry.id}")
        choices = [None, *(v.number for v in versions)]
        version = what_col.selectbox(
            t("share.which"), choices, key=f"share_version_{entry.id}",
            format_func=lambda n: t("share.all_versions") if n is None
            else t("share.one_version", number=n))
        grantee = EVERYONE if everyone else organisation.strip()
        shared = go_col.button(t("share.share"), disabled=not grantee,
                               key=f"share_go_{entry.id}")
        if shared and ui_lib.attempt(lambda: lib.share(entry.id, grantee, version)):
            ui_lib.flash("success", t("share.done", who=md(_grantee(grantee))))
            st.rerun()


def members_panel(lib: Library, organisation: str) -> None:
    """Members given in the library (besides those the identity provider's groups give)."""
    members = ui_lib.attempt(lambda: lib.members(organisation)) or []
    st.dataframe(pd.DataFrame({t("members.who"): [m[0] for m in members],
                               t("members.role"): [t(f"role.{m[1]}") for m in members]}),
                 hide_index=True, width="stretch")
    who_col, role_col, add_col = st.columns([3, 2, 1], vertical_alignment="bottom")
    who = who_col.text_input(t("members.subject"), key=f"member_who_{organisation}")
    role = role_col.selectbox(t("members.role"), ROLES, index=1,
                              format_func=lambda r: t(f"role.{r}"),
                              key=f"member_role_{organisation}")
    if add_col.button(t("members.add"), disabled=not who.strip(),
                      key=f"member_add_{organisation}"):
        ui_lib.attempt(lambda: lib.set_member(organisation, who, role))
        st.rerun()
    if members:
        gone_col, remove_col = st.columns([5, 1], vertical_alignment="bottom")
        gone = gone_col.selectbox(t("members.remove_who"), [m[0] for m in members],
                                  key=f"member_gone_{organisation}")
        if remove_col.button(t("members.remove"), key=f"member_remove_{organisation}"):
            ui_lib.attempt(lambda: lib.remove_member(organisation, gone))
            st.rerun()


def audit_trail(lib: Library, organisation: str) -> None:
    """The organisation's audit trail as a table, with a CSV download."""
    trail = ui_lib.attempt(lambda: lib.audit_trail(organisation)) or []
    table = pd.DataFrame({
        t("audit.when"): [ui_lib.local_time(r.at) for r in trail],
        t("audit.who"): [r.actor for r in trail],
        t("audit.action"): [label("audit_action", r.action) for r in trail],
        t("lib.col_id"): [r.scenario_id for r in trail],
        t("lib.col_version"): [r.version for r in trail],
        t("audit.detail"): [r.detail for r in trail],
    })
    st.dataframe(table, hide_index=True, width="stretch", height=280)
    st.download_button(t("audit.download"), table.to_csv(index=False).encode(),
                       file_name=f"audit_{organisation}.csv", mime="text/csv",
                       key=f"audit_csv_{organisation}")


def audit_panel(lib: Library) -> None:
    """The members and audit trail of each organisation the user administers (the audit trail
    with a CSV download)."""
    for organisation in lib.actor.organisations:
        if not lib.actor.may(organisation, ADMIN):
            continue
        # the trail is read and drawn only while its expander is open (opening it reruns)
        audit = st.expander(t("audit.title", organisation=organisation),
                            key=f"audit_open_{organisation}", on_change="rerun")
        if audit.open:
            with audit:
                audit_trail(lib, organisation)
        if not lib.actor.local:
            with st.expander(t("members.title", organisation=organisation)):
                members_panel(lib, organisation)
