"""Hook: date the build from the last commit (SOURCE_DATE_EPOCH), never from the clock.

Set once, in the environment, so the offline copy built in a child process
(hooks/offline_copy.py) gets the same date. An explicit SOURCE_DATE_EPOCH wins.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from rupture_repair.build_date import last_commit_epoch

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_epoch(Path(config.config_file_path).parent)
        if epoch is None:
            log.info("not a git checkout: the sitemap is dated from the clock")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return config
