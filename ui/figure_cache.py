"""Charts drawn once per input and replayed by every rerun and session that draws them again.

Building a figure costs about 1 ms now that figures are written as dictionaries
(`ui.figures`), but drawing it with st.plotly_chart costs 1-10 ms more (a copy, base64 arrays,
JSON; more for a histogram of 10,000 draws) and the browser redraws a chart whose JSON
changed; a rerun that changes nothing in a chart (a tab click, a slide change, a widget
elsewhere) should pay neither. Each `*_chart` here is the plain builder from
the chart modules wrapped by `plotted`: a function memoised with st.cache_resource on its
arguments (numbers, strings, arrays, frames: hashed, not pickled) that draws the figure full
width. Streamlit records the chart element it drew and, on a hit, sends it again as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go
import streamlit as st

from ui import library_charts, vtv_charts
from ui.widgets import chart

P = ParamSpec("P")
MAX_FIGURES = 256


def plotted(builder: Callable[P, go.Figure]) -> Callable[P, None]:
    """builder(...) drawn full width with its title as page text above it (`ui.widgets.chart`),
    once per input; later calls replay the drawn title and chart."""
    def plot(*args: P.args, **kwargs: P.kwargs) -> None:
        chart(builder(*args, **kwargs))
    # Streamlit names a cache by the function's module, qualified name and source: one per builder
    plot.__qualname__ = f"plotted.{builder.__module__}.{builder.__qualname__}"
    return st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)(plot)


radar_chart = plotted(vtv_charts.radar_figure)
element_bars_chart = plotted(vtv_charts.element_bars_figure)
measured_chart = plotted(vtv_charts.measured_figure)
follow_up_chart = plotted(vtv_charts.follow_up_figure)
compare_chart = plotted(library_charts.compare_figure)
legend_radar_chart = plotted(vtv_charts.legend_radar_figure)
portfolio_chart = plotted(library_charts.portfolio_figure)
