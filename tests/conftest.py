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
from fixture_sites import FIXTURE_CONFIG, FIXTURE_GLOSSARY, FIXTURE_PAGES

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

FIXTURE_BIBLIOGRAPHY = """\
@article{bordin1979,
  author  = {Bordin, Edward S.},
  year    = {1979},
  title   = {The generalizability of the psychoanalytic concept of the working alliance},
  journal = {Psychotherapy: Theory, Research \\& Practice},
  volume  = {16},
  number  = {3},
  pages   = {252--260},
  doi     = {10.1037/h0085885},
}

@book{safran_muran2000,
  author    = {Safran, Jeremy D. and Muran, J. Christopher},
  year      = {2000},
  title     = {Negotiating the Therapeutic Alliance: A Relational Treatment Guide},
  publisher = {Guilford Press},
}
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
    (docs / "references.bib").write_text(FIXTURE_BIBLIOGRAPHY, encoding="utf-8")
    for name, title, body in FIXTURE_PAGES:
        front_matter = f"---\ntitle: {title}\ndescription: The {title.lower()} page of a small fixture site.\n---\n\n"
        (docs / name).write_text(f"{front_matter}# {title}\n\n{body}\n", encoding="utf-8")
    yield project
