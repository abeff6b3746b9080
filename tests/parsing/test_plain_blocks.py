"""The plain-block shortcuts must leave markdown-it's block parse exactly as it was.

Each property parses the same text with mdjournal's block parser and with a stock
markdown-it block parser of the same settings, and compares every token and the
link reference definitions. The hostile texts are lines built from every block
opener, indent and container prefix, so that each of the shortcut's conditions
(the first character, the indent, the bullet, the line after a list, a ``[``
that may open a definition) is met and missed in every context: top level, list items, block
quotes, after tables and inside lazy continuations.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdjournal.parsing import plain_blocks
from mdjournal.parsing.blocks import MAX_NESTING, BlockParse, block_markdown
from mdjournal.text.source import Source
from tests.conftest import FIXTURES, JOURNAL, read
from tests.strategies import Post, damaged, journal_posts

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: What a line may start with: indents and containers.
INDENTS = ["", "", "", " ", "  ", "   ", "    ", "\t"]
PREFIXES = [*INDENTS, "> ", ">", "- ", "- ", "* ", "+ ", "-\t", "-  ", " - ", "1. ", "2) ", "  - ", "> - "]
#: What may follow: plain text, every opener, and the lone-marker cases.
BODIES = [
    "text",
    "Plain words here",
    "✔️ [Title](https://arxiv.org/abs/1.2) (2017)",
    "[Title](url)",
    "[label]: /url",
    "[label]:",
    "[a\\]b]: /url",
    "[a [b] c](u)",
    "[unclosed",
    "*TO READ*",
    "**bold**",
    "* item",
    "*",
    "-",
    "***",
    "-x",
    "- - -",
    "---",
    "--",
    "-|-",
    "-:",
    "_x_",
    "___",
    "+x",
    "=x",
    "===",
    "==",
    "# heading",
    "#x",
    "```",
    "~~~",
    "`code`",
    "<div>",
    "<!-- c -->",
    "<x",
    "| a | b |",
    "|---|---|",
    ":-:|:-:",
    "a | b",
    "1. one",
    "1) one",
    "2017 was good",
    "\\- escaped",
    "{% raw %}",
    "",
    " ",
    "\t",
]


@cache
def _stock() -> MarkdownIt:
    """markdown-it as :func:`block_markdown` sets it up, without the shortcut."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")


def _assert_parsed_as_markdown_it_does(text: str) -> None:
    ours_env: dict[str, object] = {}
    stock_env: dict[str, object] = {}
    ours = [token.as_dict() for token in block_markdown().parse(text, ours_env)]
    stock = [token.as_dict() for token in _stock().parse(text, stock_env)]
    assert ours == stock
    assert ours_env == stock_env


def test_the_shortcuts_are_on() -> None:
    """Without them, every property below compares markdown-it with itself."""
    rules = block_markdown().block.ruler.get_active_rules()
    assert rules[:2] == ["plain_list", "plain_paragraph"]


def test_the_shortcuts_read_every_block_of_the_sample_post(monkeypatch: pytest.MonkeyPatch) -> None:
    """They pay only by taking the blocks a journal is made of: every paragraph and
    list of the real post. Rules that declined every block would pass every property."""
    taken = {"paragraph_open": 0, "bullet_list_open": 0}

    def counted(name: str, key: str) -> None:
        original = getattr(plain_blocks, name)

        def push(*args: Any, **kwargs: Any) -> None:
            taken[key] += 1
            original(*args, **kwargs)

        monkeypatch.setattr(plain_blocks, name, push)

    counted("_push_paragraph", "paragraph_open")
    counted("_push_list", "bullet_list_open")
    tokens = BlockParse.of(Source(read(JOURNAL))).tokens
    made = {key: sum(token.type == key for token in tokens) for key in taken}
    assert made == taken
    assert made == {"paragraph_open": 97, "bullet_list_open": 41}


hostile_lines = st.lists(
    st.builds(lambda prefix, body: prefix + body, st.sampled_from(PREFIXES), st.sampled_from(BODIES)),
    min_size=1,
    max_size=12,
)


@given(hostile_lines, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_hostile_markdown_is_parsed_as_markdown_it_does(lines: list[str], ending: str, final: bool) -> None:
    _assert_parsed_as_markdown_it_does(ending.join(lines) + (ending if final else ""))


@given(journal_posts())
def test_journals_are_parsed_as_markdown_it_does(post: Post) -> None:
    _assert_parsed_as_markdown_it_does(post.text)


@given(damaged(journal_posts()))
def test_damaged_journals_are_parsed_as_markdown_it_does(text: str) -> None:
    _assert_parsed_as_markdown_it_does(text)


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.md")), ids=lambda path: path.name)
def test_fixtures_are_parsed_as_markdown_it_does(path: Path) -> None:
    _assert_parsed_as_markdown_it_does(read(path))
