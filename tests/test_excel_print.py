"""The VTV and documentation-plan sheets print cleanly: LibreOffice prints them to PDF (A4
landscape, one page wide) and no two words on a page overlap (wrapped text used to run into
the rows below, as rows never grow to wrapped text by themselves), every word of their texts
is printed, and the element table's header repeats on each page."""

from __future__ import annotations

import io
import re
import subprocess
from html import unescape
from itertools import combinations
from pathlib import Path

import pytest
from openpyxl import load_workbook

from calculators.scenario_file import load_sample
from exporters.excel import workbook_bytes
from exporters.excel_spec import sheet_title
from tests.excel_support import SOFFICE, needs_soffice

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")
PRINTED = ("vtv", "documentation")


def printed(tmp_path: Path, lang: str) -> tuple[list[list[tuple]], list[str], float]:
    """(words per page as (x0, y0, x1, y1, text), the two sheets' texts, the page width)."""
    wb = load_workbook(io.BytesIO(workbook_bytes(load_sample(), lang)))
    keep = {sheet_title(lang, role) for role in PRINTED}
    for ws in wb.worksheets:
        if ws.title not in keep:
            ws.sheet_state = "hidden"  # not printed
    wb.active = wb.sheetnames.index(sheet_title(lang, "vtv"))
    path = tmp_path / "print.xlsx"
    wb.save(path)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=600)
    html = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "print.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    pages = [[(*map(float, m.groups()[:4]), unescape(m.group(5))) for m in WORD.finditer(page)]
             for page in html.split("<page ")[1:]]
    texts = [cell.value for ws in (wb[sheet_title(lang, role)] for role in PRINTED)
             for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str) and not cell.value.startswith("=")
             and not ws.column_dimensions[cell.column_letter].hidden]
    return pages, texts, width


def overlap(a: tuple, b: tuple) -> bool:
    """Word boxes include the font's ascent and descent, so the lines of one paragraph touch:
    words overlap when they share width and more than 40 % of the lower box's height."""
    height = min(a[3] - a[1], b[3] - b[1])
    return (min(a[2], b[2]) - max(a[0], b[0]) > 0.5
            and min(a[3], b[3]) - max(a[1], b[1]) > 0.4 * height)


@needs_soffice
@pytest.mark.parametrize("lang", ["da", "en"])
def test_vtv_and_documentation_sheets_print_whole_without_overlaps(tmp_path, lang):
    pages, texts, width = printed(tmp_path, lang)
    assert len(pages) >= 2
    words = [w for page in pages for w in page]
    assert max(w[2] for w in words) <= width  # one page wide
    for number, page in enumerate(pages, start=1):
        crossing = [(a[4], b[4]) for a, b in combinations(page, 2) if overlap(a, b)]
        assert crossing == [], (number, crossing[:5])
    printed_text = "".join(w[4] for w in words)
    missing = [token for text in texts for token in text.split() if token not in printed_text]
    assert missing == []
    header = "Element"
    assert sum(1 for page in pages if any(w[4] == header for w in page)) >= 2  # repeated
