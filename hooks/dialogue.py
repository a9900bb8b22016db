"""Hook: annotated dialogues. Routes MkDocs events to rupture_repair.dialogue.

- on_config: load and check docs/dialogue-tags.yml against the glossary's ids (set by
  hooks/glossary.py, listed before this hook); register the ``/// dialogue`` block.
- per page: tell the block where the glossary is; collect the tags the page's
  dialogues use and report problems at their lines; list the markers in the toc.
- on_env: every page exists, glossary entries' titles too, so give each page with
  tags its "Markers in these dialogues" (rendered by overrides/rr/page-end.html:
  the badges' popover content, and the print list).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from rupture_repair.dialogue import DialogueExtension, DialogueTag, TagVocabulary, load_tags, locate
from rupture_repair.schemacheck import PassedChecks
from rupture_repair.toc import section_list

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

TAGS_DATA = "dialogue-tags.yml"
GLOSSARY_PAGE = "glossary.md"
MARKERS_ID = "dialogue-markers"
MARKERS_TITLE = "Markers in these dialogues"

_vocabulary = TagVocabulary()
_extension: DialogueExtension | None = None
_tags_by_page: dict[str, tuple[DialogueTag, ...]] = {}
_missing: dict[str, str] = {}  # the tags file's shown path, while it is missing and no page has said so


# ----- Hooks -------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _vocabulary, _extension
    _tags_by_page.clear()  # hook modules outlive builds under `mkdocs serve`
    _missing.clear()
    glossary_ids = config.extra.get("glossary_related")
    if glossary_ids is None:
        raise PluginError("hooks/dialogue.py: list it after hooks/glossary.py in mkdocs.yml (it checks glossary ids)")
    docs = Path(config.docs_dir)
    shown = f"{docs.name}/{TAGS_DATA}"
    path = docs / TAGS_DATA
    if path.is_file():
        # Tags that passed the schema in an earlier build are not checked again (rupture_repair.schemacheck).
        with PassedChecks.of_site(config.config_file_path, "dialogue-tags") as passed:
            _vocabulary, problems = load_tags(shown, path.read_text(encoding="utf-8"),
                                              glossary_ids=set(glossary_ids), passed=passed)
        for problem in problems:
            log.warning("%s", problem)
    else:
        # Only a site with dialogues needs tags: the first page with a block reports the missing file.
        _vocabulary = TagVocabulary(source=shown)
        _missing["shown"] = shown
    _extension = DialogueExtension(_vocabulary)
    config.markdown_extensions.append(_extension)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    # A link between source files: MkDocs turns it into the right URL for either flavour and checks its anchor.
    _extension.begin_page(glossary_url=get_relative_url(GLOSSARY_PAGE, page.file.src_uri))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    report = _extension.end_page()
    shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    if report.blocks and _missing:
        log.warning(
            "%s: missing, but %s has a dialogue block; create it (a YAML list of tags, each with "
            "id, kind, label, glossary and explain)",
            _missing.pop("shown"),
            shown,
        )
    source = page.file.content_string
    for problem in report.problems:
        log.warning("%s:%s: %s", shown, locate(source, problem) or "?", problem.message)
    if report.tags:
        _tags_by_page[page.file.src_uri] = report.tags
        section_list(page.toc.items).append(AnchorLink(MARKERS_TITLE, MARKERS_ID, 2))
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    glossary_file = files.get_file_from_path(GLOSSARY_PAGE)
    titles = config.extra["glossary_headings"]  # set by hooks/glossary.py; tags were checked against its ids
    for src_uri, tags in _tags_by_page.items():
        page = files.get_file_from_path(src_uri).page
        glossary_url = get_relative_url(glossary_file.url, page.file.url) if glossary_file else ""
        # For the page-end template (overrides/rr/dialogue-markers.html).
        page.rr_dialogue_markers = [  # type: ignore[attr-defined]
            {
                "id": tag.id,
                "kind": tag.kind,
                "label": tag.label,
                "explain": tag.explain,
                "href": f"{glossary_url}#{tag.glossary}",
                "glossary_title": titles[tag.glossary],
            }
            for tag in _vocabulary.in_reading_order({tag.id for tag in tags})
        ]
    return env
