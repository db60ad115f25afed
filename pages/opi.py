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
from ui.session import apply_edit, label, labeller, scenario, t, widget_key

through_app()

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
tab_names = [f"{t(f'opi.step.{s}')} · {label('opi_status', opi_step(collaboration, s).status)}"
             for s in OPI_STEPS]
for tab, step in zip(st.tabs(tab_names), OPI_STEPS, strict=True):
    with tab:
        data = edited[step]
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
                                     key=widget_key(f"opi_notes.{step}"), max_chars=20_000)
        for page, text in LINKS.get(step, []):
            st.page_link(page, label=t(text), icon=":material/arrow_forward:")

if apply_edit(current.model_dump() | {"collaboration": edited}) and (
        scenario().collaboration != collaboration):
    st.rerun()
