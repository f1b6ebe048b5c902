"""Bounded work for uploaded ZIP containers (Word templates, workbooks, imported matrices).

Pure Python, imports nothing from Flask, so exporters, the library and services can all call it
*before* any parser sees the file. `check_zip(data, limits)` refuses, with a `ZipRefused` whose
`code` says why:

- too_large      the upload itself is bigger than `limits.max_bytes`;
- not_zip        not a readable ZIP (or a compression method we do not accept);
- too_many       more entries than `limits.max_entries`;
- unpacked_size  the entries inflate to more than `limits.max_unpacked` in total (zip bomb);
- entry_size     one entry inflates to more than `limits.max_entry`;
- ratio          an entry inflates more than `limits.max_ratio` times its compressed size;
- false_size     an entry's real inflated size or CRC differs from what its header claims.

The sizes in a ZIP header are claims: every entry is really inflated here, in chunks and never
past its claimed size + 1 byte, so a header that lies is found without ever holding more than one
chunk in memory. Only stored and deflated entries are accepted (all that Office writes).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True)
class ZipLimits:
    max_bytes: int = 10 * 1024 * 1024  # the upload as sent
    max_unpacked: int = 60 * 1024 * 1024  # all entries inflated
    max_entry: int = 40 * 1024 * 1024  # one entry inflated
    max_ratio: int = 100  # inflated / compressed, per entry (text XML rarely passes 20)
    max_entries: int = 2000
    ratio_floor: int = 1024 * 1024  # entries smaller than this inflated are not ratio-checked


DOCX_LIMITS = ZipLimits(max_bytes=5 * 1024 * 1024, max_unpacked=60 * 1024 * 1024, max_entry=30 * 1024 * 1024)
XLSX_LIMITS = ZipLimits(max_bytes=10 * 1024 * 1024, max_unpacked=60 * 1024 * 1024, max_entry=40 * 1024 * 1024)


class ZipRefused(ValueError):
    """The container is refused before parsing; `code` is one of the codes in the module doc."""

    def __init__(self, code: str, detail: str = "", **params: int | str) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.params = params


def check_zip(data: bytes, limits: ZipLimits = ZipLimits()) -> list[zipfile.ZipInfo]:
    """The ZIP's entries if `data` stays within `limits`; raises ZipRefused otherwise."""
    if len(data) > limits.max_bytes:
        raise ZipRefused("too_large", f"{len(data)} bytes", size=len(data), max=limits.max_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise ZipRefused("not_zip", str(exc)) from None
    if len(infos) > limits.max_entries:
        raise ZipRefused("too_many", f"{len(infos)} entries", count=len(infos), max=limits.max_entries)
    claimed = sum(i.file_size for i in infos)
    if claimed > limits.max_unpacked:
        raise ZipRefused("unpacked_size", f"{claimed} bytes claimed", size=claimed, max=limits.max_unpacked)
    total = 0
    for info in infos:
        _check_claims(info, limits)
        total += _inflate_and_verify(data, info)
        if total > limits.max_unpacked:  # pragma: no cover - sizes are verified per entry above
            raise ZipRefused("unpacked_size", f"{total} bytes", size=total, max=limits.max_unpacked)
    return infos


def _check_claims(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ZipRefused("not_zip", f"{info.filename}: compression method {info.compress_type}")
    if info.flag_bits & 0x1:
        raise ZipRefused("not_zip", f"{info.filename}: encrypted")
    if info.file_size > limits.max_entry:
        raise ZipRefused("entry_size", info.filename, name=info.filename, size=info.file_size, max=limits.max_entry)
    if info.file_size >= limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise ZipRefused("ratio", info.filename, name=info.filename,
                         ratio=info.file_size // max(info.compress_size, 1), max=limits.max_ratio)


def _raw_entry(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of one entry, located through its local header."""
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        raise ZipRefused("not_zip", f"{info.filename}: truncated local header")
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        raise ZipRefused("not_zip", f"{info.filename}: bad local header")
    name_len, extra_len = fields[9], fields[10]
    begin = start + _LOCAL_HEADER.size + name_len + extra_len
    end = begin + info.compress_size
    if end > len(data):
        raise ZipRefused("false_size", f"{info.filename}: compressed size beyond the file", name=info.filename)
    return memoryview(data)[begin:end]


def _inflate_and_verify(data: bytes, info: zipfile.ZipInfo) -> int:
    """Inflate one entry in chunks, never past its claimed size + 1; its real size and CRC must match."""
    raw = _raw_entry(data, info)
    limit = info.file_size
    if info.compress_type == zipfile.ZIP_STORED:
        size, crc = len(raw), zlib.crc32(raw)
    else:
        size, crc = _inflate(raw, limit, info.filename)
    if size != limit or (crc & 0xFFFFFFFF) != info.CRC:
        raise ZipRefused("false_size", f"{info.filename}: header says {limit} bytes, holds "
                         f"{'more' if size > limit else size}", name=info.filename)
    return size


def _inflate(raw: memoryview, limit: int, name: str) -> tuple[int, int]:
    inflater = zlib.decompressobj(-15)
    size, crc, pos = 0, 0, 0
    while pos < len(raw) or inflater.unconsumed_tail:
        chunk_in = inflater.unconsumed_tail or raw[pos:pos + CHUNK]
        if not inflater.unconsumed_tail:
            pos += len(chunk_in)
        try:
            out = inflater.decompress(chunk_in, CHUNK)
        except zlib.error as exc:
            raise ZipRefused("not_zip", f"{name}: {exc}") from None
        size += len(out)
        crc = zlib.crc32(out, crc)
        if size > limit:
            return size, crc  # more than claimed: stop inflating at once
        if inflater.eof:
            break
    return size, crc


def describe(refused: ZipRefused) -> str:
    """An English sentence for logs and Flask-free callers (the web layer translates by `code`)."""
    p = refused.params
    mb = 1024 * 1024
    texts = {
        "too_large": lambda: f"The file is {p['size'] / mb:.1f} MB; at most {p['max'] // mb} MB is accepted.",
        "not_zip": lambda: "The file is not a valid Office file (it cannot be unpacked).",
        "too_many": lambda: f"The file holds {p['count']} parts; at most {p['max']} are accepted.",
        "unpacked_size": lambda: f"The file unpacks to more than {p['max'] // mb} MB, which is not accepted.",
        "entry_size": lambda: f"A part of the file unpacks to more than {p['max'] // mb} MB, which is not accepted.",
        "ratio": lambda: f"A part of the file is compressed {p['ratio']} times, more than the {p['max']} accepted: "
                         "it looks like a zip bomb.",
        "false_size": lambda: "The file's table of contents gives false sizes for its parts; it is refused.",
    }
    return texts[refused.code]()
