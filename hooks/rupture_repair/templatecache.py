"""Compiled theme templates, kept between builds.

A Jinja environment compiles every template it loads, and MkDocs makes a new
environment for every build, so each build (and each ``mkdocs serve`` rebuild)
compiled Material's ~60 templates again: a fifth of a build of this site (0.13 s
of 0.61 s), with or without the reader's hooks. Jinja's own
``FileSystemBytecodeCache`` keeps the compiled code; it is stored atomically and
used only while the template's source is unchanged, so an edited template is
compiled again.

Jinja keys its cache by template name, file and source alone, but the compiled
code also depends on the environment: its delimiters, extensions, policies, and
which filters and tests it has and how they are called. So each cache key here
also holds a digest of those, taken when the template is loaded (after every
hook has set the environment up). Jinja also works out a filter given only
constants (``{{ "logo.svg" | some_filter }}``) once, at compile time, and the
compiled code keeps the answer: right for Jinja's own filters, which depend on
their arguments alone, and impossible for filters that take the context (MkDocs'
``url`` and ``script_tag``). An environment with any other filter or test is
given no cache at all, since what that filter reads cannot be known. A cache
file that cannot be read is no cache: the template is compiled again and the
file replaced.

The build runs the code it finds here: never restore ``.cache/`` from a source
you would not run code from.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from rupture_repair.cachefolder import code_digest, ensure_folder

TEMPLATES_FOLDER = "templates"
# Where filters and tests that depend on their arguments alone come from (Jinja's own, and the builtins
# and operators Jinja registers); any other one must take the context, which keeps Jinja from folding it.
_PURE_MODULES = ("jinja2", "markupsafe", "builtins", "_operator")

# Environment attributes that change the code Jinja compiles from a template.
_COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
    "is_async",
)
_RUNTIME = code_digest(("jinja2",))


def _qualified(value: object) -> str:
    target = getattr(value, "__func__", value)
    return f"{getattr(target, '__module__', '')}.{getattr(target, '__qualname__', type(target).__qualname__)}"


def _name_of(value: object) -> str:
    """A stable text for a setting, a filter or a test.

    Callables go by qualified name (their repr holds a memory address), with how
    Jinja calls them and what their closure holds (``select_autoescape`` returns a
    closure over its extensions; functions in it go by name too). A closure over
    an object without a plain repr changes every run, so such an environment is
    never served another's code: it only loses the cache.
    """
    if not callable(value):
        return repr(value)
    passes = getattr(value, "jinja_pass_arg", None)
    cells = getattr(getattr(value, "__func__", value), "__closure__", None) or ()
    held = ", ".join(_qualified(cell.cell_contents) if callable(cell.cell_contents) else repr(cell.cell_contents)
                     for cell in cells)
    return f"{_qualified(value)}[{passes}]({held})"


def _named(kind: str, items: Iterable[tuple[str, object]]) -> str:
    return f"{kind}=" + ";".join(f"{key}:{_name_of(value)}" for key, value in sorted(items))


def settings_key(env: jinja2.Environment) -> str:
    """A short digest of everything besides a template's source that its compiled code depends on."""
    parts = [_RUNTIME]
    parts += [f"{name}={getattr(env, name)!r}" for name in _COMPILE_SETTINGS]
    parts.append("extensions=" + ",".join(sorted(env.extensions)))
    parts.append("autoescape=" + _name_of(env.autoescape))
    parts.append("finalize=" + _name_of(env.finalize))
    parts.append("code_generator=" + _name_of(env.code_generator_class))
    parts.append("newstyle_gettext=" + repr(getattr(env, "newstyle_gettext", None)))
    parts.append(_named("policies", env.policies.items()))
    parts.append(_named("filters", env.filters.items()))
    parts.append(_named("tests", env.tests.items()))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def can_be_cached(env: jinja2.Environment) -> bool:
    """Whether every filter and test of ``env`` gives compiled code that stays right in a later build."""
    for function in (*env.filters.values(), *env.tests.values()):
        module = getattr(function, "__module__", None) or ""
        if module.split(".")[0] in _PURE_MODULES:
            continue
        if getattr(getattr(function, "jinja_pass_arg", None), "name", None) != "context":
            return False
    return True


def _fingerprint(env: jinja2.Environment) -> tuple[object, ...]:
    """What settings_key reads, by identity: cheap, and equal only while none of it has changed."""
    tables = (env.policies, env.filters, env.tests)
    return (tuple(getattr(env, name) for name in _COMPILE_SETTINGS), tuple(env.extensions),
            id(env.autoescape), id(env.finalize), id(env.code_generator_class), getattr(env, "newstyle_gettext", None),
            *(tuple((key, id(value)) for key, value in table.items()) for table in tables))


class _Cache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment too, and quiet about files it cannot read or write."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory)
        # Per environment (held weakly: a freed one's id may be reused): its fingerprint, settings_key
        # and can_be_cached, worked out again only when the fingerprint changes.
        self._known: weakref.WeakKeyDictionary[jinja2.Environment, tuple[tuple[object, ...], str, bool]] = (
            weakref.WeakKeyDictionary())

    def _settings(self, env: jinja2.Environment) -> tuple[str, bool]:
        fingerprint = _fingerprint(env)
        known = self._known.get(env)
        if known is None or known[0] != fingerprint:
            known = (fingerprint, settings_key(env), can_be_cached(env))
            self._known[env] = known
        return known[1], known[2]

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        key, cached = self._settings(environment)
        bucket = Bucket(environment, f"{key}-{self.get_cache_key(name, filename)}", self.get_source_checksum(source))
        if cached:
            self.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if self._settings(bucket.environment)[1]:
            super().set_bucket(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001  (a damaged file: Jinja checks the last step of reading it only)
            bucket.reset()
        if not isinstance(bucket.code, CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            return  # a read-only cache folder: as with no cache


def use_bytecode_cache(env: jinja2.Environment, folder: Path | None) -> Path | None:
    """Give ``env`` a bytecode cache under ``folder``; the subfolder used, or None (no folder, or unwritable)."""
    if folder is None or env.bytecode_cache is not None:
        return None
    templates = folder / TEMPLATES_FOLDER
    if not ensure_folder(folder):
        return None
    try:
        templates.mkdir(exist_ok=True)
    except OSError:
        return None
    env.bytecode_cache = _Cache(str(templates))
    return templates
