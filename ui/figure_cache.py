"""Figures built once per input and shared by every rerun and session that draws them again.

Building a plotly figure costs 5-50 ms (each `update_layout` walks and validates its property
tree); a rerun that changes nothing in a chart (a tab click, a slide change, a widget elsewhere)
should not pay it. Each builder here is the plain function from the chart modules, memoised with
st.cache_resource on its arguments (numbers, strings, arrays, frames: hashed, not pickled), so
the result is ONE shared object: callers draw it and never change it (`projector_copy` gives a
copy to restyle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go
import streamlit as st

from ui import analysis_charts, charts, library_charts, vtv_charts

P = ParamSpec("P")
MAX_FIGURES = 256


def shared(builder: Callable[P, go.Figure]) -> Callable[P, go.Figure]:
    return st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)(builder)


scenarios_figure = shared(analysis_charts.scenarios_figure)
tornado_figure = shared(analysis_charts.tornado_figure)
two_way_figure = shared(analysis_charts.two_way_figure)
histogram_figure = shared(analysis_charts.histogram_figure)
rollout_figure = shared(analysis_charts.rollout_figure)
fund_figure = shared(analysis_charts.fund_figure)
procurement_figure = shared(analysis_charts.procurement_figure)
radar_figure = shared(vtv_charts.radar_figure)
element_bars_figure = shared(vtv_charts.element_bars_figure)
measured_figure = shared(vtv_charts.measured_figure)
follow_up_figure = shared(vtv_charts.follow_up_figure)
compare_figure = shared(library_charts.compare_figure)
portfolio_figure = shared(library_charts.portfolio_figure)
cumulative_figure = shared(charts.cumulative_figure)


def projector_copy(figure: go.Figure) -> go.Figure:
    """A copy of a shared figure that may be restyled (meeting mode, compare)."""
    return go.Figure(figure)
