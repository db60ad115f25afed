"""The workbook's Monte Carlo sheet: exactly the summary the Uncertainty page shows by default
(same draws, seed and "within" years), its ranges as references to the Inputs sheet, marked not
live, ignored on import."""

from __future__ import annotations

import io
import math
import re

import pytest
from openpyxl import load_workbook

from calculators.model import Scenario
from calculators.montecarlo import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DEFAULT_WITHIN_YEARS,
    PERCENTILES,
    MonteCarloSummary,
    run,
    summarise,
)
from calculators.scenario_file import load_sample
from exporters.excel import build_workbook, workbook_bytes
from exporters.excel_import import read_workbook
from exporters.sheets.montecarlo import DISTRIBUTION_ROW
from tests.test_analysis_pages import open_page
from ui import analysis_text as text
from ui.formatting import format_share
from ui.i18n import translate
from ui.numbers import parse_number

REFERENCE = re.compile(r"^='(Forudsætninger|Inputs)'!\$[A-E]\$\d+$")


def sheet_of(scenario: Scenario, lang: str):
    """The sheet as built (the .xlsx file keeps numbers to 16 significant digits)."""
    return build_workbook(scenario, lang)[translate(lang, "excel.sheet.montecarlo")]


def row_labelled(ws, label: str) -> int:
    rows = [c.row for c in ws["A"] if c.value == label]
    assert len(rows) == 1, f"{label!r} labels rows {rows}"
    return rows[0]


def python_summary(scenario: Scenario) -> MonteCarloSummary:
    """What the page computes with its widgets untouched."""
    within = min(DEFAULT_WITHIN_YEARS, scenario.horizon_years)
    return summarise(run(scenario, DEFAULT_DRAWS, DEFAULT_SEED), within)


def sheet_numbers(ws, lang: str, summary: MonteCarloSummary) -> dict[str, list[object]]:
    t = lambda key, **kw: translate(lang, key, **kw)  # noqa: E731
    within = text.within_text(lang, 12 * summary.within_years)
    rows = {"npv": "excel.kpi.npv", "payback": "excel.kpi.payback_months",
            "discounted": "excel.kpi.discounted_payback_months"}
    found = {name: [ws[f"{c}{row_labelled(ws, t(key))}"].value for c in "BCD"]
             for name, key in rows.items()}
    found["positive"] = [ws[f"B{row_labelled(ws, t('an.p_positive'))}"].value]
    for name, label in (("in_horizon", t("an.p_in_horizon")),
                        ("within", t("an.p_within", within=within))):
        found[name] = [ws[f"{c}{row_labelled(ws, label)}"].value for c in "BC"]
    return found


@pytest.mark.parametrize("lang", ["da", "en"])
def test_sheet_holds_the_summary_computed_in_python_for_aarhus(lang):
    scenario = load_sample()
    assert scenario.ranges
    summary = python_summary(scenario)
    ws = sheet_of(scenario, lang)
    found = sheet_numbers(ws, lang, summary)
    assert found["npv"] == [summary.npv_percentiles[p] for p in PERCENTILES]
    assert found["payback"] == [summary.payback.percentiles[p] for p in PERCENTILES]
    assert found["discounted"] == [summary.discounted_payback.percentiles[p] for p in PERCENTILES]
    assert found["positive"] == [summary.probability_positive_npv]
    assert found["in_horizon"] == [summary.payback.probability_in_horizon,
                                   summary.discounted_payback.probability_in_horizon]
    assert found["within"] == [summary.payback.probability_within,
                               summary.discounted_payback.probability_within]
    npv, payback = found["npv"], found["payback"]
    assert npv[0] < npv[1] < npv[2] and payback[0] < payback[1] < payback[2]
    assert found["discounted"][1] > payback[1]  # discounting at 3.5 % only delays payback
    settings = [ws[f"B{row_labelled(ws, translate(lang, k))}"].value
                for k in ("an.draws", "an.seed", "an.within_years")]
    assert settings == [DEFAULT_DRAWS, DEFAULT_SEED, 2] == [10_000, 1, 2]
    saved = load_workbook(io.BytesIO(workbook_bytes(scenario, lang)))[ws.title]
    assert sheet_numbers(saved, lang, summary) == {
        name: pytest.approx(numbers, rel=1e-15) for name, numbers in found.items()}


def test_page_shows_by_default_exactly_the_workbook_numbers():
    """The Uncertainty page with untouched widgets (Aarhus, Danish) against the exported sheet."""
    app = open_page("pages/uncertainty.py")
    scenario = load_sample()
    ws = sheet_of(scenario, "da")
    summary = python_summary(scenario)
    found = sheet_numbers(ws, "da", summary)
    widgets = {k: parse_number(app.text_input(key=f"{k}@0").value, "da")
               for k in ("mc_draws", "mc_seed", "mc_within")}
    assert widgets == {"mc_draws": ws["B6"].value, "mc_seed": ws["B7"].value,
                       "mc_within": ws["B8"].value}
    within = text.within_text("da", 24)
    cards = {m.label: m.value for m in app.metric}
    labels = [translate("da", "an.p_positive"), translate("da", "an.p_within", within=within),
              translate("da", "an.p_within_discounted", within=within)]
    assert [cards[label] for label in labels] == [
        format_share(v, "da") for v in (found["positive"][0], *found["within"])]
    table = next(d.value for d in app.dataframe
                 if translate("da", "an.statistic") in d.value.columns)
    simple, discounted = table.columns[1:]
    assert list(table[simple][:3]) == [text.months_text("da", v, in_sentence=False)
                                       for v in found["payback"]]
    assert list(table[discounted][:3]) == [text.months_text("da", v, in_sentence=False)
                                           for v in found["discounted"]]
    assert list(table[simple][3:]) == [format_share(found[k][0], "da")
                                       for k in ("in_horizon", "within")]
    npv_sentence = text.monte_carlo_takeaways("da", summary, scenario.discount_rate)[0]
    assert npv_sentence in "\n".join(m.value for m in app.markdown)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_sheet_is_marked_not_live_and_references_the_ranges(lang):
    scenario = load_sample("ceiling_lifts")  # triangular and PERT ranges
    ws = sheet_of(scenario, lang)
    note = ws["A2"].value
    assert f"seed) {DEFAULT_SEED} " in note if lang == "da" else f"seed {DEFAULT_SEED} " in note
    assert ("IKKE en levende formel" if lang == "da" else "not a live formula") in note
    assert "Excel" in note
    first = DISTRIBUTION_ROW + 3
    table = [[ws[f"{c}{row}"].value for c in "ABCDE"]
             for row in range(first, first + len(scenario.ranges))]
    assert all(isinstance(v, str) and REFERENCE.match(v) for line in table for v in line)
    assert ws[f"A{first + len(scenario.ranges)}"].value is None
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert {c.value for c in formulas} == {v for line in table for v in line}
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)
             and c.data_type != "f"]
    assert texts and all(c.data_type == "s" and c.quotePrefix for c in texts)


def test_a_payback_beyond_the_horizon_is_said_not_shown_as_a_number():
    data = load_sample().model_dump()
    data["horizon_years"] = 1
    data["ranges"]["scale.implementation_months"]["high"] = 12
    scenario = Scenario.model_validate(data)
    summary = python_summary(scenario)
    assert summary.within_years == 1
    assert math.isinf(summary.payback.percentiles[90])
    ws = sheet_of(scenario, "en")
    p90 = ws[f"D{row_labelled(ws, translate('en', 'excel.kpi.payback_months'))}"].value
    assert p90 == translate("en", "excel.sens.never")
    assert ws[f"B{row_labelled(ws, 'Covered within 12 months')}"].value == \
        summary.payback.probability_within


def test_only_with_ranges_and_ignored_on_import():
    assert "Monte Carlo" not in build_workbook(Scenario(title="Tom"), "en").sheetnames
    scenario = load_sample()
    wb = build_workbook(scenario, "da")
    ws = wb["Monte Carlo"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type != "f":
                cell.value = "=1/0" if cell.value is None else "edited"
    buffer = io.BytesIO()
    wb.save(buffer)
    assert read_workbook(buffer.getvalue()) == scenario
