"""OCDS 1.1.5 validators for tests, built from the official schemas in ../shared/ocds.

The release schema is patched (JSON Merge Patch, RFC 7386) with the extensions in the order
lots, submissionTerms, bid, requirements, awardCriteria, selectionCriteria, then our own
(exports/ocds_extension). The package is validated with Draft4Validator against
release-package-schema.json, the merged release schema registered under its `id` URL with
`referencing` (no network). `strict()` does the same against copies in which every object
schema with `properties` gets `additionalProperties: false`, so misspelt fields fail.
The schemas are read, never copied into the project. Without the folder the tests fail in CI (CI=true)
and are skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.conftest import require_in_ci

REPO = Path(__file__).resolve().parents[2]
OCDS_DIR = REPO.parent / "shared" / "ocds"
OWN_EXTENSION = REPO / "exports" / "ocds_extension"
EXTENSION_ORDER = ("lots", "submissionTerms", "bid", "requirements", "awardCriteria", "selectionCriteria")


def require_shared(path: Path) -> None:
    """`path` in the shared OCDS test data must exist: fails in CI, skips with the reason elsewhere."""
    require_in_ci(path.exists(), f"OCDS test data not found at {path} (the shared folder ../shared/ocds is absent)")


def require_schemas() -> None:
    require_shared(OCDS_DIR / "release-schema.json")


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def release_schema() -> dict[str, Any]:
    schema = _load(OCDS_DIR / "release-schema.json")
    for name in EXTENSION_ORDER:
        schema = merge_patch(schema, _load(OCDS_DIR / f"ext-{name}.json"))
    return merge_patch(schema, _load(OWN_EXTENSION / "release-schema.json"))


def strictify(schema: Any) -> Any:
    """Copy of `schema` where every object schema that lists `properties` forbids others."""
    if isinstance(schema, dict):
        out = {k: strictify(v) for k, v in schema.items()}
        if isinstance(schema.get("properties"), dict) and "additionalProperties" not in schema:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strictify(v) for v in schema]
    return schema


def _validator(strict: bool) -> Draft4Validator:
    release = release_schema()
    package = _load(OCDS_DIR / "release-package-schema.json")
    if strict:
        release, package = strictify(release), strictify(package)
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def validators() -> tuple[Draft4Validator, Draft4Validator]:
    """(standard, strict) package validators."""
    require_schemas()
    return _validator(False), _validator(True)


def errors(validator: Draft4Validator, package: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(package)]
