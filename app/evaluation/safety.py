"""Checks on an uploaded file before any XML parser sees it.

An XLSX file is a zip archive: a small upload can expand to gigabytes (a zip bomb). So before
openpyxl opens it we read only the zip's central directory and refuse a file that is too large,
is not a zip at all, is not a workbook, expands beyond a total limit, or has a member compressed
more than any honest spreadsheet is. The limits are generous for a 1 000-requirement matrix
(a few MB uncompressed, compression ratio about 10).
"""

from __future__ import annotations

import io
import zipfile

from app.library import upload_guard

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # 10 MB as uploaded
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024  # all members together, uncompressed
MAX_MEMBERS = 500
MAX_RATIO = 100  # uncompressed / compressed, per member larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_CELL_CHARS = 32_767  # Excel's limit; anything longer did not come from Excel


class UnsafeFile(ValueError):
    """`code`: too_large | not_xlsx | zip_bomb."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def check_xlsx_container(data: bytes) -> None:
    """Raise UnsafeFile unless `data` is a reasonably sized zip holding a workbook."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnsafeFile("too_large", f"{len(data)} bytes")
    if not data.startswith(b"PK\x03\x04"):
        raise UnsafeFile("not_xlsx", "not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnsafeFile("not_xlsx", str(exc)) from exc
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnsafeFile("not_xlsx", "no workbook in the archive")
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile("zip_bomb", f"{len(members)} members")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafeFile("zip_bomb", f"{member.filename} expands {member.file_size // max(member.compress_size, 1)}x")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFile("zip_bomb", f"{total} bytes uncompressed")
    try:  # the sizes above are the headers' claims: inflate in bounded chunks to see they are true
        upload_guard.check_zip(data, upload_guard.XLSX_LIMITS)
    except upload_guard.ZipRefused as refused:
        raise UnsafeFile("not_xlsx" if refused.code == "not_zip" else "zip_bomb", refused.detail) from None
