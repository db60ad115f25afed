"""The deployment files hang together: compose services, proxy upstreams, Dockerfile, nginx -t.
(Docker itself is not run here; tests/browser/test_proxy.py runs the nginx config for real.)"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import streamlit
import yaml

from tests.browser.server import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
APPS = sorted(name for name in COMPOSE["services"] if name.startswith("app-"))


def upstream_servers(conf: str) -> list[str]:
    block = re.search(r"upstream streamlit \{(.*?)\}", conf, re.S).group(1)
    return re.findall(r"^\s*server\s+(\S+)", block, re.M)


def local_nginx_conf(conf: str, addresses: list[str]) -> str:
    """The deploy config pointed at local servers instead of the compose service names."""
    servers = "".join(f"        server {address} max_fails=3 fail_timeout=10s;\n"
                      for address in addresses)
    return re.sub(r"(upstream streamlit \{\n        hash \$route_key consistent;\n)"
                  r"(?:        server .*\n)+", lambda m: m.group(1) + servers, conf)


def test_replicas_share_one_postgres_and_one_cookie_secret() -> None:
    assert len(APPS) >= 2
    services = [COMPOSE["services"][name] for name in APPS]
    for service in services:
        url = service["environment"]["DATABASE_URL"]
        assert re.fullmatch(r"postgresql\+psycopg://velfaerd:\$\{POSTGRES_PASSWORD:\?[^}]+\}"
                            r"@db:5432/velfaerd", url), url
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
    secrets = {service["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"] for service in services}
    assert len(secrets) == 1


def test_only_the_proxy_is_published_and_postgres_keeps_its_data() -> None:
    services = COMPOSE["services"]
    published = sorted(name for name, service in services.items() if service.get("ports"))
    assert published == ["proxy"]
    assert services["proxy"]["ports"] == ["${HTTP_PORT:-8080}:80"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in services["proxy"]["volumes"]
    volume, mount = services["db"]["volumes"][0].split(":")
    assert mount == "/var/lib/postgresql/data" and volume in COMPOSE["volumes"]
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]


def test_proxy_routes_to_every_replica_with_sticky_sessions_and_websockets() -> None:
    assert upstream_servers(NGINX_CONF) == [f"{name}:8501" for name in APPS]
    assert "hash $route_key consistent;" in NGINX_CONF
    assert "Set-Cookie \"bc_route=$route_key" in NGINX_CONF
    assert "proxy_set_header Upgrade $http_upgrade;" in NGINX_CONF
    assert "proxy_set_header Connection $connection_upgrade;" in NGINX_CONF
    assert local_nginx_conf(NGINX_CONF, ["127.0.0.1:1"]).count("server 127.0.0.1:1 ") == 1


def test_dockerfile_is_slim_pinned_unprivileged_and_health_checked() -> None:
    assert DOCKERFILE.startswith("#") and "\nFROM python:3.11-slim\n" in DOCKERFILE
    assert re.search(r"^USER app$", DOCKERFILE, re.M)
    assert "/_stcore/health" in DOCKERFILE.split("HEALTHCHECK", 1)[1]
    requirements = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
                    if line.strip() and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line) for line in requirements)
    assert "psycopg" in " ".join(requirements)


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_config(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(local_nginx_conf(NGINX_CONF, ["127.0.0.1:8501", "127.0.0.1:8502"]))
    done = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(conf),
                           "-e", "stderr"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def header_value(name: str) -> str:
    """The value of an `add_header <name> "<value>" always;` line in deploy/nginx.conf."""
    match = re.search(rf'add_header {name} "?([^"\n]*?)"? always;', NGINX_CONF)
    assert match, f"deploy/nginx.conf sets no {name}"
    return match.group(1)


def test_the_proxy_sets_security_headers_that_allow_only_the_apps_own_origin() -> None:
    policy = dict(part.strip().split(" ", 1) for part in
                  header_value("Content-Security-Policy").split(";"))
    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in str(policy)
    assert header_value("X-Content-Type-Options") == "nosniff"
    assert header_value("Referrer-Policy") == "same-origin"
    assert header_value("Strict-Transport-Security") == "$hsts"
    assert '"~^https:"     "max-age=31536000; includeSubDomains"' in NGINX_CONF


def test_the_policy_allows_streamlits_one_inline_script() -> None:
    """Streamlit's index.html runs one inline script; the policy names it by its hash, so a
    Streamlit upgrade that changes it fails here rather than in the users' browsers."""
    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    scripts = re.findall(r"<script>(.*?)</script>", index, flags=re.DOTALL)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    allowed = set(re.findall(r"'sha256-([^']+)'", header_value("Content-Security-Policy")))
    assert hashes and hashes == allowed
