"""The build's cache folder, ``.cache/rupture-repair/`` next to mkdocs.yml, and its JSON files.

What the build keeps between runs (formatted references, data that passed its
schema, compiled templates) lives here, as Material's plugins keep theirs in ``.cache/``. The folder
holds a ``.gitignore`` of ``*`` (as pytest does for ``.pytest_cache``), so it is
never committed. Files are replaced atomically: the offline copy's build, in a
child process, may read one while it is written. An unreadable or unwritable
cache is no cache: the build then does the work again, with the same result.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

CACHE_FOLDER = ".cache/rupture-repair"


def code_digest(packages: Iterable[str], sources: Iterable[Path] = ()) -> str:
    """Hash of the code a kept result was made by: Python, these packages' versions, these source files.

    Kept results carry it, so that a new version or an edit makes them stale, never wrong.
    """
    digest = hashlib.sha256(f"python {sys.version}\n".encode())
    for package in packages:
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing\n".encode())
    for source in sources:
        digest.update(f"{source.name}\n".encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_folder(config_file_path: str | None) -> Path | None:
    """The cache folder of the site whose mkdocs.yml is at ``config_file_path`` (None: no cache)."""
    return Path(config_file_path).parent / CACHE_FOLDER if config_file_path else None


def read_json(folder: Path | None, name: str) -> Any:
    """The data in ``folder/name``; None when there is no folder, no file or no valid JSON in it."""
    if folder is None:
        return None
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ensure_folder(folder: Path) -> bool:
    """Make the cache folder, with its ``.gitignore``; False when it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("# Created by the Rupture & Repair build: a cache, never committed.\n*\n",
                              encoding="utf-8")
    except OSError:
        return False
    return True


def write_json(folder: Path | None, name: str, data: Any) -> None:
    """Write ``data`` to ``folder/name`` atomically; quietly nothing when the folder cannot be written."""
    if folder is None or not ensure_folder(folder):
        return
    try:
        content = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{Path(name).stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(content)
            os.replace(temporary, folder / name)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:
        return  # a read-only checkout builds as before, only slower
