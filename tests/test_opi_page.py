"""The OPI process guide through AppTest: ticks and status land in the scenario."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.collaboration import (
    OPI_ASPECTS,
    OPI_STEPS,
    current_step,
    legal_anchors,
    opi_items,
)
from calculators.model import Collaboration, OpiStep
from tests.conftest import open_page
from ui.i18n import LANGUAGES, has, label_for, translate


def test_every_checklist_item_has_text_in_both_languages():
    for step in OPI_STEPS:
        assert has(f"opi.step.{step}") and has(f"opi.lead.{step}")
        for aspect in OPI_ASPECTS:
            for item in opi_items(step, aspect):
                assert has(f"opi.{item}"), item
    assert LANGUAGES == ("da", "en")


def test_current_step():
    assert current_step(Collaboration()) == "need"
    assert current_step(Collaboration(need=OpiStep(status="done"))) == "match"
    done = OpiStep(status="done")
    assert current_step(Collaboration(need=done, match=done, develop=done, spread=done)) is None


@pytest.fixture
def opi() -> AppTest:
    return open_page("opi")


def open_step(at: AppTest, step: str) -> AppTest:
    """Click the step's tab (labelled with the step and its status): the page draws only the
    open step."""
    lang = at.session_state["lang"]
    status = getattr(at.session_state["scenario"].collaboration, step).status
    at.session_state["opi_tabs"] = (f"{translate(lang, f'opi.step.{step}')} · "
                                    f"{label_for(lang, 'opi_status', status)}")
    return at.run()


def in_every_step(at: AppTest, shown) -> list:
    """What `shown(at)` gives with each step's tab open in turn, in step order."""
    return [item for step in OPI_STEPS for item in shown(open_step(at, step))]


def test_tick_and_status_are_stored(opi):
    assert len(opi.checkbox) == 4 * 3  # the open step's four aspects
    assert len(in_every_step(opi, lambda at: at.checkbox)) == 4 * 4 * 3
    open_step(opi, "develop")
    box = next(c for c in opi.checkbox if c.label.startswith("GDPR"))
    box.check().run()
    assert not opi.exception
    develop = opi.session_state["scenario"].collaboration.develop
    assert develop.ticked == ["develop.remember.2"]
    assert [p.proto.value for p in opi.get("progress")] == [0, 0, 8, 0]  # 1/12 → 8 %
    open_step(opi, "need")
    opi.button_group(key="opi_status.need@0").set_value("done").run()
    assert not opi.exception
    assert opi.session_state["scenario"].collaboration.need.status == "done"
    assert any("Næste trin: 2 Matche" in m.value for m in opi.markdown)
    # the status renamed the open tab: the step stays open under its new label
    assert opi.session_state["opi_tabs"] == "1 Behov · Færdig"
    assert opi.button_group(key="opi_status.need@0").value == "done"


def test_english_and_links(opi):
    opi.session_state["lang"] = "en"
    opi.run()
    assert not opi.exception
    assert any(c.label.startswith("Hold a half-day needs workshop") for c in opi.checkbox)
    assert any("Next step: 1 Need" in m.value for m in opi.markdown)
    links = [link.proto.label for link in in_every_step(opi, lambda at: at.get("page_link"))]
    assert links == ["Documentation plan: which effects to measure, and how",
                     "Business case for implementation",
                     "Procurement route: tender or not (roll-out and fund)"]


def test_legal_anchors_name_the_law_and_their_source(opi):
    """Each step's anchors have a text naming a paragraph and a source, in both languages; the
    develop step carries the R&D exception and when a joint project must be tendered."""
    for step in OPI_STEPS:
        for anchor in legal_anchors(step):
            for lang in LANGUAGES:
                assert "§" in translate(lang, f"opi.law.{anchor}")
                assert "lovbekendtgørelse nr." in translate(lang, f"opi.law_source.{anchor}")
    assert {"rd_exception", "tender_when"} <= set(legal_anchors("develop"))
    assert "innovation_partnership" in legal_anchors("spread")
    shown = "\n".join(m.value for m in in_every_step(opi, lambda at: at.markdown))
    assert "(§ 22)" in shown and "§§ 73–79" in shown and "forvaltningsloven § 3" in shown
    assert "tilbudsloven" not in shown.lower()
