"""Checklists whose ticks are stored in the scenario (meeting preparation, OPI steps)."""

from __future__ import annotations

import streamlit as st

from ui.session import t, widget_key


def checklist(items: list[str], ticked: list[str], text_key: str,
              help_suffix: str = "") -> list[str]:
    """One checkbox per item id (label: text_key.format(item), optional caption under it from
    the same key plus `help_suffix`); returns the ticked ids, keeping ticks of items not shown
    (e.g. from another checklist version)."""
    shown = set(items)
    kept = [item for item in ticked if item not in shown]
    for item in items:
        key = text_key.format(item=item)
        if st.checkbox(t(key), value=item in ticked, key=widget_key(f"check.{item}")):
            kept.append(item)
        if help_suffix:
            st.caption(t(key + help_suffix))
    return kept
