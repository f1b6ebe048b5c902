"""Fixtures for the library tests: the real library, and a scratch copy of it to damage or change."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.library import Library, load_library

ROOT = Path(__file__).resolve().parents[2]
LIBRARY_DIR = ROOT / "requirement_library"


@pytest.fixture(scope="session")
def real_library() -> Library:
    return load_library(LIBRARY_DIR)


@pytest.fixture
def library_copy(tmp_path) -> Path:
    """A fresh copy of requirement_library/ that a test may break or change."""
    target = tmp_path / "requirement_library"
    shutil.copytree(LIBRARY_DIR, target)
    return target


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_yaml(path: Path, change: Callable[[Any], Any]) -> None:
    """Load `path`, let `change` mutate the data in place (its return value is ignored), write it back."""
    data = read_yaml(path)
    change(data)
    write_yaml(path, data)


def replace_text(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old`, so a test fails loudly when the file changes shape."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def requirement_file(root: Path, key: str) -> tuple[Path, int]:
    """The file a requirement lives in and its index in that file's list."""
    for path in sorted((root / "requirements").rglob("*.yml")):
        for i, raw in enumerate(read_yaml(path)["requirements"]):
            if raw["key"] == key:
                return path, i
    raise LookupError(key)
