"""`make run` installs only what running needs; `make test` adds the test tools. Checked with a
dry run (`make -n`) against a virtual environment that does not exist yet."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str, venv: Path) -> str:
    return subprocess.run(["make", "-n", target, f"VENV={venv}"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def test_run_installs_only_the_runtime_requirements(tmp_path: Path) -> None:
    commands = dry_run("run", tmp_path / "venv")
    assert "pip install --quiet -r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands
    assert "streamlit run app.py" in commands


def test_test_adds_the_test_tools(tmp_path: Path) -> None:
    commands = dry_run("test", tmp_path / "venv")
    runtime = commands.index("-r requirements.txt")
    dev = commands.index("-r requirements-dev.txt")
    assert runtime < dev < commands.index("-m pytest")


def test_test_tools_are_not_runtime_requirements() -> None:
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for tool in ("pytest", "playwright", "hypothesis", "ruff"):
        assert tool not in runtime, tool
