"""Shared page widgets: scenario files (samples, upload, download) and the KPI cards."""

from __future__ import annotations

import streamlit as st

from calculators.metrics import Metrics
from calculators.model import EstimateBasis, Scenario
from calculators.scenario_file import (
    ScenarioFileError,
    dump_scenario,
    load_sample,
    parse_scenario,
    sample_names,
    slug,
)
from ui.formatting import format_dkk, format_number
from ui.i18n import explain_validation
from ui.session import label, labeller, lang, replace_scenario, scenario, t, widget_key


def file_error_message(name: str, exc: ScenarioFileError) -> str:
    reason = t(f"file_error.{exc.code}")
    if exc.validation is not None:
        details = explain_validation(lang(), exc.validation)[:5]
        reason += ": " + "; ".join(details)
    return t("file.bad", name=name, reason=reason)


def scenario_files() -> None:
    """Open a sample, upload a scenario JSON, download the current one."""
    names = sample_names()
    sample_label = labeller("sample")
    choice = st.selectbox(t("file.sample"), names, format_func=sample_label,
                          key="sample_choice")
    if st.button(t("file.load_sample"), key="load_sample"):
        replace_scenario(load_sample(choice))
        st.rerun()
    upload = st.file_uploader(t("file.upload"), type=["json"], key="scenario_upload")
    if upload is not None and st.session_state.get("uploaded_id") != upload.file_id:
        st.session_state.uploaded_id = upload.file_id
        try:
            replace_scenario(parse_scenario(upload.getvalue()))
        except ScenarioFileError as exc:
            st.session_state.upload_error = file_error_message(upload.name, exc)
        else:
            st.session_state.upload_error = None
            st.toast(t("file.loaded", name=upload.name))
            st.rerun()
    if st.session_state.get("upload_error"):
        st.error(st.session_state.upload_error)
    current = scenario()
    st.download_button(t("file.download_json"), dump_scenario(current).encode("utf-8"),
                       file_name=f"{slug(current.title)}.json", mime="application/json",
                       key=widget_key("download_json"))


def estimate_badge(current: Scenario) -> None:
    text = label("basis", current.estimate_basis.value)
    if current.estimate_basis is EstimateBasis.OPTIMISTIC:
        st.warning(f"{text}: {t('kpi.optimistic_note')}")
    else:
        st.caption(f"{text}. {t('app.estimates_note')}")


def months_text(months: float | None) -> str:
    if months is None:
        return t("unit.not_within_horizon")
    return t("unit.months", value=format_number(months, lang(), 1))


def short_months(months: float | None, current: Scenario) -> str:
    """Months for a card: "20,8 mdr.", or "> 10 år" when not within the horizon."""
    if months is None:
        return t("kpi.beyond", years=current.horizon_years)
    return months_text(months)


def in_sentence(months: float | None) -> str:
    """Months, or "not within the horizon" in lower case, for use inside a sentence."""
    return months_text(months) if months is not None else t("unit.not_within_horizon").lower()


def beyond_note(months: float | None) -> str | None:
    return in_sentence(months) if months is None else None


Card = tuple[str, str, str, str | None]  # title, value, help, a grey line under the value


def budget_cards(metrics: Metrics, current: Scenario) -> list[Card]:
    """The municipality's budget effect: the only track that "pays back"."""
    language = lang()
    rate = format_number(current.discount_rate * 100, language, 1)
    taken_out = t("kpi.taken_out",
                  hours=format_number(metrics.hours_taken_out_per_year, language),
                  fte=format_number(metrics.fte_taken_out_per_year, language, 2))
    return [
        (t("kpi.budget_payback"), short_months(metrics.budget_payback_months, current),
         t("kpi.budget_payback_help"), beyond_note(metrics.budget_payback_months)),
        (t("kpi.budget_npv", rate=rate), format_dkk(metrics.budget_npv, language),
         t("kpi.budget_npv_help"), None),
        (t("kpi.budget_annual"), format_dkk(metrics.annual_budget_effect_steady_state, language),
         t("kpi.budget_annual_help"), taken_out),
        (t("kpi.budget_total", years=current.horizon_years),
         format_dkk(metrics.budget_total, language), t("kpi.budget_total_help"), None),
    ]


def value_cards(metrics: Metrics, current: Scenario) -> list[Card]:
    """The total value incl. released time: capacity valued in kroner, not budget money."""
    language = lang()
    rate = format_number(current.discount_rate * 100, language, 1)
    hours = t("unit.hours", value=format_number(metrics.hours_released_per_year, language))
    return [
        (t("kpi.payback"), short_months(metrics.payback_months, current),
         t("kpi.payback_help"), beyond_note(metrics.payback_months)),
        (t("kpi.npv", rate=rate), format_dkk(metrics.npv, language),
         t("kpi.npv_help"), None),
        (t("kpi.total_net", years=current.horizon_years),
         format_dkk(metrics.total_net, language), t("kpi.total_net_help"), None),
        (t("kpi.hours"), hours, t("kpi.hours_help"),
         t("kpi.fte_equal", fte=format_number(metrics.fte_released_per_year, language, 2))),
    ]


def _track(title: str, note: str, cards: list[Card]) -> None:
    with st.container(border=True):
        st.markdown(f"##### {title}", help=note)
        for column, (label_text, value, help_text, below) in zip(
                st.columns(len(cards)), cards, strict=True):
            with column:
                st.metric(label_text, value, help=help_text, delta=below, delta_color="off",
                          delta_arrow="off")


def kpi_cards(metrics: Metrics, current: Scenario) -> None:
    """Both tracks, labelled and never blended: the budget effect first, then the total value
    incl. released time (all figures from the engine's `Metrics`)."""
    _track(t("kpi.track_budget"), t("kpi.track_budget_note"), budget_cards(metrics, current))
    _track(t("kpi.track_value"), t("kpi.track_value_note"), value_cards(metrics, current))
    st.caption(t("kpi.value_caption",
                 annual=format_dkk(metrics.annual_net_steady_state, lang()),
                 discounted=in_sentence(metrics.discounted_payback_months),
                 budget_discounted=in_sentence(metrics.budget_discounted_payback_months)))
