"""Load the site's .bib into a Bibliography of citable, APA-formatted references."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..problems import Problem, ProblemsFound
from .apa import CSL_TYPES, doi_of, format_reference, sentence_case
from .bibtex import latex_to_text, parse_bibtex
from .cache import ReferenceCache
from .intext import Work, author_dates
from .order import reference_sort_key
from .records import KEY_PATTERN, BibEntry, Bibliography, Reference

_CITABLE_KEY = re.compile(KEY_PATTERN + r"\Z")
_YEAR = re.compile(r"\d{4}\Z")
# APA lets an edited book stand under its editors when it has no authors.
_EDITOR_MAY_STAND_IN = {"book", "collection", "proceedings"}


def _check(path: str, entry: BibEntry) -> list[Problem]:
    """What makes an entry uncitable or its reference incomplete."""
    found: list[Problem] = []

    def problem(message: str) -> None:
        found.append(Problem(path, entry.line, f"entry '{entry.key}' {message}"))

    if entry.entry_type not in CSL_TYPES:
        problem(f"has type @{entry.entry_type}, which is not supported; "
                f"use one of: {', '.join('@' + t for t in sorted(CSL_TYPES))}")
    if not _CITABLE_KEY.match(entry.key):
        problem("has a key that cannot be cited: use letters, digits and underscores, "
                "starting with a letter")
    if entry.damaged:
        return found  # missing fields would only echo the syntax error
    if not entry.persons.get("author"):
        if entry.entry_type in _EDITOR_MAY_STAND_IN:
            if not entry.persons.get("editor"):
                problem("has no author or editor")
        else:
            problem("has no author")
    year = latex_to_text(entry.fields.get("year", "")).strip()
    if not year:
        problem('has no year (write year = {n.d.} if the work is undated)')
    elif not (_YEAR.match(year) or year == "n.d."):
        problem(f"has year '{year}': write four digits, or n.d. for an undated work")
    if not entry.fields.get("title", "").strip():
        problem("has no title")
    return found


def _year(entry: BibEntry) -> str:
    """The year as APA prints it: four digits, or "n.d."."""
    year = latex_to_text(entry.fields.get("year", "")).strip()
    return year if _YEAR.match(year) else "n.d."


def _with_year_suffix(reference_html: str, year: str, shown_year: str) -> str:
    """Put the disambiguating letter into the reference's date too: "(2018)" -> "(2018a)"."""
    if shown_year == year:
        return reference_html
    return reference_html.replace(f"({year})", f"({shown_year})", 1)


def _link_doi(reference_html: str, doi_url: str | None) -> str:
    """The reference with its trailing DOI URL made a link (built from escaped text only)."""
    if not doi_url:
        return reference_html
    shown = html.escape(doi_url, quote=False)
    head, found, tail = reference_html.rpartition(shown)
    if not found:
        return reference_html
    return f'{head}<a href="{html.escape(doi_url, quote=True)}">{shown}</a>{tail}'


def load_bibliography(
    path: Path | str, text: str | None = None, *, cache: ReferenceCache | None = None
) -> tuple[Bibliography, list[Problem]]:
    """Parse and format the .bib at ``path`` (or ``text``, if given), returning every problem.

    Raises ProblemsFound only when the file cannot be read at all (missing, not UTF-8).
    ``cache`` keeps formatted references between builds (see cache.py); the result is the same.

    Problems name ``path`` as passed in, the .bib line and the entry key. Entries
    with problems are still loaded when they can be, so a missing field does not
    turn every citation of that work into an "unknown key" problem as well.
    """
    label = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ProblemsFound([Problem(label, None, f"cannot read the bibliography: {error}")]) from error
    entries, problems = parse_bibtex(label, text)
    formatted: dict[str, str] = {}
    works: list[Work] = []
    for entry in entries:
        problems.extend(_check(label, entry))
        cached = cache.get(entry) if cache is not None else None
        if cached is not None:
            formatted[entry.key] = cached
        else:
            try:
                formatted[entry.key] = format_reference(entry)
                if cache is not None:
                    cache.put(entry, formatted[entry.key])
            except Exception as error:  # citeproc raises many types; the build must go on
                problems.append(Problem(label, entry.line, f"entry '{entry.key}' could not be "
                                        f"formatted: {type(error).__name__}: {error}"))
                formatted[entry.key] = html.escape(entry.key)
        title = sentence_case(entry.fields.get("title", "")) or entry.key
        year = _year(entry)
        works.append(Work(
            key=entry.key,
            surnames=tuple(name.surname for name in entry.creators()),
            year=year,
            title=title,
            sort_key=reference_sort_key(entry.creators(), year, title),
        ))
    forms = author_dates(works)
    references: dict[str, Reference] = {}
    for entry, work in zip(entries, works):
        form = forms[entry.key]
        doi = doi_of(entry)
        doi_url = f"https://doi.org/{doi}" if doi else None
        reference_html = _with_year_suffix(formatted[entry.key], work.year, form.year)
        references[entry.key] = Reference(
            key=entry.key,
            line=entry.line,
            html=reference_html,
            linked_html=_link_doi(reference_html, doi_url),
            author_parenthetical=form.parenthetical,
            author_narrative=form.narrative,
            year=form.year,
            doi_url=doi_url,
            sort_key=work.sort_key,
        )
    if cache is not None:
        cache.save()
    return Bibliography(path=label, references=references), sorted(problems, key=_by_line)


def _by_line(problem: Problem) -> int:
    """Problems in file order, so the first one listed is the first one to fix."""
    return problem.line or 0
