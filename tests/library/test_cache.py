"""Start-up remembers that an unchanged library passed validation, and validates again after any
change; an invalid library is never remembered. The C YAML parser is used where libyaml exists."""

from __future__ import annotations

import pytest
import yaml

from app.library import LibraryError, cache, loader


@pytest.fixture
def validations(monkeypatch):
    """Counts the schema validations (building the validators is the first step of one)."""
    calls = []
    original = loader._validators

    def counting(schema_dir):
        calls.append(schema_dir)
        return original(schema_dir)

    monkeypatch.setattr(loader, "_validators", counting)
    return calls


def test_an_unchanged_library_is_validated_once(library_copy, tmp_path, validations, real_library):
    first = cache.load_checked(library_copy, tmp_path / "cache")
    second = cache.load_checked(library_copy, tmp_path / "cache")
    assert len(validations) == 1
    assert second.requirements.keys() == first.requirements.keys() == real_library.requirements.keys()
    assert second.wizard == first.wizard


def test_a_changed_file_is_validated_again(library_copy, tmp_path, validations):
    cache.load_checked(library_copy, tmp_path / "cache")
    wizard = library_copy / "wizard.yml"
    wizard.write_text(wizard.read_text(encoding="utf-8") + "\n# a curator's note\n", encoding="utf-8")
    cache.load_checked(library_copy, tmp_path / "cache")
    assert len(validations) == 2


def test_an_invalid_library_is_refused_every_time(library_copy, tmp_path, validations):
    library_yml = library_copy / "library.yml"
    data = yaml.safe_load(library_yml.read_text(encoding="utf-8"))
    data["version"] = "not a number"
    library_yml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LibraryError, match="version"):
            cache.load_checked(library_copy, tmp_path / "cache")
    assert len(validations) == 2
    assert not list((tmp_path / "cache").glob("library-*"))


def test_without_a_cache_folder_the_library_is_always_validated(library_copy, validations):
    cache.load_checked(library_copy, None)
    cache.load_checked(library_copy, None)
    assert len(validations) == 2


def test_the_c_parser_is_used_where_libyaml_exists():
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert loader.YamlLoader is expected


def test_the_kept_data_is_read_back_instead_of_the_yaml(library_copy, tmp_path, monkeypatch):
    first = cache.load_checked(library_copy, tmp_path / "cache")
    kept = list((tmp_path / "cache").glob("library-*.json"))
    assert len(kept) == 1

    def no_yaml(*args, **kwargs):
        raise AssertionError("the YAML files were parsed although their validated data is kept")

    monkeypatch.setattr(loader.yaml, "load", no_yaml)
    second = cache.load_checked(library_copy, tmp_path / "cache")
    assert second.requirements == first.requirements
    assert second.references == first.references
    assert second.wizard == first.wizard
    assert second.categories == first.categories


def test_a_damaged_kept_file_is_ignored_and_written_again(library_copy, tmp_path, validations):
    cache.load_checked(library_copy, tmp_path / "cache")
    (kept,) = (tmp_path / "cache").glob("library-*.json")
    kept.write_text('{"library.yml": ', encoding="utf-8")
    library = cache.load_checked(library_copy, tmp_path / "cache")
    assert library.requirements
    assert len(validations) == 2
    assert kept.read_text(encoding="utf-8").startswith("{") and len(kept.read_bytes()) > 100_000


def test_data_kept_for_older_files_is_removed(library_copy, tmp_path):
    cache.load_checked(library_copy, tmp_path / "cache")
    (old,) = (tmp_path / "cache").glob("library-*.json")
    wizard = library_copy / "wizard.yml"
    wizard.write_text(wizard.read_text(encoding="utf-8") + "\n# a curator's note\n", encoding="utf-8")
    cache.load_checked(library_copy, tmp_path / "cache")
    (new,) = (tmp_path / "cache").glob("library-*.json")
    assert new != old and not old.exists()
