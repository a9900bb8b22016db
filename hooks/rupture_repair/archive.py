"""Deterministic zip archives: the same folder always gives the same bytes.

Entries are sorted, timestamps fixed and permissions normalised, so that two
builds of the same input publish the same download (reproducible builds).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

# The earliest time a zip can hold; used when no commit time is given.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_folder(folder: Path, prefix: str, date_time: tuple[int, ...] = ZIP_EPOCH) -> bytes:
    """Zip every file under ``folder`` into ``prefix/...`` and return the archive's bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{prefix}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()
