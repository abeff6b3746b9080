"""The linter on the real post: exactly these findings, and nothing else."""

from __future__ import annotations

from collections import Counter

from mdjournal.linting.linter import lint_text

# (line, column, code) of every finding on fixtures/research-journal.md, in order.
EXPECTED = [
    (8, 1, "MJ001"),
    (8, 25, "MJ001"),
    (10, 172, "MJ001"),
    (15, 3, "MJ001"),
    (15, 95, "MJ009"),
    (17, 208, "MJ009"),
    (19, 3, "MJ001"),
    (26, 3, "MJ001"),
    (30, 3, "MJ001"),
    (32, 1, "MJ004"),
    (32, 166, "MJ009"),
    (34, 3, "MJ001"),
    (36, 231, "MJ009"),
    (45, 3, "MJ001"),
    (45, 80, "MJ005"),
    (49, 3, "MJ001"),
    (49, 115, "MJ003"),
    (51, 184, "MJ009"),
    (53, 3, "MJ001"),
    (53, 10, "MJ002"),
    (57, 3, "MJ001"),
    (57, 10, "MJ002"),
    (61, 114, "MJ003"),
    (68, 3, "MJ001"),
    (70, 145, "MJ009"),
    (72, 3, "MJ001"),
    (76, 3, "MJ001"),
    (80, 3, "MJ001"),
    (82, 221, "MJ009"),
    (84, 3, "MJ001"),
    (88, 3, "MJ001"),
    (88, 10, "MJ002"),
    (92, 3, "MJ002"),
    (99, 3, "MJ001"),
    (101, 151, "MJ009"),
    (103, 3, "MJ002"),
    (107, 3, "MJ002"),
    (111, 3, "MJ002"),
    (119, 93, "MJ005"),
    (153, 3, "MJ001"),
    (164, 3, "MJ001"),
    (165, 3, "MJ001"),
    (172, 3, "MJ001"),
    (172, 169, "MJ003"),
    (187, 3, "MJ001"),
    (187, 10, "MJ002"),
    (191, 3, "MJ002"),
    (198, 3, "MJ002"),
    (203, 109, "MJ009"),
    (205, 3, "MJ002"),
    (205, 3, "MJ013"),
    (209, 3, "MJ001"),
    (209, 10, "MJ002"),
]


def test_the_whole_list_is_pinned(journal_text: str) -> None:
    _, findings = lint_text(journal_text, path="research-journal.md")
    assert [(f.span.line, f.span.column, f.code) for f in findings] == EXPECTED


def test_counts_per_rule(journal_text: str) -> None:
    _, findings = lint_text(journal_text, path="research-journal.md")
    assert Counter(f.code for f in findings) == {
        "MJ001": 25,  # 22 entry marks, the intro's, both construction signs
        "MJ002": 12,
        "MJ009": 9,
        "MJ003": 3,
        "MJ005": 2,
        "MJ004": 1,
        "MJ013": 1,
    }


def test_findings_point_at_the_offending_text(journal_text: str) -> None:
    _, findings = lint_text(journal_text, path="research-journal.md")
    text_of = {f: journal_text[f.span.start : f.span.end] for f in findings}
    assert {text for f, text in text_of.items() if f.code == "MJ001"} == {"‚úîÔ∏è", "\uf8ffüöß"}
    assert all(set(text) == {" "} for f, text in text_of.items() if f.code == "MJ009")
    assert {text for f, text in text_of.items() if f.code == "MJ003"} == {"(2022)", "(2012)"}
    assert [text for f, text in text_of.items() if f.code == "MJ004"] == ["*TO READ*"]
    assert sorted(text for f, text in text_of.items() if f.code == "MJ005") == ["(2017)", "(2025)"]
    epoch = next(f for f in findings if f.code == "MJ013")
    assert text_of[epoch].startswith("[Epoch AI]")


def test_messages_carry_the_evidence(journal_text: str) -> None:
    _, findings = lint_text(journal_text, path="research-journal.md")
    messages = {(f.span.line, f.code): f.message for f in findings}
    assert messages[(57, "MJ002")] == "year missing; arXiv id 2108.12409 says 2021"
    assert "ScienceDirect PII S0893608097000117 says 1997" in messages[(191, "MJ002")]
    assert "arXiv id 1612.00796 says 2016" in messages[(119, "MJ005")]
    assert "Mac OS Roman" in messages[(15, "MJ001")]


def test_fixable_counts(journal_text: str) -> None:
    _, findings = lint_text(journal_text, path="research-journal.md")
    assert sum(f.fixable() for f in findings) == 47
    assert sum(f.fixable(unsafe=True) for f in findings) == 48
