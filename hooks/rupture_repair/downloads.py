"""The "Read offline" block: a download link online, a reassurance in the offline copy."""

from __future__ import annotations

from collections.abc import Mapping


def render_offline_download(extra: Mapping[str, object]) -> str:
    """Markdown for the offline download, from what the build put in ``config.extra``."""
    if extra.get("offline_copy"):
        return (
            '!!! success "You are reading the offline copy"\n'
            "    Everything here works without a network: search, the glossary and the links "
            "between pages. Nothing is sent anywhere.\n"
        )
    download = extra.get("offline_zip")
    if not isinstance(download, Mapping):
        raise ValueError("the offline zip was not built; is hooks/offline_copy.py listed in mkdocs.yml?")
    size_mb = int(download["bytes"]) / 1_000_000  # type: ignore[call-overload]
    return (
        f"[:material-download: Download the offline copy (zip, {size_mb:.1f} MB)]"
        f"({download['path']}){{ .md-button .md-button--primary download }}\n"
    )
