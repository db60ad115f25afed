"""Widgets for the VTV assessment and the documentation plan. Editors return plain data for the
model to validate; panels show what calculators.assessment computed. No formulas here."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from calculators.assessment import Comparison, Evaluation, economy_scores, replace_with_measured
from calculators.base import Period, new_id
from calculators.documentation import DocumentationError, Method, Unit
from calculators.metrics import compute_metrics
from calculators.model import Scenario
from calculators.vtv import (
    COMPUTED_CATEGORY,
    SCORES,
    STANDARD_KEYS,
    Assessment,
    Category,
    Confidence,
    Element,
    Summary,
    listed,
    own_key,
)
from ui.editors import (
    number_column,
    read_numbers,
    show_number_problems,
    shown_numbers,
    table_editor,
    table_rows,
    untouched,
)
from ui.formatting import format_dkk, format_number
from ui.i18n import has
from ui.numbers import NumberSpec
from ui.session import apply_part, label, labeller, lang, replace_scenario, t, widget_key
from ui.widgets import months_text

BLANK_ELEMENT = {"confidence": Confidence.MEDIUM.value, "weight": 1.0}
MEASURE_FIELDS = ("measured", "unit", "period", "measured_on", "note")


def element_label(element: Element) -> str:
    return element.name or t(f"vtv_element.{element.key}")


def _select(title: str, options: list, prefix: str) -> st.column_config.SelectboxColumn:
    return st.column_config.SelectboxColumn(title, options=options,
                                            format_func=labeller(prefix))


def _is_blank(row: dict) -> bool:
    filled = {k: v for k, v in row.items() if v not in (None, "")}
    return all(BLANK_ELEMENT.get(k) == v for k, v in filled.items())


def element_editor(current: Scenario, category: Category) -> list[dict]:
    """The category's elements in a table; standard rows keep their key, new rows become the
    user's own elements. Blank standard rows are not stored."""
    elements = [e for e in listed(current.vtv, category)
                if category is not COMPUTED_CATEGORY or not e.standard]
    records = [{"id": e.key, "name": element_label(e),
                "question": t(f"vtv_question.{e.key}") if e.standard else "",
                "score": e.score, "confidence": e.confidence.value, "weight": e.weight,
                "evidence": e.evidence, "source": e.source, "evidence_date": e.evidence_date}
               for e in elements]
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t("vtv_col.element"), required=True, width="medium"),
        "question": st.column_config.TextColumn(t("vtv_col.question"), disabled=True,
                                                width="large"),
        "score": _select(t("vtv_col.score"), list(SCORES), "vtv_score"),
        "confidence": _select(t("vtv_col.confidence"), [c.value for c in Confidence],
                              "vtv_confidence"),
        "weight": number_column(t("vtv_col.weight")),
        "evidence": st.column_config.TextColumn(t("vtv_col.evidence"), width="large"),
        "source": st.column_config.TextColumn(t("vtv_col.source")),
        "evidence_date": st.column_config.DateColumn(t("vtv_col.evidence_date")),
    }
    stored = []
    for row in table_editor(f"vtv_{category.value}", records, columns, list(columns)[1:],
                            {"weight": NumberSpec(decimals=1)}):
        key = row.pop("id", None) or own_key()
        row.pop("question", None)
        if key in STANDARD_KEYS:
            row.pop("name", None)
            if _is_blank(row):
                continue
        if isinstance(row.get("score"), float):
            row["score"] = round(row["score"])
        stored.append({"key": key, "category": category.value, **row})
    return stored


def _row_name(row: dict) -> str:
    key = row.get("key", "")
    if key in STANDARD_KEYS:
        return t(f"vtv_element.{key}")
    return str(row.get("name") or t("vtv.own_element"))


def element_error_lines(exc: ValidationError, elements: list[dict]) -> list[str]:
    """Each error as 'Category › element › field: message', naming elements as the table does."""
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        where = []
        context = dict(error.get("ctx") or {})
        if len(loc) > 1 and loc[0] == "elements" and isinstance(loc[1], int):
            row = elements[loc[1]]
            context["name"] = _row_name(row)
            where = [label("vtv_category", str(row.get("category"))), context["name"]]
            where += [t(f"field.{part}") for part in loc[2:] if has(f"field.{part}")]
        key = f"error.{error['type']}"
        text = t(key, **context) if has(key) else error["msg"]
        lines.append(f"{' › '.join(where)}: {text}" if where else text)
    return lines


def stored_elements(current: Scenario, category: Category) -> list[dict]:
    """The category's stored elements, as `apply_assessment` takes them when its table is not
    drawn (a closed tab)."""
    return [e.model_dump() for e in current.vtv.elements if e.category is category]


def apply_assessment(elements: list[dict], conclusion: str) -> None:
    """Check the assessment first, so messages name the element as the table shows it."""
    edited = {"elements": elements, "conclusion": conclusion}
    try:
        Assessment.model_validate(edited)
    except ValidationError as exc:
        lines = "\n".join(f"- {line}" for line in element_error_lines(exc, elements))
        st.error(f"{t('validation.title')}\n\n{lines}\n\n{t('validation.kept')}")
        return
    apply_part("vtv", edited)


def summary_panel(summary: Summary) -> None:
    language = lang()
    overall = summary.overall
    cols = st.columns(2)
    with cols[0]:
        value = (t("vtv.score_of", value=format_number(overall, language, 1))
                 if overall is not None else t("vtv.not_assessed"))
        st.metric(t("vtv.overall"), value, help=t("vtv.overall_help"), border=True)
    with cols[1]:
        st.metric(t("vtv.assessed"), t("vtv.assessed_value", done=summary.assessed,
                                       total=summary.total), border=True)
    st.markdown(f"**{t(f'vtv_verdict.{summary.verdict}')}**")
    if overall is not None:
        st.write(t("vtv.summary_text", overall=format_number(overall, language, 1),
                   weakest=label("vtv_category", summary.weakest.value),
                   open=len(summary.open_items)))


def score_text(score: int | None) -> str:
    return t("vtv.not_assessed") if score is None else t(f"vtv_score.{score}")


def open_questions(summary: Summary, names: dict[str, str]) -> None:
    st.subheader(t("vtv.open_title"))
    if not summary.open_items:
        st.caption(t("vtv.open_none"))
    for item in summary.open_items:
        st.markdown("- " + t("vtv.open_line", category=label("vtv_category", item.category.value),
                             name=names[item.key], score=score_text(item.score),
                             flags=", ".join(t(f"vtv_flag.{f}") for f in item.flags)))


def economy_panel(evaluation: Evaluation) -> None:
    """The business case's numbers, the score each gives and the rule that maps one to the other."""
    figures = evaluation.figures
    language = lang()
    st.caption(t("vtv_econ.intro"))
    cards = [
        (t("vtv_econ.investment"), format_dkk(figures.investment, language)),
        (t("vtv_econ.operating"), format_dkk(figures.annual_operating_costs, language)),
        (t("vtv_econ.gains"), format_dkk(figures.annual_budget_gains, language)),
        (t("vtv_econ.payback"), months_text(figures.budget_payback_months)),
        (t("vtv_econ.npv"), format_dkk(figures.budget_npv, language)),
        (t("vtv_econ.released_time"), format_dkk(figures.annual_released_time, language)),
    ]
    for column, (title, value) in zip(st.columns(len(cards)), cards, strict=True):
        with column:
            st.metric(title, value, border=True)
    confidence = next(e.confidence for e in evaluation.elements if e.computed)
    rows = [{t("vtv_col.element"): t(f"vtv_element.economy.{name}"),
             t("vtv_col.score"): t(f"vtv_score.{score}"),
             t("vtv_col.confidence"): label("vtv_confidence", confidence.value)}
            for name, score in economy_scores(figures).items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.markdown(f"**{t('vtv_econ.rule')}**\n\n" + "\n".join(
        f"- {t(f'vtv_element.economy.{name}')}: {t(f'vtv_econ.rule.{name}')}"
        for name in economy_scores(figures)))


def subject_options(current: Scenario) -> dict[str, str]:
    options = {"": t("doc.subject_none")}
    options |= {f"gain.{g.id}": t("doc.gain_prefix", name=g.name) for g in current.gains}
    for category in Category:
        for element in listed(current.vtv, category):
            options[f"vtv.{element.key}"] = t(
                "doc.vtv_prefix", category=label("vtv_category", category.value),
                name=element_label(element))
    for item in current.documentation_plan.items:
        options.setdefault(item.subject, t("doc.subject_missing", subject=item.subject))
    return options


def plan_editor(current: Scenario) -> list[dict]:
    """The plan table; its lines keep the measured results stored with them (by line id)."""
    options = subject_options(current)
    items = current.documentation_plan.items
    columns = {
        "id": None,
        "subject": st.column_config.SelectboxColumn(t("field.subject"), options=list(options),
                                                    format_func=options.get, width="medium"),
        "indicator": st.column_config.TextColumn(t("field.indicator"), required=True,
                                                 width="medium"),
        "baseline": st.column_config.TextColumn(t("doc.col_baseline")),
        "target": st.column_config.TextColumn(t("field.target")),
        "method": _select(t("field.method"), [m.value for m in Method], "doc_method"),
        "who": st.column_config.TextColumn(t("field.who")),
        "when": st.column_config.TextColumn(t("field.when")),
        "test_months": number_column(t("field.test_months")),
    }
    st.caption(t("doc.plan_help"))
    plan = table_editor("doc_plan", [i.model_dump(exclude=set(MEASURE_FIELDS)) for i in items],
                         columns, list(columns)[1:], {"test_months": NumberSpec(whole=True)})
    measured = {i.id: i.model_dump(include=set(MEASURE_FIELDS)) for i in items}
    for row in plan:
        row["id"] = row.get("id") or new_id()
        row.update(measured.get(row["id"], {}))
    return plan


def results_editor(current: Scenario) -> list[dict]:
    """The measured results of the plan's lines; returns the lines with them (by line id)."""
    st.subheader(t("doc.results"))
    st.caption(t("doc.results_help"))
    measured = {row["id"]: row for row in _results_editor(current)}
    return [item.model_dump(exclude=set(MEASURE_FIELDS))
            | {k: v for k, v in measured.get(item.id, {}).items() if k in MEASURE_FIELDS}
            for item in current.documentation_plan.items]


def _results_editor(current: Scenario) -> list[dict]:
    records = [{"id": i.id, "indicator": i.indicator} | i.model_dump(include=set(MEASURE_FIELDS))
               for i in current.documentation_plan.items]
    if not records:
        st.caption(t("doc.no_items"))
        return []
    columns = {
        "id": None,
        "indicator": st.column_config.TextColumn(t("field.indicator"), disabled=True,
                                                 width="medium"),
        "measured": number_column(t("field.measured")),
        "unit": _select(t("field.unit"), [u.value for u in Unit], "doc_unit"),
        "period": _select(t("field.period"), [p.value for p in Period], "period"),
        "measured_on": st.column_config.DateColumn(t("field.measured_on")),
        "note": st.column_config.TextColumn(t("field.note"), width="large"),
    }
    numbers = {"measured": NumberSpec(decimals=2)}
    frame = pd.DataFrame(shown_numbers(records, numbers), columns=list(columns))
    key = widget_key("doc_results")
    edited = st.data_editor(frame, key=key, num_rows="fixed", hide_index=True,
                            column_order=list(columns)[1:], column_config=columns,
                            width="stretch")
    if untouched(key):
        return table_rows(records, list(columns))
    read, problems = read_numbers(edited.to_dict(orient="records"), numbers,
                                  {"measured": columns["measured"]["label"]})
    if problems:
        show_number_problems(problems)
        read = records
    return table_rows(read, list(columns))


def measured_label(row: Comparison) -> str:
    """A compared plan line's chart label: the gain, then on a second line the unit and, when
    dated, the day measured (two measurements of one gain get two bars)."""
    per = per_text(row.item.unit, row.item.period)
    day = row.item.measured_on
    return f"{row.gain.name}\n({per}{', ' + day.isoformat() if day else ''})"


def per_text(unit: Unit, period: Period) -> str:
    return t("doc.per", unit=label("doc_unit", unit.value), period=label("period", period.value))


def comparison_table(rows: list[Comparison]) -> pd.DataFrame:
    language = lang()
    return pd.DataFrame([{
        t("field.indicator"): r.item.indicator,
        t("doc.col_gain"): r.gain.name if r.gain else "",
        t("doc.col_unit"): per_text(r.item.unit, r.item.period),
        t("doc.col_expected"): format_number(r.expected, language, 1),
        t("doc.col_measured"): format_number(r.measured, language, 1),
        t("doc.col_payback_now"): months_text(r.payback_now) if r.gain else "",
        t("doc.col_payback_measured"): months_text(r.payback_measured) if r.comparable else "",
    } for r in rows])


def replace_buttons(current: Scenario, rows: list[Comparison]) -> None:
    """One click per measured gain: the estimate is replaced, the payback recalculated."""
    for row in rows:
        if not row.replaceable:
            continue
        st.markdown(t("doc.replace_effect", gain=row.gain.name, now=months_text(row.payback_now),
                      measured=months_text(row.payback_measured)))
        if st.button(t("doc.replace"), key=widget_key(f"replace_{row.item.id}"), type="primary"):
            try:
                updated = replace_with_measured(current, row.item.id, date.today())
            except DocumentationError as exc:
                st.error(t(f"doc_error.{exc.code}"))
                continue
            st.session_state.doc_replaced = t(
                "doc.replaced", gain=row.gain.name,
                payback=months_text(compute_metrics(updated).payback_months))
            replace_scenario(updated)
            st.rerun()
    if st.session_state.get("doc_replaced"):
        st.success(st.session_state.pop("doc_replaced"))


def _per_period(value: float, period: Period) -> str:
    return f"{format_number(value, lang(), 3)} {label('period', period.value)}"


def replacement_history(current: Scenario) -> None:
    records = current.documentation_plan.replacements
    if not records:
        return
    st.subheader(t("doc.history"))
    language = lang()
    st.dataframe(pd.DataFrame([{
        t("doc.col_date"): r.replaced_on.isoformat(),
        t("doc.col_gain"): r.gain_name,
        t("doc.col_estimate"): _per_period(r.estimate, r.period),
        t("doc.col_new"): _per_period(r.measured, r.period),
        t("doc.col_measured"): f"{format_number(r.measured_value, language, 1)} "
                               f"{per_text(r.unit, r.measured_period)}",
    } for r in records]), hide_index=True, width="stretch")
