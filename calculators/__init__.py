"""The domain: scenario model, cash flows and metrics. Pure Python; never imports Streamlit."""
