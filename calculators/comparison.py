"""Inputs of several scenarios side by side: which inputs differ between them."""

from __future__ import annotations

from calculators.model import Scenario

Path = tuple[str, ...]
LINE_SECTIONS = ("costs", "gains")


# Not assumptions of the economics, or compared elsewhere on the page (the VTV radar); the
# per-field sources are notes whose keys are internal names.
NOT_COMPARED = {"model_version", "currency", "sources", "vtv", "documentation_plan", "ranges",
                "collaboration"}


def _flatten(path: Path, value: object, flat: dict[Path, object]) -> None:
    """Nested records become paths down to their fields (a risk's text and level apart);
    a list of plain values (beneficiaries, tags, a roll-out) stays one value, as a tuple."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten((*path, key), item, flat)
    elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
        for row, item in enumerate(value, start=1):
            _flatten((*path, str(row)), item, flat)
    elif isinstance(value, list):
        flat[path] = tuple(value)
    else:
        flat[path] = value


def flatten_inputs(scenario: Scenario) -> dict[Path, object]:
    """Every compared input as path → value. Cost and gain lines are keyed by their id, so the
    lines of two versions of one case line up even when a line is renamed or moved.

    >>> from calculators.scenario_file import load_sample
    >>> flat = flatten_inputs(load_sample("aarhus_toilet"))
    >>> flat[("costs", "toilet", "amount")], flat[("scale", "units")]
    (40000.0, 1)
    >>> flat[("beneficiaries",)], flat[("risks", "2", "level")]
    (('citizens', 'care_staff'), 'medium')
    >>> flat[("price_level", "index", "2022")]  # the price index by year, not by row
    113.5
    """
    data = scenario.model_dump(mode="json")
    data["price_level"]["index"] = {str(point["year"]): point["index"]
                                    for point in data["price_level"]["index"]}
    flat: dict[Path, object] = {}
    for key, value in data.items():
        if key in NOT_COMPARED:
            continue
        if key in LINE_SECTIONS:
            for line in value:
                _flatten((key, line["id"]), {k: v for k, v in line.items() if k != "id"}, flat)
        else:
            _flatten((key,), value, flat)
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
