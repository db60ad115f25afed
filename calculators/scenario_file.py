"""The scenario JSON file format: read with a clear error, write deterministically."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from calculators.model import Scenario

MAX_FILE_BYTES = 20 * 1024 * 1024
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
DEFAULT_SAMPLE = "aarhus_toilet"


class ScenarioFileError(ValueError):
    """A file that is not a valid scenario.

    `code` names the problem for translation (too_large, not_json, not_scenario, invalid,
    unreadable); `validation` holds pydantic's errors when the code is "invalid".
    """

    def __init__(self, code: str, message: str, validation: ValidationError | None = None):
        super().__init__(message)
        self.code = code
        self.validation = validation


def error_location(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "scenario"


def parse_scenario(data: bytes | str, max_bytes: int | None = MAX_FILE_BYTES) -> Scenario:
    """The scenario in a JSON file; `max_bytes` None reads a trusted copy of any size."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ScenarioFileError("too_large", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError) as exc:
        # ValueError covers bad JSON, bad UTF-8 and integers longer than Python's 4,300-digit
        # limit; RecursionError a file nested too deeply to read.
        raise ScenarioFileError("not_json", f"not a JSON file ({exc})") from exc
    if not isinstance(raw, dict) or "title" not in raw:
        raise ScenarioFileError("not_scenario", "JSON, but not a scenario (no title)")
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        first = "; ".join(f"{error_location(e['loc'])}: {e['msg']}" for e in exc.errors()[:3])
        raise ScenarioFileError("invalid", f"invalid scenario: {first}", exc) from exc


def load_scenario(path: str | Path) -> Scenario:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ScenarioFileError("unreadable", f"cannot read it ({exc.strerror})") from exc
    return parse_scenario(data)


def dump_scenario(scenario: Scenario) -> str:
    return scenario.model_dump_json(indent=2) + "\n"


def slug(title: str) -> str:
    """A safe file stem from a title.

    >>> slug("Vaske-/tørretoilet – Aarhus")
    'vaske_tørretoilet_aarhus'
    """
    kept = "".join(c if c.isalnum() else "_" for c in title.lower())
    return "_".join(part for part in kept.split("_") if part)[:60] or "scenario"


def scenario_json_schema() -> str:
    return json.dumps(Scenario.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def sample_names() -> list[str]:
    return sorted(p.stem for p in SAMPLE_DIR.glob("*.json") if p.stem != "scenario.schema")


def load_sample(name: str = DEFAULT_SAMPLE) -> Scenario:
    return load_scenario(SAMPLE_DIR / f"{name}.json")
