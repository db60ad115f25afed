"""Entry point: page config, shared state, language, navigation over pages/."""

from pathlib import Path

import streamlit as st

from ui.excel_files import excel_download, keep_download_current
from ui.identity import require_sign_in
from ui.library import current_exporter
from ui.session import init_state, language_switch, t

# The icon is a file served by the app itself: a ":material/…:" page icon would make every
# browser fetch it from fonts.gstatic.com, a request leaving the app's origin (the proxy's
# Content-Security-Policy refuses it).
st.set_page_config(page_title="Velfærdsteknologi – business case",
                   page_icon=str(Path(__file__).parent / "ui" / "assets" / "favicon.png"),
                   layout="wide")
init_state()
with st.sidebar:
    language_switch()


def page(name: str, icon: str, **options: bool) -> st.Page:
    return st.Page(f"pages/{name}.py", title=t(f"nav.{name}"), icon=f":material/{icon}:",
                   **options)


sections = {
    t("nav.section_case"): [
        page("business_case", "calculate", default=True),
        page("uncertainty", "casino"),
        page("rollout_fund", "account_balance"),
    ],
    t("nav.section_assessment"): [
        page("vtv", "radar"),
        page("documentation", "fact_check"),
    ],
    t("nav.section_library"): [
        page("library", "library_books"),
        page("compare", "compare"),
        page("portfolio", "savings"),
    ],
    t("nav.section_meeting"): [
        page("meeting", "slideshow"),
        page("pitch", "handshake"),
        page("opi", "route"),
    ],
}
require_sign_in([p.url_path for pages in sections.values() for p in pages])
with st.sidebar:
    excel_download(current_exporter())
st.navigation(sections).run()
keep_download_current()
