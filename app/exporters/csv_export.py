"""CSV response matrix: the same rows and columns as the XLSX matrix, for portal import.

UTF-8 with a byte order mark (so Excel detects the encoding), CRLF line ends, fields quoted
where needed by the `csv` module. `render(doc, delimiter=",")`; pass `delimiter=";"` for Nordic
Excel, which expects semicolons, and then numbers are written with a decimal comma ("99,5").

Formula injection (OWASP "CSV Injection"): a spreadsheet opening a CSV evaluates any cell that
starts with `=`, `+`, `-` or `@` (and some importers strip a leading tab or carriage return
first). Such text cells are written with a single quote in front (`'=cmd|...`), so the
spreadsheet shows them as text. Only those cells are touched: every other text - quotes,
delimiters, line breaks, emoji, right-to-left text, any length - is written unchanged, so
requirement texts round-trip exactly through `csv.reader`. To recover an escaped cell, drop the
one leading quote of a cell that starts with `'` followed by one of those characters
(`unescape_cell`). Numbers the exporter itself formats (min, max, weight, a numeric expected
value) are not text and are never prefixed, so a minimum of -5 stays "-5".
"""

from __future__ import annotations

import csv
import io

from app.exporters import filenames
from app.exporters.common import FORMULA_TRIGGERS, is_formula_like
from app.exporters.document import TenderDocument
from app.exporters.matrix import ALL_COLUMNS, format_number, headings, rows

MEDIA_TYPE = "text/csv; charset=utf-8"
DELIMITERS = (",", ";")



def filename(doc: TenderDocument) -> str:
    return filenames.filename(doc, "matrix", "csv")


def escape_cell(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would read as a formula; leave the rest alone."""
    return "'" + text if is_formula_like(text) else text


def unescape_cell(text: str) -> str:
    """Undo `escape_cell` (for importers reading our CSV back)."""
    if text.startswith("'") and text[1:2] and text[1] in "".join(FORMULA_TRIGGERS):
        return text[1:]
    return text


def render(doc: TenderDocument, delimiter: str = ",") -> bytes:
    """The response matrix as CSV bytes (UTF-8 with BOM)."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS!r}, not {delimiter!r}")
    decimal_comma = delimiter == ";"
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in headings(doc.language)])
    for row in rows(doc):
        cells = []
        for key in ALL_COLUMNS:
            value = row.values[key]
            if value is None:
                cells.append("")
            elif isinstance(value, str):
                cells.append(escape_cell(value))
            else:
                cells.append(format_number(value, decimal_comma=decimal_comma))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")
