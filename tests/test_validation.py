"""Every built page is valid HTML by the W3C Nu validator (npm vnu-jar, run with Java).

Only Material's own known error is let through, by its exact message: the
`autocomplete` attribute on its search and toggle checkboxes (tests/nuvalidator.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builtsite import BuildResult
from nuvalidator import MATERIAL_KNOWN, errors_of, vnu_messages


@pytest.fixture(scope="session")
def validator_messages(online_site: BuildResult, offline_site: Path) -> list[dict]:
    return vnu_messages(online_site.site, offline_site)


def test_every_page_is_valid_html_in_both_flavours(validator_messages: list[dict]) -> None:
    errors = errors_of(validator_messages)
    assert errors == [], "\n".join(errors[:30])


def test_the_validator_ran_on_the_pages(validator_messages: list[dict]) -> None:
    """The known Material message shows up: proof the validator really read our pages."""
    assert any(m["message"] in MATERIAL_KNOWN for m in validator_messages)
