"""Lossless: ``parse(text).render() == text`` for every text, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mdjournal
from tests.conftest import FIXTURES, read
from tests.strategies import markdownish

CORNERS = sorted((FIXTURES / "corners").glob("*.md"))


@pytest.mark.parametrize("path", [FIXTURES / "research-journal.md", *CORNERS], ids=lambda p: p.name)
def test_fixture_round_trips(path: Path) -> None:
    text = read(path)
    assert mdjournal.parse(text).render() == text


def test_corner_fixtures_exist() -> None:
    names = {path.stem for path in CORNERS}
    assert {"crlf", "bom", "no-final-newline", "tabs", "trailing-spaces", "not-a-journal"} <= names


@pytest.mark.parametrize("name", ["crlf", "cr-only", "mixed-newlines", "bom", "bom-crlf", "no-final-newline"])
def test_line_endings_and_bom_do_not_change_the_structure(name: str) -> None:
    journal = mdjournal.parse(read(FIXTURES / "corners" / f"{name}.md"))
    assert [(e.line, e.title, e.year, e.read, e.to_read) for e in journal.entries] == [
        (12, "Adam: A Method for Stochastic Optimization", 2014, True, False),
        (16, "LoRA", 2021, False, True),
    ]
    assert journal.front_matter is not None and journal.front_matter.data is not None
    assert journal.front_matter.data["title"] == "Corner case"


def test_bom_and_line_endings_are_recorded() -> None:
    journal = mdjournal.parse(read(FIXTURES / "corners" / "bom-crlf.md"))
    assert journal.bom == "\ufeff"
    assert journal.newline == "\r\n"
    assert journal.final_newline
    assert not mdjournal.parse(read(FIXTURES / "corners" / "no-final-newline.md")).final_newline


def test_odd_line_breaks_are_not_line_breaks() -> None:
    """U+2028, form feed and vertical tab do not end lines for markdown-it, nor here."""
    journal = mdjournal.parse(read(FIXTURES / "corners" / "odd-line-breaks.md"))
    (entry,) = journal.entries
    assert entry.line == 3
    assert entry.title == "Form\x0cfeed"
    assert entry.rest == "\u2028still the same line"


@given(st.text())
def test_any_text_round_trips(text: str) -> None:
    assert mdjournal.parse(text).render() == text


@given(markdownish)
def test_markdownish_text_round_trips(text: str) -> None:
    journal = mdjournal.parse(text)
    assert journal.render() == text
    for entry in journal.entries:
        assert text[entry.span.start : entry.span.end].strip()


@given(markdownish, st.integers(1, 4))
def test_any_category_level_round_trips(text: str, level: int) -> None:
    assert mdjournal.parse("## A\n" + text, category_level=level).render() == "## A\n" + text
