"""Hook: the online site ships the offline copy as a zip ("Read offline").

The offline copy is a separate build (``OFFLINE=true``), run in a child
process so that the two flavours never share hook state; its folder is zipped
deterministically and added to the online site as a generated file, so links
to it are checked like any other. ``mkdocs serve`` builds it once at start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from rupture_repair.archive import zip_folder

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

ZIP_PATH = "downloads/rupture-and-repair-offline.zip"
FOLDER_IN_ZIP = "rupture-and-repair"

_serving = False
_zip_from_startup: bytes | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _zip_from_startup
    if config.extra.get("offline_copy"):
        return files
    if _serving and _zip_from_startup is not None:
        content = _zip_from_startup
    else:
        content = _build_offline_zip(config)
        _zip_from_startup = content if _serving else None
    files.append(File.generated(config, ZIP_PATH, content=content))
    config.extra["offline_zip"] = {"path": ZIP_PATH, "bytes": len(content)}
    return files


def _build_offline_zip(config: MkDocsConfig) -> bytes:
    with tempfile.TemporaryDirectory(prefix="rr-offline-") as tmp:
        out = Path(tmp) / FOLDER_IN_ZIP
        command = [sys.executable, "-m", "mkdocs", "build", "--strict",
                   "--config-file", config.config_file_path, "--site-dir", str(out)]
        env = {**os.environ, "OFFLINE": "true"}
        log.info("building the offline copy for %s", ZIP_PATH)
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PluginError(
                "the offline copy failed to build (run `OFFLINE=true mkdocs build --strict` to see why):\n"
                + (result.stderr or result.stdout).strip()
            )
        return zip_folder(out, FOLDER_IN_ZIP)
