"""Tests that need Chromium or ../shared/ocds fail in CI when it is missing, and skip elsewhere."""

from __future__ import annotations

import pytest

from tests.conftest import require_in_ci


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_in_ci_fails(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="Chromium is missing.*CI=true"):
        require_in_ci(False, "Chromium is missing")


def test_missing_outside_ci_skips_with_the_reason(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="OCDS schemas not found; outside CI"):
        require_in_ci(False, "OCDS schemas not found")


def test_present_is_neither(monkeypatch):
    monkeypatch.setenv("CI", "true")
    require_in_ci(True, "never shown")
