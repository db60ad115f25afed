"""The deploy/nginx.conf proxy for real: two `streamlit run` replicas behind Debian's nginx.

Uploads travel over HTTP and edits over the websocket; both must reach the replica that holds
the browser's session, so every step below fails when the proxy is not sticky.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, Page, expect

from calculators.scenario_file import SAMPLE_DIR, load_sample
from tests.browser.driver import (
    VIEWPORT,
    fill_number,
    metric_value,
    open_app,
    open_lazy_tab,
    open_page,
    upload,
)
from tests.browser.server import ROOT, free_port, running_app
from tests.test_deployment import local_nginx_conf

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")]

REPLICAS = 2
SESSIONS = 4


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


@pytest.fixture(scope="module")
def proxy_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with ExitStack() as stack:
        addresses = []
        for i in range(REPLICAS):
            url, _pid = stack.enter_context(running_app(tmp_path_factory.mktemp(f"replica{i}")))
            addresses.append(url.removeprefix("http://"))
        port = free_port()
        prefix = tmp_path_factory.mktemp("nginx")
        prefix.chmod(0o777)
        conf = local_nginx_conf((ROOT / "deploy" / "nginx.conf").read_text(), addresses)
        (prefix / "nginx.conf").write_text(conf.replace("listen 80;",
                                                        f"listen 127.0.0.1:{port};"))
        nginx = subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                  "-e", "stderr", "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stack.callback(nginx.wait, 10)
        stack.callback(nginx.terminate)
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"


def edit_through_the_proxy(page: Page, proxy_url: str) -> None:
    """Two uploads (HTTP) and an edit (websocket) in one session, each checked on screen."""
    lifts, aarhus = load_sample("ceiling_lifts"), load_sample("aarhus_toilet")
    open_app(page, proxy_url)
    upload(page, "ceiling_lifts.json", (SAMPLE_DIR / "ceiling_lifts.json").read_bytes())
    expect(page.get_by_role("heading", level=1)).to_have_text(lifts.title)
    upload(page, "aarhus_toilet.json", (SAMPLE_DIR / "aarhus_toilet.json").read_bytes())
    expect(page.get_by_role("heading", level=1)).to_have_text(aarhus.title)
    open_lazy_tab(page, "Skala og tid")
    fill_number(page, "Implementeringsperiode (mdr.)", "6")
    expect(metric_value(page, "Udgifterne dækket efter")).to_have_text("10,4 mdr.")


def test_sessions_through_the_proxy_keep_their_replica(browser: Browser, proxy_url: str) -> None:
    """Each of four sessions uploads twice and edits through the proxy. On a loaded CI machine
    a session's websocket was occasionally lost for good (the browser's DISCONNECTED_FOREVER)
    during the second upload, with nothing in the replicas' or nginx's logs; the cause is not
    found. Such a session is opened again once in the same browser context, which carries the
    same route cookie: a proxy that does not keep the replica still fails, as the upload and
    the edit would then reach a replica that does not hold the session."""
    contexts = [browser.new_context(viewport=VIEWPORT) for _ in range(SESSIONS)]
    try:
        routes = set()
        for context in contexts:
            try:
                edit_through_the_proxy(context.new_page(), proxy_url)
            except AssertionError:
                edit_through_the_proxy(context.new_page(), proxy_url)
            routes |= {c["value"] for c in context.cookies() if c["name"] == "bc_route"}
        assert len(routes) == SESSIONS
    finally:
        for context in contexts:
            context.close()


def test_the_app_runs_under_the_proxys_security_headers(browser: Browser, proxy_url: str) -> None:
    """Every page's charts, styles and websocket work under the Content-Security-Policy: the
    browser reports no violation, and the page cannot be framed."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text)
                if "Content Security Policy" in message.text else None)
        headers = page.request.get(proxy_url).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert "strict-transport-security" not in headers  # plain HTTP here
        over_tls = page.request.get(proxy_url, headers={"X-Forwarded-Proto": "https"}).headers
        assert over_tls["strict-transport-security"].startswith("max-age=31536000")
        open_app(page, proxy_url)
        for title in ("Usikkerhed", "Bibliotek", "Portefølje"):
            open_page(page, title)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert refused == [], refused
    finally:
        context.close()
