"""The yardstick for the AppTest benchmarks: an empty Streamlit page (AppTest's own cost)."""

import streamlit as st  # noqa: F401
