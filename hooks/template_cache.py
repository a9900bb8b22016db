"""Hook: the theme's compiled templates are kept between builds (rupture_repair.templatecache).

Compiling Material's templates was a fifth of every build (0.13 s of 0.61 s) and of every
``mkdocs serve`` rebuild; an edited template is still compiled again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rupture_repair.cachefolder import cache_folder
from rupture_repair.templatecache import use_bytecode_cache

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    use_bytecode_cache(env, cache_folder(config.config_file_path))
    return env
