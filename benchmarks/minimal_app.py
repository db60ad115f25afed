"""The yardstick for the browser benchmarks: one number field and one metric, nothing else.

Served by the same Streamlit and driven by the same Chromium as the app, in the same run, so a
ratio against it removes what the machine, Streamlit and the browser cost by themselves.
"""

import streamlit as st

value = st.number_input("Tal", value=1, step=1, key="value")
st.metric("Dobbelt", value * 2)
