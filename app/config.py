"""Settings from the environment. Defaults give a working local app on SQLite in instance/."""

from __future__ import annotations

import os
from pathlib import Path

from .domain import UI_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key() -> str:
    """SECRET_KEY from the environment; otherwise a random key kept in instance/ for local use."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    INSTANCE.mkdir(exist_ok=True)
    key_file = INSTANCE / "secret_key"
    if not key_file.exists():
        key_file.write_text(os.urandom(32).hex())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        INSTANCE.mkdir(exist_ok=True)
        return f"sqlite:///{INSTANCE / 'kravbygger.sqlite'}"
    # Heroku-style URLs and plain postgresql:// use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    def __init__(self) -> None:
        https = _bool("KRAVBYGGER_HTTPS")
        self.KRAVBYGGER_HTTPS = https  # also sends HSTS (web/__init__.py)
        self.SECRET_KEY = _secret_key()
        self.SQLALCHEMY_DATABASE_URI = _database_url()
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.LIBRARY_PATH = os.environ.get("KRAVBYGGER_LIBRARY", str(ROOT / "requirement_library"))
        # Where start-up remembers that the library files passed validation (app/library/cache.py).
        self.LIBRARY_CACHE_DIR = os.environ.get("KRAVBYGGER_CACHE_DIR", str(INSTANCE / "cache"))
        # Sessions: signed cookie only, so any number of app servers can serve any request.
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = https
        # Revocable sessions (web/sessions.py): an absolute lifetime and an idle timeout, checked on the
        # server; the cookie itself is a browser-session cookie, rewritten only when the session changes.
        self.SESSION_ABSOLUTE_HOURS = float(os.environ.get("KRAVBYGGER_SESSION_HOURS", "12"))
        self.SESSION_IDLE_MINUTES = float(os.environ.get("KRAVBYGGER_SESSION_IDLE_MINUTES", "120"))
        self.PERMANENT_SESSION_LIFETIME = int(self.SESSION_ABSOLUTE_HOURS * 3600)
        self.SESSION_REFRESH_EACH_REQUEST = False
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = https
        self.PREFERRED_URL_SCHEME = "https" if https else "http"
        self.TRUSTED_PROXIES = int(os.environ.get("KRAVBYGGER_TRUSTED_PROXIES", "0"))
        self.WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session: no lost form after lunch
        self.MAX_CONTENT_LENGTH = 10 * 1024 * 1024
        self.BABEL_DEFAULT_LOCALE = "nb"
        self.BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "app" / "translations")
        self.LANGUAGES = UI_LANGUAGES
        # Rate limits: memory for one process; set RATELIMIT_STORAGE_URI=redis://... for several.
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        self.RATELIMIT_HEADERS_ENABLED = True
        # Failed sign-ins (web/auth.py): per account + address with growing waits; per account from any
        # address (a ceiling against guessing from many machines); per address over all accounts.
        self.LOGIN_ACCOUNT_ADDRESS_LIMIT = os.environ.get("KRAVBYGGER_LOGIN_ACCOUNT_ADDRESS_LIMIT",
                                                          "5 per minute;10 per 15 minutes;20 per day")
        self.LOGIN_ACCOUNT_LIMIT = os.environ.get("KRAVBYGGER_LOGIN_ACCOUNT_LIMIT", "10 per 10 minutes;30 per day")
        self.LOGIN_RATE_LIMIT = os.environ.get("KRAVBYGGER_LOGIN_LIMIT", "30 per minute;300 per day")
        # Mail for notifications: without MAIL_SERVER messages are logged, not lost.
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
        self.MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
        self.MAIL_FROM = os.environ.get("MAIL_FROM", "kravbygger@localhost")
        self.TEMPLATE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
        # Job queue: RQ on Redis when REDIS_URL is set, otherwise jobs run in the process after commit.
        self.REDIS_URL = os.environ.get("REDIS_URL", "")
        self.JOB_QUEUE = os.environ.get("KRAVBYGGER_JOB_QUEUE", "kravbygger")
        self.JOB_ATTEMPTS = int(os.environ.get("KRAVBYGGER_JOB_ATTEMPTS", "3"))
        self.JOB_RETRY_DELAYS = [int(s) for s in os.environ.get("KRAVBYGGER_JOB_RETRY_DELAYS", "10,60").split(",") if s]
        # PDF through LibreOffice: the program, and how long one conversion may take.
        self.SOFFICE = os.environ.get("KRAVBYGGER_SOFFICE", "soffice")
        self.PDF_TIMEOUT = int(os.environ.get("KRAVBYGGER_PDF_TIMEOUT", "120"))
        # Logs: one JSON object per line (json) or plain text (text).
        self.LOG_FORMAT = os.environ.get("KRAVBYGGER_LOG_FORMAT", "json")
        self.LOG_LEVEL = os.environ.get("KRAVBYGGER_LOG_LEVEL", "INFO")
        # OCDS publishing. The default ocid prefix is NOT registered with the Open Contracting
        # Partnership and marks the data as unpublished; the default extension URL never resolves.
        self.OCDS_OCID_PREFIX = os.environ.get("KRAVBYGGER_OCID_PREFIX", "ocds-kravbygger")
        self.OCDS_EXTENSION_URL = os.environ.get("KRAVBYGGER_OCDS_EXTENSION_URL",
                                                 "https://kravbygger.invalid/ocds_extension/extension.json")
        # Public folder where the tender package's files are published; empty: documents get no URL.
        self.DOCUMENTS_BASE_URL = os.environ.get("KRAVBYGGER_DOCUMENTS_BASE_URL", "")


def load_config(overrides: dict | None = None) -> dict:
    config = {k: v for k, v in vars(Config()).items() if k.isupper()}
    config.update(overrides or {})
    return config
