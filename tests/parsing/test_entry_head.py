"""The plain-link shortcut must read a head exactly as markdown-it's link helpers do.

Heads are built from parts, each written the house way or some other way (marks
damaged or misplaced, years in other spellings, Liquid in the title, links that
are not plain, more text after the year or on the next line), and whenever the
shortcut takes one, the scan's reading must be the one it makes without it, field
for field; and on the real post it must take every head.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from mdjournal.parsing import entry_head
from mdjournal.parsing.blocks import block_markdown
from mdjournal.parsing.entry_head import HeadScan, LinkScan, NotAnEntry, scan_head
from mdjournal.parsing.journal import _inline_markdown, parse
from tests.conftest import JOURNAL, read

MARKS = ["", "✔️ ", "✔️  ", "✔️", "✔️\t", "✔ ", "✅ ", "‚úîÔ∏è ", "[x] ", "[ ] ", "🚧 ", "read "]
TITLES = ["Title", "Attention Is All You Need", "T{{ x }}", "T{% y %}", "T*x*", "x", "", "Ünïcode", "a `b`"]
URLS = [
    "https://arxiv.org/abs/1706.03762",
    "u",
    "https://a.b/c?d=e",
    "javascript:x",
    "a b",
    "<u>",
    "u(1)",
    "u&amp;",
]
YEARS = ["", " (2017)", "  (2017)", "\t(2017)", " (17)", " [2017]", " 2017", ", 2017", " (2017", " (20177)"]
TAILS = ["", " ", "\t", "  ", " ✔️", " *x*", "x", "\nmore text", "\n(2017)", " {{ x }}"]


def _head(mark: str, title: str, url: str, year: str, tail: str, emphasis: str) -> str:
    return f"{mark}{emphasis}[{title}]({url}){emphasis}{year}{tail}"


heads = st.builds(
    _head,
    st.sampled_from(MARKS),
    st.sampled_from(TITLES),
    st.sampled_from(URLS),
    st.sampled_from(YEARS),
    st.sampled_from(TAILS),
    st.sampled_from(["", "", "", "**", "_"]),
)


def _inline(text: str) -> str:
    """The paragraph as markdown-it's block parse hands it to the scan."""
    tokens = block_markdown().parse("- " + text + "\n")
    return next(token.content for token in tokens if token.type == "inline")


def _general(text: str) -> HeadScan | NotAnEntry:
    """The head as scanned without the shortcut: markdown-it's helpers and inline parse."""
    with patch.object(entry_head, "_plain_link", lambda text, start, env: None):
        return scan_head(_inline_markdown(), text, {}, _inline(text))


@given(heads)
def test_the_plain_link_shortcut_reads_as_markdown_it(text: str) -> None:
    assert scan_head(_inline_markdown(), text, {}, _inline(text)) == _general(text)


def test_the_shortcut_takes_plain_links_and_only_those() -> None:
    """Without this, the property above could hold because the shortcut took nothing."""
    head = "✔️ [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)"
    for plain in (head, "[Title](u)", head.replace("✔️", "‚úîÔ∏è"), head + " *x*"):
        assert entry_head._plain_link(plain, plain.index("["), {}) is not None
    for other in ("[T]({{ x }})", "[T](u(1))", "[a `b`](u)", "**[T](u)**", "[T](<u>)"):
        assert entry_head._plain_link(other, other.index("["), {}) is None
        assert isinstance(_general(other), HeadScan)


def test_the_shortcut_reads_every_head_of_the_sample_post() -> None:
    """It pays only by taking the heads a journal is made of: all 42 of the real post's,
    whose marks are half of them damaged or missing."""
    taken = []
    original = entry_head._plain_link

    def counted(text: str, start: int, env: dict[str, Any]) -> LinkScan | None:
        link = original(text, start, env)
        taken.extend([link] if link is not None else [])
        return link

    with patch.object(entry_head, "_plain_link", counted):
        journal = parse(read(JOURNAL))
    assert len(taken) == len(journal.entries) == 42
