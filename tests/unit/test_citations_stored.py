"""The loaded bibliography kept between builds: same result, reloaded on any change, failures never kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import rupture_repair.citations.bibliography as bibliography_module
from rupture_repair.citations import load_bibliography, load_stored
from rupture_repair.citations import stored
from rupture_repair.citations.stored import STORE_FILE

BIB = """@book{bowlby1988,
  author = {Bowlby, John},
  year = {1988},
  title = {A Secure Base},
  publisher = {Basic Books},
}

@article{safran2000a,
  author = {Safran, Jeremy D. and Muran, J. Christopher},
  year = {2000},
  title = {Resolving therapeutic alliance ruptures},
  journal = {Journal of Clinical Psychology},
  volume = {56},
  pages = {233--243},
  doi = {10.1002/(SICI)1097-4679(200002)56:2<233::AID-JCLP9>3.0.CO;2-3},
}

@article{safran2000b,
  author = {Safran, Jeremy D. and Muran, J. Christopher},
  year = {2000},
  title = {Negotiating the therapeutic alliance},
  journal = {In Session},
}
"""

BROKEN = BIB + "\n@book{nameless,\n  year = {1999},\n  title = {No Author},\n}\n"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts really loaded (parsed, checked, formatted), in order."""
    seen: list[str] = []
    real = bibliography_module.load_bibliography

    def counting(path, text=None, *, cache=None):  # type: ignore[no-untyped-def]
        seen.append(text)
        return real(path, text, cache=cache)

    monkeypatch.setattr(bibliography_module, "load_bibliography", counting)
    return seen


def test_an_unchanged_bib_is_not_loaded_again_and_gives_the_same_bibliography(
    tmp_path: Path, loads: list[str]
) -> None:
    cold, cold_problems = load_stored("docs/references.bib", BIB, tmp_path)
    warm, warm_problems = load_stored("docs/references.bib", BIB, tmp_path)
    fresh, fresh_problems = load_bibliography("docs/references.bib", BIB)
    assert loads == [BIB]
    assert cold_problems == warm_problems == fresh_problems == []
    assert warm == cold == fresh
    assert list(warm.references) == list(fresh.references)  # the loaded order, which ordered() keeps for ties
    assert [ref.key for ref in warm.ordered()] == [ref.key for ref in fresh.ordered()]
    assert all(isinstance(ref.sort_key, tuple) for ref in warm.references.values())
    assert {warm["safran2000a"].year, warm["safran2000b"].year} == {"2000a", "2000b"}
    assert warm["safran2000a"].doi_url and "<a href=" in warm["safran2000a"].linked_html


def test_any_change_to_the_text_loads_it_again(tmp_path: Path, loads: list[str]) -> None:
    edited = BIB.replace("A Secure Base", "A Secure Base: Clinical Applications")
    load_stored("refs.bib", BIB, tmp_path)
    bibliography, _ = load_stored("refs.bib", edited, tmp_path)
    assert loads == [BIB, edited]
    assert "Clinical applications" in bibliography["bowlby1988"].html
    load_stored("refs.bib", BIB + " ", tmp_path)  # even white space outside any entry
    assert len(loads) == 3


def test_a_load_with_problems_is_never_kept_and_is_reported_every_time(tmp_path: Path, loads: list[str]) -> None:
    load_stored("refs.bib", BIB, tmp_path)
    first, first_problems = load_stored("refs.bib", BROKEN, tmp_path)
    again, again_problems = load_stored("refs.bib", BROKEN, tmp_path)
    assert loads == [BIB, BROKEN, BROKEN]
    assert first_problems == again_problems
    assert any("has no author" in str(problem) for problem in again_problems)
    assert "nameless" in again
    # The last good load is still the one kept.
    assert json.loads((tmp_path / STORE_FILE).read_text())["digest"] == stored.load_digest("refs.bib", BIB)


def test_the_label_is_part_of_the_key(tmp_path: Path, loads: list[str]) -> None:
    load_stored("a/references.bib", BIB, tmp_path)
    bibliography, _ = load_stored("b/references.bib", BIB, tmp_path)
    assert len(loads) == 2
    assert bibliography.path == "b/references.bib"


def test_new_code_or_packages_load_it_again(tmp_path: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    load_stored("refs.bib", BIB, tmp_path)
    monkeypatch.setattr(stored, "code_fingerprint", lambda: "another formatter")
    load_stored("refs.bib", BIB, tmp_path)
    assert len(loads) == 2


@pytest.mark.parametrize("damage", [
    lambda data: "not json",
    lambda data: {**data, "bibliography": None},
    lambda data: {**data, "bibliography": {**data["bibliography"], "references": {}}},
    lambda data: {**data, "bibliography": {**data["bibliography"], "references": [{"key": "bowlby1988"}]}},
    lambda data: {**data, "bibliography": {**data["bibliography"],
                                           "references": [{**data["bibliography"]["references"][0], "line": "2"}]}},
    lambda data: {**data, "bibliography": {**data["bibliography"], "references": 2 * data["bibliography"]["references"]}},
])
def test_a_damaged_store_is_no_store(tmp_path: Path, loads: list[str], damage) -> None:  # type: ignore[no-untyped-def]
    good, _ = load_stored("refs.bib", BIB, tmp_path)
    file = tmp_path / STORE_FILE
    file.write_text(json.dumps(damage(json.loads(file.read_text()))))
    again, problems = load_stored("refs.bib", BIB, tmp_path)
    assert len(loads) == 2
    assert again == good and problems == []


def test_without_a_folder_every_load_is_done(loads: list[str]) -> None:
    load_stored("refs.bib", BIB, None)
    load_stored("refs.bib", BIB, None)
    assert len(loads) == 2


def test_a_stored_load_imports_neither_pybtex_nor_citeproc(tmp_path: Path) -> None:
    load_stored("refs.bib", BIB, tmp_path)
    script = (
        "import sys; from pathlib import Path; from rupture_repair.citations import load_stored\n"
        f"bibliography, problems = load_stored('refs.bib', {BIB!r}, Path({str(tmp_path)!r}))\n"
        "assert len(bibliography) == 3 and not problems\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pybtex', 'citeproc', 'latexcodec')))\n"
    )
    hooks = Path(__file__).resolve().parents[2] / "hooks"
    out = subprocess.run([sys.executable, "-c", script], cwd=hooks, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
