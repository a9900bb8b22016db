"""The real site, both flavours, read as HTML: safety, privacy, offline, links."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from builtsite import OFFLINE_ZIP, ROOT, BuildResult, html_pages, material_config, resolve, run_mkdocs_build, soup

CRISIS_DATA = yaml.safe_load((ROOT / "docs" / "crisis-lines.yml").read_text(encoding="utf-8"))

# Attributes through which a page makes the browser fetch something.
RESOURCE_ATTRIBUTES = {
    "script": "src", "img": "src", "source": "src", "iframe": "src", "audio": "src",
    "video": "src", "embed": "src", "object": "data",
}


@pytest.fixture(scope="session", params=["online", "offline"])
def flavour(request: pytest.FixtureRequest, online_site: BuildResult, offline_site: Path) -> Path:
    return online_site.site if request.param == "online" else offline_site


def test_real_site_builds_strictly_without_warnings(online_site: BuildResult) -> None:
    warnings = [line for line in online_site.log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert warnings == []


def test_every_page_links_to_help_from_its_header(flavour: Path) -> None:
    help_page = soup_path(flavour, "help")
    for page in html_pages(flavour):
        link = soup(page).select_one("header a.rr-help-link")
        assert link is not None, f"{page.relative_to(flavour)}: no 'Get help now' link in the header"
        assert "Get help now" in link.get_text()
        target, _ = resolve(page, link["href"], flavour)
        assert target == help_page, f"{page.relative_to(flavour)}: help link leads to {target}"


def test_every_page_says_it_is_education_not_therapy(flavour: Path) -> None:
    for page in html_pages(flavour):
        footer = soup(page).select_one("footer .rr-disclaimer")
        assert footer is not None, f"{page.relative_to(flavour)}: no disclaimer in the footer"
        text = " ".join(footer.get_text().split())
        assert "not therapy" in text and "crisis service" in text


def test_help_page_lists_every_crisis_line_with_tappable_numbers(flavour: Path) -> None:
    page = soup(soup_path(flavour, "help"))
    text = " ".join(page.get_text().split())
    for line in CRISIS_DATA["lines"]:
        assert line["service"] in text
        for contact in line["contacts"]:
            scheme = {"call": "tel:", "text": "sms:", "email": "mailto:"}.get(contact["kind"], "https://")
            link = page.find("a", string=contact["value"], href=re.compile("^" + scheme))
            assert link is not None, f"help page: no {scheme} link for {line['service']} {contact['value']}"
    for entry in CRISIS_DATA["emergency_numbers"]:
        assert entry["region"] in text and entry["number"] in text
        # The most urgent numbers are the first to dial: each one in the entry is a tel: link.
        for number in re.findall(r"\d+(?: \d+)*", entry["number"]):
            link = page.find("a", string=number, href="tel:" + number.replace(" ", ""))
            assert link is not None, f"help page: {entry['region']}: {number} is not a tel: link"
    assert f"Last checked: {CRISIS_DATA['last_checked']}" in text
    assert "can change" in text
    # It ends with help, not with links back into the chapters that mention it.
    assert page.find(id="linked-from") is None and page.find(class_="rr-related") is None


def test_no_page_loads_anything_from_another_origin(flavour: Path) -> None:
    for page in html_pages(flavour):
        document = soup(page)
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in document.find_all(tag, attrs={attribute: True}):
                assert resolve(page, element[attribute], flavour) is not None, (
                    f"{page.relative_to(flavour)}: <{tag}> loads {element[attribute]}")
        for link in document.find_all("link", href=True):
            if set(link.get("rel", [])) & {"stylesheet", "preload", "modulepreload", "icon", "preconnect"}:
                assert resolve(page, link["href"], flavour) is not None, (
                    f"{page.relative_to(flavour)}: <link> loads {link['href']}")
        assert "fonts.googleapis" not in str(document) and "unpkg.com" not in str(document)


def test_no_internal_link_dangles(flavour: Path) -> None:
    ids_by_file: dict[Path, set[str]] = {}
    for page in html_pages(flavour):
        for anchor in soup(page).find_all("a", href=True):
            target = resolve(page, anchor["href"], flavour)
            if target is None or anchor["href"].startswith(("tel:", "sms:", "mailto:")):
                continue
            path, fragment = target
            assert path.exists(), f"{page.relative_to(flavour)}: link to missing {anchor['href']}"
            if fragment and path.suffix == ".html":
                ids = ids_by_file.setdefault(path, {e["id"] for e in soup(path).find_all(id=True)})
                assert fragment in ids, f"{page.relative_to(flavour)}: link to missing anchor {anchor['href']}"


def test_pages_are_british_english_with_a_description(flavour: Path) -> None:
    for page in html_pages(flavour):
        document = soup(page)
        assert document.html["lang"] == "en-GB"
        description = document.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 40, f"{page.relative_to(flavour)}: no description"


def test_online_site_offers_the_offline_zip(online_site: BuildResult) -> None:
    site = online_site.site
    download = soup(soup_path(site, "offline")).find("a", href=re.compile(r"offline\.zip$"))
    assert download is not None and "Download the offline copy" in download.get_text()
    target, _ = resolve(soup_path(site, "offline"), download["href"], site)
    assert target == site / OFFLINE_ZIP
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
    assert "rupture-and-repair/index.html" in names
    assert "rupture-and-repair/search/search_index.js" in names


def test_offline_copy_works_from_disk(offline_site: Path) -> None:
    config = material_config(offline_site / "index.html")
    assert not any(feature.startswith("navigation.instant") for feature in config["features"])
    # Links point at files, not folders a file:// browser cannot open.
    assert (offline_site / "help.html").is_file()
    shim = soup(offline_site / "index.html").find("script", src=re.compile("iframe-worker"))
    assert shim is not None and (offline_site / shim["src"]).is_file()
    assert (offline_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index")
    assert "You are reading the offline copy" in soup(offline_site / "offline.html").get_text()


def test_two_builds_are_identical_byte_for_byte(online_site: BuildResult, tmp_path: Path) -> None:
    """Reproducible builds: dates come from the last commit, the zip has fixed timestamps."""
    again = run_mkdocs_build(ROOT, tmp_path / "site")
    assert again.returncode == 0, again.log
    first = {p.relative_to(online_site.site) for p in online_site.site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site) for p in again.site.rglob("*") if p.is_file()}
    assert first == second
    different = [str(p) for p in sorted(first) if (online_site.site / p).read_bytes() != (again.site / p).read_bytes()]
    assert different == []


def soup_path(site: Path, page: str) -> Path:
    """The built file of a page, for either flavour (folder URLs online, .html offline)."""
    for candidate in (site / page / "index.html", site / f"{page}.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"{site}: no page '{page}'")


def test_sitemap_is_dated_from_the_last_commit_not_the_clock(fixture_site: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_COMMITTER_DATE": "2020-02-03T12:00:00Z", "GIT_AUTHOR_DATE": "2020-02-03T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env.pop("SOURCE_DATE_EPOCH", None)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "fixture"]):
        subprocess.run(["git", "-C", str(fixture_site), *command], env=env, check=True, capture_output=True)
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (fixture_site / "site" / "sitemap.xml").read_text()))
    assert dates == {"2020-02-03"}
