"""Exporters: each module renders a TenderDocument to bytes (`render(doc) -> bytes`), pure and
testable without Flask, with `MEDIA_TYPE` and `filename(doc)`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from types import ModuleType

_MODULES = {"docx": "docx", "rfi": "rfi", "qualification": "qualification", "contract": "contract",
            "xlsx": "xlsx", "csv": "csv_export", "ocds": "ocds", "zip": "package"}


class _Registry(Mapping[str, ModuleType]):
    """format -> exporter module, imported on first use."""

    def __getitem__(self, fmt: str) -> ModuleType:
        return import_module(f"{__name__}.{_MODULES[fmt]}")

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


EXPORTERS = _Registry()
