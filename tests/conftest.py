"""Shared fixtures: the real site built once per run, fixture sites, the browser.

The real site is built once (a session fixture) in a child process, exactly as
``./run build`` does; its offline copy is the zip the online site ships, so the
tests read what a reader downloads.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from builtsite import OFFLINE_ZIP, ROOT, BuildResult, run_mkdocs_build

@pytest.fixture(scope="session")
def online_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    out = tmp_path_factory.mktemp("online") / "site"
    result = run_mkdocs_build(ROOT, out)
    assert result.returncode == 0, f"the real site failed to build:\n{result.log}"
    return result


@pytest.fixture(scope="session")
def offline_site(online_site: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy as a reader gets it: the online site's zip, unpacked."""
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(online_site.site / OFFLINE_ZIP) as archive:
        archive.extractall(out)
    return out / "rupture-and-repair"


# ----- Fixture sites ----------------------------------------------------------

PROJECT_PARTS = ("hooks", "overrides")

FIXTURE_CONFIG = """\
# A fixture site: the real configuration, with its own small nav.
INHERIT: {root}/mkdocs.yml
nav:
  - index.md
  - help.md
  - offline.md
  - glossary.md
"""

FIXTURE_GLOSSARY = """\
- term: alliance rupture
  aliases: [rupture]
  plain: A strain in the working relationship between a client and a therapist.
  clinical: A breakdown in collaboration on goals or tasks, or a strain in the emotional bond.
  related: [repair]
- term: repair
  plain: Working a strain through together, so that the relationship recovers.
  clinical: The process by which client and therapist resolve a rupture in their alliance.
  related: [alliance-rupture]
"""


@pytest.fixture
def fixture_site(tmp_path: Path) -> Iterator[Path]:
    """A copy of the project's machinery with a small docs folder, to break on purpose."""
    project = tmp_path / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (project / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(root=ROOT), encoding="utf-8")
    docs = project / "docs"
    docs.mkdir()
    shutil.copy2(ROOT / "docs" / "crisis-lines.yml", docs / "crisis-lines.yml")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "glossary.yml").write_text(FIXTURE_GLOSSARY, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nA small fixture site about a rupture and its repair.\n", encoding="utf-8")
    (docs / "help.md").write_text("# Get help now\n\n<!-- rr:crisis-lines -->\n", encoding="utf-8")
    (docs / "offline.md").write_text("# Read offline\n\n<!-- rr:offline-download -->\n", encoding="utf-8")
    yield project
