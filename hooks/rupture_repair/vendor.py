"""Front-end files that ship with the site but live on npm, not PyPI.

They are installed by ``npm ci`` from the pinned ``package.json`` and lock file,
and copied into the build by ``hooks/vendor_assets.py``; none is committed.
A missing file is an error that says which command installs it: there is no
fallback to a CDN, because the site must never load anything from elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

INSTALL_COMMAND = "npm ci"


@dataclass(frozen=True)
class VendorAsset:
    """One npm file and where it is published in the site."""

    package: str
    path_in_package: str
    site_path: str
    offline_only: bool = False

    def source(self, project_root: Path) -> Path:
        return project_root / "node_modules" / self.package / self.path_in_package


IFRAME_WORKER_SHIM = VendorAsset(
    package="iframe-worker",
    path_in_package="shim/index.js",
    site_path="assets/vendor/iframe-worker/shim.js",
    offline_only=True,
)

SITE_ASSETS: tuple[VendorAsset, ...] = (IFRAME_WORKER_SHIM,)


def missing_asset_message(asset: VendorAsset, project_root: Path) -> str:
    """Say what is missing and how to install it, for a person reading a build log."""
    return (
        f"{asset.source(project_root).relative_to(project_root)}: missing npm file for "
        f"'{asset.site_path}' (package '{asset.package}'); run `{INSTALL_COMMAND}` in "
        f"{project_root} (or `make setup`) to install the pinned front-end packages"
    )
