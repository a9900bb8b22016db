"""The build's cache folder: JSON files written atomically, never committed, and no cache when unusable."""

from __future__ import annotations

from pathlib import Path

import pytest

from rupture_repair.cachefolder import CACHE_FOLDER, cache_folder, read_json, write_json
from rupture_repair.citations import load_bibliography
from rupture_repair.citations.cache import CACHE_FILE, ReferenceCache

BIB = """@book{bowlby1988,
  author = {Bowlby, John},
  year = {1988},
  title = {A Secure Base},
  publisher = {Basic Books},
}
"""


def test_the_folder_is_next_to_mkdocs_yml() -> None:
    assert cache_folder("/site/mkdocs.yml") == Path("/site") / CACHE_FOLDER
    assert cache_folder(None) is None
    assert cache_folder("") is None


def test_write_then_read(tmp_path: Path) -> None:
    folder = tmp_path / ".cache" / "rupture-repair"
    write_json(folder, "some.json", {"b": [1, "é"], "a": None})
    assert read_json(folder, "some.json") == {"b": [1, "é"], "a": None}
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "some.json"]  # no temporary file left


@pytest.mark.parametrize("content", [None, "", "{not json", b"\xff\xfe"])
def test_a_missing_or_damaged_file_reads_as_nothing(tmp_path: Path, content: str | bytes | None) -> None:
    if isinstance(content, bytes):
        (tmp_path / "some.json").write_bytes(content)
    elif content is not None:
        (tmp_path / "some.json").write_text(content, encoding="utf-8")
    assert read_json(tmp_path, "some.json") is None
    assert read_json(None, "some.json") is None


def test_a_file_where_the_folder_should_be_is_no_error(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file", encoding="utf-8")
    write_json(tmp_path / "cache", "some.json", {"a": 1})
    write_json(None, "some.json", {"a": 1})
    assert read_json(tmp_path / "cache", "some.json") is None


def test_formatted_references_are_kept_and_give_the_same_bibliography(tmp_path: Path) -> None:
    cold_cache = ReferenceCache(tmp_path)
    cold, cold_problems = load_bibliography("refs.bib", BIB, cache=cold_cache)
    assert (cold_cache.hits, cold_cache.misses) == (0, 1)
    assert (tmp_path / CACHE_FILE).is_file()
    warm_cache = ReferenceCache(tmp_path)
    warm, warm_problems = load_bibliography("refs.bib", BIB, cache=warm_cache)
    assert (warm_cache.hits, warm_cache.misses) == (1, 0)
    assert warm == cold and warm_problems == cold_problems == []


def test_the_code_digest_changes_with_a_package_version_or_a_source_file(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from rupture_repair import cachefolder
    from rupture_repair.cachefolder import code_digest

    source = tmp_path / "code.py"
    source.write_text("A = 1\n", encoding="utf-8")
    first = code_digest(("jinja2",), (source,))
    assert code_digest(("jinja2",), (source,)) == first
    source.write_text("A = 2\n", encoding="utf-8")
    assert code_digest(("jinja2",), (source,)) != first
    edited = code_digest(("jinja2",), (source,))
    monkeypatch.setattr(cachefolder, "version", lambda package: "0.0-other")
    assert code_digest(("jinja2",), (source,)) != edited
