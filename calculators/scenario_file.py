"""The scenario JSON file format: read with a clear error, write deterministically."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from calculators.model import Scenario

MAX_FILE_BYTES = 20 * 1024 * 1024


class ScenarioFileError(ValueError):
    """A file that is not a valid scenario. `errors` holds (location, message) pairs."""

    def __init__(self, message: str, errors: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.errors = errors or []


def error_location(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "scenario"


def parse_scenario(data: bytes | str) -> Scenario:
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioFileError(f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioFileError(f"not a JSON file ({exc})") from exc
    if not isinstance(raw, dict) or "title" not in raw:
        raise ScenarioFileError("JSON, but not a scenario (no title)")
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        errors = [(error_location(e["loc"]), e["msg"]) for e in exc.errors()]
        first = "; ".join(f"{loc}: {msg}" for loc, msg in errors[:3])
        raise ScenarioFileError(f"invalid scenario: {first}", errors) from exc


def load_scenario(path: str | Path) -> Scenario:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ScenarioFileError(f"cannot read {path}: {exc.strerror}") from exc
    return parse_scenario(data)


def dump_scenario(scenario: Scenario) -> str:
    return scenario.model_dump_json(indent=2) + "\n"


def scenario_json_schema() -> str:
    return json.dumps(Scenario.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
