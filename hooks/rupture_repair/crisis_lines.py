"""Crisis lines for the "Get help now" page: load, validate, render as Markdown.

The data lives in ``docs/crisis-lines.yml`` so that a reviewer can re-check the
numbers without reading code; the schema catches a typo before it can turn a
phone number into a dead link on the one page that must never fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rupture_repair.problems import Problem, ProblemsFound
from rupture_repair.schemacheck import PassedChecks, Schema
from rupture_repair.yamlsource import load_yaml_with_lines

if TYPE_CHECKING:
    from jsonschema import ValidationError

CONTACT_KINDS = ("call", "text", "chat", "email", "web")

_TEXT = {"type": "string", "minLength": 1}
SCHEMA: dict = {
    "type": "object",
    "additionalProperties": False,
    "required": ["last_checked", "lines", "emergency_numbers"],
    "properties": {
        "last_checked": _TEXT,
        "lines": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["country", "service", "contacts"],
                "properties": {
                    "country": _TEXT,
                    "service": _TEXT,
                    "hours": _TEXT,
                    "contacts": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["kind", "value"],
                            "properties": {
                                "kind": {"enum": list(CONTACT_KINDS)},
                                "value": _TEXT,
                                "note": _TEXT,
                            },
                        },
                    },
                },
            },
        },
        "emergency_numbers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["region", "number"],
                "properties": {"region": _TEXT, "number": _TEXT},
            },
        },
    },
}


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str
    note: str | None = None

    @property
    def href(self) -> str:
        """A link a phone can act on: tap to call, text, write or open."""
        if self.kind in ("call", "text"):
            digits = re.sub(r"[^0-9+]", "", self.value)
            return f"{'tel' if self.kind == 'call' else 'sms'}:{digits}"
        if self.kind == "email":
            return f"mailto:{self.value}"
        return f"https://{self.value}"


@dataclass(frozen=True)
class CrisisLine:
    country: str
    service: str
    hours: str | None
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class HelpData:
    last_checked: str
    lines: tuple[CrisisLine, ...]
    emergency_numbers: tuple[tuple[str, str], ...]


_SCHEMA = Schema(SCHEMA)


def load_help_data(
    path: Path, text: str | None = None, *, passed: PassedChecks | None = None
) -> tuple[HelpData | None, list[Problem]]:
    """Read and check the crisis-line file; problems name the file and line.

    ``passed``: data that passed in an earlier build (rupture_repair.schemacheck).
    """
    try:
        data, lines = load_yaml_with_lines(path, text)
    except ProblemsFound as error:
        return None, error.problems
    problems = [
        Problem(str(path), lines.line_of(tuple(err.absolute_path)), f"{_where(err)}{err.message}; fix the entry")
        for err in sorted(_SCHEMA.errors(data, passed), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if problems:
        return None, problems
    crisis_lines = tuple(
        CrisisLine(
            country=item["country"],
            service=item["service"],
            hours=item.get("hours"),
            contacts=tuple(Contact(**contact) for contact in item["contacts"]),
        )
        for item in data["lines"]
    )
    numbers = tuple((item["region"], item["number"]) for item in data["emergency_numbers"])
    return HelpData(data["last_checked"], crisis_lines, numbers), []


def _where(error: ValidationError) -> str:
    path = ".".join(str(part) for part in error.absolute_path)
    return f"{path}: " if path else ""


_VERBS = {"call": "Call", "text": "Text", "chat": "Chat online at", "email": "Email", "web": "Search by country at"}


def render_crisis_lines(data: HelpData) -> str:
    """Markdown for the crisis lines, grouped by country, numbers as tappable links."""
    out: list[str] = []
    country = None
    for line in data.lines:
        if line.country != country:
            country = line.country
            out += [f"### {country}", ""]
        hours = f" ({line.hours})" if line.hours else ""
        out += [f"**{line.service}**{hours}", ""]
        for contact in line.contacts:
            note = f" ({contact.note})" if contact.note else ""
            out.append(f"- {_VERBS[contact.kind]} [{contact.value}]({contact.href}){note}")
        out.append("")
    out.append(f"*Last checked: {data.last_checked}. Numbers and hours can change; "
               "if one does not answer, try another line or your local emergency number.*")
    return "\n".join(out) + "\n"


# A number to dial inside an entry such as "999 or 112" or "000 (112 from a mobile)".
_DIALABLE = re.compile(r"\d+(?: \d+)*")


def dialable(number: str) -> str:
    """The entry with every number in it a link a phone dials with one tap."""
    return _DIALABLE.sub(lambda match: f"[{match[0]}](tel:{match[0].replace(' ', '')})", number)


def render_emergency_numbers(data: HelpData) -> str:
    """Markdown table of emergency numbers, each one tappable."""
    rows = [f"| {region} | **{dialable(number)}** |" for region, number in data.emergency_numbers]
    return "\n".join(["| Where you are | Emergency number |", "| --- | --- |", *rows]) + "\n"
