"""``fmt --fix`` on the real post: exactly the expected edits, and nothing else moves."""

from __future__ import annotations

import re

import pytest

from mdjournal.fixing.fixer import fix_text
from mdjournal.linting.linter import lint_text
from tests.conftest import FIXTURES, read

FIXED = FIXTURES / "research-journal.fixed.md"

# Years filled from the entry's own identifier, by line.
FILLED_YEARS = {
    53: 2025,  # arXiv 2504.02732
    57: 2021,  # arXiv 2108.12409
    88: 2022,  # arXiv 2201.02177
    92: 2024,  # arXiv 2402.17764
    103: 2017,  # arXiv 1711.05101
    107: 2012,  # arXiv 1207.0580
    111: 2016,  # arXiv 1607.06450
    187: 2023,  # arXiv 2308.07870
    191: 1997,  # ScienceDirect PII S0893608097000117
    198: 2002,  # NeurIPS proceedings /paper/2002/
}
TRAILING_SPACE_LINES = {15, 17, 32, 36, 51, 70, 82, 101, 203}


def expected_line(number: int, line: str) -> str:
    """What fixing should do to one line, written out independently of the fixer."""
    line = line.replace("‚úîÔ∏è", "✔️").replace("\uf8ffüöß", "🚧")
    if number in TRAILING_SPACE_LINES:
        line = line.rstrip(" ")
    line = re.sub(r"\)\((\d{4})\)$", r") (\1)", line)
    if number in FILLED_YEARS:
        assert line.endswith(")")
        line += f" ({FILLED_YEARS[number]})"
    return line


@pytest.fixture(scope="module")
def result(journal_text: str):
    return fix_text(journal_text, path="research-journal.md")


def test_every_changed_line_is_an_expected_edit(journal_text: str, result) -> None:
    before, after = journal_text.split("\n"), result.text.split("\n")
    assert len(before) == len(after)
    for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        assert new == expected_line(number, old), f"line {number}"


def test_counts(result) -> None:
    assert dict(result.applied) == {"MJ001": 25, "MJ002": 10, "MJ003": 3, "MJ009": 9}
    assert result.fixed == 47


def test_only_what_needs_a_person_is_left(result) -> None:
    left = [(f.span.line, f.code) for f in result.remaining]
    assert left == [
        (32, "MJ004"),
        (45, "MJ005"),
        (119, "MJ005"),
        (205, "MJ002"),
        (205, "MJ013"),
        (209, "MJ002"),
    ]


def test_golden_file(result) -> None:
    assert result.text == read(FIXED)


def test_fixing_again_changes_nothing(result) -> None:
    again = fix_text(result.text, path="research-journal.md")
    assert again.text == result.text and again.fixed == 0


def test_golden_file_lints_to_the_same_six(result) -> None:
    _, findings = lint_text(read(FIXED), path="research-journal.fixed.md")
    assert [(f.span.line, f.code) for f in findings] == [(f.span.line, f.code) for f in result.remaining]


def test_unsafe_fixes_drop_the_stale_marker(journal_text: str) -> None:
    result = fix_text(journal_text, path="research-journal.md", unsafe=True)
    assert result.applied["MJ004"] == 1
    line = result.text.split("\n")[31]
    assert line == (
        "No list would be complete without the paper to rule them all. Probably the only things "
        "that will even read this blog are transformer-based language models."
    )
