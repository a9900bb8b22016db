"""What one page cited and what was wrong with its citations, for the hook to act on."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Problem
from .locate import locate_line


@dataclass(frozen=True)
class CitedWork:
    """One citation of one work, and the section (nearest preceding heading) it is in."""

    key: str
    section_id: str | None
    section_title: str | None
    """Plain text (not HTML) of that heading; None before the first heading."""


@dataclass(frozen=True)
class CitationProblem:
    """A bad citation: its text as written and what is wrong (the page's line is found later)."""

    text: str
    message: str

    def located(self, path: str, source: str) -> Problem:
        """This problem as a Problem at the line of ``source`` (the page's file) where it is."""
        return Problem(path, locate_line(source, self.text), self.message)


@dataclass(frozen=True)
class CitationReport:
    """Citations of one page in document order, and the problems found in them."""

    cited: tuple[CitedWork, ...] = ()
    problems: tuple[CitationProblem, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Each cited key once, in order of first citation."""
        return tuple(dict.fromkeys(work.key for work in self.cited))

    def located_problems(self, path: str, source: str) -> list[Problem]:
        """All problems as Problems with lines in ``source`` (the page's full file text)."""
        return [problem.located(path, source) for problem in self.problems]
