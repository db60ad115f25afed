"""Playwright helpers for driving the Streamlit app like a user (role and text locators)."""

from __future__ import annotations

import io
import os
import re
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.server import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 1000}
ARTIFACT_SIZES = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]
README_SIZE = {"width": 1440, "height": 900}
ARTIFACTS = ROOT / "artifacts" / "screenshots"
README_SHOTS = ROOT / "docs" / "screenshots"
TIMEOUT_MS = 30_000
GRID_TRIES, GRID_WAIT_MS = 3, 3_000
GRID_RUN_MS = 10_000  # a typed cell's run starts at once; after this the edit was lost
FIRST_RUN_MS = 120_000  # a session's first run imports the whole app: slow on a loaded machine
expect.set_options(timeout=TIMEOUT_MS)  # a loaded CI machine can take seconds per rerun


def wait_idle(page: Page) -> None:
    """Wait until the script run has finished and the 'running' indicator has gone."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")


FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
SMALL_FRAME = 4096  # a script_finished message is a few dozen bytes; deltas are left unparsed
_runs_finished: weakref.WeakKeyDictionary[Page, list[int]] = weakref.WeakKeyDictionary()


def count_finished_runs(page: Page) -> None:
    """Count the script runs the server reports finished to this page, read from the
    websocket's ForwardMsgs (a run cut short by another run does not count)."""
    finished = _runs_finished.setdefault(page, [0])

    def on_frame(payload: str | bytes) -> None:
        if isinstance(payload, bytes) and len(payload) < SMALL_FRAME:
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished" and (
                    message.script_finished in FINISHED):
                finished[0] += 1

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))


def rerun_after(page: Page, action: Callable[[], None]) -> None:
    """Do action and wait until the server has finished the script run it causes. Waiting for
    the page to look idle is not enough: it can pass before that run has started, and a
    navigation sent in that moment replaces the run (and with it a button's click). The
    page's own running state cannot tell either, as React may draw a whole short run at once."""
    assert ran_after(page, action, TIMEOUT_MS), "no script run finished after the action"
    wait_idle(page)


def ran_after(page: Page, action: Callable[[], None], timeout_ms: int) -> bool:
    """Do action; whether a script run finished within timeout_ms after it."""
    finished = _runs_finished[page]
    before = finished[0]
    action()
    deadline = time.monotonic() + timeout_ms / 1000
    while finished[0] == before:
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(25)  # lets Playwright deliver the websocket events
    return True


def open_lazy_tab(page: Page, name: str) -> None:
    """Open a tab drawn only while it is open (the business case's inputs): the click reruns
    the page, and a field looked for before that run has finished can be redrawn under the
    test's hands."""
    tab = page.get_by_role("tab", name=name, exact=True)
    if tab.get_attribute("aria-selected") != "true":
        rerun_after(page, tab.click)


def open_app(page: Page, url: str) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    count_finished_runs(page)
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_RUN_MS)
    wait_idle(page)


def open_page(page: Page, title: str) -> None:
    """Open a page from the sidebar navigation (shown once the app has two or more pages)."""
    nav = page.get_by_test_id("stSidebarNav")
    if nav.count():
        link = nav.get_by_role("link", name=title, exact=True)
        target = link.get_attribute("href") or ""
        rerun_after(page, link.click)
        expect(page).to_have_url(target)


def set_language(page: Page, name: str) -> None:
    """Choose the language in the sidebar, or with meeting mode's own button when the
    sidebar is hidden. Waits for one of them: on a loaded machine the sidebar can be drawn
    well after the first key figure, and looking only once would pick the wrong one."""
    radio = page.get_by_test_id("stSidebar").get_by_role("radio", name=name, exact=True)
    button = page.get_by_role("button", name=name, exact=True)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not (radio.is_visible() or button.is_visible()):
        assert time.monotonic() < deadline, f"no language choice named {name!r} on the page"
        page.wait_for_timeout(50)
    rerun_after(page, (radio if radio.is_visible() else button).click)


def metric_value(page: Page, label: str) -> Locator:
    card = page.get_by_test_id("stMetric").filter(has_text=label)
    return card.get_by_test_id("stMetricValue")


def fill_number(page: Page, label: str, text: str) -> None:
    """Type text key by key into the number field with this label, as the page's language
    writes numbers ('0,5' in Danish); an element left over from the previous run (Streamlit
    marks it data-stale while the new run draws) is never the one typed into."""
    wait_idle(page)
    current = page.locator('[data-testid="stElementContainer"]:not([data-stale="true"])')
    field = current.get_by_label(label, exact=True)
    field.fill("")
    field.press_sequentially(text)
    rerun_after(page, lambda: field.press("Enter"))


def fill_text(page: Page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    rerun_after(page, lambda: field.press("Enter"))


def click_button(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    expect(button).to_have_count(1)  # a rerun can show the old and the new element for a moment
    rerun_after(page, button.click)


def edit_grid_cell(page: Page, grid: Locator, row: int, column: int, value: str) -> None:
    """Type value into an st.data_editor cell: row and column count from 0 (index hidden), the
    grid's rows and header being 35 px high. A grid redrawn by the previous run can take the
    first click before it is ready, or drop what was typed: the cell is edited again until
    its editor opens and its Enter starts a run."""
    editor = page.locator("#portal input:focus, #portal textarea:focus")
    for _ in range(GRID_TRIES):
        wait_idle(page)
        grid.click(position={"x": 40, "y": 35 * (row + 1) + 17})
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            expect(editor).to_have_count(1, timeout=GRID_WAIT_MS)
        except AssertionError:
            page.keyboard.press("Escape")
            continue
        editor.fill("")
        editor.press_sequentially(value)  # key by key, as a user types
        # a grid redrawn by the previous run's last message can drop what was just typed
        if ran_after(page, lambda: editor.press("Enter"), GRID_RUN_MS):
            wait_idle(page)
            return
    raise AssertionError(f"the cell ({row}, {column}) took no edit in {GRID_TRIES} tries")


def grid_cell(page: Page, text: str) -> Locator:
    """st.dataframe cells showing exactly text (the canvas grid keeps its text in a hidden table,
    out of the accessibility tree, so role locators cannot see it)."""
    return page.locator("td[role=gridcell]").filter(has_text=re.compile(f"^{re.escape(text)}$"))


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
    wait_idle(page)
    for attempt in range(2):
        try:
            with page.expect_download() as started:
                page.get_by_role("button", name=button).click()
            break
        except PlaywrightTimeout:  # a loaded machine redrew the button under the click
            if attempt:
                raise
            wait_idle(page)
    saved = started.value
    return saved.suggested_filename, saved.path().read_bytes()


def expect_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG of the current viewport as a CI artefact."""
    wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def _resize(page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")  # charts re-lay out on the next frames
    wait_idle(page)


def screenshots_of_page(page: Page, name: str) -> None:
    """Artefacts at each size in ARTIFACT_SIZES; plus docs/screenshots/<name>.png for the README
    (README_SIZE, quantised to 256 colours to stay small) when it is missing or
    UPDATE_SCREENSHOTS=1, so a test run leaves the work tree clean."""
    for size in ARTIFACT_SIZES:
        _resize(page, size)
        screenshot(page, f"{name}_{size['width']}x{size['height']}")
    readme_path = README_SHOTS / f"{name}.png"
    if not readme_path.exists() or os.environ.get("UPDATE_SCREENSHOTS") == "1":
        _resize(page, README_SIZE)
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        image = Image.open(io.BytesIO(page.screenshot(type="png"))).convert("RGB")
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(readme_path,
                                                                          optimize=True)
    _resize(page, VIEWPORT)
