"""Every built page is valid HTML by the W3C Nu validator (npm vnu-jar, run with Java).

Only Material's own known error is let through, by its exact message: the
`autocomplete` attribute on its search and toggle checkboxes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from builtsite import ROOT, BuildResult

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_KNOWN = {
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.",
}


@pytest.fixture(scope="session")
def validator_messages(online_site: BuildResult, offline_site: Path) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        message = "the validator needs Java and vnu-jar: `sudo apt-get install default-jre-headless` and `npm ci`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only",
         str(online_site.site), str(offline_site)],
        capture_output=True, text=True, check=False,
    )
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html_in_both_flavours(validator_messages: list[dict]) -> None:
    errors = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in validator_messages if m["type"] == "error" and m["message"] not in MATERIAL_KNOWN]
    assert errors == [], "\n".join(errors[:30])


def test_the_validator_ran_on_the_pages(validator_messages: list[dict]) -> None:
    """The known Material message shows up: proof the validator really read our pages."""
    assert any(m["message"] in MATERIAL_KNOWN for m in validator_messages)
