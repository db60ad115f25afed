"""Playwright helpers for driving the Streamlit app like a user (role and text locators)."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.server import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 1000}
ARTIFACTS = ROOT / "artifacts" / "screenshots"
README_SHOTS = ROOT / "docs" / "screenshots"
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)  # a loaded CI machine can take seconds per rerun


def wait_idle(page: Page) -> None:
    """Wait until the script run has finished and the 'running' indicator has gone."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")


def open_app(page: Page, url: str) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)


def open_page(page: Page, title: str) -> None:
    """Open a page from the sidebar navigation (shown once the app has two or more pages)."""
    nav = page.get_by_test_id("stSidebarNav")
    if nav.count():
        nav.get_by_role("link", name=title).click()
        wait_idle(page)


def set_language(page: Page, name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("radio", name=name, exact=True).click()
    wait_idle(page)


def metric_value(page: Page, label: str) -> Locator:
    card = page.get_by_test_id("stMetric").filter(has_text=label)
    return card.get_by_test_id("stMetricValue")


def fill_number(page: Page, label: str, value: float) -> None:
    """Type into the number input with this label; an element left over from the previous run
    (Streamlit marks it data-stale while the new run draws) is never the one typed into."""
    wait_idle(page)
    current = page.locator('[data-testid="stElementContainer"]:not([data-stale="true"])')
    field = current.get_by_label(label, exact=True)
    field.fill(str(value))
    field.press("Enter")
    wait_idle(page)


def upload(page: Page, name: str, payload: bytes) -> None:
    """Upload through the file uploader that accepts the file's extension (JSON or Excel)."""
    extension = name.rsplit(".", 1)[-1]
    uploader = page.locator(
        f'input[data-testid="stFileUploaderDropzoneInput"][accept*=".{extension}"]')
    uploader.set_input_files(files=[{"name": name, "mimeType": "application/octet-stream",
                                     "buffer": payload}])
    expect(page.get_by_test_id("stFileChipName").filter(has_text=name)).to_be_visible()
    expect(page.get_by_test_id("stFileChipIconSpinner")).to_have_count(0)
    wait_idle(page)


def download(page: Page, button: str) -> tuple[str, bytes]:
    """Click a download button; (suggested file name, content). Excel: openpyxl.load_workbook(
    io.BytesIO(content))."""
    with page.expect_download() as started:
        page.get_by_role("button", name=button).click()
    saved = started.value
    return saved.suggested_filename, saved.path().read_bytes()


def expect_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def screenshot(page: Page, name: str, readme: bool = False) -> Path:
    """Save a full-page PNG as a CI artefact. readme=True also writes docs/screenshots/<name>.png
    when it is missing or UPDATE_SCREENSHOTS=1 (so a test run leaves the work tree clean)."""
    wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    readme_path = README_SHOTS / f"{name}.png"
    if readme and (not readme_path.exists() or os.environ.get("UPDATE_SCREENSHOTS") == "1"):
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=readme_path, type="png")
    return path
