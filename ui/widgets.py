"""Shared page widgets: number fields, file uploaders, scenario files (samples, upload,
download) and the KPI cards."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from html import unescape

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from calculators.metrics import Metrics
from calculators.model import EstimateBasis, Scenario
from calculators.scenario_file import (
    MAX_FILE_BYTES,
    ScenarioFileError,
    dump_scenario,
    load_sample,
    parse_scenario,
    sample_names,
    slug,
)
from ui.charts import untitled
from ui.downloads import not_recorded, recorded
from ui.formatting import format_dkk, format_number
from ui.headlines import amounts_in, price_note
from ui.i18n import LANGUAGES, explain_validation, translate
from ui.numbers import NumberError, NumberSpec, error_text, field_text, read_field
from ui.safe_text import md
from ui.session import (
    label,
    labeller,
    lang,
    latest_run,
    replace_scenario,
    scenario,
    t,
    widget_key,
)

FIELD_LANGUAGES = "number_field_languages"  # session key: the language each field was written in
FIELD_NUMBERS = "number_field_numbers"  # session key: the last number each field held
UPLOAD_MB = MAX_FILE_BYTES // 2**20  # = server.maxUploadSize in .streamlit/config.toml


def number_field(title: str, value: float | None, key: str, spec: NumberSpec,
                 help: str | None = None, disabled: bool = False) -> float | None:
    """A number typed as the page's language writes it (`0,5`, `1.234,5`, `3,5 %`) and shown
    the same way. A text that is not such a number, or is outside the spec's limits, is
    refused with a message under the field, and the last number it held is returned (at
    first `value`, the stored one)."""
    language = lang()
    written_in = st.session_state.setdefault(FIELD_LANGUAGES, {})
    last_good = st.session_state.setdefault(FIELD_NUMBERS, {})
    shown = field_text(value, language, spec)
    if key in st.session_state and written_in.get(key, language) != language:
        st.session_state[key] = _rewritten(st.session_state[key], written_in[key],
                                           last_good.get(key, value), spec)
    written_in[key] = language
    text = st.text_input(title, value=None if key in st.session_state else shown, key=key,
                         help=help, disabled=disabled)
    if text == shown or (spec.optional and not text and value is None):
        last_good[key] = value
        return value
    try:
        number = read_field(text, language, spec)
        if number is None and not spec.optional:
            raise NumberError("empty", "")
    except NumberError as exc:
        kept = last_good.get(key, value)
        st.error(f"{error_text(exc, language)} "
                 f"{t('number.kept', value=field_text(kept, language, spec))}")
        return kept
    last_good[key] = number
    return number


def _rewritten(text: str, written_in: str, value: float, spec: NumberSpec) -> str:
    """A field's text after the language changed: its number written the new way (`value`
    if the text was not a number)."""
    try:
        number = read_field(text, written_in, spec)
    except NumberError:
        number = None
    return field_text(value if number is None else number, lang(), spec)


def _css_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a CSS string: quotes and backslashes escaped


def file_uploader(title: str, types: list[str], key: str):
    """st.file_uploader whose limit text is in the page's language (Streamlit writes '20MB per
    file • JSON' in English; the limit is server.maxUploadSize, .streamlit/config.toml)."""
    zone = f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span"
    limit = t("upload.limit", size=UPLOAD_MB, types=", ".join(x.upper() for x in types))
    st.html(f"<style>{zone} {{font-size: 0;}}\n"
            f"{zone}::after {{content: {_css_text(limit)}; font-size: 0.875rem;}}</style>")
    return st.file_uploader(title, type=types, key=key)


def file_error_message(name: str, exc: ScenarioFileError) -> str:
    reason = t(f"file_error.{exc.code}")
    if exc.validation is not None:
        details = explain_validation(lang(), exc.validation)[:5]
        reason += ": " + "; ".join(details)
    return t("file.bad", name=name, reason=reason)


def scenario_files(exported: Callable[[str], object] = not_recorded) -> None:
    """Open a sample, upload a scenario JSON, download the current one (`exported("json")` is
    called when it is downloaded: ui.downloads.recorded)."""
    names = sample_names()
    sample_label = labeller("sample")
    choice = st.selectbox(t("file.sample"), names, format_func=sample_label,
                          key="sample_choice")
    if st.button(t("file.load_sample"), key="load_sample"):
        replace_scenario(load_sample(choice))
        st.rerun()
    upload = file_uploader(t("file.upload"), ["json"], "scenario_upload")
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
    st.download_button(t("file.download_json"),
                       partial(recorded, exported, "json", partial(_latest_json, latest_run())),
                       file_name=f"{slug(current.title)}.json", mime="application/json",
                       on_click="ignore", key=widget_key("download_json"))


def _latest_json(latest: dict[str, object]) -> bytes:
    """The scenario as the page's inputs left it (drawn above them, built when clicked)."""
    return dump_scenario(latest["scenario"]).encode("utf-8")


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


# A card's value shrinks with its card (container query units), never below what a 1024 px
# screen needs and never above Streamlit's own size: "1.055.000 kr." is whole at 1280 px,
# where four cards a row are 185 px wide (Streamlit cut it to "1.055.000 …"); labels and the
# grey line under a value wrap instead of ending in "…" (a label has room for two lines, so the
# values of a row stay level).
KPI_CSS = """<style>
[class*="st-key-kpi_track_"] [data-testid="stMetric"] {container-type: inline-size;}
[class*="st-key-kpi_track_"] [data-testid="stMetricValue"] {font-size: min(2.25rem, 12.5cqi);}
[class*="st-key-kpi_track_"] :is([data-testid="stMetricLabel"], [data-testid="stMetricDelta"])
  :is(div, p) {white-space: normal; overflow: visible; text-overflow: clip;}
[class*="st-key-kpi_track_"] [data-testid="stMetricLabel"] {min-height: 2.6em;
  align-items: flex-start;}
</style>"""


def kpi_style() -> None:
    """The KPI cards' style, drawn outside any cached function: Streamlit puts a style-only
    st.html outside the page's blocks, which a cached function's replay cannot reach."""
    st.html(KPI_CSS)


def _track(key: str, title: str, note: str, cards: list[Card]) -> None:
    with st.container(border=True, key=f"kpi_track_{key}"):
        st.markdown(f"##### {title}", help=note)
        for column, (label_text, value, help_text, below) in zip(
                st.columns(len(cards)), cards, strict=True):
            with column:
                st.metric(label_text, value, help=help_text, delta=below, delta_color="off",
                          delta_arrow="off")


def kpi_cards(metrics: Metrics, current: Scenario) -> None:
    """Both tracks, labelled and never blended: the budget effect first, then the total value
    incl. released time (all figures from the engine's `Metrics`)."""
    _track("budget", t("kpi.track_budget"), t("kpi.track_budget_note"),
           budget_cards(metrics, current))
    _track("value", t("kpi.track_value"), t("kpi.track_value_note"),
           value_cards(metrics, current))
    st.caption(t("kpi.value_caption",
                 annual=format_dkk(metrics.annual_net_steady_state, lang()),
                 discounted=in_sentence(metrics.discounted_payback_months),
                 budget_discounted=in_sentence(metrics.budget_discounted_payback_months))
               + " · " + price_note(current, lang()))


def amounts_label(current: Scenario) -> str:
    """'Beløb i faste priser (P/L 2026)': the budget's price level the figures are in."""
    return amounts_in(current, lang())


def chart(figure: go.Figure, where: DeltaGenerator | None = None) -> None:
    """A chart whose title is page text above it (`ui.charts.untitled`), in `where` (a column,
    a container) or the page."""
    title, figure = untitled(figure)
    target = where if where is not None else st
    if title:
        target.markdown(f"**{md(unescape(title))}**")  # plotly text is escaped by `chart`
    target.plotly_chart(figure, width="stretch")


def lazy_tabs(keys: list[str], state_key: str) -> list[DeltaGenerator]:
    """Tabs labelled by the catalogue `keys` of which only the open one is drawn: a click
    reruns the page (on_change) and a tab's `.open` says whether it shows. Streamlit remembers
    the open tab by its label; one remembered in the other language (the language was just
    switched) is the same tab under its label in this one, so the user stays where she was."""
    labels = [t(key) for key in keys]
    remembered = st.session_state.get(state_key)
    if remembered is not None and remembered not in labels:
        for language in LANGUAGES:
            named = [translate(language, key) for key in keys]
            if remembered in named:
                st.session_state[state_key] = labels[named.index(remembered)]
                break
    return st.tabs(labels, key=state_key, on_change="rerun")
