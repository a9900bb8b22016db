"""What an author sees when building again: what the build keeps between runs never hides an edit."""

from __future__ import annotations

from pathlib import Path

from builtsite import run_mkdocs_build


def test_an_edited_theme_template_shows_in_the_next_build(fixture_site: Path) -> None:
    """Compiled templates are kept between builds (hooks/template_cache.py), but never outlive an edit."""
    first = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert first.returncode == 0, first.log
    kept = list((fixture_site / ".cache" / "rupture-repair").glob("templates-*/*.cache"))
    assert len(kept) > 20, "the theme's compiled templates should be kept for the next build"

    footer = fixture_site / "overrides" / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "It is not therapy", "Edited between builds. It is not therapy"), encoding="utf-8")
    second = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert second.returncode == 0, second.log
    assert "Edited between builds." in (fixture_site / "site" / "index.html").read_text(encoding="utf-8")
