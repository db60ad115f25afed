"""Bad-input campaign: generated valid scenarios through the engine, generated bad files through
the importer, a bad upload through the app. Each test records how many cases it tried
(printed under "cases tried" at the end of the run)."""

from __future__ import annotations

import json
import math
import os
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

from calculators.base import (
    MAX_COST_LINES,
    MAX_PLAN_ITEMS,
    MAX_RISKS,
    MAX_SOFT_GAINS,
    MAX_TAGS,
    NOT_TEXT,
    clean_text,
)
from calculators.cashflow import cashflow_table
from calculators.metrics import Metrics, compute_metrics
from calculators.model import (
    MAX_GAIN_LINES,
    MAX_HORIZON_YEARS,
    MAX_HOURLY_COST,
    MAX_HOURS_PER_FTE,
    MIN_HOURS_PER_FTE,
    CostCategory,
    CostKind,
    GainKind,
    Period,
    Scenario,
)
from calculators.scenario_file import (
    MAX_FILE_BYTES,
    SAMPLE_DIR,
    ScenarioFileError,
    dump_scenario,
    load_sample,
    parse_scenario,
)
from tests.browser.server import ROOT
from tests.conftest import CASES, open_tab
from ui.i18n import LANGUAGES, explain_validation, translate

SAMPLE_BYTES = (SAMPLE_DIR / "aarhus_toilet.json").read_bytes()
SAMPLE = load_sample("aarhus_toilet")
ERROR_CODES = {"too_large", "not_json", "not_scenario", "invalid"}
FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "+1+1", "-2+3", "@SUM(A1:A9)",
            "=1/0", "\t=cmd|' /C calc'!A0"]

Record = Callable[[str, object], None]
SCALE = 10 if os.environ.get("CAMPAIGN") == "full" else 1


def campaign(record: Record, strategy: st.SearchStrategy, check: Callable[[Any], None],
             max_examples: int = 100) -> int:
    """Run `check` on generated values and record how many were tried (ten times as many
    with CAMPAIGN=full, `make campaign`)."""
    tried = 0

    @settings(max_examples=max_examples * SCALE, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(strategy)
    def run(value: Any) -> None:
        nonlocal tried
        tried += 1
        check(value)

    run()
    record(CASES, tried)
    return tried


def fixed_cases(record: Record, cases: list[Any], check: Callable[[Any], None]) -> None:
    for case in cases:
        check(case)
    record(CASES, len(cases))


amounts = st.floats(0, 1e7, allow_nan=False, allow_infinity=False)
shares = st.floats(0, 1, allow_nan=False, allow_infinity=False)
text = st.text(max_size=40).filter(lambda s: clean_text(s).strip() != "")


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Any valid scenario: random lines, roll-outs, horizons and ranges of values."""
    horizon = draw(st.integers(1, MAX_HORIZON_YEARS))
    rollout = draw(st.one_of(st.just([]),
                             st.lists(st.integers(0, 30), min_size=1, max_size=horizon)))
    units = sum(rollout) if rollout else draw(st.integers(0, 50))
    costs = []
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(CostKind))
        first_year = 0 if kind is CostKind.ONE_OFF else 1
        years = draw(st.lists(st.integers(first_year, horizon), max_size=3, unique=True))
        lifetime = (draw(st.one_of(st.none(), st.integers(1, MAX_HORIZON_YEARS)))
                    if kind is CostKind.ONE_OFF else None)
        costs.append({"id": f"c{i}", "name": draw(text), "category": draw(st.sampled_from(
            CostCategory)), "kind": kind, "amount": draw(amounts), "per_unit": draw(st.booleans()),
            "years": years, "lifetime_years": lifetime})
    gains = [{"id": f"g{i}", "name": draw(text), "kind": draw(st.sampled_from(GainKind)),
              "quantity": draw(st.floats(0, 1e4)), "period": draw(st.sampled_from(Period)),
              "hourly_cost": draw(st.floats(0, MAX_HOURLY_COST / 10)),
              "per_unit": draw(st.booleans()),
              "owner": draw(st.sampled_from(["unit", "region"]))}
             for i in range(draw(st.integers(0, 6)))]
    return Scenario.model_validate({
        "title": draw(text), "horizon_years": horizon,
        "discount_rate": draw(st.floats(0, 0.5)),
        "hours_per_fte": draw(st.floats(MIN_HOURS_PER_FTE, MAX_HOURS_PER_FTE)),
        "scale": {"units": units, "rollout": rollout, "adoption": draw(shares),
                  "realisation": draw(shares), "implementation_months": draw(st.integers(0, 120)),
                  "ramp_up_months": draw(st.integers(0, 120))},
        "costs": costs, "gains": gains,
    })


def changed(scenario: Scenario, **fields: Any) -> Scenario:
    return Scenario.model_validate(scenario.model_dump() | fields)


def scaled_gains(scenario: Scenario, field: str, factor: float) -> Scenario:
    gains = [g.model_dump() | {field: getattr(g, field) * factor} for g in scenario.gains]
    return changed(scenario, gains=gains)


def tolerance(*values: float) -> float:
    return 1e-9 * max(1.0, *(abs(v) for v in values))


def months_or_inf(months: float | None) -> float:
    return math.inf if months is None else months


def check_metrics(scenario: Scenario, metrics: Metrics) -> None:
    values = metrics.as_dict()
    assert all(math.isfinite(v) for v in values.values() if v is not None), values
    table = cashflow_table(scenario)
    assert table.drop(columns=["year", "calendar_year"]).map(math.isfinite).all().all()
    total = metrics.total_net
    assert math.isclose(table["cumulative_net"].iloc[-1], total, rel_tol=1e-9,
                        abs_tol=tolerance(total))
    assert metrics.total_investment >= 0 and metrics.hours_released_per_year >= 0
    slack = tolerance(*table["total_costs"], *table["total_gains"]) * 1e3
    if total < -slack:
        assert metrics.payback_months is None
    if total > slack:
        assert metrics.payback_months is not None
    if metrics.payback_months is not None:
        assert 0 <= metrics.payback_months <= 12 * scenario.horizon_years


def test_any_valid_scenario_computes_and_invariants_hold(record_property: Record) -> None:
    def check(scenario: Scenario) -> None:
        metrics = compute_metrics(scenario)
        check_metrics(scenario, metrics)
        at_zero = compute_metrics(changed(scenario, discount_rate=0.0))
        assert math.isclose(at_zero.npv, metrics.total_net, rel_tol=1e-9,
                            abs_tol=tolerance(metrics.total_net))

    campaign(record_property, scenarios(), check, max_examples=150)


def test_more_savings_never_lengthen_payback(record_property: Record) -> None:
    def check(case: tuple[Scenario, float]) -> None:
        scenario, factor = case
        before = compute_metrics(scenario)
        after = compute_metrics(scaled_gains(scenario, "quantity", factor))
        assert months_or_inf(after.payback_months) <= months_or_inf(before.payback_months) + 1e-6
        assert after.npv >= before.npv - tolerance(before.npv, after.npv)

    campaign(record_property, st.tuples(scenarios(), st.floats(1, 10)), check)


def test_higher_hourly_cost_never_lowers_npv(record_property: Record) -> None:
    def check(case: tuple[Scenario, float]) -> None:
        scenario, factor = case
        before = compute_metrics(scenario)
        after = compute_metrics(scaled_gains(scenario, "hourly_cost", factor))
        assert after.npv >= before.npv - tolerance(before.npv, after.npv)

    campaign(record_property, st.tuples(scenarios(), st.floats(1, 10)), check)


def test_any_valid_scenario_survives_its_file(record_property: Record) -> None:
    campaign(record_property, scenarios(),
             lambda s: assert_equal(parse_scenario(dump_scenario(s).encode()), s))


def assert_equal(left: Scenario, right: Scenario) -> None:
    assert left == right


def import_outcome(data: bytes | str) -> Scenario | ScenarioFileError:
    """Import as the app does; only a valid, computable Scenario or a ScenarioFileError whose
    code and details translate into both languages may come out."""
    try:
        scenario = parse_scenario(data)
    except ScenarioFileError as exc:
        assert exc.code in ERROR_CODES, exc.code
        for language in LANGUAGES:
            assert translate(language, f"file_error.{exc.code}")
            if exc.validation is not None:
                assert all(explain_validation(language, exc.validation))
        return exc
    check_metrics(scenario, compute_metrics(scenario))
    return scenario


def expect_error(data: bytes | str, code: str | None = None) -> None:
    outcome = import_outcome(data)
    assert isinstance(outcome, ScenarioFileError), "accepted a bad file"
    assert code is None or outcome.code == code, (outcome.code, str(outcome))


def test_random_bytes(record_property: Record) -> None:
    campaign(record_property, st.binary(max_size=2000), import_outcome, max_examples=300)


def test_random_json(record_property: Record) -> None:
    json_values = st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                     max_size=4),
        max_leaves=20)
    campaign(record_property, json_values,
             lambda v: import_outcome(json.dumps(v, allow_nan=True)), max_examples=300)


def test_sample_with_one_field_replaced(record_property: Record) -> None:
    """The valid sample with one value anywhere replaced by junk: a clear error or valid."""
    paths = list(leaf_paths(json.loads(SAMPLE_BYTES)))
    junk = st.one_of(st.sampled_from([math.nan, math.inf, -math.inf, -1, -1e308, 1e308, 10**30,
                                      "", "=1+1", None, [], {}, True, "x" * 600]),
                     st.floats(), st.integers(), st.text(max_size=30))

    def check(case: tuple[tuple[Any, ...], Any]) -> None:
        path, value = case
        raw = json.loads(SAMPLE_BYTES)
        set_path(raw, path, value)
        import_outcome(json.dumps(raw, allow_nan=True))

    campaign(record_property, st.tuples(st.sampled_from(paths), junk), check, max_examples=300)


def leaf_paths(value: Any, prefix: tuple[Any, ...] = ()):
    items = (value.items() if isinstance(value, dict)
             else enumerate(value) if isinstance(value, list) else None)
    if items is None:
        yield prefix
        return
    if prefix:
        yield prefix
    for key, child in items:
        yield from leaf_paths(child, (*prefix, key))


def set_path(raw: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        raw = raw[key]
    raw[path[-1]] = value


def test_every_truncation_of_a_valid_file(record_property: Record) -> None:
    cuts = range(len(SAMPLE_BYTES.rstrip()))
    fixed_cases(record_property, list(cuts), lambda n: expect_error(SAMPLE_BYTES[:n]))


def test_hostile_files(record_property: Record) -> None:
    sample = json.loads(SAMPLE_BYTES)
    cases = [
        (b"", "not_json"), (b"\x00" * 100, "not_json"), (b"\xff\xfe{}", "not_json"),
        (b"[" * 100_000, "not_json"), (b'{"title": "x", "horizon_years": ' + b"9" * 5000 + b"}",
                                        "not_json"),
        (b"PK\x03\x04" + random.Random(1).randbytes(500), "not_json"),
        (b"null", "not_scenario"), (b"[]", "not_scenario"), (b'"title"', "not_scenario"),
        (json.dumps({"name": "a foreign JSON", "rows": [1, 2]}), "not_scenario"),
        ((SAMPLE_DIR / "scenario.schema.json").read_bytes(), "invalid"),
        (b" " * (MAX_FILE_BYTES + 1), "too_large"),
        (json.dumps(sample | {"discount_rate": math.nan}), "invalid"),
        (json.dumps(sample | {"horizon_years": math.inf}), "invalid"),
        (SAMPLE_BYTES.replace(b'"amount": 40000.0', b'"amount": 1e400'), "invalid"),
        (SAMPLE_BYTES.replace(b'"amount": 40000.0', b'"amount": -40000.0'), "invalid"),
        (SAMPLE_BYTES.replace(b'"amount": 40000.0', b'"amount": 1e13'), "invalid"),
        (json.dumps(sample | {"horizon_years": 10**30}), "invalid"),
        (json.dumps(sample | {"unknown_field": 1}), "invalid"),
        (json.dumps(sample | {"title": ""}), "invalid"),
        (json.dumps(sample | {"costs": sample["costs"] * 2}), "invalid"),
        (json.dumps(sample | {"gains": [sample["gains"][0] | {"id": f"g{i}"}
                                        for i in range(10_000)]}), "invalid"),
        (json.dumps(sample | {"hours_per_fte": 1e-30}), "invalid"),
        (json.dumps(sample | {"title": "\x00\ufffe"}), "invalid"),
        (json.dumps(sample | {"scale": sample["scale"] | {"units": 5, "rollout": [1, 1]}}),
         "invalid"),
    ]
    fixed_cases(record_property, cases, lambda case: expect_error(*case))


def test_extreme_but_valid_files(record_property: Record) -> None:
    sample = json.loads(SAMPLE_BYTES)
    gain = sample["gains"][0]
    many = [gain | {"id": f"g{i}", "name": f"linje {i}"} for i in range(MAX_GAIN_LINES)]
    names = ["Plejecenter Ærø – ø, å, æ", "日本語のテスト", "🚽🧻", "\u202eRTL", *FORMULAS]
    cases = [
        sample | {"gains": many},
        sample | {"horizon_years": 30, "scale": sample["scale"] | {"units": 1_000_000}},
        sample | {"costs": [sample["costs"][0] | {"amount": 1e12}]},
        *(sample | {"title": name, "gains": [gain | {"name": name}]} for name in names),
    ]

    def check(raw: dict) -> None:
        scenario = import_outcome(json.dumps(raw, ensure_ascii=False))
        assert isinstance(scenario, Scenario)
        assert scenario.title == raw["title"].strip()
        assert parse_scenario(dump_scenario(scenario)) == scenario

    fixed_cases(record_property, cases, check)


@pytest.fixture(scope="module")
def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def test_bad_upload_keeps_the_session_scenario(app: AppTest, record_property: Record) -> None:
    open_tab(app, "bc.tab_scale")
    app.text_input(key="horizon@0").input("7").run()
    edited = app.session_state["scenario"]
    assert edited == changed(SAMPLE, horizon_years=7)
    bad = [("noise.json", random.Random(2).randbytes(300)), ("half.json", SAMPLE_BYTES[:500]),
           ("foreign.json", b'{"rows": []}'), ("nan.json", SAMPLE_BYTES.replace(b"40000.0",
                                                                               b"NaN"))]
    for name, payload in bad:
        app.file_uploader(key="scenario_upload").set_value((name, payload, "application/json"))
        app.run()
        assert not app.exception
        assert app.session_state["scenario"] == edited
        assert any(name in error.value for error in app.error), [e.value for e in app.error]
    record_property(CASES, len(bad))


LIST_LIMITS = {("costs",): MAX_COST_LINES, ("gains",): MAX_GAIN_LINES, ("risks",): MAX_RISKS,
               ("soft_gains",): MAX_SOFT_GAINS, ("tags",): MAX_TAGS,
               ("documentation_plan", "items"): MAX_PLAN_ITEMS}


def test_lists_at_and_beyond_their_limit(record_property: Record) -> None:
    """Each capped list at its limit loads; one more is refused with the limit named."""
    sample = json.loads(SAMPLE_BYTES)
    item = {("costs",): sample["costs"][0], ("gains",): sample["gains"][0],
            ("risks",): {"text": "r"}, ("soft_gains",): {"description": "s"}, ("tags",): "t",
            ("documentation_plan", "items"): sample["documentation_plan"]["items"][0]}

    def check(case: tuple[tuple[str, ...], int]) -> None:
        path, extra = case
        raw = json.loads(SAMPLE_BYTES)
        many = [item[path] | {"id": f"x{i}"} if isinstance(item[path], dict) and "id" in
                item[path] else item[path] for i in range(LIST_LIMITS[path] + extra)]
        set_path(raw, path, many)
        outcome = import_outcome(json.dumps(raw))
        if extra <= 0:
            assert isinstance(outcome, Scenario), (path, extra, outcome)
        else:
            assert isinstance(outcome, ScenarioFileError) and outcome.code == "invalid"
            assert str(LIST_LIMITS[path]) in " ".join(explain_validation("da",
                                                                          outcome.validation))

    fixed_cases(record_property, [(p, e) for p in LIST_LIMITS for e in (-1, 0, 1)], check)


any_text = st.text(st.characters(codec=None), min_size=1, max_size=60)


def test_any_characters_in_user_text_survive_file_excel_and_library(record_property: Record,
                                                                      tmp_path) -> None:
    """Text with any code point (controls, NUL, non-characters, lone surrogates): the model
    keeps it without the characters that are not text, or refuses an empty title; what it keeps
    round-trips through the file, the workbook and the library."""
    from exporters.excel import workbook_bytes
    from exporters.excel_import import read_workbook
    from storage import Library

    library = Library.open(f"sqlite:///{tmp_path / 'library.sqlite'}")

    def check(value: str) -> None:
        raw = json.loads(SAMPLE_BYTES)
        raw["title"] = raw["risks"][0]["text"] = raw["costs"][0]["name"] = value
        try:
            scenario = Scenario.model_validate(raw)
        except ValidationError as exc:
            assert not clean_text(value).strip()
            assert all(explain_validation("en", exc))
            return
        assert not NOT_TEXT.search(scenario.title + scenario.risks[0].text)
        assert parse_scenario(dump_scenario(scenario)) == scenario
        assert read_workbook(workbook_bytes(scenario, "da")) == scenario
        assert library.load(library.create(scenario, "campaign").id) == scenario

    campaign(record_property, any_text, check, max_examples=15)
