"""Small helpers shared by the portal exporters (XLSX, CSV, OCDS, ZIP package).

Pure Python, no Flask. Everything here is deterministic: the same TenderDocument gives the same
file names, timestamps and ZIP bytes, so a frozen version can be rendered again years later and
compared byte for byte.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import UTC, datetime

from app.exporters.document import TenderDocument

# Characters that make a spreadsheet treat a cell as a formula (or, for tab and carriage return,
# that OWASP lists because some importers strip them and then see a formula).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Letters NFKD does not decompose into ASCII.
_ASCII_MAP = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss",
                            "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L"})


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (it starts with = + - @ tab or CR)."""
    return text.startswith(FORMULA_TRIGGERS)


def slug(text: str, *, keep: str = "") -> str:
    """ASCII-safe lower-case slug: "2026/1234" -> "2026-1234", "Ørsta" -> "orsta".

    `keep` lists extra characters to keep (e.g. "." for version labels).
    """
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_MAP))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    pattern = rf"[^a-z0-9{re.escape(keep)}]+" if keep else r"[^a-z0-9]+"
    return re.sub(pattern, "-", text).strip("-." if "." in keep else "-")


def file_stem(doc: TenderDocument, prefix: str) -> str:
    """`{prefix}-{reference}-v{version}`, ASCII-safe, e.g. "svarskjema-2026-1234-v0.1"."""
    ref = slug(doc.reference) or (str(doc.project_id) if doc.project_id is not None else "") or "tender"
    version = slug(doc.version_label, keep=".") or "0"
    return f"{prefix}-{ref}-v{version}"


def generated_at(doc: TenderDocument) -> datetime:
    """`doc.generated_at` as an aware UTC datetime (a naive timestamp is taken to be UTC)."""
    value = doc.generated_at.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"generated_at is not an ISO 8601 timestamp: {doc.generated_at!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def rfc3339(doc: TenderDocument) -> str:
    """`doc.generated_at` as an RFC 3339 UTC timestamp, e.g. "2026-11-23T12:00:00Z"."""
    return generated_at(doc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def zip_date_time(doc: TenderDocument) -> tuple[int, int, int, int, int, int]:
    """A ZIP entry timestamp from `doc.generated_at` (UTC; ZIP cannot store dates before 1980)."""
    moment = generated_at(doc)
    if moment.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    # ZIP stores seconds in 2-second steps; round down so writing and reading agree.
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)


def zip_info(name: str, date_time: tuple[int, int, int, int, int, int], *,
             compress: bool = True) -> zipfile.ZipInfo:
    """A ZipInfo with everything that would otherwise vary between runs or platforms fixed."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.create_system = 3  # Unix, whatever the platform we run on
    info.external_attr = 0o100644 << 16  # regular file, rw-r--r--
    return info


class FixedTimeZipFile(zipfile.ZipFile):
    """A ZipFile whose `writestr(name, data)` stamps every entry with one fixed date_time.

    openpyxl (and python-docx) call `writestr` with plain names, and `zipfile` then stamps each
    entry with the current local time, which makes two renders of the same document differ.
    """

    def __init__(self, file, date_time: tuple[int, int, int, int, int, int]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._fixed_date_time = date_time

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zinfo_or_arcname
            info.date_time = self._fixed_date_time
        else:
            info = zip_info(zinfo_or_arcname, self._fixed_date_time)
        super().writestr(info, data, compress_type=compress_type, compresslevel=compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes worksheets to temporary files and adds them with `write`, which would
        # take the temporary file's modification time.
        with open(filename, "rb") as fh:
            data = fh.read()
        self.writestr(arcname if arcname is not None else str(filename), data,
                      compress_type=compress_type, compresslevel=compresslevel)


def normalise_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Rewrite a ZIP (e.g. a .docx) with fixed entry timestamps and attributes, same entry order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zip_info(item.filename, date_time, compress=item.compress_type != zipfile.ZIP_STORED)
            dst.writestr(info, src.read(item))
    return out.getvalue()
