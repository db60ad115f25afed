"""Start the real app with `streamlit run` on a free loopback port (browser tests, stress), and
the local OpenID Connect provider the sign-in test signs in with (tests/browser/oidc)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT = Path(sys.executable).with_name("streamlit")
START_TIMEOUT_S = 60.0
LIBRARY_FILE = "library.db"
OIDC_DIR = ROOT / "tests" / "browser" / "oidc"
OIDC_NODE_MAJOR = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    """The server at url answers a GET with 200 OK."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def _serving(command: list[str], cwd: Path, env: dict[str, str], log_path: Path,
             ready_url: str, what: str) -> Iterator[int]:
    """Run command (its output in log_path) until the block ends; yield its pid once it
    answers at ready_url."""
    log = log_path.open("wb")
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not answers(ready_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start: {log_path}")
            time.sleep(0.2)
        yield server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@contextlib.contextmanager
def running_app(data_dir: Path, port: int | None = None, script: str = "app.py",
                options: Sequence[str] = ()) -> Iterator[tuple[str, int]]:
    """Yield (url, server pid) of `streamlit run app.py` (or another script under the project,
    e.g. the benchmarks' minimal app); the library lives in data_dir. options: more
    command-line options, e.g. ("--secrets.files", path) for sign-in."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {"SCENARIO_DB_PATH": str(data_dir / LIBRARY_FILE)}
    env.pop("DATABASE_URL", None)
    command = [str(STREAMLIT), "run", script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               *options]
    with _serving(command, ROOT, env, data_dir / "streamlit.log", f"{url}/_stcore/health",
                  "streamlit") as pid:
        yield url, pid


def oidc_provider_missing() -> str | None:
    """Why the local OpenID Connect provider cannot run here, or None when it can."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed (Debian's nodejs; .ci/run installs it)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    if int(version.strip().lstrip("v").split(".")[0] or 0) < OIDC_NODE_MAJOR:
        return f"oidc-provider needs Node.js {OIDC_NODE_MAJOR} or newer, not {version.strip()}"
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        return f"oidc-provider is not installed: run `npm ci` in {OIDC_DIR} (.ci/run does it)"
    return None


@contextlib.contextmanager
def running_oidc_provider(log_dir: Path, client_id: str, client_secret: str,
                          redirect_uri: str) -> Iterator[str]:
    """Yield the issuer URL of tests/browser/oidc/provider.mjs (the npm package oidc-provider
    with fixed test accounts) on a free loopback port, with one client: the app."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = os.environ | {"OIDC_PORT": str(port), "OIDC_CLIENT_ID": client_id,
                        "OIDC_CLIENT_SECRET": client_secret,
                        "OIDC_REDIRECT_URI": redirect_uri}
    with _serving(["node", "provider.mjs"], OIDC_DIR, env, log_dir / "oidc-provider.log",
                  f"{issuer}/.well-known/openid-configuration", "the OpenID Connect provider"):
        yield issuer
