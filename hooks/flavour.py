"""Hook: shape the offline copy (``OFFLINE=true``) so it works from ``file://``.

Search needs the iframe-worker shim there, decided before the offline plugin's
own ``on_config`` runs, hence the high priority.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

from rupture_repair.vendor import IFRAME_WORKER_SHIM

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)

def is_offline_build(config: MkDocsConfig) -> bool:
    """True when the Material offline plugin is switched on for this build."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    offline = is_offline_build(config)
    config.extra["offline_copy"] = offline
    if not offline:
        return config
    # A local copy of the shim: the offline plugin skips its CDN URL when an
    # entry mentions "iframe-worker" (hooks/vendor_assets.py ships the file).
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [*polyfills, IFRAME_WORKER_SHIM.site_path]
    log.info("offline copy: search shim %s", IFRAME_WORKER_SHIM.site_path)
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    # Opened from disk, no server ever shows a 404 page, and its root-relative
    # links could not work there: leave it out of the offline copy.
    if config.extra.get("offline_copy"):
        (Path(config.site_dir) / "404.html").unlink(missing_ok=True)
