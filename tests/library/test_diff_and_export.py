"""diff_libraries, library_to_json and the `flask library check|export|diff` commands."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from app.library import load_library
from app.library.diff import diff_libraries
from app.library.export import library_to_json
from tests.library.conftest import (
    LIBRARY_DIR,
    edit_yaml,
    read_yaml,
    replace_text,
    requirement_file,
    write_yaml,
)

NEW_EN_TEXT = "The service must show captions that every participant can switch on and off, or equivalent."


def _bump_library(root: Path, version: str = "1.1.0") -> None:
    def bump(meta):
        meta["version"] = version
        meta["changelog"].insert(0, {"version": version, "date": "2027-01-15", "changes": {
            "nb": "Endret UU-013, ny UU-099, UU-012 utgår.",
            "nn": "Endra UU-013, ny UU-099, UU-012 går ut.",
            "sv": "Ändrat UU-013, nytt UU-099, UU-012 utgår.",
            "en": "Changed UU-013, added UU-099, retired UU-012."}})
        meta["released"] = "2027-01-15"
    edit_yaml(root / "library.yml", bump)


def _change_requirement(root: Path, key: str, change) -> None:
    path, index = requirement_file(root, key)
    edit_yaml(path, lambda data: change(data["requirements"][index]))


def make_release(root: Path) -> None:
    """A curator's release: one text changed (new version), one requirement added, one retired."""
    _bump_library(root)

    def new_text(raw):
        raw["version"] += 1
        raw["text"]["en"]["requirement"] = NEW_EN_TEXT
    _change_requirement(root, "UU-013", new_text)

    def retire(raw):
        raw["version"] += 1
        raw["retired"] = True
    _change_requirement(root, "UU-012", retire)

    path, index = requirement_file(root, "UU-013")
    added = dict(read_yaml(path)["requirements"][index], key="UU-099", version=1)
    write_yaml(path.parent / "added.yml", {"category": "UU", "requirements": [added]})


# ----- diff ----------------------------------------------------------------------------------------

def test_diff_lists_exactly_the_changed_added_and_retired_requirements(library_copy):
    old = load_library(library_copy)
    make_release(library_copy)
    new = load_library(library_copy)
    diff = diff_libraries(old, new)
    assert (diff.old_version, diff.new_version) == (old.version, "1.1.0")
    assert diff.added == ["UU-099"]
    assert diff.removed == []
    assert diff.changed == {"UU-012": ["retired"], "UU-013": ["requirement.en"]}
    assert diff.unversioned == []
    assert not diff.empty
    lines = diff.lines()
    assert lines[0] == f"Library {old.version} -> 1.1.0"
    assert "  + UU-099 added" in lines
    assert "  ~ UU-013 changed: requirement.en" in lines
    assert "  ~ UU-012 changed: retired" in lines
    assert len(lines) == 4


def test_the_retired_requirement_stays_in_the_library_but_is_not_active(library_copy):
    make_release(library_copy)
    new = load_library(library_copy)
    assert new.requirement("UU-012").retired
    assert "UU-012" not in {r.key for r in new.active()}
    assert "UU-099" in {r.key for r in new.active()}


def test_diff_of_a_library_with_itself_is_empty(library_copy):
    diff = diff_libraries(load_library(library_copy), load_library(library_copy))
    assert diff.empty
    assert diff.added == diff.removed == diff.unversioned == [] and diff.changed == {}
    assert diff.lines()[-1] == "  no requirement changed"


def test_a_change_without_a_new_version_number_is_flagged(library_copy):
    old = load_library(library_copy)
    def reweigh(raw):
        raw["obligation"] = "should"
        raw["weight"] = 10
    _change_requirement(library_copy, "UU-013", reweigh)
    diff = diff_libraries(old, load_library(library_copy))
    assert diff.changed == {"UU-013": ["obligation", "weight"]}
    assert diff.unversioned == ["UU-013"]
    assert "  ! UU-013 changed but kept its version number" in diff.lines()


def test_a_deleted_requirement_is_removed(library_copy):
    old = load_library(library_copy)
    path, index = requirement_file(library_copy, "UU-014")
    edit_yaml(path, lambda data: data["requirements"].pop(index))
    diff = diff_libraries(old, load_library(library_copy))
    assert diff.removed == ["UU-014"]
    assert diff.added == [] and diff.changed == {}


def test_a_changed_reference_pinpoint_is_a_change(library_copy):
    old = load_library(library_copy)
    def pinpoint(raw):
        raw["version"] += 1
        raw["references"][0]["pinpoint"] = "clause 7.2"
    _change_requirement(library_copy, "UU-013", pinpoint)
    diff = diff_libraries(old, load_library(library_copy))
    assert diff.changed == {"UU-013": ["references"]}


# ----- JSON export ---------------------------------------------------------------------------------

def test_json_export_has_every_requirement_the_version_and_a_licence(real_library):
    text = json.dumps(library_to_json(real_library), ensure_ascii=False)
    data = json.loads(text)
    assert data["version"] == real_library.version
    assert data["license"]
    assert "CC" in data["license"] or "licen" in data["license"].lower()
    keys = [r["key"] for r in data["requirements"]]
    assert sorted(keys) == sorted(real_library.requirements)
    assert len(keys) == len(set(keys))
    assert {c["code"] for c in data["categories"]} == {c.code for c in real_library.categories}
    assert {r["id"] for r in data["references"]} == set(real_library.references)


def test_json_export_carries_texts_references_and_conditions(real_library):
    data = library_to_json(real_library)
    uu013 = next(r for r in data["requirements"] if r["key"] == "UU-013")
    source = real_library.requirement("UU-013")
    assert set(uu013["text"]) == set(source.texts) >= {"nb", "sv", "en"}
    assert uu013["text"]["sv"]["requirement"] == source.text("sv").requirement
    assert uu013["applies_when"] == source.applies_when
    assert [r["ref"] for r in uu013["references"]] == [c.reference.id for c in source.citations]
    assert uu013["references"][0]["citation"].endswith("clause 7.1")
    assert uu013["obligation"] == "must" and uu013["answer"] == {"type": "yes_no", "expected": True}


def test_json_export_marks_retired_requirements(library_copy):
    make_release(library_copy)
    data = library_to_json(load_library(library_copy))
    retired = {r["key"] for r in data["requirements"] if r["retired"]}
    assert retired == {"UU-012"}


# ----- CLI -----------------------------------------------------------------------------------------

@pytest.fixture
def cli(app):
    return app.test_cli_runner()


def test_cli_check_passes_on_the_real_library(cli):
    result = cli.invoke(args=["library", "check"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^Library \d+\.\d+\.\d+: \d+ requirements in \d+ categories", result.output, re.M)
    assert "0 lint error(s)" in result.output


def test_cli_check_with_an_explicit_path(cli, library_copy):
    library = load_library(library_copy)
    result = cli.invoke(args=["library", "check", "--path", str(library_copy)])
    assert result.exit_code == 0, result.output
    assert f"Library {library.version}: {len(library.requirements)} requirements" in result.output


def test_cli_check_fails_naming_the_broken_file(cli, library_copy):
    replace_text(library_copy / "requirements/accessibility/meetings.yml", "category: UU\n", "category: [UU\n")
    result = cli.invoke(args=["library", "check", "--path", str(library_copy)])
    assert result.exit_code != 0
    assert "requirements/accessibility/meetings.yml" in result.output
    assert "not valid YAML" in result.output


def test_cli_check_fails_on_lint_errors(cli, library_copy):
    def branded(raw):
        raw["text"]["en"]["requirement"] = "The service must work exactly like Microsoft Teams."
    _change_requirement(library_copy, "UU-013", branded)
    result = cli.invoke(args=["library", "check", "--path", str(library_copy)])
    assert result.exit_code != 0
    assert "UU-013" in result.output


def test_cli_export_json_to_stdout(cli):
    result = cli.invoke(args=["library", "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    library = load_library(LIBRARY_DIR)
    assert data["version"] == library.version
    assert {r["key"] for r in data["requirements"]} == set(library.requirements)


def test_cli_export_json_to_a_file(cli, tmp_path):
    target = tmp_path / "library.json"
    result = cli.invoke(args=["library", "export", "--format", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    library = load_library(LIBRARY_DIR)
    assert data["license"] and data["version"] == library.version
    assert {r["key"] for r in data["requirements"]} == set(library.requirements)
    assert "ø" in target.read_text(encoding="utf-8")  # written as UTF-8, not \u escapes


def test_cli_diff_of_two_folders_prints_the_changes(cli, library_copy, tmp_path):
    before = tmp_path / "before"
    shutil.copytree(library_copy, before)
    make_release(library_copy)
    result = cli.invoke(args=["library", "diff", str(before), str(library_copy)])
    assert result.exit_code == 0, result.output
    assert sorted(result.output.splitlines()) == sorted([
        f"Library {load_library(before).version} -> 1.1.0",
        "  + UU-099 added",
        "  ~ UU-012 changed: retired",
        "  ~ UU-013 changed: requirement.en",
    ])


def test_cli_diff_with_a_broken_folder_names_the_problem(cli, library_copy):
    replace_text(library_copy / "requirements/accessibility/meetings.yml", "key: UU-013\n    version: 2",
                 "key: UU-013\n    version: two")
    result = cli.invoke(args=["library", "diff", str(LIBRARY_DIR), str(library_copy)])
    assert result.exit_code != 0
    assert "UU-013" in result.output and "meetings.yml" in result.output
