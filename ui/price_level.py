"""The price level on screen: the budget's P/L year and the editable index table (inputs), and
what is converted (the "faste priser (P/L 2026)" label is `ui.widgets.amounts_label`). The
conversion itself is calculators.price_level."""

from __future__ import annotations

import streamlit as st

from calculators.model import Scenario
from calculators.price_level import converted_lines
from ui.editors import YEAR, number_column, table_editor
from ui.headlines import estimates_note
from ui.numbers import NumberSpec
from ui.session import lang, t, widget_key
from ui.widgets import number_field

INDEX = NumberSpec(decimals=1)


def price_level_inputs(scenario: Scenario) -> dict:
    """The budget's P/L year, the index table (year, index, estimate; numbers typed as the
    page's language writes them, `101,3` in Danish) and its source and date, as plain data."""
    level = scenario.price_level
    st.markdown(f"**{t('pl.title')}**")
    st.caption(t("pl.help"))
    columns = st.columns([1, 3, 1])
    with columns[0]:
        year = number_field(t("field.price_level.year"), level.year,
                            widget_key("price_level.year"), YEAR)
    with columns[1]:
        source = st.text_input(t("field.price_level.source"), value=level.source,
                               key=widget_key("price_level.source"))
    with columns[2]:
        taken = st.text_input(t("field.price_level.taken"), value=level.taken,
                              key=widget_key("price_level.taken"))
    table = {
        "year": number_column(t("field.price_index.year")),
        "index": number_column(t("field.price_index.index")),
        "estimate": st.column_config.CheckboxColumn(t("field.price_index.estimate"),
                                                    default=False),
    }
    rows = table_editor("price_index", [point.model_dump() for point in level.index], table,
                        list(table), {"year": YEAR, "index": INDEX})
    index = [row for row in rows if row.get("year") is not None or row.get("index") is not None]
    return {"year": year, "index": index, "source": source, "taken": taken}


def price_level_caption(scenario: Scenario) -> None:
    """How many lines are converted to the budget's price level and which index figures the
    conversion uses are estimates (nothing when no line is converted)."""
    converted = converted_lines(scenario)
    if not converted:
        return
    st.caption(" · ".join(p for p in (t("pl.converted", count=len(converted)),
                                      estimates_note(scenario, lang())) if p))
