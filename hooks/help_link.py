"""Hook: find the home page and the "Get help now" page once, so every page's header and footer can link to them.

A missing help page stops the build: a reader in crisis must never meet a dead link.

The home page is Material's ``extra.homepage`` (the logo's link, in the header and
in the navigation drawer). Material would take ``nav.homepage``, but that is only
set for a top-level index page, and here "Home" sits in the "Start" section, so
the logo fell back to a bare folder link (``.``, ``../..``). Online the server
answers that with index.html; in the offline copy, opened from disk, the browser
shows a directory listing instead. The page's own URL is right in both flavours:
``./`` online, ``index.html`` offline (no directory URLs there), made relative
to each page by the template's ``url`` filter. A home link set in mkdocs.yml wins.
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
    if not config.extra.get("homepage"):
        home = next((f for f in files.documentation_pages() if f.dest_uri == "index.html"), None)
        if home is not None:
            config.extra["homepage"] = home.url
    return files
