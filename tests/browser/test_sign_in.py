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
    expect_no_exception,
    open_page,
    rerun_after,
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

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(oidc_provider_missing() is not None,
                                 reason=oidc_provider_missing() or "")]

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
    paths = ["", *pages, f"library?case={sign_in_app.secret_id}",
             f"compare?id={sign_in_app.secret_id}", "no_such_page"]
    for path in paths:
        page.goto(f"{sign_in_app.url}/{path}")
        expect_sign_in_page(page)
        shown = body_text(page)
        assert SECRET_CASE not in shown and PITCH_CASE not in shown, path
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect_no_exception(page)


def test_a_reader_cannot_save(new_context, sign_in_app: SignInApp):
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
