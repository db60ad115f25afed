"""Shared widgets, plotly figure builders, strings and number formatting."""
