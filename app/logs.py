"""Structured logs: one JSON object per line on stderr, each with the request id (or job id) it belongs to.

The request id comes from the X-Request-ID header when a proxy or load balancer set one (letters, digits,
`.`, `_`, `-`; at most 128 characters), otherwise it is generated; either way it is sent back in the
response's X-Request-ID header, so a user's error report can be matched with the log lines.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
import re
import sys
import uuid

from flask import Flask, g, request

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
context: contextvars.ContextVar[dict] = contextvars.ContextVar("kravbygger_log_context", default={})  # noqa: B039 - never mutated: always replaced


# Gunicorn's access log passes its atoms as the record's args: these become fields of their own.
ACCESS_FIELDS = {"h": "remote", "m": "method", "U": "path", "q": "query", "s": "status", "B": "bytes",
                 "M": "duration_ms", "a": "user_agent", "{x-request-id}o": "request_id"}


def _access_fields(record: logging.LogRecord) -> dict:
    if record.name != "gunicorn.access" or not isinstance(record.args, dict):
        return {}
    return {name: record.args.get(atom) for atom, name in ACCESS_FIELDS.items() if record.args.get(atom) not in (None, "-")}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
                 **context.get(), **_access_fields(record)}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        extra = " ".join(f"{k}={v}" for k, v in context.get().items())
        return f"{super().format(record)}{' [' + extra + ']' if extra else ''}"


def configure(fmt: str = "json", level: str = "INFO") -> None:
    """Send every log record to stderr in the chosen format (called once per process)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else
                         TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not getattr(h, "kravbygger", False)]
    handler.kravbygger = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())


def request_id() -> str:
    offered = request.headers.get("X-Request-ID", "")
    return offered if REQUEST_ID.match(offered) else uuid.uuid4().hex


def init_app(app: Flask) -> None:
    if not app.testing:
        configure(app.config.get("LOG_FORMAT", "json"), app.config.get("LOG_LEVEL", "INFO"))

    @app.before_request
    def _start():
        g.request_id = request_id()
        g.log_token = context.set({"request_id": g.request_id, "method": request.method, "path": request.path})

    @app.after_request
    def _tag(response):
        if "request_id" in g:
            response.headers["X-Request-ID"] = g.request_id
        return response

    @app.teardown_request
    def _end(error):
        token = g.pop("log_token", None)
        if token is not None:
            with contextlib.suppress(ValueError):  # set in another context (never in production)
                context.reset(token)
