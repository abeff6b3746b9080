"""The house-style shortcut must read a head exactly as the general scan does.

Heads are built from parts, each written the house way or some other way (marks
damaged or misplaced, years in other spellings, Liquid in the title, links that
are not plain, more text after the year or on the next line), and whenever the
shortcut takes one, its reading must be the general scan's, field for field.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mdjournal.parsing.blocks import block_markdown
from mdjournal.parsing.entry_head import _house_head, _scan_head, scan_head
from mdjournal.parsing.journal import _inline_markdown

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


@given(heads)
def test_the_house_style_shortcut_reads_as_the_general_scan(text: str) -> None:
    house = _house_head(text)
    if house is not None:
        assert house == _scan_head(_inline_markdown(), text, {}, _inline(text))


def test_the_shortcut_takes_the_house_style_and_only_that() -> None:
    """Without this, the property above could hold because the shortcut took nothing."""
    house = "✔️ [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)"
    assert _house_head(house) is not None
    assert _house_head("[Title](u)") is not None
    for other in (house.replace("✔️", "✅"), house + " ✔️", house.replace(" (", "  ("), "[T]({{ x }})"):
        assert _house_head(other) is None
        assert scan_head(_inline_markdown(), other, {}, _inline(other)) is not None
