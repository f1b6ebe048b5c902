"""Hostile files for the security tests: zip bombs, false ZIP headers, template bombs, huge cells.

Everything is built in memory in a few hundred milliseconds; the inflated sizes are only claimed or
streamed, never held.
"""

from __future__ import annotations

import io
import struct
import zipfile

from tests.factories import make_docx, make_workbook

MB = 1024 * 1024


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def inflating_entry(zf: zipfile.ZipFile, name: str, size: int, *, head: bytes = b"", tail: bytes = b"",
                    fill: bytes = b" ") -> None:
    """Write `name` to `zf` as `head` + `fill` repeated to `size` bytes + `tail`, streamed in chunks."""
    with zf.open(_deflated(name), "w", force_zip64=True) as entry:
        entry.write(head)
        remaining = size - len(head) - len(tail)
        chunk = fill * (MB // len(fill))
        while remaining > 0:
            entry.write(chunk[:remaining])
            remaining -= len(chunk)
        entry.write(tail)


def docx_bomb(unpacked: int = 55 * MB) -> bytes:
    """A real Word file whose document.xml is padded with whitespace to `unpacked` bytes (the 55 MB
    XML compressed into ~180 KB of the penetration test)."""
    good = zipfile.ZipFile(io.BytesIO(make_docx("Tittel")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                inflating_entry(zf, info.filename, unpacked, head=head + b"<w:body>", tail=tail)
            else:
                zf.writestr(_deflated(info.filename), data)
    return out.getvalue()


def false_size_zip(data: bytes, entry: str = "word/document.xml") -> bytes:
    """`data` (a ZIP) with the central directory claiming `entry` is 100 bytes long when inflated."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    info = zf.getinfo(entry)
    raw = bytearray(data)
    # Central directory record: signature, then uncompressed size at offset 24.
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46:pos + 46 + name_len].decode() == entry:
            struct.pack_into("<I", raw, pos + 24, 100)
            break
        pos = raw.find(b"PK\x01\x02", pos + 4)
    # The local header too, as a forger would (offset 22).
    struct.pack_into("<I", raw, info.header_offset + 22, 100)
    return bytes(raw)


def template(*paragraphs: str) -> bytes:
    return make_docx(*paragraphs)


def broken_header_template() -> bytes:
    """A Word file whose page header part is not well-formed XML."""
    import docx

    document = docx.Document()
    document.add_paragraph("Tittel {{ title }}")
    document.sections[0].header.paragraphs[0].text = "Topptekst"
    buf = io.BytesIO()
    document.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("word/header"):
                data = data.replace(b"</w:hdr>", b"<w:p><w:r><w:t>{{ title }}</w:t></w:r>")  # unclosed
            zf.writestr(_deflated(info.filename), data)
    return out.getvalue()


def workbook_with_huge_string(header: tuple[str, ...], sheet: str, size: int = 300 * MB) -> bytes:
    """A real workbook whose first data cell holds one string of `size` characters (the 1 GiB string
    in 1 MB of the penetration test, smaller here but just as compressible)."""
    marker = "HUGE-CELL"
    good = zipfile.ZipFile(io.BytesIO(make_workbook([[marker] * len(header)], header, sheet)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in good.infolist():
            data = good.read(info)
            if info.filename.startswith("xl/worksheets/"):
                head, tail = data.split(marker.encode(), 1)
                inflating_entry(zf, info.filename, size, head=head, tail=tail, fill=b"A")
            else:
                zf.writestr(_deflated(info.filename), data)
    return out.getvalue()


def workbook_with_long_cell(header: tuple[str, ...], sheet: str, length: int) -> bytes:
    """An honest workbook (small, ordinary compression) with one cell of `length` characters."""
    return make_workbook([["x" * length] + [""] * (len(header) - 1)], header, sheet)
