"""The page scripts live in pages/ (the project's layout); each one first makes sure it runs
through app.py (ui/entry.py explains why Streamlit needs this for a folder named pages/)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "pages").glob("*.py"))


def test_every_page_script_is_in_pages_and_in_the_navigation() -> None:
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert not (ROOT / "app_pages").exists()
    assert len(PAGES) == 11
    for path in PAGES:
        assert f'page("{path.stem}"' in app, path.name


def test_every_page_first_runs_through_app() -> None:
    for path in PAGES:
        body = ast.parse(path.read_text(encoding="utf-8")).body
        statements = [node for node in body
                      if not isinstance(node, ast.Import | ast.ImportFrom)
                      and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
        first = statements[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call), path.name
        assert ast.unparse(first) == "through_app()", path.name
