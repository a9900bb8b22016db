"""Reading built pages the way a browser would: parsed HTML, resolved relative links."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


ROOT = Path(__file__).resolve().parent.parent
OFFLINE_ZIP = "downloads/rupture-and-repair-offline.zip"


@dataclass(frozen=True)
class BuildResult:
    """A finished build: where it went and what it said."""

    site: Path
    returncode: int
    log: str


def run_mkdocs_build(project: Path, site_dir: Path, *, offline: bool = False) -> BuildResult:
    """Build ``project`` strictly into ``site_dir`` in a child process (no hook state shared)."""
    env = {**os.environ, "OFFLINE": "true" if offline else "false"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir),
         "--config-file", str(project / "mkdocs.yml")],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    return BuildResult(site_dir, result.returncode, result.stdout + result.stderr)


# The path the online site is served under (site_url's path), for root-relative links (404 page).
SITE_PATH = urlsplit(re.search(r'SITE_URL, "([^"]+)"', (ROOT / "mkdocs.yml").read_text()).group(1)).path


def html_pages(site: Path) -> list[Path]:
    """Every HTML page a reader can open (the search worker's files excluded)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


@lru_cache(maxsize=512)
def _parse(path: Path, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """The parsed page, shared between tests: read it, never change it (copy.copy it first)."""
    return _parse(path, path.stat().st_mtime)


def resolve(page: Path, href: str, site: Path) -> tuple[Path, str] | None:
    """The file and fragment a relative link on ``page`` leads to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        assert parts.path.startswith(SITE_PATH), f"{page}: root-relative link outside the site: {href}"
        target = (site / unquote(parts.path[len(SITE_PATH):])).resolve()
    else:
        target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def material_config(page: Path) -> dict:
    """The JSON configuration Material's JavaScript reads (features, search worker, ...)."""
    script = soup(page).find("script", id="__config")
    assert script is not None, f"{page}: no Material configuration script"
    return json.loads(script.string)
