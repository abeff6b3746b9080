"""The editor server's incremental parse must be exactly a whole parse of the edited text.

``JournalParse.after`` parses again only the sections an edit touches and moves the
others' nodes into the new text. The property compares it with a whole parse of the
same text after one edit and after several in a row (the state it keeps must stay
right), over generated journals, with edits that write anything that changes
structure: line breaks, headings, fences, setext underlines, list markers, front
matter and link reference definitions; ``tests/linting/test_sections.py`` does the
same on damaged posts and the sample post, with the findings. The examples below
check that the update pays: it moves the untouched sections, and parses the whole
post only where it must.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import example, given
from hypothesis import strategies as st

from mdjournal.model.nodes import Category, Journal
from mdjournal.parsing.incremental import JournalParse
from mdjournal.text.edit import Edit
from mdjournal.text.source import Source, Span
from mdjournal.text.value import Value
from tests.conftest import JOURNAL, read
from tests.strategies import journal_posts

#: What edits write: harmless text, everything that can change block structure,
#: and whole lines that start, end or join sections.
WRITTEN = [
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
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "## T\n",
    "# T\n",
    "### T\n",
    "T\n---\n",
    "===\n",
    "- [T](https://arxiv.org/abs/1706.03762) (2017)\n",
    "*TO READ*",
    "```\n",
    "---\n",
    "[r]: /url\n",
]


@st.composite
def edited(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> tuple[str, list[Edit]]:
    """A text, and one to three edits: each of the text the ones before it made."""
    first = text = draw(texts)
    made = []
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.sampled_from([0, 0, 1, 2, 8, 60])))
        edit = Edit(start, end, draw(st.sampled_from(WRITTEN)))
        made.append(edit)
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return first, made


def _spans(value: object) -> Iterator[Span]:
    if isinstance(value, Span):
        yield value
    elif isinstance(value, Value):
        for name in value._FIELDS:
            if name != "source":
                yield from _spans(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _spans(item)


def assert_whole(updated: JournalParse, source: Source) -> None:
    """``updated`` is what a whole parse of ``source`` gives, to every span and shared blurb."""
    journal: Journal = updated.journal
    whole = JournalParse.of(
        source, category_level=updated.category_level, to_read_marker=updated.to_read_marker
    ).journal
    assert journal.render() == source.text
    assert journal == whole
    assert [entry.blurb for entry in journal.entries] == [entry.blurb for entry in whole.entries]
    assert all(span.source is source for span in _spans(journal))
    for category in journal.categories:
        parts = {id(part) for part in category.parts}
        assert all(id(entry) in parts for entry in category.entries)
        assert all(entry.blurb is None or id(entry.blurb) in parts for entry in category.entries)
        assert category.intro is None or id(category.intro) in parts


def _assert_updates_are_whole(case: tuple[str, list[Edit]]) -> None:
    text, made = case
    parsed = JournalParse.of(Source(text))
    for edit in made:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
        source = Source(text)
        parsed = parsed.after(source, edit)
        assert_whole(parsed, source)


@given(edited(journal_posts().map(lambda post: post.text)))
@example(  # a heading unmade: the paragraph above it takes in what it became
    ("## A\r\nlayout: post\r\ntitle: notes\r\n# a comment\r\n---\r\n", [Edit(34, 34, " (2017)")])
)
# An edit at the very start of the body changes what comes before it: a line feed
# put (or brought) right after the lone CR that closes the front matter joins it,
# as one CRLF; the body's first line moves, and the window starts mid-line.
@example(("---\r---\r## A\r", [Edit(8, 8, "\n")]))
@example(("---\r---\rx\n## A\n", [Edit(8, 9, "")]))
# A BOM written at offset 0 is no part of line 1: the window parsed it as text.
@example(("## A\n", [Edit(0, 0, "\ufeff")]))
def test_updates_of_a_journal_are_whole_parses(case: tuple[str, list[Edit]]) -> None:
    _assert_updates_are_whole(case)


# -- what the update keeps ------------------------------------------------------------


def _after(text: str, old: str, new: str, *, at: int = 0) -> tuple[JournalParse, JournalParse, Source]:
    """The parse of ``text``, and its update after ``old`` (found from ``at``) became ``new``."""
    start = text.index(old, at)
    edited = text[:start] + new + text[start + len(old) :]
    parsed, source = JournalParse.of(Source(text)), Source(edited)
    updated = parsed.after(source, Edit(start, start + len(old), new))
    assert_whole(updated, source)
    return parsed, updated, source


def test_a_change_inside_a_category_parses_only_that_category() -> None:
    text = read(JOURNAL)
    parsed, updated, _ = _after(text, "(2017)", "(2018)")
    assert updated.reused == len(parsed.journal.body) - 1


def test_a_new_line_inside_a_category_parses_only_that_category() -> None:
    text = read(JOURNAL)
    parsed, updated, _ = _after(text, "(2017)", "(2017)\n\n- [New](https://example.org) (2020)")
    assert updated.reused == len(parsed.journal.body) - 1
    assert len(updated.journal.entries) == len(parsed.journal.entries) + 1


def test_a_heading_unmade_joins_its_category_to_the_one_before() -> None:
    text = read(JOURNAL)
    categories = JournalParse.of(Source(text)).journal.categories
    heading = categories[2].heading.raw.splitlines()[0]
    parsed, updated, _ = _after(text, heading, heading.replace("## ", "", 1))
    assert len(updated.journal.categories) == len(categories) - 1
    assert updated.reused == len(parsed.journal.body) - 2  # the category before it was parsed again


def test_a_heading_made_splits_a_category() -> None:
    text = read(JOURNAL)
    parsed, updated, _ = _after(text, "(2017)", "(2017)\n\n## Split off\n")
    assert len(updated.journal.categories) == len(parsed.journal.categories) + 1
    assert updated.reused == len(parsed.journal.body) - 1


def test_a_fence_opened_takes_in_the_rest_of_the_post() -> None:
    text = read(JOURNAL)
    body = JournalParse.of(Source(text)).journal.body
    at = body[3].span.start
    _, updated, _ = _after(text, "\n\n", "\n\n```\n", at=at)
    assert isinstance(updated.journal.body[3], Category)
    assert len(updated.journal.body) == 4  # everything after the fence is code in category 3
    assert updated.reused == 3


def test_link_reference_definitions_make_every_update_whole() -> None:
    text = read(JOURNAL)
    _, updated, source = _after(text, "(2017)", "(2017)\n\n[ref]: https://example.org\n")
    assert updated.reused == 0
    again = updated.after(Source(source.text + "x"), Edit(len(source.text), len(source.text), "x"))
    assert again.reused == 0


def test_an_edit_of_the_front_matter_is_parsed_whole() -> None:
    text = read(JOURNAL)
    _, updated, _ = _after(text, "title:", "title: ")
    assert updated.reused == 0
