"""Sign-in configured ([auth] in the secrets): the gate in app.py and the identity it passes to
the library. AppTest seeds st.user here; the OpenID Connect flow itself runs in
tests/browser/test_sign_in.py, against a local provider."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from calculators.scenario_file import load_sample
from storage import ADMIN, EDITOR, Actor, Library
from ui.safe_text import md

APP_PATH = str(Path(__file__).resolve().parent.parent / "app.py")
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "app", "client_secret": "s",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
ACCESS = {"groups_claim": "roles", "groups": {"g-acme": "acme:editor"}}


@pytest.fixture
def library(app_library) -> Library:
    """Vejle's secret case and Acme's pitch."""
    lib = app_library
    vejle = lib.acting_as(Actor("ada", "Ada", "ada@vejle.dk", (("vejle", ADMIN),)))
    vejle.create(load_sample("aarhus_toilet"), "", "secret until the council decides")
    lib.acting_as(Actor("kim", "Kim", "kim@acme.dk", (("acme", EDITOR),))).create(
        load_sample("ceiling_lifts"), "", "pitch")
    return lib


def app(user: dict) -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["access"] = ACCESS
    at.user = user
    return at


def test_a_signed_out_visitor_sees_only_the_sign_in_button(library):
    at = app({"is_logged_in": False}).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Log ind"]
    assert [t.value for t in at.title] == ["Log ind"]
    assert not at.metric and not at.dataframe and not at.selectbox


def test_a_signed_in_user_sees_only_their_organisations_cases(library):
    kim = {"is_logged_in": True, "sub": "kim", "name": "Kim", "email": "kim@acme.dk",
           "roles": ["g-acme"]}
    at = app(kim).run()
    at.switch_page("pages/library.py").run()
    assert not at.exception, at.exception
    shown = " ".join(str(o) for box in at.selectbox for o in box.options)
    assert load_sample("ceiling_lifts").title in shown
    assert load_sample("aarhus_toilet").title not in shown
    captions = " ".join(c.value for c in at.caption)
    # signed in as, and the author of what is saved (as text: "<…>" is no markup)
    assert md("Kim <kim@acme.dk>") in captions
    assert not [i for i in at.text_input if i.key == "library_author_input"]


def test_an_administrator_shares_on_the_library_page_and_reads_the_audit_trail(library):
    ada = {"is_logged_in": True, "sub": "ada", "name": "Ada", "email": "ada@vejle.dk",
           "roles": ["vejle:admin"]}
    at = app(ada).run()
    at.switch_page("pages/library.py").run()
    [case] = library.acting_as(Actor("ada", memberships=(("vejle", ADMIN),))).entries()
    at.text_input(key=f"share_org_{case.id}").input("acme").run()
    at.button(key=f"share_go_{case.id}").click().run()
    assert not at.exception, at.exception
    kim = library.acting_as(Actor("kim", memberships=(("acme", EDITOR),)))
    assert case.id in {e.id for e in kim.entries()}
    actions = [r.action for r in library.acting_as(
        Actor("ada", memberships=(("vejle", ADMIN),))).audit_trail("vejle")]
    assert actions == ["save", "share"]
    assert any("Revisionsspor for vejle" in e.label for e in at.expander)
    at.session_state["audit_open_vejle"] = True  # the trail is drawn once its expander opens
    at.run()
    trail = next(d.value for d in at.dataframe if "Handling" in d.value.columns)
    assert sorted(trail["Handling"]) == ["Delt", "Gemt"]  # words, not the stored keys
    at.button(key=f"share_off_{case.id}_0").click().run()
    assert case.id not in {e.id for e in kim.entries()}


def test_an_administrator_adds_a_member_by_e_mail_on_the_library_page(library):
    ada = {"is_logged_in": True, "sub": "ada", "name": "Ada", "email": "ada@vejle.dk",
           "roles": ["vejle:admin"]}
    at = app(ada).run()
    at.switch_page("pages/library.py").run()
    at.text_input(key="member_who_vejle").input("Sofie@Vejle.dk").run()
    at.button(key="member_add_vejle").click().run()
    assert not at.exception, at.exception
    sofie = library.acting_as(Actor("s-1", "Sofie", "sofie@vejle.dk"))
    assert sofie.actor.role("vejle") == EDITOR
    assert [e.title for e in sofie.entries()] == [load_sample("aarhus_toilet").title]
