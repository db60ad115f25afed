"""Working with a company: the questions to prepare before the first meeting (*10 skarpe om at
mødes*, OPALL, 2015) and the four-step OPI process (*Fælles om velfærdsinnovation*: need, match,
develop, spread, each with what / who / how / remember). Here are the item ids and the progress
arithmetic; the wording lives in ui/strings/pitch.py and ui/strings/opi.py."""

from __future__ import annotations

from calculators.model import Collaboration, OpiStatus, OpiStep

PREP_QUESTIONS: dict[str, tuple[str, ...]] = {
    "municipality": tuple(f"m{i}" for i in range(1, 6)),
    "company": tuple(f"c{i}" for i in range(1, 6)),
}
OPI_STEPS = ("need", "match", "develop", "spread")
OPI_ASPECTS = ("what", "who", "how", "remember")
ITEMS_PER_ASPECT = 3
# The law at the steps where it matters (DOMAIN.md §7); the wording and the source of each
# anchor live in ui/strings/opi.py (opi.law.<id>, opi.law_source.<id>).
LEGAL_ANCHORS: dict[str, tuple[str, ...]] = {
    "need": ("conflicts",),
    "match": ("market_dialogue", "equal_treatment", "conflicts"),
    "develop": ("rd_exception", "tender_when", "equal_treatment"),
    "spread": ("contract_value", "innovation_partnership", "rd_exception"),
}


def legal_anchors(step: str) -> tuple[str, ...]:
    """
    >>> legal_anchors("develop")
    ('rd_exception', 'tender_when', 'equal_treatment')
    """
    return LEGAL_ANCHORS[step]


def opi_items(step: str, aspect: str) -> tuple[str, ...]:
    return tuple(f"{step}.{aspect}.{i}" for i in range(1, ITEMS_PER_ASPECT + 1))


def step_items(step: str) -> tuple[str, ...]:
    return tuple(item for aspect in OPI_ASPECTS for item in opi_items(step, aspect))


def opi_step(collaboration: Collaboration, step: str) -> OpiStep:
    return getattr(collaboration, step)


def step_progress(collaboration: Collaboration, step: str) -> tuple[int, int]:
    """(items ticked, items in the step); ticks from an older checklist are not counted.

    >>> c = Collaboration(need=OpiStep(ticked=["need.what.1", "need.how.2", "gone.1"]))
    >>> step_progress(c, "need")
    (2, 12)
    """
    items = step_items(step)
    return len(set(opi_step(collaboration, step).ticked) & set(items)), len(items)


def current_step(collaboration: Collaboration) -> str | None:
    """The first step not done, or None when all four are done."""
    return next((s for s in OPI_STEPS
                 if opi_step(collaboration, s).status is not OpiStatus.DONE), None)


def prep_progress(collaboration: Collaboration, side: str) -> tuple[int, int]:
    ticked = getattr(collaboration, f"prep_{side}")
    questions = PREP_QUESTIONS[side]
    return len(set(ticked) & set(questions)), len(questions)
