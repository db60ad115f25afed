"""Who may see and change what, checked at the data layer, on SQLite and on PostgreSQL.

Three organisations: Vejle (a municipality, Eva edits, Rune reads, Ada administers), a company
(Kim edits there) and Aarhus (Ole edits there). Whatever a page asks for, by id, by version,
by search or as a download, goes through these calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, insert, text

from calculators.key_figures import key_figures
from calculators.scenario_file import dump_scenario, load_sample
from storage import ADMIN, EDITOR, EVERYONE, LOCAL, READER, AccessDenied, Actor, Library
from storage.library import MIGRATIONS
from storage.tables import scenario as scenario_table

VEJLE, COMPANY, AARHUS = "vejle", "acme", "aarhus"
EVA = Actor("eva", "Eva Editor", "eva@vejle.dk", ((VEJLE, EDITOR),))
RUNE = Actor("rune", "Rune Reader", "rune@vejle.dk", ((VEJLE, READER),))
ADA = Actor("ada", "Ada Admin", "ada@vejle.dk", ((VEJLE, ADMIN),))
KIM = Actor("kim", "Kim Sælger", "kim@acme.dk", ((COMPANY, EDITOR),))
OLE = Actor("ole", "Ole", "ole@aarhus.dk", ((AARHUS, EDITOR),))


@pytest.fixture
def vejle_case(library):
    """A Vejle case at version 2 (the toilet, then its conservative estimate)."""
    eva = library.acting_as(EVA)
    entry = eva.create(load_sample("aarhus_toilet"), "typed name", "v1")
    return eva.save(entry.id, load_sample("aarhus_toilet_conservative"), "", "v2", 1)


def assert_not_found(call) -> None:
    with pytest.raises(Exception) as caught:
        call()
    assert getattr(caught.value, "code", None) == "not_found", caught.value


def test_without_sign_in_the_local_user_owns_and_may_do_everything(library):
    assert library.actor == LOCAL
    entry = library.create(load_sample("aarhus_toilet"), "Anne", "")
    assert entry.owner == "local"
    assert library.versions(entry.id)[0].author == "Anne"
    library.share(entry.id, EVERYONE)
    assert [r.action for r in library.audit_trail("local")] == ["save", "share"]


def test_the_author_is_the_signed_in_identity_not_what_was_typed(library, vejle_case):
    history = library.acting_as(EVA).versions(vejle_case.id)
    assert [v.author for v in history] == ["Eva Editor <eva@vejle.dk>"] * 2
    assert vejle_case.owner == VEJLE and vejle_case.updated_by == "Eva Editor <eva@vejle.dk>"


def test_a_reader_reads_but_cannot_save_rename_delete_or_restore(library, vejle_case):
    rune = library.acting_as(RUNE)
    assert rune.load(vejle_case.id) == load_sample("aarhus_toilet_conservative")
    writes = [
        lambda: rune.save(vejle_case.id, load_sample("ceiling_lifts"), "", "", 2),
        lambda: rune.rename(vejle_case.id, "Nyt navn", "", "", 2),
        lambda: rune.restore(vejle_case.id, 1, "", "", 2),
        lambda: rune.delete(vejle_case.id),
        lambda: rune.create(load_sample("ceiling_lifts"), "", "", owner=VEJLE),
        lambda: rune.share(vejle_case.id, AARHUS),
    ]
    for write in writes:
        with pytest.raises(AccessDenied) as caught:
            write()
        assert isinstance(caught.value, PermissionError) and caught.value.code == "forbidden"
        assert "vejle" in str(caught.value) and "reader" in str(caught.value)
    assert [v.number for v in rune.versions(vejle_case.id)] == [2, 1]
    assert not rune.entry(vejle_case.id).deleted


def test_another_organisation_cannot_reach_an_unshared_case_by_any_call(library, vejle_case):
    kim = library.acting_as(KIM)
    own = kim.create(load_sample("ceiling_lifts"), "", "pitch")
    assert [e.id for e in kim.entries()] == [own.id]
    assert kim.entries(text="aarhus") == []
    assert kim.entries(organisation=vejle_case.organisation) == []
    assert "toilet" not in kim.facets().tags
    case = vejle_case.id
    for call in (lambda: kim.load(case), lambda: kim.load(case, 1), lambda: kim.entry(case),
                 lambda: kim.versions(case), lambda: kim.load_many([(own.id, None), (case, 2)]),
                 lambda: kim.export([(case, None)]), lambda: kim.shares(case),
                 lambda: kim.duplicate(case, "kopi", "", ""), lambda: kim.delete(case),
                 lambda: kim.save(case, load_sample("ceiling_lifts"), "", "", 2),
                 lambda: kim.share(case, COMPANY)):
        assert_not_found(call)
    with pytest.raises(AccessDenied):
        kim.create(load_sample("ceiling_lifts"), "", "", owner=VEJLE)
    with pytest.raises(AccessDenied):
        kim.audit_trail(VEJLE)


def test_sharing_every_version_then_withdrawing(library, vejle_case):
    ada, ole = library.acting_as(ADA), library.acting_as(OLE)
    ada.share(vejle_case.id, AARHUS)
    ada.share(vejle_case.id, AARHUS)  # twice is once
    assert [(s.grantee, s.version) for s in ada.shares(vejle_case.id)] == [(AARHUS, None)]
    assert [e.id for e in ole.entries(text="aarhus")] == [vejle_case.id]
    assert ole.load_many([(vejle_case.id, 1), (vejle_case.id, None)]) == [
        load_sample("aarhus_toilet"), load_sample("aarhus_toilet_conservative")]
    with pytest.raises(AccessDenied):  # read-only
        ole.save(vejle_case.id, load_sample("ceiling_lifts"), "", "", 2)
    copy = ole.duplicate(vejle_case.id, "Vores kopi", "", "")
    assert copy.owner == AARHUS
    assert library.acting_as(KIM).entries() == []
    ada.unshare(vejle_case.id, AARHUS)
    assert [e.id for e in ole.entries()] == [copy.id]
    assert_not_found(lambda: ole.load(vejle_case.id))


def test_sharing_one_version_shows_only_that_version(library, vejle_case):
    ada, kim = library.acting_as(ADA), library.acting_as(KIM)
    ada.share(vejle_case.id, COMPANY, version=1)
    [seen] = kim.entries()
    assert (seen.id, seen.version, seen.title) == (
        vejle_case.id, 1, load_sample("aarhus_toilet").title)
    assert [v.number for v in kim.versions(vejle_case.id)] == [1]
    assert kim.load(vejle_case.id) == load_sample("aarhus_toilet")
    assert_not_found(lambda: kim.load(vejle_case.id, 2))
    assert kim.entries(text="tidsforbrug") == [] and kim.entries(tag="konservativ") == []
    assert [e.version for e in kim.entries(tag="optimistisk")] == [1]
    assert_not_found(lambda: ada.share(vejle_case.id, COMPANY, version=9))


def test_a_case_shared_several_ways_is_listed_once_at_its_head(library, vejle_case):
    ada, ole = library.acting_as(ADA), library.acting_as(OLE)
    for grantee, version in ((AARHUS, 1), (AARHUS, None), (EVERYONE, None)):
        ada.share(vejle_case.id, grantee, version)
    [seen] = ole.entries()
    assert (seen.id, seen.version) == (vejle_case.id, 2)
    assert ole.count() == 1 and ole.entries(ids=[vejle_case.id]) == [seen]
    assert ole.facets().tags == sorted(load_sample("aarhus_toilet_conservative").tags)
    assert library.acting_as(EVA).count() == 1  # her own case, not again as published


def test_published_to_everyone_signed_in_and_hidden_again_in_the_bin(library, vejle_case):
    ada, stranger = library.acting_as(ADA), library.acting_as(Actor("x", "X", "x@y.z"))
    ada.share(vejle_case.id, EVERYONE)
    assert [e.id for e in stranger.entries()] == [vejle_case.id]
    ada.delete(vejle_case.id)
    assert stranger.entries() == [] and stranger.entries(deleted=True) == []
    assert_not_found(lambda: stranger.load(vejle_case.id))
    assert [e.id for e in ada.entries(deleted=True)] == [vejle_case.id]


def test_every_action_appears_once_in_the_audit_trail(library, vejle_case):
    eva, ada = library.acting_as(EVA), library.acting_as(ADA)
    case = vejle_case.id
    eva.rename(case, "Toiletter", "", "", 2)
    eva.restore(case, 1, "", "", 3)
    eva.delete(case)
    eva.undelete(case)
    ada.share(case, AARHUS, version=4)
    ada.unshare(case, AARHUS, version=4)
    ada.unshare(case, AARHUS, version=4)  # nothing left to withdraw: not recorded
    eva.export([(case, None), (case, None)])
    trail = ada.audit_trail(VEJLE)
    assert [(r.action, r.version, r.subject) for r in trail] == [
        ("save", 1, "eva"), ("save", 2, "eva"), ("rename", 3, "eva"), ("restore", 4, "eva"),
        ("delete", 4, "eva"), ("undelete", 4, "eva"), ("share", 4, "ada"),
        ("unshare", 4, "ada"), ("export", 4, "eva")]
    assert {r.scenario_id for r in trail} == {case}
    assert trail[0].actor == "Eva Editor <eva@vejle.dk>" and trail[6].detail == AARHUS
    assert all(a.at <= b.at for a, b in zip(trail, trail[1:], strict=False))
    with pytest.raises(AccessDenied):
        eva.audit_trail(VEJLE)
    assert library.acting_as(Actor("o", memberships=((AARHUS, ADMIN),))).audit_trail(
        AARHUS) == []


def test_an_export_names_the_version_and_format_and_needs_read_access(library, vejle_case):
    """A download of a version records that version (not the head) and its format; one of a
    case shared and then withdrawn is refused and not recorded."""
    ada, ole = library.acting_as(ADA), library.acting_as(OLE)
    ada.share(vejle_case.id, AARHUS)
    assert ole.export([(vejle_case.id, 1)], "pdf") == [load_sample("aarhus_toilet")]
    ada.unshare(vejle_case.id, AARHUS)
    assert_not_found(lambda: ole.export([(vejle_case.id, 1)], "pdf"))
    assert [(r.action, r.subject, r.version, r.detail) for r in ada.audit_trail(VEJLE)][2:] == [
        ("share", "ada", None, AARHUS), ("export", "ole", 1, "pdf"),
        ("unshare", "ada", None, AARHUS)]


def test_administrators_manage_members_and_memberships_reach_the_actor(library, vejle_case):
    ada = library.acting_as(ADA)
    newcomer = Actor("sofie", "Sofie", "sofie@vejle.dk")
    assert library.acting_as(newcomer).entries() == []
    ada.set_member(VEJLE, "sofie", EDITOR, "Sofie")
    sofie = library.acting_as(newcomer)
    assert sofie.actor.role(VEJLE) == EDITOR
    sofie.save(vejle_case.id, load_sample("ceiling_lifts"), "", "", 2)
    assert ada.members(VEJLE) == [("sofie", EDITOR, "Sofie")]
    with pytest.raises(AccessDenied):
        library.acting_as(EVA).set_member(VEJLE, "eva", ADMIN)
    ada.remove_member(VEJLE, "sofie")
    assert library.acting_as(newcomer).entries() == []
    ada.set_member(VEJLE, " Sofie@Vejle.dk ", READER)  # by e-mail, before her first sign-in
    assert library.acting_as(newcomer).actor.role(VEJLE) == READER
    with pytest.raises(ValueError):
        Actor("bad", memberships=((VEJLE, "owner"),))


def test_cases_saved_before_access_control_and_key_figures_keep_working(db_url):
    """A library of revision 0001: its case goes to the local organisation (0002) and its
    version gets its search text and key figures from the calculators when it opens (0003)."""
    if db_url.startswith("sqlite:///"):
        Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True)
    engine = create_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    toilet = load_sample("aarhus_toilet")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text(
            "INSERT INTO scenario (created_at, updated_at, updated_by, head_version, title, "
            "organisation, technology, tags, search_text) VALUES "
            "('2026-01-01', '2026-01-01', 'Anne', 1, 'Gammel', 'Vejle', 'x', '', 'gammel')"))
        conn.execute(text(
            "INSERT INTO scenario_version (scenario_id, number, created_at, author, comment, "
            "title, organisation, technology, tags, body) VALUES (1, 1, '2026-01-01', 'Anne', "
            "'', :title, 'Vejle', 'x', '', :body)"),
            {"body": dump_scenario(toilet), "title": toilet.title})
    engine.dispose()
    lib = Library.open(db_url)
    [old] = lib.entries()
    assert (old.title, old.owner, old.updated_by) == (toilet.title, "local", "Anne")
    assert old.figures == key_figures(toilet)
    assert [e.id for e in lib.entries(text="selvhjulpen")] == [old.id]  # in the description
    assert lib.acting_as(EVA).entries() == []
    lib.dispose()


def test_the_audit_trail_refuses_changes_on_postgresql(library, vejle_case):
    if library.engine.dialect.name != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    with pytest.raises(Exception, match="append-only"), library.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit"))
    with library.engine.begin() as conn:
        conn.execute(insert(scenario_table.metadata.tables["audit"]).values(
            at=vejle_case.updated_at, subject="s", actor="a", organisation=VEJLE,
            action="save", detail=""))
    assert len(library.acting_as(ADA).audit_trail(VEJLE)) == 3
