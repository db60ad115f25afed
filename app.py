"""Entry point: page config, shared state, language, navigation over pages/."""

import streamlit as st

from ui.i18n import LANGUAGES
from ui.session import init_state, t

st.set_page_config(page_title="Velfærdsteknologi – business case", page_icon="📊", layout="wide")
init_state()

with st.sidebar:
    st.segmented_control(t("app.language"), LANGUAGES, key="lang", required=True,
                         format_func=lambda code: t(f"lang.{code}"))

pages = [
    st.Page("pages/business_case.py", title=t("nav.business_case"), icon="📊", default=True),
    st.Page("pages/meeting.py", title=t("nav.meeting"), icon="🖥️"),
    st.Page("pages/pitch.py", title=t("nav.pitch"), icon="🤝"),
    st.Page("pages/opi.py", title=t("nav.opi"), icon="🧭"),
]
st.navigation(pages).run()
