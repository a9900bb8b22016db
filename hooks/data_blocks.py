"""Hook: fill ``<!-- rr:NAME -->`` markers from data files (rupture_repair.data_blocks).

Today the blocks are the help page's crisis lines and emergency numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from rupture_repair.crisis_lines import load_help_data, render_crisis_lines, render_emergency_numbers
from rupture_repair.data_blocks import DataBlockExtension
from rupture_repair.downloads import render_offline_download
from rupture_repair.schemacheck import PassedChecks
from rupture_repair.source_lines import body_line_offset

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

CRISIS_LINES_FILE = "crisis-lines.yml"

_extension: DataBlockExtension | None = None
_line_offsets: dict[str, int] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _extension
    _line_offsets.clear()
    path = Path(config.docs_dir) / CRISIS_LINES_FILE
    shown = Path(config.docs_dir).name + "/" + CRISIS_LINES_FILE
    if not path.is_file():
        raise PluginError(f"{shown}: missing; the help page's crisis lines come from it")
    # Data that passed the schema in an earlier build is not checked again (rupture_repair.schemacheck).
    with PassedChecks.of_site(config.config_file_path, "crisis-lines") as passed:
        data, problems = load_help_data(Path(shown), path.read_text(encoding="utf-8"), passed=passed)
    if data is None:
        raise PluginError("\n".join(str(p) for p in problems))
    _extension = DataBlockExtension(
        {
            "crisis-lines": lambda: render_crisis_lines(data),
            "emergency-numbers": lambda: render_emergency_numbers(data),
            "offline-download": lambda: render_offline_download(config.extra),
        }
    )
    config.markdown_extensions.append(_extension)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _line_offsets[page.file.src_uri] = body_line_offset(page.file.content_string, markdown)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    offset = _line_offsets.get(page.file.src_uri, 0)
    for block in _extension.take_unknown():
        log.warning(
            "%s:%d: unknown data block 'rr:%s'; known blocks: %s",
            page.file.src_path, block.line + offset, block.name, ", ".join(sorted(_extension.renderers)),
        )
    return html
