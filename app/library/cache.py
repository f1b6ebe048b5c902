"""Start-up without re-validating and re-parsing an unchanged library.

Every app, worker and command loads the library, and validating each file against its JSON Schema,
then parsing its YAML, are the slow parts. `load_checked` does both once and keeps the parsed data
of the files that passed, as JSON, in a file named by a digest of every library file, schema and the
loader's own code. While the digest matches, the data is read back from that file (one `json.loads`)
and only the cross-reference and translation checks run again; any change to a file, a schema or the
loader gives a new digest, so the library is parsed and validated again and the old file goes.

The kept file holds data, never code (JSON, not pickle). It lives in the instance folder
(`KRAVBYGGER_CACHE_DIR`), which only the app writes; a kept file that cannot be read, or that is not
what the loader wrote, is ignored and the library is loaded from the YAML files. An invalid library
is never kept.

Pure Python: imports nothing from Flask.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import loader, model
from .loader import Files, load_library
from .model import Library

log = logging.getLogger(__name__)
FORMAT = 1  # bump when what is kept changes shape


def digest(path: str | Path) -> str:
    """A digest of everything the loaded library depends on: the files and the code that reads them."""
    root = Path(path)
    h = hashlib.sha256(f"format {FORMAT}, PyYAML {yaml.__version__}".encode())
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml", ".json"))
    for file in [*files, Path(loader.__file__), Path(model.__file__)]:
        h.update(str(file.relative_to(root) if file.is_relative_to(root) else file.name).encode())
        h.update(b"\0")
        h.update(file.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def load_checked(path: str | Path, cache_dir: str | Path | None) -> Library:
    """The library at `path`: from the kept data of these exact files if they passed before (see above),
    otherwise parsed and schema-validated, and kept for the next start."""
    if cache_dir is None:
        return load_library(path)
    root = Path(path)
    kept = Path(cache_dir) / f"library-{digest(root)[:32]}.json"
    parsed = _read_kept(kept)
    if parsed is not None:
        return load_library(root, validate=False, files=Files(root, parsed))
    files = Files(root)
    library = load_library(root, files=files)  # raises LibraryError: an invalid library is never kept
    _keep(kept, files.parsed)
    return library


def _read_kept(kept: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("Ignoring the kept library data %s (%s); loading the library files", kept, exc)
        return None
    return data if isinstance(data, dict) and all(isinstance(k, str) for k in data) else None


def _keep(kept: Path, parsed: dict[str, Any]) -> None:
    """Write `parsed` atomically (workers start at the same time) and remove data kept for older files."""
    text = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))
    if json.loads(text) != parsed:  # e.g. a YAML mapping with a number as key: load from YAML every time
        log.warning("The library's data does not survive JSON; it is parsed at every start")
        return
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=kept.parent, prefix=".library-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, kept)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in kept.parent.glob("library-*"):
            if old != kept:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only instance folder only costs start-up time
        log.warning("Cannot keep the validated library data (%s); it is parsed and validated at every start", exc)
