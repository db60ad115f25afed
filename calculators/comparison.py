"""Inputs of several scenarios side by side: which inputs differ between them."""

from __future__ import annotations

from calculators.model import Scenario

Path = tuple[str, ...]
LINE_SECTIONS = ("costs", "gains")


def _plain(value: object) -> object:
    if isinstance(value, list):
        return ", ".join(str(_plain(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def flatten_inputs(scenario: Scenario) -> dict[Path, object]:
    """Every input as path → value. Cost and gain lines are keyed by their id, so the lines of
    two versions of one case line up even when a line is renamed or moved.

    >>> from calculators.scenario_file import load_sample
    >>> flat = flatten_inputs(load_sample("aarhus_toilet"))
    >>> flat[("costs", "toilet", "amount")], flat[("scale", "units")]
    (40000.0, 1)
    """
    data = scenario.model_dump(mode="json")
    flat: dict[Path, object] = {}
    for key, value in data.items():
        if key in LINE_SECTIONS:
            for line in value:
                for field, item in line.items():
                    if field != "id":
                        flat[(key, line["id"], field)] = _plain(item)
        elif key == "scale":
            for field, item in value.items():
                flat[(key, field)] = _plain(item)
        elif key in ("soft_gains", "risks"):
            for row, item in enumerate(value, start=1):
                flat[(key, str(row))] = _plain(item)
        else:
            flat[(key,)] = _plain(value)
    return flat


def input_differences(scenarios: list[Scenario]) -> list[tuple[Path, list[object]]]:
    """The inputs whose values are not all equal, in the order they first appear; a line
    missing from a scenario shows as None.

    >>> from calculators.scenario_file import load_sample
    >>> rows = input_differences([load_sample("aarhus_toilet"),
    ...                           load_sample("aarhus_toilet_conservative")])
    >>> ("gains", "time", "quantity") in [path for path, _ in rows]
    True
    """
    flats = [flatten_inputs(s) for s in scenarios]
    paths = list(dict.fromkeys(path for flat in flats for path in flat))
    rows = [(path, [flat.get(path) for flat in flats]) for path in paths]
    return [(path, values) for path, values in rows if len({repr(v) for v in values}) > 1]
