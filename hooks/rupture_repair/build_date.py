"""The build's date, taken from the last commit so that two builds of one commit are identical.

MkDocs dates the sitemap (and its gzip header) from ``SOURCE_DATE_EPOCH`` when
it is set, and from the clock otherwise; a reproducible build needs the former.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_commit_epoch(repository: Path) -> int | None:
    """Seconds since the epoch of the last commit, or None outside a git checkout."""
    try:
        result = subprocess.run(["git", "-C", str(repository), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = result.stdout.strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None
