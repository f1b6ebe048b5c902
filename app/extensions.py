"""Flask extensions, created unbound: `create_app` initialises them. No app object here."""

import sqlite3

from flask import has_request_context, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# join_transaction_mode matters only when the session is bound to a connection that is already in
# a transaction (the tests' rolled-back transaction); with an Engine it changes nothing.
db = SQLAlchemy(model_class=Base, session_options={"join_transaction_mode": "create_savepoint"})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


SQLITE_BUSY_TIMEOUT_MS = 15_000
MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, connection_record) -> None:
    """SQLite: enforce foreign keys; WAL, so readers never wait for a writer; a busy timeout, so a writer
    waits its turn instead of failing; and let SQLAlchemy (not pysqlite) decide when transactions begin,
    so SAVEPOINTs work (the tests' rolled-back transactions rely on it)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable across app crashes in WAL mode
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    """A request that may write takes SQLite's write lock when its transaction begins (BEGIN IMMEDIATE),
    so it waits for the busy timeout and never fails half-way when a read lock cannot be upgraded
    ("database is locked"); reads begin deferred and never wait in WAL mode."""
    if connection.dialect.name == "sqlite":
        writing = has_request_context() and request.method in MUTATING
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
