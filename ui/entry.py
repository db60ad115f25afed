"""Every page runs through app.py, also the first one a freshly started server serves."""

import os
from functools import cache
from types import CodeType

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


@cache
def _compiled(path: str, modified_ns: int) -> CodeType:
    """app.py compiled once per version of the file (Streamlit caches the scripts it runs
    itself; this one is run from here)."""
    with open(path, encoding="utf-8") as script:
        return compile(script.read(), path, "exec", dont_inherit=True)


def through_app() -> None:
    """Called first by every page in pages/.

    Streamlit (1.67: runtime/pages_manager.py and `_mpa_v1` in runtime/scriptrunner/
    script_runner.py) treats a `pages/` folder beside the entry script as an old-style multipage
    app until `st.navigation` has run once in the server process (AppTest: in every run). In that
    mode a bookmarked page such as /uncertainty, opened as the first request, is executed on its
    own, without app.py's state, language and navigation. Then run app.py here instead, in this
    same run: its `st.navigation` switches the old mode off, resolves the same page (the page hash
    is made from the URL path) and runs it; then stop, so this page does not run a second time.
    A rerun would do the same but drop the click that started this run."""
    if not PagesManager.uses_pages_directory:
        return
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    path = str(ctx.pages_manager.main_script_path)
    exec(_compiled(path, os.stat(path).st_mtime_ns), {"__name__": "__main__", "__file__": path})
    st.stop()
