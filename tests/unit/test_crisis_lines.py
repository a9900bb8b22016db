"""The help page's emergency numbers: every number in an entry is one tap from a call."""

from __future__ import annotations

from rupture_repair.crisis_lines import dialable


def test_a_single_number_is_a_tel_link() -> None:
    assert dialable("911") == "[911](tel:911)"


def test_every_number_in_an_entry_is_a_link_and_the_words_stay() -> None:
    assert dialable("999 or 112") == "[999](tel:999) or [112](tel:112)"
    assert dialable("000 (112 from a mobile)") == "[000](tel:000) ([112](tel:112) from a mobile)"


def test_a_number_written_in_groups_is_dialled_without_spaces() -> None:
    assert dialable("13 11 14") == "[13 11 14](tel:131114)"
