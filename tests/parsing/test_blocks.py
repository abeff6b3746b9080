"""The fixer's incremental block parse must be exactly a fresh parse of the edited text.

``BlockParse.after`` reuses tokens outside small windows around the edited blocks;
these properties compare it, token by token, with markdown-it parsing the whole
edited text, over generated journals and hostile edits (fences, HTML, list
markers, headings, brackets written into any line).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mdjournal.fixing.fixer import apply_edits
from mdjournal.linting.finding import Edit
from mdjournal.parsing.blocks import BlockParse
from mdjournal.text.source import Source
from tests.conftest import JOURNAL, read
from tests.strategies import damaged, journal_posts

#: What edits write: harmless text, and everything that can change block structure.
PIECES = [
    " (2017)",
    "✔️",
    "x",
    " ",
    "\t",
    "",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "- ",
    "1. ",
    "* ",
    "#",
    "## ",
    "> ",
    "    ",
    "---",
    "===",
    "|",
    "[",
    "]",
    "]: /url",
    "`",
    "\\",
    "{%",
    "%}",
    "<",
    ">",
]


def _tokens(blocks: BlockParse) -> list[dict[str, object]]:
    return [token.as_dict() for token in blocks.tokens]


@st.composite
def edited(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> tuple[str, str, list[Edit]]:
    """A text, the same text after edits, and the edits (mostly inside lines)."""
    text = draw(texts)
    source = Source(text)
    if not source.line_count:
        return text, text, []
    lines = sorted(set(draw(st.lists(st.integers(1, source.line_count), min_size=1, max_size=4))))
    edits = []
    for number in lines:
        line = source.line(number)
        start = draw(st.integers(line.start, line.end))
        end = draw(st.integers(start, min(line.stop, start + 4)))  # a few reach the line break
        edits.append(Edit(start, end, draw(st.sampled_from(PIECES))))
    return text, apply_edits(text, edits), edits


def _assert_same_as_fresh(case: tuple[str, str, list[Edit]]) -> None:
    before, after, edits = case
    updated = BlockParse.of(Source(before)).after(Source(after), edits)
    fresh = BlockParse.of(Source(after))
    assert _tokens(updated) == _tokens(fresh)
    assert updated.env == fresh.env
    assert updated.body_first == fresh.body_first


@given(edited(journal_posts().map(lambda post: post.text)))
def test_updated_parse_of_a_journal_is_a_fresh_parse(case: tuple[str, str, list[Edit]]) -> None:
    _assert_same_as_fresh(case)


@given(edited(damaged(journal_posts())))
def test_updated_parse_of_a_damaged_journal_is_a_fresh_parse(case: tuple[str, str, list[Edit]]) -> None:
    _assert_same_as_fresh(case)


@given(edited(st.just(read(JOURNAL))))
def test_updated_parse_of_the_sample_post_is_a_fresh_parse(case: tuple[str, str, list[Edit]]) -> None:
    _assert_same_as_fresh(case)


def test_an_edit_that_opens_a_fence_is_parsed_in_full() -> None:
    before = "## A\n\n- [T](u)\n\nblurb\n\n## B\n\n- [U](v)\n"
    after = before.replace("blurb", "```ab")
    start = before.index("blurb")
    updated = BlockParse.of(Source(before)).after(Source(after), [Edit(start, start + 5, "```ab")])
    assert _tokens(updated) == _tokens(BlockParse.of(Source(after)))
    assert [token.type for token in updated.tokens][-1] == "fence"  # it swallowed the rest


def test_an_edit_that_joins_a_cr_and_an_lf_is_parsed_in_full() -> None:
    """Deleting a line between a CR and an LF leaves one line break where there were two."""
    before = "## A\n\n- [T](u)\rx\n\nblurb\n"
    start = before.index("x")
    after = before.replace("x", "")
    updated = BlockParse.of(Source(before)).after(Source(after), [Edit(start, start + 1, "")])
    assert _tokens(updated) == _tokens(BlockParse.of(Source(after)))


def test_no_edit_keeps_every_token() -> None:
    text = read(JOURNAL)
    blocks = BlockParse.of(Source(text))
    assert blocks.after(Source(text), []).tokens is blocks.tokens


def test_an_edit_inside_a_line_reparses_only_its_window() -> None:
    """The update pays only when it keeps the tokens around the edit; a fallback to a
    whole parse would pass every property above."""
    text = read(JOURNAL)
    blocks = BlockParse.of(Source(text))
    start = text.index("(2017)")
    edits = [Edit(start + 1, start + 5, "2018")]
    updated = blocks.after(Source(apply_edits(text, edits)), edits)
    kept = {id(token) for token in blocks.tokens}
    reused = sum(id(token) in kept for token in updated.tokens)
    assert reused >= len(blocks.tokens) - 10
    assert _tokens(updated) == _tokens(BlockParse.of(Source(apply_edits(text, edits))))
