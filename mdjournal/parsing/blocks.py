"""markdown-it's block parse of a post: its tokens, and its top-level blocks.

The block parse is the one step of mdjournal that costs as much as everything else
together. The editor server updates a parse after an edit a section at a time
(:mod:`mdjournal.parsing.incremental`), relying on what makes that exact:
CommonMark's block parser reads lines in order, and at the start of a top-level
block it holds no state from earlier lines.

``fmt --fix`` parses the fixed text afresh: an update of the block parse around the
fixer's edits saved 6.9% of its instructions (callgrind, 2,000-entry journal:
3.62 G against 3.89 G), under the 10% a speed shortcut must pay, and went.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from mdjournal.parsing.front_matter import front_matter_lines
from mdjournal.text.source import Source

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


#: How deep markdown-it nests blocks before it gives up and hands the rest of the
#: post to the innermost one. The commonmark preset's 20 hid every entry after a
#: list nested ten deep (each level is a list and an item); 200 keeps such posts
#: whole and still leaves Python's recursion limit far away (10,000 levels parse).
MAX_NESTING = 200


@lru_cache(maxsize=1)
def block_markdown() -> MarkdownIt:
    """A CommonMark block parser with tables; inline parsing is done per entry only.

    The rules of :mod:`~mdjournal.parsing.plain_blocks` read plain lists and paragraphs
    first: the same tokens, for less than half the cost. Why they stay (issue 12, on
    a generated journal, every other shortcut on): without them ``mdjournal lint``
    runs 16% more instructions and ``fmt --fix`` 14% more (callgrind, 2,000 entries),
    and lint takes 18% more CPU time at 10,000 entries (2.57 s against 2.17 s).
    ``tests/parsing/test_plain_blocks.py`` checks they read every block of the sample post.
    """
    from markdown_it import MarkdownIt

    from mdjournal.parsing.plain_blocks import plain_list, plain_paragraph

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")
    md.block.ruler.before("table", "plain_list", plain_list)
    md.block.ruler.before("table", "plain_paragraph", plain_paragraph)
    return md


def block_input(source: Source) -> tuple[str, int]:
    """What markdown-it parses: the post with its front matter lines blanked (so that
    line numbers stay in step), and the first line of the body (1-based)."""
    fm_lines = front_matter_lines(source)
    body_first = fm_lines[1] + 1 if fm_lines else 1
    body_start = source.line(body_first).start if body_first <= source.line_count else len(source)
    text = "\n" * (body_first - 1) + source.text[body_start:]
    if not text.endswith(("\n", "\r")):
        # markdown-it-py 4.3 raises IndexError on some inputs that end without a
        # line break ('> - <!-- x\n>'); one more line break changes no line number.
        text += "\n"
    return text, body_first


class Top(NamedTuple):
    """A top-level block: its kind, 0-based first line and line after it, and where
    its tokens are in the token list."""

    kind: str
    first: int
    stop: int
    token_start: int
    token_stop: int


class BlockParse:
    """The block tokens of one post (``source``), with its top-level blocks.

    ``env`` holds the link reference definitions markdown-it found. What it parsed
    (see :func:`block_input`) is not kept: on a big post it is as big as the post.
    """

    def __init__(
        self,
        source: Source,
        body_first: int,
        tokens: list[Token],
        env: dict[str, Any],
    ) -> None:
        self.source = source
        self.body_first = body_first
        self.tokens = tokens
        self.env = env
        self.tops = _top_blocks(tokens)

    @classmethod
    def of(cls, source: Source) -> BlockParse:
        text, body_first = block_input(source)
        env: dict[str, Any] = {}
        tokens = block_markdown().parse(text, env)
        return cls(source, body_first, tokens, env)


def _top_blocks(tokens: list[Token]) -> list[Top]:
    """The top-level blocks: each starts with a token of level 0 that closes nothing."""
    positions = [
        position
        for position, token in enumerate(tokens)
        if token.level == 0 and token.nesting != -1 and token.map is not None
    ]
    tops = []
    for start, end in pairwise([*positions, len(tokens)]):
        token = tokens[start]
        assert token.map is not None  # positions holds only tokens with a map
        tops.append(Top(token.type.removesuffix("_open"), token.map[0], token.map[1], start, end))
    return tops
