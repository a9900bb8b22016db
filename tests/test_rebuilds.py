"""What an author sees when building again: what the build keeps between runs never changes or hides anything."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from builtsite import run_mkdocs_build


def _differences(one: Path, other: Path) -> list[str]:
    """Files that are in only one of two folders, or differ byte for byte."""
    found: list[str] = []
    compared = filecmp.dircmp(one, other)
    found += [str(Path(one, name)) for name in compared.left_only + compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(one, other, compared.common_files, shallow=False)
    found += [str(Path(one, name)) for name in mismatch + errors]
    for folder in compared.common_dirs:
        found += _differences(one / folder, other / folder)
    return found


def test_a_build_with_kept_templates_is_the_same_and_an_edit_still_shows(
        fixture_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiled templates are kept between builds (hooks/template_cache.py), but never outlive an edit."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # not a git checkout: no build dated by the clock
    cold = run_mkdocs_build(fixture_site, fixture_site / "site-cold")
    assert cold.returncode == 0, cold.log
    kept = list((fixture_site / ".cache" / "rupture-repair").glob("templates/*.cache"))
    assert len(kept) > 20, "the theme's compiled templates should be kept for the next build"

    warm = run_mkdocs_build(fixture_site, fixture_site / "site-warm")
    assert warm.returncode == 0, warm.log
    assert _differences(fixture_site / "site-cold", fixture_site / "site-warm") == []

    footer = fixture_site / "overrides" / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "It is not therapy", "Edited between builds. It is not therapy"), encoding="utf-8")
    edited = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert edited.returncode == 0, edited.log
    assert "Edited between builds." in (fixture_site / "site" / "index.html").read_text(encoding="utf-8")
