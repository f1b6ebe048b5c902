"""Readiness checks for /readyz: the database, and Redis when the job queue uses it."""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import text

from ..extensions import db

log = logging.getLogger(__name__)


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means not ready
        log.warning("Readiness: the database does not answer", exc_info=True)
        db.session.rollback()
        return "unavailable"


def _redis(url: str) -> str:
    from redis import Redis
    from redis.exceptions import RedisError
    try:
        Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except (RedisError, OSError):
        log.warning("Readiness: Redis does not answer at the configured REDIS_URL")
        return "unavailable"


def readiness() -> dict[str, str]:
    checks = {"database": _database()}
    if current_app.config.get("REDIS_URL"):
        checks["redis"] = _redis(current_app.config["REDIS_URL"])
    return checks
