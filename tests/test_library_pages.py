"""The library, compare and portfolio pages through AppTest, on a temporary SQLite library."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from calculators.assessment import overall_score
from calculators.metrics import compute_metrics
from calculators.portfolio import Candidate, Criterion, rank
from calculators.scenario_file import load_sample, sample_names
from storage import Library
from storage.archive import write_zip
from tests.conftest import make_scenario
from ui.formatting import format_dkk
from ui.library import version_candidates
from ui.library_charts import MAX_BARS, compare_figure, portfolio_figure
from ui.safe_text import md

APP_PATH = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "library.sqlite"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SCENARIO_DB_PATH", str(path))
    return path


@pytest.fixture
def filled(db_path) -> Library:
    lib = Library.open(f"sqlite:///{db_path}")
    lib.create_many([load_sample(n) for n in sample_names()], "Anne", "samples")
    return lib


def open_page(page: str, author: str = "") -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    if author:
        at.text_input(key="library_author_input").input(author).run()
    return at


def in_english(at: AppTest) -> AppTest:
    """AppTest does not keep the language control across switch_page, so set it each run."""
    at.session_state["lang"] = "en"
    return at


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("success", "error", "info", "caption", "markdown")
                    for e in getattr(at, kind))


def button(at: AppTest, key: str):
    return at.button(key=key)


def test_library_page_saves_versions_in_both_languages(db_path):
    at = open_page("pages/library.py")
    assert "Ingen business cases her endnu" in texts(at)
    assert button(at, "library_save_as").disabled
    in_english(at).run()
    assert at.title[0].value == "Library of business cases"
    in_english(at).text_input(key="library_author_input").input("Anne").run()
    in_english(at)
    button(at, "library_save_as").click().run()
    assert not at.exception
    assert "Saved: no. 1, version 1." in texts(at)
    in_english(at).text_input(key="library_comment").input("more units").run()
    in_english(at)
    button(at, "library_save").click().run()
    assert "Saved: no. 1, version 2." in texts(at)
    lib = Library.open(f"sqlite:///{db_path}")
    assert [v.comment for v in lib.versions(1)] == ["more units", ""]
    assert lib.load(1) == load_sample()


def test_two_sessions_saving_the_same_version_conflict(filled):
    first, second = (open_page("pages/library.py", name) for name in ("Anne", "Bo"))
    for at in (first, second):
        at.selectbox(key="library_choice").set_value(3).run()
        button(at, "library_open").click().run()
        # the button goes to the business-case page, with the case loaded
        assert at.title[0].value == md(filled.load(3).title)
        assert at.session_state["scenario"] == filled.load(3)
        assert f"Åbnet: {md(filled.load(3).title)} (version 1)." in texts(at)
        at.switch_page("pages/library.py").run()
        assert "version 1" in texts(at)
    button(first, "library_save").click().run()
    assert "Gemt: nr. 3, version 2." in texts(first)
    button(second, "library_save").click().run()
    assert not second.exception
    assert "Anne har gemt version 2, siden du åbnede version 1" in texts(second)
    assert len(filled.versions(3)) == 2
    button(second, "library_save_as").click().run()
    assert "Gemt: nr. 5, version 1." in texts(second)


def test_delete_undo_rename_restore(filled):
    at = open_page("pages/library.py", "Bo")
    at.selectbox(key="library_choice").set_value(2).run()
    button(at, "library_delete").click().run()
    assert [e.id for e in filled.entries(deleted=True)] == [2]
    assert "er slettet" in texts(at)
    button(at, "library_undo_last").click().run()
    assert filled.entries(deleted=True) == []
    at.selectbox(key="library_choice").set_value(1).run()
    at.text_input(key="library_title_1_1").input("Toiletter i Aarhus").run()
    button(at, "library_rename").click().run()
    assert filled.entry(1).title == "Toiletter i Aarhus"
    at.selectbox(key="library_choice").set_value(1).run()
    at.selectbox(key="library_version_1").set_value(1).run()
    button(at, "library_restore").click().run()
    assert not at.exception
    assert filled.entry(1).version == 3
    assert filled.load(1) == load_sample("aarhus_toilet")


def test_search_filters_the_list(filled):
    at = open_page("pages/library.py")
    at.text_input(key="library_query").input("loftlift").run()
    assert "1 af 4 business cases" in texts(at)
    at.text_input(key="library_query").input("").run()
    at.selectbox(key="library_tag").set_value("hjemmepleje").run()
    assert "3 af 4 business cases" in texts(at)


def test_a_long_library_is_shown_a_page_at_a_time(db_path):
    lib = Library.open(f"sqlite:///{db_path}")
    toilet = load_sample()
    lib.create_many([toilet.model_copy(update={"title": f"Toilet {i}"}) for i in range(60)],
                    "Anne", "")
    lib.create(load_sample("ceiling_lifts"), "Anne", "")
    at = open_page("pages/library.py")
    assert "61 af 61 business cases" in texts(at)
    assert len(at.dataframe[0].value) == 50
    assert list(at.dataframe[0].value["Nr."])[:2] == [61, 60]  # newest first
    at.number_input(key="library_page").set_value(2).run()
    assert list(at.dataframe[0].value["Nr."]) == list(range(11, 0, -1))
    at.text_input(key="library_query").input("loftlift").run()  # one page: back to the first
    assert "1 af 61 business cases" in texts(at)
    assert list(at.dataframe[0].value["Nr."]) == [61]


def test_compare_finds_its_choices_by_search(filled):
    at = open_page("pages/compare.py")
    picker = at.multiselect(key="compare_pick")
    assert len(picker.options) == 1 + 4 and picker.value == ["current", 4]
    at.text_input(key="compare_find").input("loftlift").run()
    picker = at.multiselect(key="compare_pick")
    # the current case, the ceiling lifts found, and the medicine dispensers already picked
    assert [o.split(" · ")[0] for o in picker.options[1:]] == ["3", "4"], picker.options
    assert picker.value == ["current", 4]


def test_compare_page_shows_kpis_chart_and_differences(filled):
    at = open_page("pages/compare.py")
    assert at.multiselect(key="compare_pick").value == ["current", 4]
    at.multiselect(key="compare_pick").set_value(["current", 1]).run()
    assert "Forudsætningerne er ens." in texts(at)
    at.multiselect(key="compare_pick").set_value(["current", 2, 3]).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # cumulative cash flow and the VTV radar
    radar = json.loads(charts[1].proto.spec)["data"]
    # the current toilet and the conservative one are assessed; the ceiling lifts are not
    assert [trace["name"] for trace in radar] == [  # wrapped to fit a phone
        "Aktuel (ikke gemt)", "2 · Vaske-/tørretoilet –<br>Aarhus (… (v1)"]
    # economy 1: the budget track, nothing of the released time taken out; closed
    assert radar[1]["r"] == pytest.approx([4.0, 4.2, 30 / 7, 1.0, 4.0])
    assert "Uden VTV-vurdering (ikke i diagrammet): 3 · " in texts(at)
    kpis = at.dataframe[0].value.set_index("Nøgletal")
    assert list(kpis.loc["Inkl. frigjort tid: nettonutidsværdi"]) == [
        "870.668 kr.", "72.441 kr.", "6.794.963 kr."]
    budget = [compute_metrics(s) for s in (load_sample(), filled.load(2), filled.load(3))]
    assert list(kpis.loc["Budgetvirkning: nettonutidsværdi"]) == [
        format_dkk(m.budget_npv, "da") for m in budget]
    assert list(kpis.loc["Budgetvirkning over horisonten"]) == [
        format_dkk(m.budget_total, "da") for m in budget]
    assert kpis.loc["Budgetvirkning: tjent hjem efter"].iloc[0] == "Ikke inden for horisonten"
    assert list(kpis.index[1:6]) == [  # the budget track first, then the value incl. time
        "Budgetvirkning: tjent hjem efter", "Budgetvirkning: nettonutidsværdi",
        "Budgetvirkning pr. år (fuldt driftsår)", "Budgetvirkning over horisonten",
        "Hjemtagne timer pr. år"]
    # chart titles are page text above the charts (they wrap on a phone)
    assert f"**{md('Akkumuleret budgetvirkning – hvilken er tjent hjem først?')}**" in texts(at)
    at.segmented_control(key="compare_track").set_value("value").run()
    assert f"**{md('Akkumuleret værdi inkl. frigjort tid')}**" in texts(at)
    in_english(at).run()
    assert not at.exception
    kpis = at.dataframe[0].value.set_index("Key figure")
    assert kpis.loc["Incl. released time: net present value"].iloc[0] == "DKK 870,668"
    assert len(at.dataframe) == 2


def test_compare_differences_are_readable_and_only_differences(filled):
    at = open_page("pages/compare.py")
    at.multiselect(key="compare_pick").set_value(["current", 4]).run()  # toilet vs dispensers
    assert not at.exception
    table = at.dataframe[-1].value.set_index("Forudsætning")
    cells = [str(v) for v in table.to_numpy().ravel()] + list(table.index)
    for internal in ("citizens", "care_staff", "text:", "description:", "gain.", "level:",
                     "optimistic", "released_time", "[", "{"):
        assert not any(internal in cell for cell in cells), internal
    assert [label for label in table.index if "_" in label] == []
    assert [label for label, row in table.iterrows() if len(set(row)) == 1] == []  # all differ
    assert list(table.loc["Hvem har gavn af det"]) == [
        "Borgere, Plejepersonale",
        "Borgere, Pårørende, Plejepersonale, Administrativt personale"]
    assert list(table.loc["Skala › Realiseringsgrad (%)"]) == ["100,0 %", "90,0 %"]
    assert list(table.loc["Risici › 2 › Niveau"]) == ["Mellem", "Lille"]
    assert list(table.loc["Skønnets karakter"]) == ["Optimistisk skøn", "Realistisk skøn"]
    assert "Omkostninger › Vaske-/tørretoilet, indkøb › Beløb (kr.)" in table.index
    styles = at.dataframe[-1].proto.arrow_data.styler.styles
    # the second case's cell is highlighted on every row (column 2; 0 is the label)
    assert "background-color: #FFE8A3" in styles
    assert len(re.findall(r"_row\d+_col2\b", styles)) == len(table)
    assert not re.search(r"_col1\b", styles)


def test_compare_opens_a_case_in_the_business_case(filled):
    at = open_page("pages/compare.py")
    at.multiselect(key="compare_pick").set_value(["current", 2, 3]).run()
    at.selectbox(key="compare_open_choice").set_value(1).run()
    at.button(key="compare_open").click().run()
    assert not at.exception
    assert at.session_state["scenario"] == filled.load(3)
    assert at.title[0].value == md(filled.load(3).title)
    assert f"Åbnet: {md(filled.load(3).title)} (version 1)." in texts(at)


def test_compare_needs_two(filled):
    at = open_page("pages/compare.py")
    at.multiselect(key="compare_pick").set_value([2]).run()
    assert "Vælg mindst 2 og højst 6." in texts(at)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_portfolio_page_selects_within_the_budget(filled):
    at = open_page("pages/portfolio.py")
    assert metric(at, "Udvalgte business cases") == "4"
    assert metric(at, "Investering i alt") == "3.210.000 kr."
    at.text_input(key="portfolio_budget").input("1,0").run()
    assert metric(at, "Udvalgte business cases") == "3"
    assert metric(at, "Investering i alt") == "520.000 kr."
    assert metric(at, "Tilbage af budgettet") == "480.000 kr."
    in_english(at).run()
    in_english(at).radio(key="portfolio_objective").set_value(Criterion.HOURS).run()
    assert not at.exception
    assert metric(at, "Budget left") == "DKK 480,000"
    assert len(at.get("plotly_chart")) == 1


def test_portfolio_shows_ranks_and_selects_by_the_budget_track(filled):
    at = open_page("pages/portfolio.py")
    table = at.dataframe[0].value.set_index("Nr.")
    saved = {e.id: compute_metrics(filled.load(e.id)) for e in filled.entries()}
    assert dict(table["Nettonutidsværdi, budget"]) == {
        i: format_dkk(m.budget_npv, "da") for i, m in saved.items()}
    assert dict(table["Nettonutidsværdi inkl. frigjort tid"]) == {
        i: format_dkk(m.npv, "da") for i, m in saved.items()}
    assert table.loc[1, "Tjent hjem i budgettet"] == "Ikke inden for horisonten"
    at.selectbox(key="portfolio_rank").set_value(Criterion.BUDGET_NPV).run()
    by_budget = sorted(saved, key=lambda i: -saved[i].budget_npv)
    assert list(at.dataframe[0].value["Nr."]) == by_budget
    at.radio(key="portfolio_objective").set_value(Criterion.BUDGET_NPV).run()
    assert not at.exception
    chosen = [i for i in saved if saved[i].budget_npv > 0]
    assert metric(at, "Nettonutidsværdi, budget i alt") == format_dkk(
        sum(saved[i].budget_npv for i in chosen), "da")
    assert metric(at, "Udvalgte business cases") == str(len(chosen))


def test_portfolio_ranks_and_filters_by_the_vtv_score(filled):
    at = open_page("pages/portfolio.py")
    table = at.dataframe[0].value.set_index("Nr.")
    # both toilets (4.0 + 4.2 + 30/7 + 1)/4 = 3.37 (economy 1: no budget effect); others
    # unassessed
    assert list(table.loc[[1, 2, 3, 4], "VTV-score"]) == ["3,4", "3,4", "–", "–"]
    at.selectbox(key="portfolio_rank").set_value(Criterion.VTV).run()
    # unassessed cases come last (the two toilets tie)
    assert sorted(at.dataframe[0].value["Nr."][:2]) == [1, 2]
    at.select_slider(key="portfolio_min_vtv").set_value(3.0).run()
    assert sorted(at.dataframe[0].value["Nr."]) == [1, 2]
    assert metric(at, "Udvalgte business cases") == "2"
    assert metric(at, "Investering i alt") == "80.000 kr."
    assert "Viser 2 af 4 business cases" in texts(at)
    at.select_slider(key="portfolio_min_vtv").set_value(3.5).run()
    assert not at.exception and metric(at, "Udvalgte business cases") == "0"


def test_portfolio_figures_are_the_engine_figures_of_every_saved_version(filled):
    entries = filled.entries()
    items = version_candidates(entries)
    for entry, item in zip(entries, items, strict=True):
        saved = filled.load(entry.id, entry.version)
        metrics = compute_metrics(saved)
        assert (item.key, item.title) == (str(entry.id), saved.title)
        assert (item.investment, item.npv, item.payback_months, item.hours_released) == (
            metrics.total_investment, metrics.npv, metrics.payback_months,
            metrics.hours_released_per_year)
        assert item.vtv_score == overall_score(saved)
    toilet = next(i for i in items if i.title == load_sample().title)
    assert toilet.investment == 40_000 and round(toilet.vtv_score, 3) == 3.371


def test_portfolio_reads_stored_figures_and_shows_a_new_version(filled, monkeypatch):
    loaded = []
    load_many = Library.load_many
    monkeypatch.setattr(Library, "load_many",
                        lambda lib, keys: loaded.append(keys) or load_many(lib, keys))
    at = open_page("pages/portfolio.py")
    assert metric(at, "Investering i alt") == "3.210.000 kr."
    toilet = next(e for e in filled.entries() if e.title == load_sample().title)
    filled.save(toilet.id, make_scenario(units=2), "Bo", "two toilets", toilet.version)
    at.run()
    assert metric(at, "Investering i alt") == "3.250.000 kr."  # kr 40,000 more for the second
    assert loaded == []  # no saved scenario was loaded: the figures came from the library


def test_pages_explain_an_unusable_database(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SCENARIO_DB_PATH", str(blocker / "library.sqlite"))
    for page in ("pages/library.py", "pages/compare.py", "pages/portfolio.py"):
        at = open_page(page)
        assert "Biblioteket kan ikke åbnes" in at.error[0].value
    at.switch_page("pages/business_case.py").run()
    assert not at.exception
    assert at.metric


def test_portfolio_figure_colours_the_chosen_and_caps_the_bars():
    items = [Candidate(str(i), f"Case {i}", 1e6, 1e5 * i, 12.0, 10.0 * i) for i in range(30)]
    chosen = {"29", "3"}
    fig = portfolio_figure(rank(items, Criterion.NPV), chosen, Criterion.NPV, 40e6, "da")
    picked, rest = fig.data
    assert list(picked.y) == ["Case 3 (3)", "Case 29 (29)"]
    assert picked.text[1] == "2.900.000 kr."
    assert len(picked.y) + len(rest.y) == MAX_BARS
    assert "Case 28 (28)" in rest.y and "Case 0 (0)" not in rest.y
    assert fig.layout.title.text == "Hvad får fonden for 40.000.000 kr.?"


def test_compare_figure_one_line_per_case():
    times = np.array([0.0, 1.0])
    fig = compare_figure([("A", times, np.array([-1.0, 2.0])),
                          ("B" * 80, times, np.array([0.0, 1.0]))], "en")
    assert [trace.name for trace in fig.data] == ["A", "B" * 44 + "…"]
    assert fig.data[0].line.color != fig.data[1].line.color


def test_import_zip_through_the_page_is_all_or_nothing(db_path):
    good = [load_sample(n) for n in sample_names()]
    at = open_page("pages/library.py", "Anne")
    bad = zip_bytes(write_zip(good), extra={"notes.txt": b"meeting notes"})
    at.file_uploader(key="library_upload").upload("cases.zip", bad, "application/zip").run()
    button(at, "library_import").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "cases.zip/notes.txt" in message and "ikke en JSON-fil" in message
    assert "Intet er importeret." in message
    assert Library.open(f"sqlite:///{db_path}").entries() == []
    at.file_uploader(key="library_upload").upload("cases.zip", write_zip(good),
                                                   "application/zip").run()
    button(at, "library_import").click().run()
    assert "Importeret 4 business case(s) fra cases.zip." in texts(at)
    assert len(Library.open(f"sqlite:///{db_path}").entries()) == 4


def zip_bytes(base: bytes, extra: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a") as archive:
        for name, data in extra.items():
            archive.writestr(name, data)
    return buffer.getvalue()
