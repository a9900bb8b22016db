"""Hook: copy the pinned npm front-end files into the build (see rupture_repair.vendor)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from rupture_repair.vendor import SITE_ASSETS, missing_asset_message

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    offline = config.extra.get("offline_copy", False)
    for asset in SITE_ASSETS:
        if asset.offline_only and not offline:
            continue
        source = asset.source(root)
        if not source.is_file():
            raise PluginError(missing_asset_message(asset, root))
        files.append(File.generated(config, asset.site_path, abs_src_path=str(source)))
    return files
