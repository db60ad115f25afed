"""Benefit follow-up on the documentation page: the plan-vs-realised table (calculators.follow_up)
and the editor of the hours taken out of the budget. Nothing here computes a figure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators.follow_up import MEASURES, FollowUp
from calculators.model import GainKind, Scenario
from ui.editors import number_column, table_editor
from ui.formatting import format_number
from ui.i18n import translate
from ui.numbers import NumberSpec
from ui.session import t

TAKEN_OUT_NUMBERS = {"year": NumberSpec(whole=True, grouped=False),
                     "hours": NumberSpec(decimals=1, minimum=0)}


def follow_up_rows(result: FollowUp, language: str) -> pd.DataFrame:
    """Planned and realised rows per measure, one column per budget year; an empty cell where
    nothing was measured or recorded (never 0)."""
    rows = {}
    for measure in MEASURES:
        name = translate(language, f"fu.measure.{measure}")
        for kind, values in (("planned", result.planned[measure]),
                             ("realised", result.realised[measure])):
            label = translate(language, "fu.row", measure=name,
                              kind=translate(language, f"fu.{kind}"))
            decimals = 0 if measure == "budget_effect" else 1  # the row's name says kr.
            rows[label] = ["" if value is None else format_number(value, language, decimals)
                           for value in values]
    return pd.DataFrame(rows, index=[str(year) for year in result.years]).T


def follow_up_notes(result: FollowUp) -> None:
    if result.undated:
        st.caption(t("fu.undated", count=result.undated))
    if result.outside:
        st.caption(t("fu.outside", count=result.outside))


def taken_out_editor(current: Scenario) -> list[dict]:
    """The recorded hours taken out of the budget, per released-time gain and budget year."""
    gains = {line.id: line.name for line in current.gains if line.kind is GainKind.RELEASED_TIME}
    records = [record.model_dump() for record in current.documentation_plan.taken_out]
    if not gains:
        st.caption(t("fu.no_time_gains"))
        return records
    st.caption(t("fu.taken_out_help"))
    options = gains | {r["gain_id"]: r["gain_id"] for r in records if r["gain_id"] not in gains}
    columns = {
        "id": None,
        "gain_id": st.column_config.SelectboxColumn(t("field.taken_out_gain"),
                                                    options=list(options), required=True,
                                                    format_func=options.get, width="medium"),
        "year": number_column(t("field.taken_out_year")),
        "hours": number_column(t("field.taken_out_hours")),
        "note": st.column_config.TextColumn(t("field.taken_out_note"), width="large"),
    }
    return table_editor("taken_out", records, columns, list(columns)[1:], TAKEN_OUT_NUMBERS)
