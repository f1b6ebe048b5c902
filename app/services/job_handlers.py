"""Imports every module that registers job handlers (`@jobs.handler`), so a worker knows them all."""

from . import backup_jobs, notify, renditions  # noqa: F401
