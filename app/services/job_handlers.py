"""Imports every module that registers job handlers (`@jobs.handler`), so a worker knows them all."""

from . import notify, renditions  # noqa: F401
