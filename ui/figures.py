"""Plotly figures written as the JSON plotly.js draws, wrapped without validation.

Plotly's object model validates every property as it is set, walks its property tree on each
`update_layout` and deep-copies the template into every new figure: 20-45 ms a chart, most of
a page's rerun after an edit and most of a new slide. The chart modules therefore write each
figure as plain dictionaries (`trace`, `layout`, `merged`) and `figure` wraps them in a
`go.Figure` without validating (~1 ms), so callers and exporters still get a figure object.
Nothing is lost: tests/test_figures.py validates every builder's output with plotly's own
validator, so a misspelt property fails there, not on a user's screen.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

# plotly_white's layout gives the look; its per-trace-type defaults and its settings for 3-D
# scenes, maps, ternary plots and colour axes (no chart here has one) cost time, not looks.
UNUSED = {"colorscale", "coloraxis", "scene", "ternary", "geo"}
LEAN_TEMPLATE = "velfaerd_white"
pio.templates[LEAN_TEMPLATE] = go.layout.Template(layout={
    key: value for key, value in pio.templates["plotly_white"].layout.to_plotly_json().items()
    if key not in UNUSED})
pio.templates.default = LEAN_TEMPLATE

Spec = dict[str, Any]


def merged(base: Spec, *updates: Spec) -> Spec:
    """base with each update laid over it, nested dictionaries merged key by key and a None
    removing the key (plotly's default again), as plotly's `update_layout` does; base is not
    changed."""
    result = dict(base)
    for update in updates:
        for key, value in update.items():
            if value is None:
                result.pop(key, None)
            elif isinstance(value, dict) and isinstance(result.get(key), dict):
                result[key] = merged(result[key], value)
            else:
                result[key] = value
    return result


def trace(kind: str, **properties: Any) -> Spec:
    """One trace as plotly.js reads it, e.g. trace("bar", x=years, y=amounts)."""
    return {"type": kind, **properties}


def figure(data: list[Spec], layout: Spec) -> go.Figure:
    """The figure of these traces and this layout, not validated (see the module's docstring);
    the default template (plotly_white's layout) is applied as plotly always does."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def traces(fig: go.Figure) -> list[Spec]:
    """Copies of fig's traces as dictionaries, arrays as they were given (`to_dict` would
    encode them for the browser)."""
    return [item.to_plotly_json() for item in fig.data]


def relaid(fig: go.Figure, *updates: Spec) -> go.Figure:
    """A copy of fig with its layout updated as by `merged`, also not validated: the way to
    restyle a built figure (for a slide, without its title) at the cost of a dictionary copy."""
    return figure(traces(fig), merged(fig.layout.to_plotly_json(), *updates))
