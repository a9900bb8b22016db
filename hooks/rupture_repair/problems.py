"""Problems found in authors' input, reported as ``path:line: message``.

The core never logs or raises for bad content: it returns problems and lets the
caller decide (the MkDocs hooks log them as warnings, which ``--strict`` turns
into a failed build; tests assert on them directly).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in an input file, with where it is and how to fix it."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ProblemsFound(Exception):
    """Raised by loaders when input is too broken to go on (e.g. a YAML syntax error)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
