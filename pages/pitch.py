"""Pitch mode: a company turns its product template into a case the municipality can own."""

from functools import partial

import streamlit as st
from pydantic import ValidationError

from calculators.collaboration import PREP_QUESTIONS, prep_progress
from calculators.model import MAX_HOURLY_COST, EstimateBasis
from calculators.pitch import (
    PitchChoices,
    default_cut,
    default_gains,
    default_soft_gains,
    hourly_cost,
    pitch_scenario,
)
from calculators.scenario_file import dump_scenario, load_sample, sample_names
from exporters.excel import XLSX_MIME, workbook_bytes
from ui import library as ui_lib
from ui import price_level, widgets
from ui.cached import cumulative_chart, kpi_cards_view, shared_briefing
from ui.checklists import checklist
from ui.downloads import recorded
from ui.entry import through_app
from ui.formatting import format_share
from ui.headlines import sentence
from ui.numbers import NumberSpec
from ui.safe_text import md
from ui.session import (
    apply_part,
    labeller,
    lang,
    open_in_business_case,
    replace_scenario,
    scenario,
    show_validation_error,
    t,
    widget_key,
)

through_app()

PICK_LIMIT = 3

current = scenario()
st.title(t("pitch.title"))
st.caption(t("pitch.intro"))

st.subheader(t("pitch.template"))
st.markdown(t("pitch.template_current", title=md(current.title)))
left, right = st.columns([3, 1], vertical_alignment="bottom")
with left:
    sample = st.selectbox(t("pitch.template_pick"), sample_names(),
                          format_func=labeller("sample"), key="pitch_sample")
with right:
    if st.button(t("pitch.template_load"), key="pitch_load"):
        replace_scenario(load_sample(sample))
        st.rerun()

st.subheader(t("pitch.gains"))
left, right = st.columns(2)
names = {g.id: g.name for g in current.gains}
with left:
    hard = st.multiselect(t("pitch.hard"), list(names), default=default_gains(current),
                          format_func=names.get, key=widget_key("pitch_gains"))
    if len(hard) > PICK_LIMIT:
        st.warning(t("pitch.too_many"))
    if not hard:
        st.info(t("pitch.no_hard"))
with right:
    soft = st.multiselect(t("pitch.soft"), list(range(len(current.soft_gains))),
                          default=default_soft_gains(current),
                          format_func=lambda i: current.soft_gains[i].description,
                          key=widget_key("pitch_soft"))
    if len(soft) > PICK_LIMIT:
        st.warning(t("pitch.too_many"))

st.subheader(t("pitch.conservative"))
cut = st.slider(t("pitch.cut"), 0, 80, round(default_cut(current) * 100), step=5,
                key=widget_key("pitch_cut"), help=t("pitch.cut_help")) / 100
before = current.scale.realisation
if cut:
    st.info(t("pitch.cut_note", before=format_share(before, lang()),
              after=format_share(before * (1 - cut), lang()), cut=format_share(cut, lang())))
elif current.estimate_basis is EstimateBasis.CONSERVATIVE:
    st.info(t("pitch.already_conservative", rate=format_share(before, lang())))
else:
    st.info(t("pitch.no_cut_note"))

st.subheader(t("pitch.municipality"))
cols = st.columns(3)
with cols[0]:
    organisation = st.text_input(t("pitch.organisation"), value=current.organisation,
                                 key=widget_key("pitch_org"), max_chars=500)
with cols[1]:
    template_cost = hourly_cost(current)
    cost = None if template_cost is None else widgets.number_field(
        t("pitch.hourly_cost"), template_cost, widget_key("pitch_hourly_cost"),
        NumberSpec(unit="kr", minimum=0, maximum=MAX_HOURLY_COST))
with cols[2]:
    units = widgets.number_field(t("pitch.units"), current.scale.units,
                                 widget_key("pitch_units"),
                                 NumberSpec(whole=True, minimum=0, maximum=1_000_000))

choices = PitchChoices(gain_ids=hard, soft_gains=soft, cut=cut, hourly_cost=cost,
                       units=int(units), organisation=organisation)
try:
    pitch = pitch_scenario(current, choices,
                           note=t("pitch.source_note", cut=format_share(cut, lang())))
except ValidationError as exc:
    show_validation_error(exc)
    pitch = current

st.subheader(t("pitch.result"))
brief = shared_briefing(pitch)
kpi_cards_view(pitch, lang())
price_level.price_level_caption(pitch)
st.markdown(f"**{sentence(brief.decision, lang())}** {sentence(brief.budget_payback, lang())} "
            f"{sentence(brief.budget_net, lang())}")
st.markdown(f"{sentence(brief.payback, lang())} {sentence(brief.net, lang())}")
cumulative_chart(pitch, lang())

st.subheader(t("pitch.export"))
exported = ui_lib.current_exporter(what=", pitch made from the current scenario")
cols = st.columns(3)
with cols[2]:
    st.download_button(t("pitch.download_excel"),
                       partial(recorded, exported, "xlsx", partial(workbook_bytes, pitch, lang())),
                       file_name=f"{widgets.slug(pitch.organisation or pitch.title)}_pitch.xlsx",
                       mime=XLSX_MIME, on_click="ignore", key="pitch_excel", width="stretch")
with cols[0]:
    st.download_button(t("pitch.download"),
                       partial(recorded, exported, "json",
                               lambda: dump_scenario(pitch).encode("utf-8")),
                       file_name=f"{widgets.slug(pitch.organisation or pitch.title)}_pitch.json",
                       mime="application/json", key="pitch_download", width="stretch")
with cols[1]:
    if st.button(t("pitch.adopt"), key="pitch_adopt", width="stretch"):
        open_in_business_case(pitch, t("pitch.adopted"))
st.caption(t("app.estimates_note"))

st.subheader(t("pitch.prepare"))
st.caption(t("pitch.prep_saved"))
collaboration = current.collaboration.model_dump()
for column, side in zip(st.columns(2), ("municipality", "company"), strict=True):
    with column, st.container(border=True):
        done, total = prep_progress(current.collaboration, side)
        st.markdown(f"**{t(f'pitch.prep_{side}', done=done, total=total)}**")
        collaboration[f"prep_{side}"] = checklist(
            list(PREP_QUESTIONS[side]), collaboration[f"prep_{side}"], "prep.{item}", ".why")
if apply_part("collaboration", collaboration) and (
        scenario().collaboration != current.collaboration):
    st.rerun()
