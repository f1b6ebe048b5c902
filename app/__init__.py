"""Kravbygger: need-based tender requirement specifications for web-based office suites."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from .config import ROOT, load_config
from .extensions import babel, csrf, db, limiter, login_manager, migrate


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """Building the app creates objects that live as long as the process (models, forms, routes, the
    library); the cyclic garbage collector would walk all of them several times over while they are
    made, about a fifth of create_app's time (BENCHMARKS.md). It runs again as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def create_app(config: dict | None = None) -> Flask:
    """Build the app: config, extensions, blueprints, CLI."""
    with _without_gc_pauses():
        return _build(config)


def _build(config: dict | None) -> Flask:
    app = Flask(__name__, template_folder=str(ROOT / "templates"), instance_path=str(ROOT / "instance"))
    app.config.update(load_config(config))

    from . import jobs, logs, web
    from .models import User  # noqa: F401  (registers the models with SQLAlchemy)
    from .models._types import render_item
    from .services import catalog

    logs.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True,
                     compare_type=True, render_item=render_item)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=web.select_locale)
    limiter.init_app(app)
    catalog.init_app(app)
    web.init_app(app)
    jobs.init_app(app)

    from .cli import register_cli
    register_cli(app)
    return app
