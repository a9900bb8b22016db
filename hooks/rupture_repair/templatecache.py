"""Compiled theme templates, kept between builds.

A Jinja environment compiles every template it loads, and MkDocs makes a new
environment for every build, so each build (and each ``mkdocs serve`` rebuild)
compiled Material's ~60 templates again: a third of a build of this site, with
or without the reader's hooks. Jinja's own ``FileSystemBytecodeCache`` keeps
the compiled code; it is stored atomically and used only while the template's
source is unchanged, so an edited template is compiled again.

Jinja keys its cache by template name and source alone, not by the
environment's settings, which also shape the compiled code (delimiters,
extensions such as i18n, autoescape). Each combination of settings, Jinja
version and Python version therefore gets a folder of its own.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from rupture_repair.cachefolder import ensure_folder

# Environment attributes that change the code Jinja compiles from a template.
_COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
    "is_async",
)


def _name_of(value: object) -> str:
    """A stable text for a setting: callables by qualified name (their repr holds a memory address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def settings_key(env: jinja2.Environment) -> str:
    """A short digest of everything besides a template's source that its compiled code depends on."""
    parts = [f"jinja2 {jinja2.__version__}", f"python {sys.version_info[:2]}"]
    parts += [f"{name}={getattr(env, name)!r}" for name in _COMPILE_SETTINGS]
    parts.append("extensions=" + ",".join(sorted(env.extensions)))
    parts.append("autoescape=" + _name_of(env.autoescape))
    parts.append("finalize=" + _name_of(env.finalize))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class _Cache(FileSystemBytecodeCache):
    """Jinja's file cache, except that a template it cannot store is only compiled again next time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            return  # a read-only cache folder: as with no cache


def use_bytecode_cache(env: jinja2.Environment, folder: Path | None) -> Path | None:
    """Give ``env`` a bytecode cache under ``folder``; the subfolder used, or None (no folder, or unwritable)."""
    if folder is None or env.bytecode_cache is not None:
        return None
    templates = folder / f"templates-{settings_key(env)}"
    if not ensure_folder(folder):
        return None
    try:
        templates.mkdir(exist_ok=True)
    except OSError:
        return None
    env.bytecode_cache = _Cache(str(templates))
    return templates
