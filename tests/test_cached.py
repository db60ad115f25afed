"""The cached engine results equal the engine's own, and follow every change of the scenario."""

from __future__ import annotations

import pandas as pd

from calculators.drivers import with_value
from calculators.metrics import compute_metrics
from calculators.scenario_file import load_sample
from ui.cached import business_case_figures, engine_results


def test_cached_results_equal_the_engine_and_follow_edits() -> None:
    aarhus = load_sample()
    later = with_value(aarhus, "scale.implementation_months", 6)
    for scenario, payback in ((aarhus, 4.38), (later, 10.38), (aarhus, 4.38)):
        _, table, metrics = engine_results(scenario)
        assert metrics == compute_metrics(scenario)
        assert round(metrics.payback_months, 2) == payback
        assert table["net"].sum() == metrics.total_net


def test_cached_results_are_copies() -> None:
    aarhus = load_sample()
    table = engine_results(aarhus).table
    table["net"] = 0.0
    pd.testing.assert_series_equal(engine_results(aarhus).table["net"].iloc[:2],
                                   pd.Series([-40_000.0, 109_500.0], name="net"))


def test_figures_follow_language() -> None:
    aarhus = load_sample()
    danish, english = (business_case_figures(aarhus, lang)[0] for lang in ("da", "en"))
    assert danish.layout.xaxis.title.text != english.layout.xaxis.title.text
    assert business_case_figures(aarhus, "da")[0] is danish
