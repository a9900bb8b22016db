"""Parse BibTeX with pybtex, turning every error into a Problem that names the .bib line."""

from __future__ import annotations

from functools import lru_cache

from pybtex import errors as pybtex_errors
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.richtext import Text
from pybtex.scanner import PybtexError, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

from ..problems import Problem
from .records import BibEntry, Name

PERSON_FIELDS = ("author", "editor")
_PLAIN_TEXT = PlainTextBackend()  # render_as("text") looks the backend up anew each call


@lru_cache(maxsize=4096)  # a pure function, called for the same values again and again (years, names)
def latex_to_text(value: str) -> str:
    """Plain Unicode text of a BibTeX value: braces dropped, ``\\&`` and ``--`` decoded."""
    return Text.from_latex(value).render(_PLAIN_TEXT)


def _line_at(text: str, pos: int) -> int:
    """1-based line number of character offset ``pos``."""
    return text.count("\n", 0, pos) + 1


def _name(person: Person) -> Name:
    """Decode a pybtex Person into a plain-text Name."""
    return Name(
        family=latex_to_text(" ".join(person.last_names)),
        given=latex_to_text(" ".join(person.first_names + person.middle_names)),
        particle=latex_to_text(" ".join(person.prelast_names)),
        suffix=latex_to_text(" ".join(person.lineage_names)),
    )


def _syntax_problem(
    path: str, error: PybtexSyntaxError, key: str | None, start_line: int
) -> Problem:
    """A syntax error as a Problem at the line pybtex stopped on, naming the entry it was in."""
    message = str(error.args[0]) if error.args else str(error)
    if isinstance(error, UndefinedMacro):
        message = f"{message} is not a defined string: put field values in {{braces}}"
    where = f" in entry '{key}' (starting on line {start_line})" if key else ""
    return Problem(path, error.lineno, f"BibTeX {error.error_type}{where}: {message}")


def parse_bibtex(path: str, text: str) -> tuple[list[BibEntry], list[Problem]]:
    """Entries in file order, and the syntax, duplicate-key and name problems found.

    pybtex's low-level parser skips a broken entry and goes on, so one typo
    does not hide the problems (or the entries) after it.
    """
    problems: list[Problem] = []
    entries: list[BibEntry] = []
    first_line: dict[str, tuple[str, int]] = {}
    damaged: set[str] = set()

    def on_syntax_error(error: PybtexSyntaxError) -> None:
        start = _line_at(text, parser.command_start or 0)
        if parser.current_entry_key:
            damaged.add(parser.current_entry_key)
        problems.append(_syntax_problem(path, error, parser.current_entry_key, start))

    parser = LowLevelParser(
        text,
        macros=CaseInsensitiveDict(month_names),  # a copy: @string would mutate it
        handle_error=on_syntax_error,
        filename=path,
    )
    for entry_type, body in parser:
        kind = entry_type.lower()
        if kind in ("string", "preamble", "comment"):
            continue
        line = _line_at(text, parser.command_start)
        key, raw_fields = body
        seen = first_line.get(key.casefold())
        if seen is not None:
            problems.append(Problem(
                path, line,
                f"duplicate key '{key}': already used by the entry on line {seen[1]}; "
                "give each entry its own key",
            ))
            continue
        first_line[key.casefold()] = (key, line)
        entry, entry_problems = _build_entry(path, line, kind, key, raw_fields, key in damaged)
        entries.append(entry)
        problems.extend(entry_problems)
    return entries, problems


def _build_entry(
    path: str,
    line: int,
    kind: str,
    key: str,
    raw_fields: list[tuple[str, list[str]]],
    damaged: bool,
) -> tuple[BibEntry, list[Problem]]:
    """One BibEntry from the parser's raw fields, with duplicate-field and bad-name problems."""
    problems: list[Problem] = []
    fields: dict[str, str] = {}
    persons: dict[str, tuple[Name, ...]] = {}
    for field_name, value_parts in raw_fields:
        name = field_name.lower()
        if name in fields or name in persons:
            problems.append(Problem(path, line, f"entry '{key}' has the field '{name}' twice"))
            continue
        value = normalize_whitespace("".join(value_parts))
        if name in PERSON_FIELDS:
            names, name_problems = _parse_names(value)
            persons[name] = names
            problems.extend(
                Problem(path, line, f"entry '{key}': bad name in {name}: {message}")
                for message in name_problems
            )
        else:
            fields[name] = value
    entry = BibEntry(key, line, kind, fields, persons, damaged)
    return entry, problems


def _parse_names(value: str) -> tuple[tuple[Name, ...], list[str]]:
    """Split an ``A and B`` list into Names; pybtex's name errors are captured, not raised."""
    names: list[Name] = []
    with pybtex_errors.capture() as captured:
        for raw in split_name_list(value):
            names.append(_name(Person(raw)))
    return tuple(names), [str(error) for error in captured if isinstance(error, PybtexError)]
