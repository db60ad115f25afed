from __future__ import annotations

from pathlib import Path

import pytest

from calculators.model import Scenario
from calculators.scenario_file import load_sample

APP_PATH = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def toilet() -> Scenario:
    return load_sample("aarhus_toilet")


def make_scenario(**changes: object) -> Scenario:
    """The Aarhus toilet with top-level fields, scale fields or lines replaced."""
    data = load_sample("aarhus_toilet").model_dump()
    for key, value in changes.items():
        if key in data["scale"]:
            data["scale"][key] = value
        else:
            data[key] = value
    return Scenario.model_validate(data)
