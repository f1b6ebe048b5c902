"""Gunicorn settings for `make serve` / `flask --app app serve`. Each can be changed with the environment
variable named beside it (see the Configuration table in README.md)."""

import os

wsgi_app = "app:create_app()"
bind = os.environ.get("KRAVBYGGER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KRAVBYGGER_WEB_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 8))))
worker_class = "gthread"  # threads keep a worker answering while one request waits on the database
threads = int(os.environ.get("KRAVBYGGER_WEB_THREADS", "4"))
timeout = int(os.environ.get("KRAVBYGGER_WEB_TIMEOUT", "60"))  # a worker silent this long is restarted
graceful_timeout = int(os.environ.get("KRAVBYGGER_WEB_GRACEFUL_TIMEOUT", "30"))  # to finish requests on stop
keepalive = 5
max_requests = 2000  # recycle workers now and then (memory); jitter so they don't all restart together
max_requests_jitter = 200
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("KRAVBYGGER_ACCESS_LOG", "-")  # "-" = stdout; a path, or "" for none
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s "%(a)s"'
_log_format = os.environ.get("KRAVBYGGER_LOG_FORMAT", "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"app": {"()": "app.logs.JsonFormatter" if _log_format == "json" else "app.logs.TextFormatter"}},
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "app", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "app", "stream": "ext://sys.stdout"},
    },
    "root": {"handlers": ["error"], "level": os.environ.get("KRAVBYGGER_LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
control_socket_disable = True  # several servers (or tests) on one machine must not share one control socket
