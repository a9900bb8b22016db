"""Hook: find the "Get help now" page once, so every page's header and footer can link to it.

A missing help page stops the build: a reader in crisis must never meet a dead link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    help_page = config.extra.get("help_page")
    found = files.get_file_from_path(help_page) if help_page else None
    if found is None or not found.is_documentation_page():
        raise PluginError(
            f"mkdocs.yml: extra.help_page is '{help_page}', which is not a page in "
            f"{config.docs_dir}; set it to the help page's file (e.g. help.md)"
        )
    config.extra["help_url"] = found.url
    return files
