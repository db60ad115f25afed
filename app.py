"""Entry point: page config, shared state, language, navigation over pages/."""

import streamlit as st

from ui.session import init_state, language_switch, t

st.set_page_config(page_title="Velfærdsteknologi – business case",
                   page_icon=":material/calculate:", layout="wide")
init_state()

with st.sidebar:
    language_switch()

pages = [
    st.Page("pages/business_case.py", title=t("nav.business_case"), icon=":material/calculate:",
            default=True),
    st.Page("pages/library.py", title=t("nav.library"), icon=":material/library_books:"),
    st.Page("pages/compare.py", title=t("nav.compare"), icon=":material/compare:"),
    st.Page("pages/portfolio.py", title=t("nav.portfolio"), icon=":material/savings:"),
    st.Page("pages/vtv.py", title=t("nav.vtv"), icon=":material/radar:"),
    st.Page("pages/documentation.py", title=t("nav.documentation"), icon=":material/fact_check:"),
]
st.navigation(pages).run()
