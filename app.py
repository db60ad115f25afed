"""Entry point: page config, shared state, language, navigation over pages/."""

from pathlib import Path

import streamlit as st

from ui.excel_files import excel_download, keep_download_current
from ui.session import init_state, language_switch, t

# The tab icon is a file served by the app: a `:material/...:` page icon makes every browser ask
# fonts.gstatic.com for it (the navigation icons come with Streamlit's own bundled font).
st.set_page_config(page_title="Velfærdsteknologi – business case",
                   page_icon=str(Path(__file__).parent / "ui" / "assets" / "favicon.png"),
                   layout="wide")
init_state()

with st.sidebar:
    language_switch()
    excel_download()


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
st.navigation(sections).run()
keep_download_current()
