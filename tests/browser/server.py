"""Start the real app with `streamlit run` on a free loopback port (browser tests, stress)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT = Path(sys.executable).with_name("streamlit")
START_TIMEOUT_S = 60.0
LIBRARY_FILE = "library.db"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running_app(data_dir: Path, port: int | None = None,
                script: str = "app.py") -> Iterator[tuple[str, int]]:
    """Yield (url, server pid) of `streamlit run app.py` (or another script under the project,
    e.g. the benchmarks' minimal app); the library lives in data_dir."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {"SCENARIO_DB_PATH": str(data_dir / LIBRARY_FILE)}
    env.pop("DATABASE_URL", None)
    command = [str(STREAMLIT), "run", script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = (data_dir / "streamlit.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {(data_dir / 'streamlit.log')}")
            time.sleep(0.2)
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
