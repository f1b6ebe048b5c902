"""Start-up loads what every request needs and nothing more: the Word, spreadsheet, OpenID Connect
and JSON-Schema libraries are imported on first use (issue 11: every app, worker and command pays
for what `create_app` imports), and the garbage collector, paused while the app is built, runs again
afterwards. The figures are in `make bench` (bench_structure)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app

ROOT = Path(__file__).resolve().parents[2]
ON_FIRST_USE = ("docx", "docxtpl", "openpyxl", "authlib", "joserfc", "requests", "jsonschema", "lxml")

PROBE = """
import json, sys
from app import create_app
create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "probe", "LIBRARY_CACHE_DIR": sys.argv[1]})
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _modules_after_start(cache_dir: Path) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(cache_dir)], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_create_app_does_not_import_the_exporters_or_the_sign_in_protocol(tmp_path):
    first = _modules_after_start(tmp_path / "cache")  # validates the library (jsonschema) and keeps it
    later = _modules_after_start(tmp_path / "cache")
    assert "jsonschema" in first
    assert "flask" in later and "sqlalchemy" in later  # the probe really built the app
    assert sorted(later & set(ON_FIRST_USE)) == []


@pytest.mark.parametrize("enabled", [True, False])
def test_create_app_leaves_the_garbage_collector_as_it_found_it(tmp_path, enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "probe",
                          "LIBRARY_CACHE_DIR": str(tmp_path / "cache")})
        assert app.extensions["kravbygger.library"].requirements
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_garbage_collector_runs_again_when_building_the_app_fails(monkeypatch):
    assert gc.isenabled()
    monkeypatch.setattr("app.load_config", lambda config: (_ for _ in ()).throw(RuntimeError("bad config")))
    with pytest.raises(RuntimeError, match="bad config"):
        create_app({})
    assert gc.isenabled()
