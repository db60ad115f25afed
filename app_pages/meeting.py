"""Meeting mode: the current business case as slides for leadership on a projector."""

from collections.abc import Callable

import streamlit as st

from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.headlines import Headline, briefing
from calculators.model import EstimateBasis
from calculators.ranges import scenario_set
from exporters.pdf_report import decision_pdf
from ui import slides
from ui.analysis_charts import scenarios_figure
from ui.charts import cumulative_figure, for_projector
from ui.formatting import format_dkk, format_number
from ui.headlines import sentence
from ui.i18n import LANGUAGES
from ui.session import label, lang, scenario, t
from ui.vtv_charts import radar_figure
from ui.widgets import slug

slides.page_style()
current = scenario()
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


def vtv_slide() -> None:
    slides.kicker(t("meeting.kicker_vtv"))
    slides.text(say(brief.vtv))
    if brief.vtv_summary.overall is not None:
        radar = radar_figure([(current.title, brief.vtv_summary.category_scores)], lang())
        radar.update_layout(height=560, font={"size": 24})
        st.plotly_chart(radar, width="stretch", theme=None, config={"displayModeBar": False})


def range_slide() -> None:
    slides.kicker(t("meeting.kicker_range"))
    slides.text(say(brief.range))
    if current.ranges:
        curves = {name: cumulative_curve(monthly_flows(case))
                  for name, case in scenario_set(current).items()}
        st.plotly_chart(for_projector(scenarios_figure(curves, lang()), height=520),
                        width="stretch", theme=None, config={"displayModeBar": False})


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


def move(step: int) -> None:
    index = st.session_state.get("meeting_slide", 0) + step
    st.session_state.meeting_slide = min(max(index, 0), len(SLIDES) - 1)


def switch_language() -> None:
    st.session_state.lang = next(code for code in LANGUAGES if code != lang())


index = min(st.session_state.get("meeting_slide", 0), len(SLIDES) - 1)
title, show = SLIDES[index]
bar = st.columns([1.1, 1.1, 2.4, 1, 1.2, 1])
with bar[0]:
    st.button(t("meeting.previous"), key="meeting_prev", on_click=move, args=(-1,),
              disabled=index == 0, width="stretch")
with bar[1]:
    st.button(t("meeting.next"), key="meeting_next", on_click=move, args=(1,),
              disabled=index == len(SLIDES) - 1, type="primary", width="stretch")
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
with bar[5]:
    st.page_link("app_pages/business_case.py", label=t("meeting.exit"), icon=":material/edit:")
show()
