"""Start-up without re-validating an unchanged library.

Validating every library file against its JSON Schema is the slowest part of loading the library,
and every app, worker and command loads it. `load_checked` validates once and remembers that these
exact files passed: a marker named by a digest of every library file, schema and the loader's own
code. While the digest matches, the files are only parsed (libyaml) and cross-checked; any change
to a file, a schema or the loader gives a new digest, so the library is validated again. The marker
holds nothing but its name: no data is read back from the cache.

Pure Python: imports nothing from Flask.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from . import loader, model
from .loader import load_library
from .model import Library

log = logging.getLogger(__name__)


def digest(path: str | Path) -> str:
    """A digest of everything the loaded library depends on: the files and the code that reads them."""
    root = Path(path)
    h = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml", ".json"))
    for file in [*files, Path(loader.__file__), Path(model.__file__)]:
        h.update(str(file.relative_to(root) if file.is_relative_to(root) else file.name).encode())
        h.update(b"\0")
        h.update(file.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def load_checked(path: str | Path, cache_dir: str | Path | None) -> Library:
    """The library at `path`, schema-validated unless these exact files passed before (see above)."""
    if cache_dir is None:
        return load_library(path)
    marker = Path(cache_dir) / f"library-valid-{digest(path)[:32]}"
    if marker.exists():
        return load_library(path, validate=False)
    library = load_library(path)  # raises LibraryError: no marker for an invalid library
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError as exc:  # a read-only instance folder only costs start-up time
        log.warning("Cannot remember that the library is valid (%s); it is validated at every start", exc)
    return library
