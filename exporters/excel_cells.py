"""Cell-level helpers for the workbook: styles, kr. formats and text that can never run.

User text is written as a string cell with Excel's quotePrefix (a leading apostrophe), so a
leading ``=``, ``+``, ``-`` or ``@`` stays text even when the user edits the cell. Characters
XML cannot hold (control characters, carriage returns) and literal ``_xHHHH_`` sequences are
escaped the OOXML way, which Excel decodes on display and `decode_text` reverses exactly.
"""

from __future__ import annotations

import re
import textwrap

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.excel_spec import KEY_COLUMN

EXCEL_CELL_LIMIT = 32_767
KR_FORMAT = {"da": '#,##0 "kr."', "en": '"DKK "#,##0'}
NUMBER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
FACTOR_FORMAT = "0.0000"
SHARE_FORMAT = "0.0%"
MONTHS_FORMAT = "0.00"
YEAR_FORMAT = "0"

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="1F5F99")
SECTION_FILL = PatternFill("solid", fgColor="DDEBF7")
KPI_FILL = PatternFill("solid", fgColor="E2EFDA")
HEADER_FONT = Font(bold=True, color="FFFFFF")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=16, color="1F5F99")
NOTE_FONT = Font(italic=True, color="595959")
HELPER_FONT = Font(italic=True, color="7F7F7F")
THIN = Side(style="thin", color="BFBFBF")
TOP_BORDER = Border(top=Side(style="thin", color="000000"))
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center")
INDENT = Alignment(indent=1)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def encode_text(text: str) -> str:
    """OOXML escaping: ``_x005F_`` before a literal ``_xHHHH_``, control chars as ``_xHHHH_``.

    >>> encode_text("a\\rb_x0041_")
    'a_x000D_b_x005F_x0041_'
    """
    text = _LOOKS_ESCAPED.sub("_x005F_", text)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def decode_text(text: str) -> str:
    """The exact inverse of `encode_text`.

    >>> decode_text(encode_text("=1+1 _x0041_ \\r\\x01"))
    '=1+1 _x0041_ \\r\\x01'
    """
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def printable(text: str) -> str:
    """Without the characters XML cannot hold (for document properties, not cells)."""
    return _CONTROL.sub("", text)


def fit_cell(text: str) -> str:
    """Encoded text cut to Excel's cell limit, counted in UTF-16 units as Excel counts.
    Only pathological model text (thousands of control characters or emoji) is ever cut; the
    importer then keeps the stored JSON's full text while the cell is left unchanged."""
    encoded = encode_text(text)[:EXCEL_CELL_LIMIT]
    while (excess := len(encoded.encode("utf-16-le")) // 2 - EXCEL_CELL_LIMIT) > 0:
        encoded = encoded[:-max(1, excess // 2)]
    return encoded


def put_text(ws: Worksheet, ref: str, text: str, **style: object) -> Cell:
    """Write text that stays text: a string cell with quotePrefix, never a formula."""
    cell = ws[ref]
    cell.value = fit_cell(text)
    cell.data_type = "s"
    cell.quotePrefix = True
    style_cell(cell, **style)
    return cell


def put(ws: Worksheet, ref: str, value: object, **style: object) -> Cell:
    """A number, boolean or formula (formulas are ours, never user text)."""
    cell = ws[ref]
    cell.value = value
    style_cell(cell, **style)
    return cell


def style_cell(cell: Cell, fmt: str | None = None, font: Font | None = None,
               fill: PatternFill | None = None, wrap: bool = False,
               border: Border | None = None, align: Alignment | None = None) -> None:
    styles = (("number_format", fmt), ("font", font), ("fill", fill),
              ("alignment", WRAP if wrap else None), ("alignment", align), ("border", border))
    for attribute, value in styles:
        if value:
            setattr(cell, attribute, value)


def key_cell(ws: Worksheet, row: int, key: str) -> None:
    """The row's key in the hidden key column: the importer finds the row by it, not by number."""
    put_text(ws, f"{KEY_COLUMN}{row}", key)
    ws.column_dimensions[KEY_COLUMN].hidden = True


def header_row(ws: Worksheet, row: int, labels: list[str], first_column: int = 1) -> None:
    ws.row_dimensions[row].height = 30
    for offset, text in enumerate(labels):
        cell = ws.cell(row=row, column=first_column + offset)
        put_text(ws, cell.coordinate, text, font=HEADER_FONT, fill=HEADER_FILL, wrap=True)


def a4(ws: Worksheet, landscape: bool, title_rows: str | None = None,
       title_columns: str | None = None) -> None:
    """Print on A4, one page wide, as many pages tall as needed."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    if title_columns:
        ws.print_title_cols = title_columns


def widths(ws: Worksheet, columns: dict[str, float]) -> None:
    for letter, width in columns.items():
        ws.column_dimensions[letter].width = width


LINE_PT = 15  # a line of 11 pt text
MAX_ROW_PT = 409  # Excel's tallest row


def _wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes in a column `width` characters wide (a character of the default font
    per width unit: conservative, as most letters are narrower)."""
    chars = max(4, int(width))
    return sum(len(textwrap.wrap(part, chars)) or 1 for part in text.split("\n"))


def fit_rows(ws: Worksheet) -> None:
    """Rows tall enough for their wrapped text. Excel and LibreOffice grow a row to its text
    only when it is edited, never a merged cell: without this, printed text ran into the rows
    below. Call after the column widths are set."""
    def width(letter: str) -> float:
        return ws.column_dimensions[letter].width or 8.43

    merged = {(r.min_row, r.min_col): sum(width(get_column_letter(c))
                                          for c in range(r.min_col, r.max_col + 1))
              for r in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        lines = max((_wrapped_lines(cell.value, merged.get((cell.row, cell.column),
                                                           width(cell.column_letter)))
                     for cell in row if isinstance(cell.value, str) and cell.alignment.wrap_text
                     and not cell.value.startswith("=")), default=1)
        if lines > 1:
            current = ws.row_dimensions[row[0].row].height or 0
            ws.row_dimensions[row[0].row].height = min(MAX_ROW_PT,
                                                       max(current, lines * LINE_PT + 3))
            for cell in row:  # the row's short values level with its wrapped text's first line
                if cell.has_style or cell.value is not None:
                    a = cell.alignment
                    cell.alignment = Alignment(horizontal=a.horizontal, wrap_text=a.wrap_text,
                                               indent=a.indent, vertical="top")
