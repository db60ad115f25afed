"""Pitch mode: a company's product template turned into a case the municipality can own.

*10 skarpe om at mødes* (OPALL, Væksthus Hovedstadsregionen, 2015): pick the 2–3 hard and
soft gains that matter to this
municipality, put amounts on them, estimate *lower* than the municipality would, and let it
put in its own figures. The pitch is an ordinary Scenario, so the municipality can take the
file over, open it in the business case and export it.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.model import EstimateBasis, GainKind, Scenario

PICK = 3
CONSERVATIVE_CUT = 0.3


@dataclass(frozen=True)
class PitchChoices:
    gain_ids: list[str]
    soft_gains: list[int]
    cut: float = CONSERVATIVE_CUT
    hourly_cost: float | None = None
    units: int | None = None
    organisation: str = ""


def line_value(scenario: Scenario, gain_id: str) -> float:
    line = next(g for g in scenario.gains if g.id == gain_id)
    return line.annual_value * (scenario.scale.units if line.per_unit else 1)


def default_gains(template: Scenario, pick: int = PICK) -> list[str]:
    """The gain lines worth most a year, at most `pick` of them."""
    ranked = sorted(template.gains, key=lambda g: -line_value(template, g.id))
    return [g.id for g in ranked[:pick]]


def default_soft_gains(template: Scenario, pick: int = PICK) -> list[int]:
    """Indices of the highest-rated soft gains, in their original order."""
    ranked = sorted(range(len(template.soft_gains)), key=lambda i: -template.soft_gains[i].rating)
    return sorted(ranked[:pick])


def default_cut(template: Scenario) -> float:
    """Cut a template's gains unless it is already a conservative estimate."""
    return 0.0 if template.estimate_basis is EstimateBasis.CONSERVATIVE else CONSERVATIVE_CUT


def hourly_cost(template: Scenario) -> float | None:
    """The hourly cost of the first released-time gain line (the one to replace)."""
    return next((g.hourly_cost for g in template.gains if g.kind is GainKind.RELEASED_TIME), None)


def pitch_scenario(template: Scenario, choices: PitchChoices, note: str = "") -> Scenario:
    """The template with only the chosen gains, the realisation rate cut by `choices.cut`
    (realisation' = realisation · (1 − cut)), and the municipality's own hourly cost (every
    released-time line) and number of units. `note` documents the cut in `sources`.

    Aarhus toilet, 30 % cut: 109,500 · 0.7 = 76,650 kr a year; payback 40,000 / 76,650 ·
    12 = 6.26 months. At the municipality's kr 350 an hour: 1 · 365 · 350 · 0.7 = 89,425.

    >>> from calculators.scenario_file import load_sample
    >>> from calculators.metrics import compute_metrics
    >>> toilet = load_sample("aarhus_toilet")
    >>> pitch = pitch_scenario(toilet, PitchChoices(["time"], [0]))
    >>> round(compute_metrics(pitch).payback_months, 2), pitch.scale.realisation
    (6.26, 0.7)
    """
    data = template.model_dump()
    data["gains"] = [g for g in data["gains"] if g["id"] in choices.gain_ids]
    data["soft_gains"] = [g for i, g in enumerate(data["soft_gains"]) if i in choices.soft_gains]
    data["scale"]["realisation"] = template.scale.realisation * (1 - choices.cut)
    if choices.cut > 0:
        data["estimate_basis"] = EstimateBasis.CONSERVATIVE.value
        if note:
            data["sources"] = data["sources"] | {"realisation": note}
    if choices.hourly_cost is not None:
        for line in data["gains"]:
            if line["kind"] == GainKind.RELEASED_TIME.value:
                line["hourly_cost"] = choices.hourly_cost
    if choices.units is not None and choices.units != template.scale.units:
        data["scale"]["units"] = choices.units
        data["scale"]["rollout"] = []
    if choices.organisation:
        data["organisation"] = choices.organisation
    return Scenario.model_validate(data)
