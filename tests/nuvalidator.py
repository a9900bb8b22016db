"""The W3C Nu validator (npm vnu-jar, run with the installed Java), for the tests that validate pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from builtsite import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's one known error, let through by its exact message: `autocomplete` on its checkboxes.
MATERIAL_KNOWN = {
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.",
}


def vnu_messages(*paths: Path) -> list[dict]:
    """The validator's messages (errors only) for these HTML files or folders of them.

    Skips the test without Java or vnu-jar, except under ``CI=true``, where it fails.
    """
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        message = "the validator needs Java and vnu-jar: `sudo apt-get install default-jre-headless` and `npm ci`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )
    return json.loads(result.stderr)["messages"]


def errors_of(messages: list[dict]) -> list[str]:
    """Errors as ``page:line: message``, Material's known one left out."""
    return [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] == "error" and m["message"] not in MATERIAL_KNOWN]
