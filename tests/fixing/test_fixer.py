"""The fixer's behaviour, case by case.

Fixes replace only their own spans; colliding fixes wait for the next round; a fix
that would change the entries is refused. The guarantees that hold for every post
(fixing converges and is idempotent, keeps the categories and entries, line endings,
BOM and final newline, changes only lines with a fixable finding, and keeps every
finding that needs a person) are properties in ``test_properties.py``, checked there
on every fixture and on generated and damaged posts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdjournal.config.settings import Config
from mdjournal.fixing.fixer import apply_edits, fix_text, shape
from mdjournal.linting.finding import Edit, Finding
from mdjournal.linting.linter import lint_text
from mdjournal.parsing.journal import parse
from mdjournal.text.source import Source
from tests.conftest import FIXED, JOURNAL, read


def test_colliding_fixes_take_two_rounds() -> None:
    # The mark is damaged (MJ001) and, once repaired, not the configured one (MJ008).
    damaged_check = "✅".encode().decode("mac_roman")
    text = f"---\ntitle: T\ndate: 2025-01-01\n---\n\n## P\n\n- {damaged_check} [A](https://arxiv.org/abs/1412.6980) (2014)\n\nGood.\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.rounds == 2
    assert dict(result.applied) == {"MJ001": 1, "MJ008": 1}
    assert "- ✔️ [A](https://arxiv.org/abs/1412.6980) (2014)\n" in result.text


def test_insertion_next_to_a_deletion() -> None:
    text = "abc   "
    assert apply_edits(text, [Edit(3, 6, ""), Edit(3, 3, " (2021)")]) == "abc (2021)"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


@given(st.text(max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5), st.text(max_size=3))))
def test_apply_edits_matches_sequential_application(text: str, raw: list[tuple[int, int, str]]) -> None:
    edits, end = [], -1
    for start, length, replacement in sorted(raw):
        start = min(start, len(text))
        if start <= end:
            continue
        stop = min(start + length, len(text))
        edits.append(Edit(start, stop, replacement))
        end = stop
    expected = text
    for edit in reversed(edits):
        expected = expected[: edit.start] + edit.replacement + expected[edit.end :]
    assert apply_edits(text, edits) == expected


FRONT = "---\ntitle: t\ndate: 2024-01-01\n---\n"
#: These snippets are journals, whether or not they carry a read mark; years are held
#: to the house form, as a one-entry snippet has no convention of its own.
AS_JOURNAL = Config(journal=True, year_style="house")


def test_mojibake_in_a_url_is_repaired_with_everything_else() -> None:
    text = FRONT + "## C\n\n- ✔️ [A](https://example.com/cafÃ©) (2020)  \n\nNotes ‚úîÔ∏è.\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.text == FRONT + "## C\n\n- ✔️ [A](https://example.com/café) (2020)\n\nNotes ✔️.\n"
    assert result.refused == []


def test_a_fix_that_would_change_the_entries_is_refused_and_the_rest_applied() -> None:
    text = (
        FRONT + "## C\n- ✔️ [A](https://e.com/a) (2020) \n\n*TO READ* notes\n  - [B](https://e.com/b) (2021)\n"
    )
    result = fix_text(text, AS_JOURNAL, unsafe=True)
    assert shape(parse(result.text)) == shape(parse(text))
    assert "(2020)\n" in result.text  # the trailing space went


@pytest.mark.parametrize(
    "text",
    [
        FRONT + "## C\r \n- [A](https://e.com) (2020)\n\n*TO READ*\n",
        FRONT + "## C\n\n- [A](https://e.com) (2020)\n\n*TO READ*\n ",
    ],
    ids=["cr then blank lf line", "blank last line without ending"],
)
def test_blank_lines_keep_their_line_structure(text: str) -> None:
    result = fix_text(text, AS_JOURNAL)
    assert [line.ending for line in Source(result.text).lines] == [line.ending for line in Source(text).lines]
    assert [f.code for f in result.remaining] == ["MJ009"]


def test_stale_marker_alone_on_its_line_has_no_fix() -> None:
    text = (
        FRONT + "## C\n- ✔️ [A](https://e.com/a) (2020)\n\n*TO READ*\n  9\n  - [B](https://e.com/b) (2021)\n"
    )
    _, findings = lint_text(text, AS_JOURNAL)
    (stale,) = [f for f in findings if f.code == "MJ004"]
    assert stale.fix is None


@pytest.fixture
def destructive_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken rule in MJ001's slot: it "fixes" every entry by deleting its bullet."""
    import dataclasses

    import mdjournal.linting.linter
    from mdjournal.linting.finding import Fix, Problem

    def unbullet(context):
        for entry in context.journal.entries:
            yield Problem(entry.span, "broken", Fix.replace(entry.span.start, entry.span.start + 2, ""))

    rules = list(mdjournal.linting.linter.RULES)
    rules[0] = dataclasses.replace(rules[0], check=unbullet)
    monkeypatch.setattr(mdjournal.linting.linter, "RULES", tuple(rules))


@pytest.mark.usefixtures("destructive_rule")
def test_a_destructive_fix_is_refused_and_reported() -> None:
    """Should a rule ever offer a fix that loses an entry, fmt refuses it and applies the rest."""
    text = FRONT + "## C\n\n- [A](https://arxiv.org/abs/2108.12409)\n\n*TO READ*\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.text == FRONT + "## C\n\n- [A](https://arxiv.org/abs/2108.12409) (2021)\n\n*TO READ*\n"
    assert [f.message for f in result.refused] == ["broken"]
    from mdjournal.cli.fmt import report

    assert report("post.md", result, False) == (
        "post.md: fixed 1 (MJ002 ×1); 1 left to fix by hand (1 fix refused: it would change the entries)"
    )


def test_a_fix_that_would_lose_markup_is_refused_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a rule ever offer a fix that deletes a link or a code span, fmt refuses it."""
    import dataclasses

    import mdjournal.linting.linter
    from mdjournal.linting.finding import Fix, Problem

    def strip_the_rest(context):  # "fixes" the words after each link: a link and code go
        for entry in context.journal.entries:
            end = context.source.line(entry.line).end
            yield Problem(entry.span, "greedy", Fix.replace(entry.link.span.end, end, " (2021)"))

    rules = list(mdjournal.linting.linter.RULES)
    rules[0] = dataclasses.replace(rules[0], check=strip_the_rest)
    monkeypatch.setattr(mdjournal.linting.linter, "RULES", tuple(rules))
    text = FRONT + "## C\n\n- [A](https://a.b/x/y) `Google` [[pdf]](https://a.b/y.pdf)\n\n*TO READ*\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.text == text
    assert [f.message for f in result.lost_markup] == ["greedy"]
    from mdjournal.cli.fmt import report

    assert report("post.md", result, False).endswith(
        "(1 fix refused: it would change a link, code span or emphasis)"
    )


def _seen(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(finding.code, finding.span.start, finding.span.end, finding.message) for finding in findings]


@pytest.mark.parametrize("path", [JOURNAL, FIXED], ids=["sample post", "sample post, fixed"])
def test_what_is_left_is_what_lint_reports_on_the_result(path: Path) -> None:
    """Whether fixes were applied (the last round's findings) or there was nothing to
    fix (the first round looks only for fixable problems), every rule's findings are left."""
    result = fix_text(read(path))
    assert _seen(result.remaining) == _seen(lint_text(result.text)[1])
    assert any(not finding.fixable(unsafe=True) for finding in result.remaining)


@pytest.mark.usefixtures("destructive_rule")
def test_when_every_fix_is_refused_every_finding_is_left() -> None:
    text = (
        FRONT
        + "## C\n\n- [A](https://arxiv.org/abs/2108.12409) (2021)\n- [A](https://arxiv.org/abs/2108.12409) (2021)\n"
    )
    result = fix_text(text, AS_JOURNAL)
    assert result.text == text and result.rounds == 0
    assert _seen(result.remaining) == _seen(lint_text(text, AS_JOURNAL)[1])
    assert {finding.code for finding in result.remaining} >= {
        "MJ001",
        "MJ006",
    }  # the refused fix, a duplicate


@pytest.mark.parametrize(
    ("head", "fixed"),
    [
        ("- [T](https://e.com) (2017) ✔", "- ✔️ [T](https://e.com) (2017)"),
        ("- 🚧 [T](https://e.com) (2017) ✔️", "- ✔️ 🚧 [T](https://e.com) (2017)"),
        ("- [T](https://e.com) ✔️ (2017)", "- ✔️ [T](https://e.com) (2017)"),
        ("- ✔️ 🚧 [T](https://e.com) (2017)", "- ✔️ 🚧 [T](https://e.com) (2017)"),
        ("- ✔️  ✔️ [T](https://e.com) (2017)", "- ✔️ ✔️ [T](https://e.com) (2017)"),
        ("- ✅\u00a0[T](https://e.com) (2017)", "- ✔️ [T](https://e.com) (2017)"),
        ("- ✔️\n  [T](https://e.com) (2017)", "- ✔️\n  [T](https://e.com) (2017)"),
        ("- ✔️ **[T](https://e.com)**", "- ✔️ **[T](https://e.com)**"),
        ("- **[T](https://arxiv.org/abs/2108.12409)**", "- **[T](https://arxiv.org/abs/2108.12409)** (2021)"),
    ],
)
def test_read_marks_and_links_are_fixed_without_losing_anything(head: str, fixed: str) -> None:
    text = FRONT + f"## C\n\n{head}\n\nNotes.\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.text == FRONT + f"## C\n\n{fixed}\n\nNotes.\n"
    assert result.refused == []


def test_a_contradicting_box_and_mark_are_reported_not_guessed() -> None:
    text = FRONT + "## C\n\n- [ ] [T](https://e.com) (2017) ✔️\n\nNotes.\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.text == text
    assert [f.message for f in result.remaining if f.code == "MJ008"] == [
        "'[ ]' says unread but '✔️' after the link says read; keep one"
    ]


@pytest.mark.parametrize(
    "tail",
    [" (ICLR 2017)", " *(2017)*", " (2017a)", " (c. 2017)", " (2017–2018)"],
)
def test_a_year_written_another_way_is_never_doubled(tail: str) -> None:
    text = FRONT + f"## C\n\n- [T](https://arxiv.org/abs/1706.03762){tail}\n\n*TO READ*\n"
    safe = fix_text(text, AS_JOURNAL)
    assert safe.text == text  # no second year; the year-format fix is unsafe
    assert [f.code for f in safe.remaining] == ["MJ003"]
    head = fix_text(text, AS_JOURNAL, unsafe=True).text.split("\n")[6]
    assert head.count("2017") == 1
    if "*" in tail:  # emphasis is the reader's: no fix deletes it
        assert head.endswith(tail)
    else:
        assert head.startswith("- [T](https://arxiv.org/abs/1706.03762) (2017)")


def test_a_year_on_the_line_below_is_not_doubled() -> None:
    text = FRONT + "## C\n\n- ✔️ [T](https://arxiv.org/abs/1706.03762)\n  (2017)\n"
    result = fix_text(text, AS_JOURNAL)
    assert result.text == text
    (missing,) = [f for f in result.remaining if f.code == "MJ002"]
    assert missing.fix is None and "(2017)" in missing.message
