"""The OPI process guide: need, match, develop, spread, ticked and given a status per project."""

import streamlit as st

from calculators.collaboration import (
    OPI_ASPECTS,
    OPI_STEPS,
    current_step,
    legal_anchors,
    opi_items,
    opi_step,
    step_progress,
)
from calculators.model import OpiStatus
from ui.checklists import checklist
from ui.entry import through_app
from ui.session import apply_part, label, labeller, scenario, t, widget_key

through_app()

TABS_KEY = "opi_tabs"
OPEN_STEP = "opi_open_step"
LINKS = {
    "develop": [("pages/documentation.py", "opi.link_documentation")],
    "spread": [("pages/business_case.py", "opi.link_business_case"),
               ("pages/rollout_fund.py", "opi.link_procurement")],
}

current = scenario()
collaboration = current.collaboration
st.title(t("opi.title"))
st.caption(t("opi.intro"))

for column, step in zip(st.columns(len(OPI_STEPS)), OPI_STEPS, strict=True):
    done, total = step_progress(collaboration, step)
    with column, st.container(border=True):
        st.markdown(f"**{t(f'opi.step.{step}')}**")
        st.markdown(label("opi_status", opi_step(collaboration, step).status.value))
        st.progress(done / total, text=t("opi.progress", done=done, total=total))
following = current_step(collaboration)
st.markdown(t("opi.all_done") if following is None
            else t("opi.next", step=t(f"opi.step.{following}")))

edited = collaboration.model_dump()
# Only the open step's tab is drawn (a tab click reruns the page). A tab's label carries its
# step's status, so a status set in the open tab renames it: the open step is also kept by name
# and opened again under its new label.
labels = {step: f"{t(f'opi.step.{step}')} · "
                f"{label('opi_status', opi_step(collaboration, step).status)}"
          for step in OPI_STEPS}
open_step = ({name: step for step, name in labels.items()}.get(st.session_state.get(TABS_KEY))
             or st.session_state.get(OPEN_STEP, OPI_STEPS[0]))
st.session_state[OPEN_STEP] = open_step
tabs = st.tabs(list(labels.values()), key=TABS_KEY, on_change="rerun", default=labels[open_step])
for tab, step in zip(tabs, OPI_STEPS, strict=True):
    data = edited[step]
    notes_key = widget_key(f"opi_notes.{step}")
    if not tab.open:  # the notes typed just before the tab click are still there in this run
        data["notes"] = st.session_state.get(notes_key, data["notes"])
        continue
    with tab:
        st.markdown(f"##### {t(f'opi.lead.{step}')}")
        data["status"] = st.segmented_control(
            t("opi.status"), [s.value for s in OpiStatus], default=data["status"],
            format_func=labeller("opi_status"), key=widget_key(f"opi_status.{step}"),
            required=True)
        grid = st.columns(2)
        ticked = data["ticked"]
        for i, aspect in enumerate(OPI_ASPECTS):
            with grid[i % 2], st.container(border=True):
                st.markdown(f"**{t(f'opi.aspect.{aspect}')}**")
                ticked = checklist(list(opi_items(step, aspect)), ticked, "opi.{item}")
        data["ticked"] = ticked
        with st.expander(t("opi.law_title"), icon=":material/gavel:"):
            for anchor in legal_anchors(step):
                st.markdown(t(f"opi.law.{anchor}"))
                st.caption(t("opi.law_source", source=t(f"opi.law_source.{anchor}")))
        data["notes"] = st.text_area(t("opi.notes"), value=data["notes"], height=80,
                                     key=notes_key, max_chars=20_000)
        for page, text in LINKS.get(step, []):
            st.page_link(page, label=t(text), icon=":material/arrow_forward:")

if apply_part("collaboration", edited) and scenario().collaboration != collaboration:
    st.rerun()
