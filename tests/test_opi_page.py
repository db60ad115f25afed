"""The OPI process guide through AppTest: ticks and status land in the scenario."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from calculators.collaboration import OPI_ASPECTS, OPI_STEPS, current_step, opi_items
from calculators.model import Collaboration, OpiStep
from tests.conftest import open_page
from ui.i18n import LANGUAGES, has


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


def test_tick_and_status_are_stored(opi):
    assert len(opi.checkbox) == 4 * 4 * 3
    box = next(c for c in opi.checkbox if c.label.startswith("GDPR"))
    box.check().run()
    assert not opi.exception
    develop = opi.session_state["scenario"].collaboration.develop
    assert develop.ticked == ["develop.remember.2"]
    assert [p.proto.value for p in opi.get("progress")] == [0, 0, 8, 0]  # 1/12 → 8 %
    opi.button_group(key="opi_status.need@0").set_value("done").run()
    assert not opi.exception
    assert opi.session_state["scenario"].collaboration.need.status == "done"
    assert any("Næste trin: 2 Matche" in m.value for m in opi.markdown)


def test_english_and_links(opi):
    opi.session_state["lang"] = "en"
    opi.run()
    assert not opi.exception
    assert any(c.label.startswith("Hold a half-day needs workshop") for c in opi.checkbox)
    assert any("Next step: 1 Need" in m.value for m in opi.markdown)
    links = [link.proto.label for link in opi.get("page_link")]
    assert links == ["Documentation plan: which effects to measure, and how",
                     "Business case for implementation",
                     "Procurement route: tender or not (roll-out and fund)"]
