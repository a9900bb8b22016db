"""Bad input stops the strict build with a message that names the file and says how to fix it."""

from __future__ import annotations

from pathlib import Path

from builtsite import run_mkdocs_build


def _build(project: Path, *, offline: bool = False) -> str:
    result = run_mkdocs_build(project, project / "site", offline=offline)
    assert result.returncode != 0, f"the build should have failed:\n{result.log}"
    return result.log


def test_fixture_site_builds_cleanly(fixture_site: Path) -> None:
    """The baseline the other tests break: without it, their failures could mean anything."""
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    assert (fixture_site / "site" / "downloads" / "rupture-and-repair-offline.zip").is_file()


def test_link_to_a_missing_page_names_page_and_target(fixture_site: Path) -> None:
    (fixture_site / "docs" / "index.md").write_text(
        "---\ntitle: Home\ndescription: A home page that links to a page that does not exist.\n---\n\n"
        "# Home\n\nSee [the map](maps/nowhere.md).\n", encoding="utf-8")
    log = _build(fixture_site)
    assert "index.md" in log and "maps/nowhere.md" in log


def test_nav_entry_for_a_missing_file_names_it(fixture_site: Path) -> None:
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - chapters/missing.md\n")
    assert "chapters/missing.md" in _build(fixture_site)


def test_missing_npm_file_says_which_command_installs_it(fixture_site: Path) -> None:
    (fixture_site / "node_modules").unlink()
    log = _build(fixture_site, offline=True)
    assert "iframe-worker" in log and "npm ci" in log
    assert "unpkg" not in log


def test_unknown_data_block_names_file_and_line(fixture_site: Path) -> None:
    (fixture_site / "docs" / "help.md").write_text(
        "---\ntitle: Help\ndescription: A help page with a typo in a data block.\n---\n\n"
        "# Get help now\n\n<!-- rr:crisis-line -->\n", encoding="utf-8"
    )
    log = _build(fixture_site)
    assert "help.md:8: unknown data block 'rr:crisis-line'" in log
    assert "crisis-lines" in log  # the known names, so the typo is easy to fix


def test_bad_crisis_line_names_file_line_and_field(fixture_site: Path) -> None:
    data = fixture_site / "docs" / "crisis-lines.yml"
    text = data.read_text(encoding="utf-8").replace("{kind: call, value: \"116 123\"", "{kind: phone, value: \"116 123\"", 1)
    data.write_text(text, encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "kind: phone" in l)
    log = _build(fixture_site)
    assert f"docs/crisis-lines.yml:{line}: lines.0.contacts.0.kind: 'phone' is not one of" in log


def test_missing_help_page_stops_the_build(fixture_site: Path) -> None:
    (fixture_site / "docs" / "help.md").unlink()
    with (fixture_site / "mkdocs.yml").open("w", encoding="utf-8") as config:
        config.write(f"INHERIT: {Path(__file__).resolve().parent.parent}/mkdocs.yml\nnav:\n  - index.md\n  - offline.md\n")
    log = _build(fixture_site)
    assert "extra.help_page is 'help.md'" in log
