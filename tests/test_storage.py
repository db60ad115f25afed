"""The scenario library, the same suite on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import io
import itertools
import zipfile

import pytest
from alembic import command
from alembic.config import Config
from pydantic import ValidationError
from sqlalchemy import inspect, select, text, update

from calculators.key_figures import FIGURES_REVISION, key_figures
from calculators.scenario_file import dump_scenario, load_sample, sample_names
from storage import ConflictError, Library, StorageError, database_url
from storage.archive import ImportFileError, read_upload, write_zip
from storage.library import MIGRATIONS
from storage.tables import scenario_version

SAMPLES = sample_names()


def test_migration_creates_the_schema_in_an_empty_database(db_url):
    lib = Library.open(db_url)
    tables = set(inspect(lib.engine).get_table_names())
    assert {"scenario", "scenario_version", "alembic_version"} <= tables
    with lib.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
    lib.dispose()
    again = Library.open(db_url)
    assert again.entries() == []
    again.dispose()


def test_migration_0003_goes_down_and_up_again_keeping_the_cases(library, db_url):
    entry = library.create(load_sample("ceiling_lifts"), "Anne", "")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with library.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        with conn.begin():
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
            title = conn.execute(text("SELECT title FROM scenario")).scalar_one()
    assert title == load_sample("ceiling_lifts").title
    library.dispose()
    again = Library.open(db_url)
    assert again.entry(entry.id) == entry
    again.dispose()


@pytest.mark.parametrize("name", SAMPLES)
def test_save_then_load_gives_the_same_scenario(library, name):
    scenario = load_sample(name)
    entry = library.create(scenario, "Anne Økonom", "first draft")
    assert entry.version == 1
    assert library.load(entry.id) == scenario
    assert dump_scenario(library.load(entry.id, 1)) == dump_scenario(scenario)
    assert (entry.title, entry.organisation, entry.technology, entry.tags) == (
        scenario.title, scenario.organisation, scenario.technology, tuple(scenario.tags))


def test_every_save_is_a_new_version_and_restore_copies_an_old_one(library):
    first, second = load_sample("aarhus_toilet"), load_sample("aarhus_toilet_conservative")
    entry = library.create(first, "Anne", "v1")
    entry = library.save(entry.id, second, "Bo", "evaluated time", entry.version)
    assert entry.version == 2
    assert entry.updated_by == "Bo"
    assert library.load(entry.id) == second
    assert library.load(entry.id, 1) == first
    entry = library.restore(entry.id, 1, "Anne", "back to v1", entry.version)
    assert entry.version == 3
    assert library.load(entry.id) == first
    history = library.versions(entry.id)
    assert [(v.number, v.author, v.comment) for v in history] == [
        (3, "Anne", "back to v1"), (2, "Bo", "evaluated time"), (1, "Anne", "v1")]
    assert history[0].created_at >= history[-1].created_at
    assert history[0].created_at.tzinfo is not None


def test_load_many_gives_each_asked_version_in_the_asked_order(library):
    first, second = load_sample("aarhus_toilet"), load_sample("aarhus_toilet_conservative")
    lifts = library.create(load_sample("ceiling_lifts"), "Anne", "")
    toilet = library.create(first, "Anne", "v1")
    library.save(toilet.id, second, "Bo", "v2", toilet.version)
    asked = [(toilet.id, 1), (lifts.id, None), (toilet.id, None), (toilet.id, 2)]
    assert library.load_many(asked) == [first, load_sample("ceiling_lifts"), second, second]
    with pytest.raises(StorageError) as missing:
        library.load_many([(toilet.id, 3)])
    assert missing.value.code == "not_found"


def test_a_second_writer_gets_a_conflict_not_an_overwrite(library, db_url):
    other = Library.open(db_url)
    entry = library.create(load_sample("aarhus_toilet"), "Anne", "")
    started_from = entry.version
    other.save(entry.id, load_sample("ceiling_lifts"), "Bo", "his edit", started_from)
    with pytest.raises(ConflictError) as caught:
        library.save(entry.id, load_sample("medicine_dispenser"), "Anne", "her edit",
                     started_from)
    assert (caught.value.current, caught.value.by, caught.value.code) == (2, "Bo", "conflict")
    assert library.load(entry.id) == load_sample("ceiling_lifts")
    assert len(library.versions(entry.id)) == 2
    saved_as_new = library.create(load_sample("medicine_dispenser"), "Anne", "her edit")
    assert saved_as_new.id != entry.id
    other.dispose()


def test_soft_delete_hides_and_undo_brings_back(library):
    kept = library.create(load_sample("aarhus_toilet"), "Anne", "")
    gone = library.create(load_sample("ceiling_lifts"), "Anne", "")
    library.delete(gone.id)
    assert [e.id for e in library.entries()] == [kept.id]
    assert [e.id for e in library.entries(deleted=True)] == [gone.id]
    assert library.load(gone.id) == load_sample("ceiling_lifts")
    library.undelete(gone.id)
    assert {e.id for e in library.entries()} == {kept.id, gone.id}
    assert library.entries(deleted=True) == []


def test_rename_and_duplicate_are_new_versions_and_scenarios(library):
    entry = library.create(load_sample("aarhus_toilet"), "Anne", "")
    renamed = library.rename(entry.id, "Toiletter i Aarhus", "Bo", "new name", entry.version)
    assert (renamed.title, renamed.version) == ("Toiletter i Aarhus", 2)
    assert library.load(entry.id).title == "Toiletter i Aarhus"
    assert library.load(entry.id, 1).title == load_sample("aarhus_toilet").title
    with pytest.raises(ValidationError):
        library.rename(entry.id, "  ", "Bo", "", renamed.version)
    copy = library.duplicate(entry.id, "Kopi", "Bo", "copy")
    assert copy.id != entry.id and copy.version == 1
    assert library.load(copy.id) == library.load(entry.id).model_copy(update={"title": "Kopi"})


def test_search_and_filters(library):
    for name in SAMPLES:
        library.create(load_sample(name), "Anne", "")
    titles = {e.title for e in library.entries(text="AARHUS")}
    assert len(titles) == 2
    assert len(library.entries(organisation="Aarhus Kommune, Sundhed og Omsorg")) == 2
    assert [e.technology for e in library.entries(technology="Loftlifte med skinnesystem")] == [
        "Loftlifte med skinnesystem"]
    assert len(library.entries(tag="hjemmepleje")) == 3
    assert library.entries(tag="hjemme") == []
    assert library.entries(text="100%_") == []
    assert len(library.entries(text="ARBEJDSMILJØ")) == 1
    facets = library.facets()
    assert "toilet" in facets.tags and len(facets.organisations) == 3


def test_each_version_stores_the_calculators_key_figures(library):
    first, second = load_sample("aarhus_toilet"), load_sample("aarhus_toilet_conservative")
    entry = library.create(first, "Anne", "")
    assert entry.figures == key_figures(first)
    assert entry.figures.investment == 40_000 and round(entry.figures.npv) == 870_668
    saved = library.save(entry.id, second, "Bo", "", entry.version)
    assert saved.figures == key_figures(second) != key_figures(first)
    with library.engine.connect() as conn:
        v = scenario_version
        stored = conn.execute(select(v.c.number, v.c.budget_npv, v.c.figures_revision)
                              .order_by(v.c.number)).all()
    assert [tuple(r) for r in stored] == [(1, -40_000.0, FIGURES_REVISION),
                                          (2, -40_000.0, FIGURES_REVISION)]


def test_figures_of_an_older_revision_are_recomputed_on_open(library, db_url):
    entry = library.create(load_sample("ceiling_lifts"), "Anne", "")
    with library.engine.begin() as conn:
        conn.execute(update(scenario_version).values(npv=1.0, figures_revision=0))
    assert library.entry(entry.id).figures.npv == 1.0
    again = Library.open(db_url)
    assert again.entry(entry.id).figures == key_figures(load_sample("ceiling_lifts"))
    again.dispose()


def test_a_version_the_app_cannot_read_is_listed_without_figures(library, db_url):
    kept = library.create(load_sample("ceiling_lifts"), "Anne", "")
    broken = library.create(load_sample("medicine_dispenser"), "Anne", "")
    with library.engine.begin() as conn:
        conn.execute(update(scenario_version).where(scenario_version.c.scenario_id == broken.id)
                     .values(body='{"title": "x", "horizon_years": 99}', figures_revision=None))
    again = Library.open(db_url)
    assert [(e.id, e.figures is None) for e in again.entries()] == [(broken.id, True),
                                                                     (kept.id, False)]
    assert [e.id for e in again.entries(positive="hours_released")] == [kept.id]
    again.dispose()


def test_pages_counts_and_the_portfolio_filter_are_queries(library):
    scenarios = {name: load_sample(name) for name in SAMPLES}
    for scenario in scenarios.values():
        library.create(scenario, "Anne", "")
    newest_first = [e.id for e in library.entries()]
    assert newest_first == sorted(newest_first, reverse=True)
    assert [e.id for e in library.entries(limit=2)] == newest_first[:2]
    assert [e.id for e in library.entries(limit=2, offset=2)] == newest_first[2:4]
    assert library.count() == len(SAMPLES) and library.count(tag="hjemmepleje") == 3
    by_title = {s.title: key_figures(s) for s in scenarios.values()}
    for objective in ("npv", "budget_npv", "hours_released"):
        found = {e.title for e in library.entries(positive=objective)}
        assert found == {t for t, f in by_title.items() if getattr(f, objective) > 0}
    affordable = {e.title for e in library.entries(positive="npv", max_investment=1e6)}
    assert affordable == {t for t, f in by_title.items() if f.npv > 0 and f.investment <= 1e6}
    assert affordable and affordable != set(by_title)
    with pytest.raises(ValueError):
        library.entries(positive="title")


def test_danish_full_text_search_finds_inflected_words(library):
    for name in SAMPLES:
        library.create(load_sample(name), "Anne", "")
    toilets = {e.title for e in library.entries(text="toilet")}
    assert len(toilets) == 2
    if library.engine.dialect.name != "postgresql":
        pytest.skip("stemming is PostgreSQL's full-text search (SQLite matches substrings)")
    assert {e.title for e in library.entries(text="toiletter")} == toilets  # plural
    assert {e.title for e in library.entries(text="toiletterne")} == toilets
    assert library.entries(text="toilet -tidsforbrug") == library.entries(
        text="toilet", tag="optimistisk")
    assert library.count(text='"vaske- og tørretoilet"') == 2
    assert library.entries(text="og") == []  # a stop word alone finds nothing


def test_unknown_ids_raise_not_found(library):
    for call in (lambda: library.load(999), lambda: library.versions(999),
                 lambda: library.delete(999), lambda: library.entry(999)):
        with pytest.raises(StorageError) as caught:
            call()
        assert caught.value.code == "not_found"


def test_import_many_is_all_or_nothing(library, monkeypatch):
    good = [load_sample(n) for n in SAMPLES]
    library.create_many(good, "Anne", "import")
    assert len(library.entries()) == len(good)
    calls = itertools.count(1)
    insert_version = Library._insert_version

    def fail_on_the_third(*args):
        if next(calls) == 3:
            raise RuntimeError("disk full")
        insert_version(*args)

    monkeypatch.setattr(Library, "_insert_version", staticmethod(fail_on_the_third))
    with pytest.raises(RuntimeError):
        library.create_many(good, "Anne", "import")
    assert len(library.entries()) == len(good)


def test_an_unwritable_location_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as caught:
        Library.open(f"sqlite:///{blocker / 'library.sqlite'}")
    assert caught.value.code == "unavailable"


def test_database_url_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SCENARIO_DB_PATH", str(tmp_path / "x.sqlite"))
    assert database_url() == f"sqlite:///{tmp_path / 'x.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"


def zip_of(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_round_trip_keeps_every_scenario():
    scenarios = [load_sample(n) for n in SAMPLES]
    read = read_upload("library.zip", write_zip(scenarios + scenarios[:1]))
    assert [s for _, s in read] == scenarios + scenarios[:1]
    assert len({name for name, _ in read}) == len(read)


@pytest.mark.parametrize(("members", "file", "code"), [
    ({"a.json": dump_scenario(load_sample()).encode(), "b.json": b"{not json"},
     "upload.zip/b.json", "not_json"),
    ({"a.json": dump_scenario(load_sample()).encode(), "photo.png": b"\x89PNG\r\n"},
     "upload.zip/photo.png", "not_json"),
    ({"a.json": b'{"title": "x", "horizon_years": 99}'}, "upload.zip/a.json", "invalid"),
    ({"a.json": b'{"rows": []}'}, "upload.zip/a.json", "not_scenario"),
    ({"big.json": b" " * (21 * 2**20)}, "upload.zip/big.json", "too_large"),
    ({}, "upload.zip", "empty_archive"),
])
def test_a_bad_zip_member_is_named_and_nothing_is_returned(members, file, code):
    with pytest.raises(ImportFileError) as caught:
        read_upload("upload.zip", zip_of(**members))
    assert (caught.value.file, caught.value.code) == (file, code)


def test_foreign_and_corrupt_single_files():
    with pytest.raises(ImportFileError) as caught:
        read_upload("report.zip", b"PK\x03\x04 truncated")
    assert (caught.value.file, caught.value.code) == ("report.zip", "not_zip")
    with pytest.raises(ImportFileError) as caught:
        read_upload("budget.xlsx", b"\x00\x01binary")
    assert (caught.value.file, caught.value.code) == ("budget.xlsx", "not_json")
    [(name, scenario)] = read_upload("a.json", dump_scenario(load_sample()).encode())
    assert (name, scenario) == ("a.json", load_sample())


def test_free_text_lists_the_best_match_first_on_postgresql(library):
    """A case about toilets throughout comes before a newer case that names a toilet once;
    without free text, or on SQLite (substrings), newest first."""
    toilet = load_sample("aarhus_toilet")
    library.create(toilet.model_copy(update={
        "title": "Toilet med vask og tørring", "technology": "toilet",
        "description": "Toilettet vasker og tørrer; toiletbesøg uden hjælp."}), "Anne", "")
    library.create(load_sample("ceiling_lifts").model_copy(update={
        "title": "Loftlifte", "description": "Lifte ved seng og toilet."}), "Anne", "")
    newest_first = ["Loftlifte", "Toilet med vask og tørring"]
    assert [e.title for e in library.entries()] == newest_first
    by_match = [e.title for e in library.entries(text="toilet")]
    if library.engine.dialect.name != "postgresql":
        assert by_match == newest_first
        return
    assert by_match == ["Toilet med vask og tørring", "Loftlifte"]
