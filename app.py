"""Entry point: page config, shared state, language, navigation over pages/."""

import streamlit as st

from ui.i18n import LANGUAGES
from ui.session import choose_language, init_state, lang, t

st.set_page_config(page_title="Velfærdsteknologi – business case", page_icon="📊", layout="wide")
init_state()

with st.sidebar:
    st.segmented_control(t("app.language"), LANGUAGES, key="lang_control", default=lang(),
                         required=True, on_change=choose_language,
                         format_func=lambda code: t(f"lang.{code}"))

pages = [
    st.Page("pages/business_case.py", title=t("nav.business_case"), icon="📊", default=True),
]
st.navigation(pages).run()
