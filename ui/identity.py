"""Who is using the app: the signed-in identity (OpenID Connect through Streamlit's `st.login`)
or, when sign-in is not configured, the one local user.

Sign-in is on when `.streamlit/secrets.toml` has an `[auth]` section (see
`.streamlit/secrets.toml.example`). The organisations and roles come from a claim of the
identity token (`[access] groups_claim`, default "groups"): each value is looked up in
`[access.groups]` ("<group as sent>" = "<organisation>:<role>"); a value that is itself
"<organisation>:<role>" is taken as written. Administrators can add members in the library too
(storage: `Library.set_member`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from storage import LOCAL, Actor
from storage.access import ROLES
from ui.safe_text import md
from ui.session import t

DEFAULT_GROUPS_CLAIM = "groups"


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return False


def memberships(claims: Mapping[str, Any], access: Mapping[str, Any]
                ) -> tuple[tuple[str, str], ...]:
    """(organisation, role) pairs from the groups claim, as `[access]` maps them.

    >>> memberships({"groups": ["g-1", "aarhus:reader", "other"]},
    ...             {"groups": {"g-1": "vejle:editor"}})
    (('vejle', 'editor'), ('aarhus', 'reader'))
    """
    values = claims.get(access.get("groups_claim", DEFAULT_GROUPS_CLAIM)) or []
    if isinstance(values, str):
        values = [values]
    mapping = access.get("groups", {})
    found = []
    for value in values:
        organisation, _, role = str(mapping.get(value, value)).rpartition(":")
        if organisation and role in ROLES:
            found.append((organisation, role))
    return tuple(dict.fromkeys(found))


def actor_from_claims(claims: Mapping[str, Any], access: Mapping[str, Any]) -> Actor:
    """The acting identity of a signed-in user (subject: the token's `sub`, stable per user).

    >>> actor_from_claims({"sub": "x1", "name": "Eva", "email": "eva@vejle.dk",
    ...                    "groups": ["vejle:editor"]}, {}).label
    'Eva <eva@vejle.dk>'
    """
    subject = str(claims.get("sub") or claims.get("email") or "")
    if not subject:
        raise ValueError("the identity token names no subject (sub) nor e-mail")
    return Actor(subject=subject, name=str(claims.get("name") or ""),
                 email=str(claims.get("email") or claims.get("preferred_username") or ""),
                 memberships=memberships(claims, access))


def current_actor() -> Actor:
    """The local user without sign-in; else the signed-in user (call after `require_sign_in`)."""
    if not sign_in_configured():
        return LOCAL
    return actor_from_claims(st.user.to_dict(), st.secrets.get("access", {}))


def _sign_in_page() -> None:
    st.title(t("auth.title"))
    st.write(t("auth.intro"))
    st.button(t("auth.sign_in"), type="primary", on_click=st.login)


def require_sign_in(addresses: list[str]) -> None:
    """With sign-in configured: a visitor who has not signed in gets the sign-in page at every
    address of the app (`addresses`: the pages' URL paths), so a bookmark or deep link shows the
    sign-in page and nothing of the page it names; a signed-in user gets a sign-out button."""
    if not sign_in_configured():
        return
    if not st.user.is_logged_in:
        st.navigation([st.Page(_sign_in_page, title=t("auth.title"), url_path=address or "home",
                               default=i == 0) for i, address in enumerate(addresses)],
                      position="hidden").run()
        st.stop()
    with st.sidebar:
        actor = current_actor()
        st.caption(t("auth.signed_in_as", who=md(actor.label or actor.subject)))
        st.button(t("auth.sign_out"), on_click=st.logout)
