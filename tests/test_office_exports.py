"""The PowerPoint deck and the Word council paper: opened with python-pptx / python-docx, every
number checked against the engine, charts are native chart objects with the engine's series,
templates are used, and LibreOffice turns both into PDFs whose pages hold all their text."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches
from pypdf import PdfReader

from calculators.cashflow import cashflow_table, monthly_flows
from calculators.metrics import compute_metrics
from calculators.ranges import scenario_set
from calculators.scenario_file import load_sample
from exporters.deck import Stamp, build_deck
from exporters.docx_report import council_docx
from exporters.office_template import TemplateError, checked
from exporters.pptx_report import deck_pptx
from tests.conftest import make_scenario, toilet_at_2026
from tests.excel_support import SOFFICE, needs_soffice

STAMP = Stamp(date(2026, 12, 1), "Anne Holm", 3, 7)
SAMPLES = ["aarhus_toilet", "ceiling_lifts", "medicine_dispenser"]


def dk_number(text: str) -> float:
    """'1.055.000 kr.' / '-40.000' / '4,4 mdr.' as a float."""
    found = re.search(r"-?[\d.]+(,\d+)?", text.replace("−", "-"))
    assert found, text
    return float(found.group().replace(".", "").replace(",", "."))


def slide_texts(slide) -> str:  # noqa: ANN001 - a python-pptx slide
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def charts(slide) -> list:  # noqa: ANN001
    return [shape.chart for shape in slide.shapes if shape.has_chart]


@pytest.fixture(scope="module")
def toilet_deck() -> Presentation:
    return Presentation(io.BytesIO(deck_pptx(build_deck(load_sample("aarhus_toilet"), "da",
                                                        STAMP))))


def test_deck_is_16_9_and_holds_the_meeting_slides(toilet_deck):
    assert (toilet_deck.slide_width, toilet_deck.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(toilet_deck.slides)
    assert len(slides) == 9
    assert slides[0].shapes.title.text == "Beslutningen"
    assert "Skal vi investere 40.000 kr. i Vaske- og tørretoilet?" in slide_texts(slides[0])
    for slide in slides:  # the source and date of the figures, in small type
        assert "Tal pr. 1.12.2026" in slide_texts(slide)
        assert "version 3 i biblioteket (Anne Holm)" in slide_texts(slide)
    priced = [i for i, slide in enumerate(slides)  # every slide that states an amount
              if "(Anne Holm) · Beløb i faste priser (P/L 2012)" in slide_texts(slide)]
    assert priced == [0, 1, 2, 3, 4, 8]  # not the soft gains, the VTV profile, the risks


def test_deck_figures_equal_the_engine(toilet_deck):
    scenario = load_sample("aarhus_toilet")
    metrics = compute_metrics(scenario)
    economy = slide_texts(toilet_deck.slides[1])
    # 40,000 / 109,500 × 12 = 4.38 months; 10 × 109,500 − 40,000 = 1,055,000
    assert round(metrics.payback_months, 1) == 4.4 and metrics.total_net == 1_055_000
    assert "4,4 mdr." in economy and "1.055.000 kr." in economy
    assert f"{metrics.npv:,.0f}".replace(",", ".") + " kr." in economy  # 870.668 kr.
    hours = slide_texts(toilet_deck.slides[3])
    assert "365 timer om året" in hours and "0,19 fuldtidsstillinger i plejen" in hours


def test_charts_are_native_with_the_engines_series(toilet_deck):
    scenario = load_sample("aarhus_toilet")
    table = cashflow_table(scenario, monthly_flows(scenario))
    years = [str(y) for y in table["year"]]  # 0–10, the x-axis of the screen's charts
    slides = list(toilet_deck.slides)

    (cumulative,) = charts(slides[2])  # both tracks, two native line series
    assert cumulative.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert list(cumulative.plots[0].categories) == years
    budget, value = cumulative.plots[0].series
    assert (budget.name, value.name) == ("Budgetvirkning", "Samlet værdi inkl. frigjort tid")
    assert list(budget.values) == list(table["cumulative_budget"]) == [-40_000.0] * 11
    assert list(value.values) == list(table["cumulative_net"])
    assert value.values[:2] == (-40_000, 69_500)  # −40,000 + 109,500

    (yearly,) = charts(slides[4])
    assert yearly.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    gains, costs = yearly.plots[0].series
    assert list(gains.values) == list(table["total_gains"])
    assert list(costs.values) == [-c for c in table["total_costs"]]

    (radar,) = charts(slides[6])
    assert radar.chart_type == XL_CHART_TYPE.RADAR_MARKERS
    assert len(radar.plots[0].categories) == 4
    assert radar.plots[0].series[0].values[3] == 1.0  # economy on the budget track: 0 kr. a year

    (spread,) = charts(slides[8])
    cases = scenario_set(scenario)
    for series, name in zip(spread.plots[0].series, ("worst", "base", "best"), strict=True):
        expected = cashflow_table(cases[name], monthly_flows(cases[name]))["cumulative_net"]
        assert list(series.values) == pytest.approx(list(expected), abs=1e-6)


def test_english_deck():
    deck = Presentation(io.BytesIO(deck_pptx(build_deck(load_sample("aarhus_toilet"), "en",
                                                        STAMP))))
    economy = slide_texts(deck.slides[1])
    assert "4.4 months" in economy and "DKK 1,055,000" in economy
    assert "Figures as of 1 Dec 2026" in economy


def test_a_converted_case_names_its_price_level_and_estimated_index_years():
    deck = Presentation(io.BytesIO(deck_pptx(build_deck(toilet_at_2026(), "en", STAMP))))
    footer = ("Amounts in constant prices (2026 price level) · The conversion uses index "
              "figures that are estimates: 2026")
    assert footer in slide_texts(deck.slides[1]) and footer not in slide_texts(deck.slides[5])
    text = "\n".join(p.text for p in Document(io.BytesIO(
        council_docx(toilet_at_2026(), "en", STAMP))).paragraphs)
    assert f"Economy\n{footer}\nBudget effect\n" in text  # the key tables' caption


def test_compared_cases_get_their_slide_and_chart():
    toilet, lifts = load_sample("aarhus_toilet"), load_sample("ceiling_lifts")
    deck = Presentation(io.BytesIO(deck_pptx(build_deck(toilet, "da", STAMP, [lifts]))))
    (chart,) = charts(deck.slides[2])
    names = [s.name for s in chart.plots[0].series]
    assert names == [toilet.title, lifts.title]
    lifts_table = cashflow_table(lifts, monthly_flows(lifts))
    assert list(chart.plots[0].series[1].values) == list(lifts_table["cumulative_budget"])
    items = slide_texts(deck.slides[2])
    assert "Budgetvirkning: investeringen er ikke tjent hjem inden for 10 år." in items
    assert "Samlet værdi inkl. frigjort tid: udgifterne er dækket efter 4,4 mdr." in items


def office_template(kind: str, document: bytes) -> bytes:
    """A .potx/.dotx made from a saved document: only the main part's content type differs."""
    main = {"pptx": (b"presentation.main+xml", b"template.main+xml"),
            "docx": (b"document.main+xml", b"template.main+xml")}[kind]
    source, out = zipfile.ZipFile(io.BytesIO(document)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(main[0], main[1])
            target.writestr(info, body)
    return out.getvalue()


def test_a_potx_template_gives_its_master_and_size_and_loses_its_slides():
    base = Presentation()  # 4:3, one slide of its own
    base.slides.add_slide(base.slide_layouts[0]).shapes.title.text = "Kommunens forside"
    base.slide_masters[0].element.cSld.set("name", "Kommunens master")
    saved = io.BytesIO()
    base.save(saved)
    template = office_template("pptx", saved.getvalue())
    assert b"presentationml.template.main+xml" in zipfile.ZipFile(
        io.BytesIO(template)).read("[Content_Types].xml")
    deck = Presentation(io.BytesIO(deck_pptx(build_deck(load_sample("aarhus_toilet"), "da",
                                                        STAMP), checked(template, "pptx"))))
    assert (deck.slide_width, deck.slide_height) == (base.slide_width, base.slide_height)
    assert len(deck.slides) == 9
    assert "Kommunens forside" not in "".join(slide_texts(s) for s in deck.slides)
    assert deck.slides[0].slide_layout.slide_master.name == "Kommunens master"
    assert charts(deck.slides[2])  # still a native chart


def test_a_file_that_is_not_a_template_is_refused():
    empty_zip = b"PK\x05\x06" + b"\0" * 18  # a zip without [Content_Types].xml
    for data in (b"not a zip", empty_zip):
        with pytest.raises(TemplateError) as refused:
            checked(data, "pptx")
        assert refused.value.code == "not_office"


def test_a_word_file_is_not_a_powerpoint_template():
    with pytest.raises(TemplateError) as refused:
        checked(council_docx(load_sample("aarhus_toilet"), "da", STAMP), "pptx")
    assert refused.value.code == "wrong_kind"


# --- the Word council paper -------------------------------------------------------------------

def paper(name: str = "aarhus_toilet", lang: str = "da", template: bytes | None = None):
    return Document(io.BytesIO(council_docx(load_sample(name), lang, STAMP, template)))


def test_council_paper_has_the_structure_of_a_decision_paper():
    doc = paper()
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Resumé", "Sagsfremstilling", "Baggrund"]
    for expected in ("0- og 1-scenariet", "Økonomi", "Frigjort tid", "Risici og usikkerhed",
                     "Velfærdsteknologivurdering (VTV)", "Dokumentationsplan",
                     "Forudsætninger og kilder"):
        assert expected in headings, expected
    assert headings[-1] == "Indstilling"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Det indstilles, at der investeres 40.000 kr. i Vaske- og tørretoilet." in text
    assert "Beslutning:" in text and "Dato og underskrift:" in text
    assert doc.core_properties.author == "Anne Holm"


def test_council_paper_tables_equal_the_engine():
    scenario = load_sample("aarhus_toilet")
    metrics = compute_metrics(scenario)
    table = cashflow_table(scenario, monthly_flows(scenario))
    doc = paper()
    meta, budget, value, yearly = doc.tables[:4]
    assert [c.text for c in meta.rows[2].cells] == ["Udarbejdet af", "Anne Holm"]
    assert [c.text for c in meta.rows[3].cells] == ["Version i biblioteket", "3"]
    assert [c.text for c in meta.rows[4].cells] == ["Tal pr.", "1.12.2026"]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert headings[:2] == ["Budgetvirkning", "Samlet værdi inkl. frigjort tid"]
    text = "\n".join(p.text for p in doc.paragraphs)  # the key tables' caption
    assert "Økonomi\nBeløb i faste priser (P/L 2012)\nBudgetvirkning\n" in text
    # the budget track: nothing taken out, so the budget only carries the 40,000 kr. investment
    values = {row.cells[0].text: row.cells[1].text for row in budget.rows[1:]}
    assert values["Tjent hjem efter"] == "Ikke inden for horisonten"
    assert dk_number(values["Budgetvirkning over 10 år"]) == metrics.budget_total == -40_000
    assert dk_number(values["Nettonutidsværdi, budget (3,5 %)"]) == metrics.budget_npv == -40_000
    assert dk_number(values["Budgetvirkning pr. år i drift"]) == 0
    assert values["Hjemtaget pr. år"] == "0 t. = 0,00 årsværk"
    # the total value incl. released time: 40,000 / 109,500 × 12 = 4.38 months
    values = {row.cells[0].text: row.cells[1].text for row in value.rows[1:]}
    assert dk_number(values["Udgifterne dækket efter"]) == round(metrics.payback_months, 1) == 4.4
    assert dk_number(values["Netto over 10 år, samlet"]) == metrics.total_net == 1_055_000
    assert dk_number(values["Nettonutidsværdi, samlet (3,5 %)"]) == round(metrics.npv) == 870_668
    assert values["Frigjort tid pr. år"] == "365 t. = 0,19 årsværk"  # 365 / 1,924
    rows = [[c.text for c in row.cells] for row in yearly.rows[1:]]
    assert [c.text for c in yearly.rows[0].cells][-2:] == ["Budgetvirkning", "Akk. budgetvirkning"]
    assert len(rows) == len(table) == 11
    for cells, engine in zip(rows, table.itertuples(), strict=True):
        assert int(cells[0]) == engine.calendar_year
        assert [dk_number(c) for c in cells[1:]] == [
            round(engine.total_costs), round(engine.total_gains), round(engine.net),
            round(engine.cumulative_net), round(engine.budget_effect),
            round(engine.cumulative_budget)]
    assert rows[-1][-3:] == ["1.055.000", "0", "-40.000"]


def test_council_paper_budget_track_with_half_the_hours_taken_out_from_year_two():
    """By hand: 12 + 40,000 / (54,750 / 12) = 20.77 months; 9 · 54,750 − 40,000 = 452,750 kr."""
    plan = make_scenario(gains=[{"id": "t", "name": "Tid", "quantity": 1.0, "period": "day",
                                 "hourly_cost": 300.0, "budget_shares": [0.0, 0.5]}])
    doc = Document(io.BytesIO(council_docx(plan, "en", STAMP)))
    budget, yearly = doc.tables[1], doc.tables[3]
    values = {row.cells[0].text: row.cells[1].text for row in budget.rows[1:]}
    assert values["Pays back after"] == "20.8 months"
    assert values["Budget effect over 10 years"] == "DKK 452,750"
    assert values["Taken out a year"] == "183 h = 0.09 FTE"  # 182.5 h / 1,924 h
    rows = [[c.text for c in row.cells] for row in yearly.rows[1:]]
    assert [r[-2] for r in rows[:3]] == ["-40,000", "0", "54,750"]  # year 0, 1, 2
    assert rows[-1][-1] == "452,750"


def test_council_paper_vtv_and_documentation_tables():
    scenario = load_sample("aarhus_toilet")
    doc = paper()
    vtv = next(t for t in doc.tables if t.rows[0].cells[0].text == "Kategori")
    # economy from the budget track: no budget effect, 1 of 5
    assert [r.cells[1].text for r in vtv.rows[1:]] == ["4,0", "4,2", "4,3", "1,0"]
    plan = next(t for t in doc.tables if t.rows[0].cells[0].text == "Indikator")
    assert len(plan.rows) == 1 + len(scenario.documentation_plan.items)


def test_english_council_paper():
    text = "\n".join(p.text for p in paper(lang="en").paragraphs)
    assert "It is recommended to invest DKK 40,000 in Vaske- og tørretoilet." in text
    assert "Summary" in text and "The case" in text


def test_a_dotx_template_keeps_its_header_and_styles_and_loses_its_body():
    base = Document()
    base.sections[0].header.paragraphs[0].text = "Aarhus Kommune · Sundhed og Omsorg"
    base.add_paragraph("Skabelonens egen tekst")
    saved = io.BytesIO()
    base.save(saved)
    template = checked(office_template("docx", saved.getvalue()), "docx")
    doc = paper(template=template)
    assert doc.sections[0].header.paragraphs[0].text == "Aarhus Kommune · Sundhed og Omsorg"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Skabelonens egen tekst" not in text and "Indstilling" in text


# --- through LibreOffice ----------------------------------------------------------------------

def as_pdfs(paths: list[Path], out: Path) -> list[PdfReader]:
    profile = out / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                    *map(str, paths)], check=True, capture_output=True, timeout=600)
    return [PdfReader(out / f"{p.stem}.pdf") for p in paths]


def placed_text(page) -> list[tuple[str, float, float]]:  # noqa: ANN001 - a pypdf page
    """(text, x, y) of every piece of text on the page, y from the bottom in points."""
    found = []

    def visit(text, cm, tm, _font, _size):  # noqa: ANN001, ANN202
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))
    page.extract_text(visitor_text=visit)
    return found


def text_outside(page) -> list[str]:  # noqa: ANN001 - a pypdf page
    """Text drawn outside the page (overflowing a frame or the page)."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return [text for text, x, y in placed_text(page)
            if not (-1 <= x <= width and -1 <= y <= height)]


def text_over_the_chart(page, slide, chart_top: float) -> list[str]:  # noqa: ANN001
    """Pieces of the slide's own text (message, lines, bullets) drawn below the chart's top edge:
    a text frame whose text ran over into the chart."""
    own = " ".join([slide.statement, *(line.text for line in slide.lines),
                    *(b.text for b in slide.bullets)])
    chart = slide.chart
    drawn_by_chart = {chart.title, chart.x_title, chart.y_title, *chart.categories,
                      *(series.name for series in chart.series)}
    top = float(page.mediabox.height) - chart_top
    return [text for text, _, y in placed_text(page) if len(text) >= 8 and text in own
            and text not in drawn_by_chart and y < top]


@needs_soffice
@pytest.mark.parametrize("lang", ["da", "en"])
def test_libreoffice_renders_every_slide_and_page_with_all_text_inside(tmp_path, lang):
    files = []
    for name in SAMPLES:
        scenario = load_sample(name)
        deck = build_deck(scenario, lang, STAMP)
        (tmp_path / f"{name}_slides.pptx").write_bytes(deck_pptx(deck))
        (tmp_path / f"{name}_paper.docx").write_bytes(council_docx(scenario, lang, STAMP))
        files += [(tmp_path / f"{name}_slides.pptx", deck), (tmp_path / f"{name}_paper.docx",
                                                             None)]
    readers = as_pdfs([path for path, _ in files], tmp_path)
    stamp = "Tal pr. 1.12.2026" if lang == "da" else "Figures as of 1 Dec 2026"
    last = "Dato og underskrift:" if lang == "da" else "Date and signature:"
    for (path, deck), reader in zip(files, readers, strict=True):
        pages = [page.extract_text() for page in reader.pages]
        for number, page in enumerate(reader.pages, 1):
            assert not text_outside(page), (path.name, number)
        if deck is not None:  # one PDF page per slide, each with its message and its footer
            assert len(pages) == len(deck), path.name
            shapes = Presentation(path).slides
            for slide, page, pptx_slide in zip(deck, reader.pages, shapes, strict=True):
                tops = [shape.top.pt for shape in pptx_slide.shapes if shape.has_chart]
                if tops:
                    assert not text_over_the_chart(page, slide, tops[0]), (path.name, slide.key)
            for slide, text in zip(deck, pages, strict=True):
                assert stamp in text, (path.name, slide.key)
                flat = "".join(text.split())  # a line may break after "–" as well as at a space
                for part in (slide.statement, *(f.value for f in slide.figures)):
                    assert "".join(part.split()) in flat, (path.name, slide.key, part)
        else:  # the paper: a few pages, the signature at the end
            assert 2 <= len(pages) <= 5, (path.name, len(pages))
            assert last in pages[-1], path.name
