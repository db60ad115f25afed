"""Sign-in for real: the app with `[auth]` secrets pointing at a local OpenID Connect provider
(the npm package oidc-provider, tests/browser/oidc/provider.mjs), and Chromium signing in on
the provider's own sign-in page as fixed test accounts whose groups claim gives their roles:

- ada: administrator of Vejle; rita: reader in Vejle; kim: editor in Acme (a company), through
  the group "g-acme-editors" that `[access.groups]` maps to "acme:editor".

Vejle's case is confidential until its council decides: nothing shows it to a visitor who has
not signed in, a reader cannot change it, and Acme finds it by no page, address or id until
Vejle shares it, and only while it is shared. The audit table records each action once.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from calculators.model import Scenario
from calculators.scenario_file import load_sample
from storage import ADMIN, EDITOR, Actor, Library
from storage.tables import audit
from tests.browser.driver import (
    FIRST_RUN_MS,
    VIEWPORT,
    click_button,
    count_finished_runs,
    download,
    expect_no_exception,
    fill_text,
    open_page,
    rerun_after,
    screenshot,
    wait_idle,
)
from tests.browser.server import (
    LIBRARY_FILE,
    free_port,
    oidc_provider_missing,
    running_app,
    running_oidc_provider,
)
from tests.browser.test_deep_link import SECTIONS
from ui.i18n import translate

MISSING = oidc_provider_missing()
pytestmark = [pytest.mark.browser, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]

CLIENT_ID, CLIENT_SECRET = "business-case-app", "test-client-secret"
SECRET_CASE = "Vejle: vasketoiletter – fortroligt til byrådet har besluttet"
PITCH_CASE = "Acme: loftlifte til plejecentrene"
ADA = Actor("ada", "Ada Admin", "ada@vejle.dk", (("vejle", ADMIN),))
KIM = Actor("kim", "Kim Editor", "kim@acme.dk", (("acme", EDITOR),))
SECRETS = """\
[auth]
redirect_uri = "{app}/oauth2callback"
cookie_secret = "a-long-random-test-cookie-secret-0123456789"
client_id = "{client_id}"
client_secret = "{client_secret}"
server_metadata_url = "{issuer}/.well-known/openid-configuration"
client_kwargs = {{ scope = "openid email profile groups", prompt = "login" }}

[access]
groups_claim = "groups"

[access.groups]
"g-acme-editors" = "acme:editor"
"""


def da(key: str, **values: object) -> str:
    return translate("da", key, **values)


@dataclass(frozen=True)
class SignInApp:
    url: str
    library: Library  # the app's library, acting as the local user (for setting up only)
    secret_id: int  # Vejle's confidential case
    pitch_id: int  # Acme's own case


def titled(sample: str, title: str) -> Scenario:
    return Scenario.model_validate({**load_sample(sample).model_dump(), "title": title})


@pytest.fixture(scope="module")
def sign_in_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignInApp]:
    folder = tmp_path_factory.mktemp("sign_in")
    library = Library.open(f"sqlite:///{folder / LIBRARY_FILE}")
    secret = library.acting_as(ADA).create(titled("aarhus_toilet", SECRET_CASE), "",
                                           "before the council")
    pitch = library.acting_as(KIM).create(titled("ceiling_lifts", PITCH_CASE), "", "pitch")
    port = free_port()
    app = f"http://127.0.0.1:{port}"
    with running_oidc_provider(folder, CLIENT_ID, CLIENT_SECRET,
                               f"{app}/oauth2callback") as issuer:
        secrets = folder / "secrets.toml"
        secrets.write_text(SECRETS.format(app=app, issuer=issuer, client_id=CLIENT_ID,
                                          client_secret=CLIENT_SECRET), encoding="utf-8")
        with running_app(folder, port, options=("--secrets.files", str(secrets))) as (url, _):
            yield SignInApp(url, library, secret.id, pitch.id)
    library.dispose()


def loopback_only(context: BrowserContext) -> None:
    """Refuse every request that would leave this machine (the provider's development sign-in
    page imports a web font)."""
    context.route("**/*", lambda route: route.continue_()
                  if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}
                  else route.abort())


@pytest.fixture
def new_context(browser: Browser) -> Iterator:
    """Fresh browser contexts (each its own cookies, so its own signed-in user)."""
    opened: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        loopback_only(context)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def expect_sign_in_page(page: Page) -> None:
    expect(page.get_by_role("heading", name=da("auth.title"), exact=True)).to_be_visible(
        timeout=FIRST_RUN_MS)
    wait_idle(page)
    expect(page.get_by_role("button", name=da("auth.sign_in"), exact=True)).to_be_visible()


def sign_in(context: BrowserContext, app: SignInApp, login: str) -> Page:
    """Sign in on the provider's own sign-in page; back in the app, on the Library page."""
    page = context.new_page()
    count_finished_runs(page)
    page.goto(f"{app.url}/library")
    expect_sign_in_page(page)
    page.get_by_role("button", name=da("auth.sign_in"), exact=True).click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password: the test provider checks none")
    page.get_by_role("button", name="Sign-in").click()
    expect(page).to_have_url(f"{app.url}/", timeout=FIRST_RUN_MS)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(da("auth.signed_in_as", who=""), exact=False)).to_be_visible(
        timeout=FIRST_RUN_MS)
    wait_idle(page)
    open_page(page, da("nav.library"))
    return page


def reload(page: Page) -> None:
    """A new session of the same signed-in browser (the sign-in cookie stays)."""
    rerun_after(page, page.reload)


def audit_rows(app: SignInApp, after: int = 0) -> list[tuple]:
    a = audit
    with app.library.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(a.c.subject, a.c.organisation, a.c.action, a.c.scenario_id, a.c.version,
                   a.c.detail).where(a.c.id > after).order_by(a.c.id))]


def last_audit_id(app: SignInApp) -> int:
    with app.library.engine.connect() as conn:
        return conn.execute(select(audit.c.id).order_by(audit.c.id.desc())).scalar() or 0


def body_text(page: Page) -> str:
    wait_idle(page)
    return page.locator("body").inner_text()


def error_shown(page: Page, key: str) -> None:
    alert = page.get_by_test_id("stAlert").filter(has_text=da(key, detail="").strip())
    expect(alert).to_be_visible()


def test_a_visitor_who_has_not_signed_in_sees_no_case(new_context, sign_in_app: SignInApp):
    page = new_context().new_page()
    pages = [name for names in SECTIONS.values() for name in names if name != "business_case"]
    paths = ["no_such_page", "", *pages, f"compare?id={sign_in_app.secret_id}",
             f"library?case={sign_in_app.secret_id}"]
    for path in paths:
        page.goto(f"{sign_in_app.url}/{path}")
        expect_sign_in_page(page)
        shown = body_text(page)
        assert SECRET_CASE not in shown and PITCH_CASE not in shown, path
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect_no_exception(page)
    screenshot(page, "sign_in_page")


def test_a_reader_cannot_save_and_after_signing_out_sees_nothing(new_context,
                                                                 sign_in_app: SignInApp):
    before = last_audit_id(sign_in_app)
    page = sign_in(new_context(), sign_in_app, "rita")
    expect(page.get_by_text(da("auth.signed_in_as", who="Rita Reader <rita@vejle.dk>"))
           ).to_be_visible()
    assert SECRET_CASE in body_text(page) and PITCH_CASE not in body_text(page)
    click_button(page, da("lib.open"))
    open_page(page, da("nav.library"))
    click_button(page, da("lib.save"))
    error_shown(page, "lib.forbidden")
    click_button(page, da("lib.save_as"))
    error_shown(page, "lib.forbidden")
    expect_no_exception(page)
    assert [v.number for v in sign_in_app.library.acting_as(ADA).versions(
        sign_in_app.secret_id)] == [1]
    assert audit_rows(sign_in_app, before) == []
    # signed out, at the provider too: the same browser sees the sign-in page again
    page.get_by_role("button", name=da("auth.sign_out"), exact=True).click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(f"{sign_in_app.url}/")
    page.goto(f"{sign_in_app.url}/library")
    expect_sign_in_page(page)
    assert SECRET_CASE not in body_text(page)


def visit(page: Page, app: SignInApp, path: str) -> None:
    """Go to an address of the app (a new session of the signed-in browser)."""
    rerun_after(page, lambda: page.goto(f"{app.url}/{path}"))
    expect_no_exception(page)


def choices(page: Page, label: str) -> str:
    """The options a select box or multiselect offers, as one text."""
    page.get_by_role("combobox", name=label, exact=True).click()
    offered = " | ".join(page.get_by_role("option").all_inner_texts())
    page.keyboard.press("Escape")
    return offered


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).click()
    rerun_after(page, page.get_by_role("option", name=option, exact=True).click)


def expand(page: Page, label: str) -> None:
    """Open the expander with this label unless it is open (a rerun may close it)."""
    details = page.locator("details").filter(
        has=page.locator("summary").filter(has_text=label))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(details).to_have_attribute("open", "")


def titles_in_zip(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [json.loads(archive.read(name))["title"] for name in archive.namelist()]


def found_nowhere(page: Page, app: SignInApp) -> None:
    """Nothing of Vejle's case on Acme's pages: the library (by address with the case's id, by
    its list and by a search for its title), the choices of compare, the portfolio and the
    meeting's choice of case; the zip of every case shown holds only Acme's own."""
    visit(page, app, f"library?case={app.secret_id}")
    assert SECRET_CASE not in body_text(page) and PITCH_CASE in body_text(page)
    fill_text(page, da("lib.search"), SECRET_CASE)
    expect(page.get_by_text(da("lib.no_match"))).to_be_visible()
    fill_text(page, da("lib.search"), "")
    assert titles_in_zip(download(page, da("lib.export_zip"))[1]) == [PITCH_CASE]
    visit(page, app, "compare")
    assert PITCH_CASE[:15] in body_text(page)  # chosen at once, beside the current scenario
    assert SECRET_CASE not in choices(page, da("cmp.pick")) + body_text(page)
    visit(page, app, "portfolio")
    assert SECRET_CASE not in body_text(page)
    visit(page, app, "meeting")
    page.get_by_role("button", name=da("meeting.source")).click()  # a popover: no rerun
    assert SECRET_CASE not in choices(page, da("meeting.source_pick")) + body_text(page)


def test_another_organisation_sees_a_case_only_while_it_is_shared(new_context,
                                                                  sign_in_app: SignInApp):
    app = sign_in_app
    kim = sign_in(new_context(), app, "kim")
    found_nowhere(kim, app)

    ada = sign_in(new_context(), app, "ada")
    page_text = body_text(ada)
    assert SECRET_CASE in page_text and PITCH_CASE not in page_text
    expand(ada, da("share.title"))
    fill_text(ada, da("share.organisation"), "acme")
    click_button(ada, da("share.share"))
    expect(ada.get_by_text(da("share.done", who="acme"))).to_be_visible()

    visit(kim, app, "library")
    choose(kim, da("lib.choose"), f"{app.secret_id} · {SECRET_CASE} (v1)")
    name, content = download(kim, da("lib.export_json"))
    assert json.loads(content)["title"] == SECRET_CASE and name.endswith(".json")
    click_button(kim, da("lib.delete"))  # read-only
    error_shown(kim, "lib.forbidden")
    screenshot(kim, "sign_in_shared_read_only")
    visit(kim, app, "meeting")
    kim.get_by_role("button", name=da("meeting.source")).click()
    choose(kim, da("meeting.source_pick"), da("meeting.source_saved", id=app.secret_id,
                                              title=SECRET_CASE, version=1))
    kim.keyboard.press("Escape")
    kim.get_by_role("button", name=da("meeting.downloads")).click()
    assert download(kim, da("download.pdf"))[1].startswith(b"%PDF")

    expand(ada, da("share.title"))
    click_button(ada, da("share.withdraw"))
    expect(ada.get_by_text(da("share.none"))).to_be_attached()  # in the closed expander
    found_nowhere(kim, app)
    expect_no_exception(ada)

    secret, pitch = app.secret_id, app.pitch_id
    assert audit_rows(app) == [
        ("ada", "vejle", "save", secret, 1, "new"), ("kim", "acme", "save", pitch, 1, "new"),
        ("kim", "acme", "export", pitch, 1, "zip"),
        ("ada", "vejle", "share", secret, None, "acme"),
        ("kim", "vejle", "export", secret, 1, "json"),
        ("kim", "vejle", "export", secret, 1, "pdf"),
        ("ada", "vejle", "unshare", secret, None, "acme"),
        ("kim", "acme", "export", pitch, 1, "zip")]
