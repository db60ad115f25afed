"""Shared by the Excel tests: recalculate workbooks with LibreOffice, read values back."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from calculators.model import (
    CostCategory,
    CostKind,
    CostLine,
    GainKind,
    GainLine,
    GainOwner,
    Period,
    Scale,
    Scenario,
)
from exporters.excel import workbook_bytes
from exporters.excel_spec import KEY_COLUMN

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)

# Always recalculate OOXML files on load (the workbook carries no cached values).
RECALC_ITEM = ('<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
               '<prop oor:name="{}" oor:op="fuse"><value>0</value></prop></item>')
RECALC_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + RECALC_ITEM.format("OOXMLRecalcMode") + RECALC_ITEM.format("ODFRecalcMode")
    + "\n</oor:items>\n"
)


def recalculate(paths: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """One soffice run recalculating every workbook; returns the recalculated copies."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(RECALC_SETTINGS)
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir),
         *map(str, paths)],
        check=True, capture_output=True, timeout=600,
    )
    results = [out_dir / p.name for p in paths]
    missing = [p.name for p in results if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return results


Written = dict[str, tuple[Path, Scenario, str]]


def write_cases(folder: Path, cases: dict[str, tuple[Scenario, str]]) -> Written:
    """Each case exported to folder/<key>.xlsx: key -> (path, scenario, language)."""
    written = {}
    for key, (scenario, lang) in cases.items():
        path = folder / f"{key}.xlsx"
        path.write_bytes(workbook_bytes(scenario, lang))
        written[key] = (path, scenario, lang)
    return written


def recalculate_cases(folder: Path, written: Written) -> Written:
    """Every written workbook recalculated in ONE LibreOffice run: key -> (recalculated path,
    scenario, language)."""
    out = recalculate([p for p, _, _ in written.values()], folder / "out", folder / "profile")
    return {key: (result, scenario, lang)
            for (key, (_, scenario, lang)), result in zip(written.items(), out, strict=True)}


def values(path: Path):
    return load_workbook(path, data_only=True)


def hand_built() -> Scenario:
    """Reinvestment, staggered roll-out, implementation, ramp-up, restricted years, every gain
    kind, per-unit and total lines, a one-off in the horizon's last year, hostile text."""
    return Scenario(
        title="=Håndbygget +test", organisation="@Kommune", technology="-Sensor",
        start_year=2027, horizon_years=12, discount_rate=0.04, hours_per_fte=1650,
        sources={"discount_rate": "+Finansministeriet", "units": "Tælling 2026"},
        scale=Scale(units=30, rollout=[10, 15, 5], adoption=0.7, realisation=0.9,
                    implementation_months=4, ramp_up_months=5),
        costs=[
            CostLine(id="dev", name="Device", amount=12_000, lifetime_years=4),
            CostLine(id="proj", name="-Project", category=CostCategory.PROJECT_MANAGEMENT,
                     amount=90_000, per_unit=False, years=[0, 2]),
            CostLine(id="b1", name="Year-1 batch set-up", amount=500, years=[1],
                     lifetime_years=3),
            CostLine(id="lic", name="Licence", kind=CostKind.RECURRING,
                     category=CostCategory.LICENCE, amount=1_200),
            CostLine(id="sup", name="Support", kind=CostKind.RECURRING,
                     category=CostCategory.SUPPORT, amount=25_000, per_unit=False,
                     years=[1, 2, 3]),
            CostLine(id="late", name="Upgrade", amount=50_000, per_unit=False, years=[12]),
        ],
        gains=[
            GainLine(id="t", name="Time", quantity=2.5, period=Period.WEEK, hourly_cost=310,
                     budget_shares=[0.0, 0.25, 0.5], budget_decision="=Byrådet 2027"),
            GainLine(id="t2", name="Admin time", quantity=300, hourly_cost=420, per_unit=False,
                     owner=GainOwner.MUNICIPALITY, budget_shares=[0.125, 1.0]),
            GainLine(id="b", name="Budget", kind=GainKind.BUDGET_SAVING, quantity=800,
                     period=Period.MONTH),
            GainLine(id="a", name="Avoided", kind=GainKind.AVOIDED_COST, quantity=40_000,
                     per_unit=False, owner=GainOwner.REGION),
            GainLine(id="i", name="Income", kind=GainKind.INCOME, quantity=15, period=Period.DAY,
                     per_unit=False),
        ],
    )


def row_of(ws, key: str) -> int:
    """The Inputs row carrying this key in the hidden key column."""
    return next(r for r in range(1, ws.max_row + 1) if ws[f"{KEY_COLUMN}{r}"].value == key)


def zipped(files: dict[str, bytes]) -> bytes:
    """A zip archive holding these files (name → content): the shell of an .xlsx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
