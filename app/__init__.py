"""Kravbygger: need-based tender requirement specifications for web-based office suites."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import ROOT, load_config
from .extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build the app: config, extensions, blueprints, CLI."""
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
