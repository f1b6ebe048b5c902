"""The layout rules of issue 11 hold: no module in app/ over 400 lines, and ruff's complexity rule
(C901, at most 10) covers every function in app/ with no exception."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def test_no_module_in_app_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "app").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_complexity_rule_is_on_for_all_of_app():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "C901" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == 10
    exempt = [pattern for pattern, rules in lint.get("per-file-ignores", {}).items()
              if "C901" in rules and pattern.startswith("app")]
    assert exempt == []
    noqa = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py") if "C901" in p.read_text(encoding="utf-8")]
    assert noqa == []
