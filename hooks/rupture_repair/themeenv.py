"""One Jinja environment per build for the hooks' own templates.

MkDocs' ``Theme.get_env()`` builds a new jinja2 Environment on every call, and
an environment compiles each template it loads anew, so the hooks that render
the generated pages (glossary, crosslinks, citations, self-check, print book)
compiled the templates they share once per hook. ``shared_env`` hands every
hook the same environment for as long as the theme object is the same: a build
loads its config, and so a new theme, so each build (and each ``mkdocs serve``
rebuild, which sees edited templates) gets a fresh one.

Given the build's cache folder, the environment keeps its compiled templates
there between builds, as the theme's own does (rupture_repair.templatecache).

Duck-typed, so that this package does not import MkDocs: any object with a
``get_env()`` will do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, TypeVar

from rupture_repair.cachefolder import cache_folder
from rupture_repair.templatecache import use_bytecode_cache

_Env = TypeVar("_Env", covariant=True)


class HasEnv(Protocol[_Env]):
    """A theme: something that builds a Jinja environment."""

    def get_env(self) -> _Env: ...


class HasTheme(Protocol[_Env]):
    """A site's config: its theme, and where its mkdocs.yml is (for the cache folder)."""

    @property
    def theme(self) -> HasEnv[_Env]: ...

    @property
    def config_file_path(self) -> str | None: ...


# The last theme asked about, and its environment. The theme is held, not just its id,
# so that a new theme can never be taken for it (an id can be reused once freed).
_last: tuple[object, object] | None = None


def shared_env(theme: HasEnv[_Env], cache: Path | None = None) -> _Env:
    """``theme.get_env()``, built once per theme object and then handed out again.

    ``cache``: the build's cache folder, for the compiled templates (None: none kept).
    """
    global _last
    if _last is None or _last[0] is not theme:
        _last = (theme, theme.get_env())
    env: Any = _last[1]
    if cache is not None:
        use_bytecode_cache(env, cache)  # nothing when it has one already
    return env  # type: ignore[no-any-return]


def site_env(config: HasTheme[_Env]) -> _Env:
    """The build's shared environment, keeping compiled templates in the site's cache folder."""
    return shared_env(config.theme, cache_folder(config.config_file_path))
