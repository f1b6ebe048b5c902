"""The loaded requirement library, shared by every request (immutable, loaded once per process)."""

from __future__ import annotations

from flask import Flask, current_app

from ..library import Library
from ..library.cache import load_checked

_KEY = "kravbygger.library"


def init_app(app: Flask) -> None:
    app.extensions[_KEY] = load_checked(app.config["LIBRARY_PATH"], app.config.get("LIBRARY_CACHE_DIR"))


def library() -> Library:
    return current_app.extensions[_KEY]
