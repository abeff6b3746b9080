"""markdown-it's block parse of a post, and its cheap update after small edits.

The block parse is the one step of mdjournal that costs as much as everything
else together. ``fmt --fix`` needs it twice: once for the post, and again for the
fixed text, to check that the fixes kept every entry and to report what is left.
Its fixes are small edits inside lines (a year appended, a mark replaced), so
the second parse can reuse the first: :meth:`BlockParse.after` parses again only
small windows around the edited top-level blocks and keeps every other token.

Why that is exact. CommonMark's block parser reads lines in order, and at the
start of a top-level block it holds no state from earlier lines. So the tokens
from a top-level block's first line onwards depend only on the lines from there
on. A window is parsed from the start of a top-level block (the edited one, or
the one before it when that one could still reach into the edit: a list, a block
quote or indented code, or no blank line in between) up to and including the
first line of the next unedited block; if that line still starts a top-level
block in the window's parse, everything from it onwards is unchanged and the
window's tokens before it replace the old ones. When it does not (an edit opened
a fence, say), or when an edit adds or removes a line, touches the front matter
or a link reference definition, the whole post is parsed again: the update is
never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from mdjournal.parsing.front_matter import front_matter_lines
from mdjournal.text.source import BREAK, Source

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from mdjournal.text.edit import Edit

_BLANK = re.compile(r"[ \t]*\Z")
#: Top-level blocks that a blank line always ends, so what follows cannot change them.
_CLOSED_BY_BLANK = frozenset({"paragraph", "heading", "hr", "fence", "html_block", "table"})


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

    def after(self, source: Source, edits: Sequence[Edit]) -> BlockParse:
        """The block parse of ``source``, which is this parse's post after ``edits``
        (given in this post's offsets).

        What it is worth (issue 12): 5% of ``fmt --fix``'s instructions (callgrind,
        2,000-entry generated journal: 3.61 G without, 3.42 G with), under the 10% a
        shortcut must pay there; it stays for the editor server, which re-parses on
        every change (``server/documents.py``), where a window is a few lines and a
        whole parse the whole post. ``tests/parsing/test_blocks.py`` checks it reuses tokens.
        """
        old = self.source.text
        if any(BREAK.search(old, edit.start, edit.end) or BREAK.search(edit.replacement) for edit in edits):
            return BlockParse.of(source)  # lines added or removed: every line number moves
        text, body_first = block_input(source)
        edited = sorted({self.source.position(edit.start)[0] - 1 for edit in edits})
        if not edited:
            return BlockParse(source, body_first, self.tokens, self.env)
        if body_first != self.body_first or edited[0] < body_first - 1 or self._near_definition(edited):
            return BlockParse.of(source)
        if source.line_count != self.source.line_count:
            return BlockParse.of(source)  # an edit between a CR and an LF joined two line breaks
        starts = _line_starts(text)
        windows = self._windows(edited, text, starts)
        if windows is None:
            return BlockParse.of(source)
        tokens: list[Token] = []
        done = 0  # tokens of self.tokens already copied or replaced
        for first_top, next_top in windows:
            window = self._reparse(text, starts, first_top, next_top)
            if window is None:
                return BlockParse.of(source)
            tokens += self.tokens[done : self.tops[first_top].token_start]
            tokens += window
            done = self.tops[next_top].token_start if next_top < len(self.tops) else len(self.tokens)
        tokens += self.tokens[done:]
        return BlockParse(source, body_first, tokens, self.env)

    # -- windows ----------------------------------------------------------------

    def _windows(self, edited: list[int], text: str, starts: list[int]) -> list[tuple[int, int]] | None:
        """(first top-level block to parse again, first block to keep) for each window,
        merged where they meet; None when an edit lies before the first block."""
        firsts = [top.first for top in self.tops]
        windows: list[tuple[int, int]] = []
        for line in edited:
            index = bisect_right(firsts, line) - 1  # the block holding the line, or the one before
            if index < 0:
                return None
            first = index
            if line < self.tops[index].stop and index > 0 and not self._closed_before(index, text, starts):
                first -= 1
            keep = index + 1  # may be len(self.tops): the window runs to the end
            if windows and first <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(keep, windows[-1][1]))
            else:
                windows.append((first, keep))
        return windows

    def _closed_before(self, index: int, text: str, starts: list[int]) -> bool:
        """Whether block ``index - 1`` ended for good before block ``index``: a blank line
        lies between them and it is a kind of block that a blank line ends."""
        previous, top = self.tops[index - 1], self.tops[index]
        if previous.kind not in _CLOSED_BY_BLANK or top.first == 0:
            return False
        line = top.first - 1
        return previous.stop <= line and _is_blank(text, starts, line)

    def _reparse(self, text: str, starts: list[int], first_top: int, next_top: int) -> list[Token] | None:
        """Tokens for blocks ``first_top`` up to (not including) ``next_top`` of the new text,
        or None if block ``next_top`` no longer starts where it did."""
        first = self.tops[first_top].first
        keep = self.tops[next_top].first if next_top < len(self.tops) else len(starts)
        last = min(keep + 1, len(starts))  # the window ends with the kept block's first line
        chunk = text[starts[first] : starts[last] if last < len(starts) else len(text)]
        if not chunk.endswith(("\n", "\r")):
            chunk += "\n"
        env: dict[str, Any] = {}
        window = block_markdown().parse(chunk, env)
        if env.get("references"):
            return None
        depth, cut = 0, len(window)
        for position, token in enumerate(window):
            if token.map is not None:
                if depth == 0 and first + token.map[0] >= keep:
                    cut = position
                    break
                token.map = [token.map[0] + first, token.map[1] + first]
            depth += token.nesting
        if next_top < len(self.tops):
            kept = window[cut] if cut < len(window) else None
            if kept is None or kept.map is None or kept.map[0] + first != keep:
                return None
        return window[:cut]

    def _near_definition(self, edited: list[int]) -> bool:
        """Whether an edited line is, or lies between blocks next to, a link reference
        definition (definitions make no token, so windows cannot see them)."""
        ranges = [ref["map"] for ref in self.env.get("references", {}).values() if "map" in ref]
        return any(start - 1 <= line <= end for start, end in ranges for line in edited)


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


def _line_starts(text: str) -> list[int]:
    """Where each line starts (the text ends with a line break: no empty line after it)."""
    starts = [0, *(match.end() for match in BREAK.finditer(text))]
    if starts[-1] == len(text):
        starts.pop()
    return starts


def _is_blank(text: str, starts: list[int], line: int) -> bool:
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    return bool(_BLANK.match(text[starts[line] : end].rstrip("\r\n")))
