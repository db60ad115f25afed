"""Meeting mode: the current business case as slides for leadership on a projector."""

from collections.abc import Callable

import streamlit as st

from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.headlines import Headline, briefing, net, payback
from calculators.metrics import compute_metrics
from calculators.model import EstimateBasis
from calculators.ranges import scenario_set
from exporters.pdf_report import decision_pdf
from ui import library as ui_lib
from ui import slides
from ui.analysis_charts import scenarios_figure
from ui.charts import cumulative_figure, for_projector
from ui.entry import through_app
from ui.formatting import format_dkk, format_number
from ui.headlines import sentence
from ui.i18n import LANGUAGES
from ui.library_charts import compare_figure
from ui.session import label, lang, scenario, t
from ui.vtv_charts import radar_figure
from ui.widgets import slug

through_app()

slides.page_style()
CURRENT = 0
lib = ui_lib.library()
entries = (ui_lib.attempt(lib.entries) or []) if lib else []
sources = {CURRENT: t("meeting.source_current", title=scenario().title)} | {
    e.id: t("meeting.source_saved", id=e.id, title=e.title, version=e.version) for e in entries}
source = st.session_state.get("meeting_source", CURRENT)
saved = (ui_lib.attempt(lambda: lib.load(source)) if lib and source in sources and source
         else None)
current = saved or scenario()
compared_ids = [i for i in st.session_state.get("meeting_compare", []) if i in sources and i]
compared = (ui_lib.attempt(lambda: lib.load_many([(i, None) for i in compared_ids])) or []
            if lib and compared_ids else [])
brief = briefing(current)
metrics = brief.metrics


def say(headline: Headline) -> str:
    return sentence(headline, lang())


def decision_slide() -> None:
    slides.kicker(t("meeting.kicker_decision"))
    slides.statement(say(brief.decision))
    slides.text(" · ".join(p for p in (current.title, current.organisation) if p), "slide-note")
    css = "slide-warning" if current.estimate_basis is EstimateBasis.OPTIMISTIC else "slide-note"
    slides.text(say(brief.basis), css)


def economy_slide() -> None:
    slides.kicker(t("meeting.kicker_economy"))
    months = metrics.payback_months
    value = (t("unit.not_within_horizon") if months is None
             else t("unit.months", value=format_number(months, lang(), 1)))
    slides.big_figure(value, t("kpi.payback"), negative=months is None)
    slides.big_figure(format_dkk(metrics.total_net, lang()),
                      t("kpi.total_net", years=current.horizon_years),
                      negative=metrics.total_net < 0)
    slides.text(say(brief.payback))
    slides.text(say(brief.npv), "slide-note")


def chart_slide() -> None:
    times, values = cumulative_curve(monthly_flows(current))
    figure = cumulative_figure(times, values, metrics.payback_months, lang())
    st.plotly_chart(for_projector(figure), width="stretch", theme=None,
                    config={"displayModeBar": False})


def hours_slide() -> None:
    slides.kicker(t("meeting.kicker_hours"))
    if brief.hours is None:
        slides.statement(t("meeting.no_hours"))
    else:
        hours = format_number(metrics.hours_released_per_year, lang())
        slides.big_figure(t("meeting.hours_a_year", hours=hours), say(brief.fte_meaning))
    slides.text(say(brief.money_split))
    if brief.released_note is not None:
        slides.text(say(brief.released_note), "slide-note")


def soft_slide() -> None:
    slides.kicker(t("meeting.kicker_soft"))
    slides.statement(say(brief.soft_gains))
    slides.bullets([
        t("meeting.soft_item", text=g.description, stars="●" * g.rating + "○" * (5 - g.rating),
          who=", ".join(label("beneficiary", b.value) for b in g.beneficiaries) or "–")
        for g in current.soft_gains
    ])


def risk_slide() -> None:
    slides.kicker(t("meeting.kicker_risks"))
    slides.statement(say(brief.risks))
    slides.risk_bullets([(r.level, label("risk", r.level.value), r.text)
                         for r in brief.main_risks])
    if brief.break_even is not None:
        slides.text(say(brief.break_even), "slide-note")
    slides.text(say(brief.basis), "slide-note")


def compare_slide() -> None:
    slides.kicker(t("meeting.kicker_compare"))
    items = [current, *compared]
    rows = []
    for case in items:
        case_metrics = compute_metrics(case)
        rows.append(t("meeting.compare_item", title=case.title,
                      payback=say(payback(case, case_metrics)), net=say(net(case, case_metrics))))
    slides.bullets(rows)
    curves = [(case.title, *cumulative_curve(monthly_flows(case))) for case in items]
    st.plotly_chart(for_projector(compare_figure(curves, lang()), height=480), width="stretch",
                    theme=None, config={"displayModeBar": False})


def vtv_slide() -> None:
    slides.kicker(t("meeting.kicker_vtv"))
    slides.text(say(brief.vtv))
    if brief.vtv_summary.overall is not None:
        radar = radar_figure([(current.title, brief.vtv_summary.category_scores)], lang())
        radar.update_layout(height=490, font={"size": 22},
                            margin={"l": 170, "r": 170, "t": 80, "b": 40})
        st.plotly_chart(radar, width="stretch", theme=None, config={"displayModeBar": False})


def range_slide() -> None:
    slides.kicker(t("meeting.kicker_range"))
    slides.text(say(brief.range))
    if current.ranges:
        curves = {name: cumulative_curve(monthly_flows(case))
                  for name, case in scenario_set(current).items()}
        figure = for_projector(scenarios_figure(curves, lang()), height=470)
        figure.update_layout(legend={"y": -0.3})
        st.plotly_chart(figure, width="stretch", theme=None, config={"displayModeBar": False})


SLIDES: list[tuple[str, Callable[[], None]]] = [
    ("meeting.slide_decision", decision_slide),
    ("meeting.slide_economy", economy_slide),
    ("meeting.slide_chart", chart_slide),
    ("meeting.slide_hours", hours_slide),
    ("meeting.slide_soft", soft_slide),
    ("meeting.slide_vtv", vtv_slide),
    ("meeting.slide_risks", risk_slide),
    ("meeting.slide_range", range_slide),
]
if compared:
    SLIDES.insert(2, ("meeting.slide_compare", compare_slide))


def move(step: int) -> None:
    index = st.session_state.get("meeting_slide", 0) + step
    st.session_state.meeting_slide = min(max(index, 0), len(SLIDES) - 1)


def switch_language() -> None:
    st.session_state.lang = next(code for code in LANGUAGES if code != lang())


index = min(st.session_state.get("meeting_slide", 0), len(SLIDES) - 1)
title, show = SLIDES[index]
bar = st.columns([1.1, 1.1, 2.2, 1, 1.1, 1.1, 1])
with bar[0]:
    st.button(t("meeting.previous"), key="meeting_prev", on_click=move, args=(-1,),
              disabled=index == 0, width="stretch", shortcut="Left")
with bar[1]:
    st.button(t("meeting.next"), key="meeting_next", on_click=move, args=(1,),
              disabled=index == len(SLIDES) - 1, type="primary", width="stretch",
              shortcut="Right")
with st.container(key=slides.CLICKER_KEY):  # hidden: a presenter's remote sends PageUp/Down
    st.button(t("meeting.previous"), key="meeting_prev_remote", on_click=move, args=(-1,),
              shortcut="PageUp")
    st.button(t("meeting.next"), key="meeting_next_remote", on_click=move, args=(1,),
              shortcut="PageDown")
with bar[2]:
    slides.counter(index + 1, len(SLIDES), t(title))
with bar[3]:
    st.button(t("meeting.other_language"), key="meeting_lang", on_click=switch_language,
              width="stretch")
with bar[4]:
    language = lang()
    st.download_button(t("meeting.pdf"), lambda: decision_pdf(current, language),
                       file_name=f"{slug(current.title)}.pdf", mime="application/pdf",
                       key="meeting_pdf", help=t("pdf.download"), width="stretch")
with bar[5], st.popover(t("meeting.source"), width="stretch"):
    st.selectbox(t("meeting.source_pick"), list(sources), key="meeting_source",
                 format_func=lambda i: sources.get(i, f"#{i}"))
    st.multiselect(t("meeting.compare_pick"), [i for i in sources if i], max_selections=5,
                   format_func=lambda i: sources.get(i, f"#{i}"), key="meeting_compare",
                   placeholder=t("meeting.compare_placeholder"))
    if lib and not entries:
        st.caption(t("meeting.library_empty"))
with bar[6]:
    st.page_link("pages/business_case.py", label=t("meeting.exit"), icon=":material/edit:")
show()
