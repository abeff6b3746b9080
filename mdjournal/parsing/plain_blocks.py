"""Block rules that read plain paragraphs and plain lists quickly, with markdown-it's tokens.

markdown-it tries its block rules in turn on each block's first line (table,
code, fence, blockquote, hr, list, reference, html_block, heading, lheading,
then paragraph), and the paragraph rule asks seven terminator rules about every
further line. A journal is almost all paragraphs (each blurb) and one-line list
items (each entry), so most of the block parse went to rules saying no, one
call at a time. The two rules here run first, take a block only when they can
tell from first characters alone what markdown-it would make of it, and
otherwise decline, so that markdown-it's own rules read the block.

A line is *plain* when the first character after its indent opens no block
construct and ends no paragraph: not a space, digit, `` ` ~ > * - _ + # < | : = ``,
except one of ``* - _ + =`` followed by a plain character, as in ``*TO READ*``
(list items, thematic breaks, setext underlines and delimiter rows all need a
space, the same marker, ``|`` or ``:`` there).

:func:`plain_paragraph` takes a paragraph whose first line is plain, indented less
than four columns past the block indent, and, when it starts with ``[``, surely no
link reference definition; and whose further lines, up to the first blank one,
are plain, or are lines markdown-it's paragraph rule continues with without
asking (indented four past the block, or a block quote's negative indent). Then
table (its second line is no delimiter row), code, fence, blockquote, hr, list,
reference, html_block and heading all fail on the first line, lheading finds no
underline, and every terminator fails on every further line: markdown-it's
paragraph rule would make exactly this paragraph.

:func:`plain_list` takes, at the top level only, a tight bullet list whose items
are ``-`` (or ``*``, ``+``), one space and a plain paragraph, one item right after
another, ending at a blank line or the end of the post, when the next block is
neither indented two columns (it would belong to the last item) nor an item with
the same bullet (it would continue the list, loosely). Its tokens are those of
markdown-it's list rule for that case, traced through its item loop; lists with
other bullets, indents, blank lines between items, nested blocks or anything
unplain are left to it.

``tests/parsing/test_plain_blocks.py`` compares whole parses with and without these
rules, token by token, over journals and hostile Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it.common import utils

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock

#: How markdown-it's paragraph rule trims a paragraph's content, so that ours trims
#: alike: with CommonMark's whitespace only (``mdTrim``) from markdown-it-py 4.3 on,
#: with ``str.strip`` before (which also strips Unicode spaces such as U+00A0).
_trim: Callable[[str], str] = getattr(utils, "mdTrim", str.strip)

#: Characters that may open a block construct, or a line that ends or changes a paragraph.
OPENERS = frozenset(" \t`~>*-_+#<|:=0123456789")
#: Openers that open nothing when a plain character follows them.
_LONE_MARKERS = frozenset("*-_+=")
_BULLETS = frozenset("-*+")
#: A plain list item's content starts here: after the bullet and one space.
_ITEM_INDENT = 2
_LABEL_END = re.compile(r"[^\[\]\\\n]*([\[\]])")


def plain_paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it block rule: a paragraph of plain lines, or False to let the others look."""
    if silent:  # never a terminator: this rule only ever starts blocks
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4 or not _plain_start(state, first, start_line):
        return False
    end = _paragraph_end(state, start_line, state.blkIndent, bullet="")
    if end is None:
        return False
    state.line = end
    _push_paragraph(
        state, start_line, end, content=_trim(state.getLines(start_line, end, state.blkIndent, False))
    )
    return True


def plain_list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it block rule: a tight top-level list of plain one-paragraph items, or False."""
    if silent or state.level or state.blkIndent or state.listIndent != -1:
        return False
    src, begins, ends = state.src, state.bMarks, state.eMarks
    bullet = src[begins[start_line]]
    if bullet not in _BULLETS:
        return False
    items: list[tuple[int, int]] = []  # each item's first line and the line after its paragraph
    line, last = start_line, state.lineMax
    while True:
        begin = begins[line]
        if (
            state.tShift[line]
            or src[begin] != bullet
            or src[begin + 1 : begin + 2] != " "
            or begin + 2 >= ends[line]
            or not _plain_start(state, begin + 2, line)
        ):
            return False
        end = _paragraph_end(state, line, _ITEM_INDENT, bullet)
        if end is None:
            return False
        items.append((line, end))
        if end < last and begins[end] + state.tShift[end] < ends[end]:
            line = end  # the next item, right after this one
            continue
        after = state.skipEmptyLines(end)
        if after < last and (
            state.sCount[after] >= _ITEM_INDENT or src[begins[after] + state.tShift[after]] == bullet
        ):
            return False  # it belongs to the last item, or may be one more item
        break
    _push_list(state, bullet, items, after)
    return True


def _plain_start(state: StateBlock, first: int, line: int) -> bool:
    """Whether a block's first line, from ``first``, is plain and, starting with ``[``,
    surely no link reference definition: the reference rule fails at once when a
    ``[`` comes before the label's ``]``, or when that ``]``, on this line with no
    backslash before it, is not followed by ``:``."""
    src = state.src
    if first >= state.eMarks[line] or _opens(src, first, state.eMarks[line]):
        return False
    if src[first] != "[":
        return True
    match = _LABEL_END.match(src, first + 1)
    return match is not None and (match[1] == "[" or src[match.end() : match.end() + 1] != ":")


def _paragraph_end(state: StateBlock, start_line: int, indent: int, bullet: str) -> int | None:
    """The line after the paragraph from ``start_line`` (at block indent ``indent``):
    the first blank line, or with a ``bullet`` the first item line with that bullet;
    None when a line in between is not plain."""
    src, begins, shifts, counts, ends = state.src, state.bMarks, state.tShift, state.sCount, state.eMarks
    line, last = start_line + 1, state.lineMax
    while line < last:
        start = begins[line] + shifts[line]
        if start >= ends[line]:
            return line
        count = counts[line]
        if count - indent <= 3 and count >= 0:
            if bullet and _is_item(state, line, bullet):
                return line  # the list rule ends the paragraph there, and the list goes on
            if _opens(src, start, ends[line]):
                return None
        line += 1
    return line


def _opens(src: str, start: int, end: int) -> bool:
    """Whether the line from ``start`` (its first character after the indent) to ``end``
    may open a block or end a paragraph (see the module's docstring)."""
    if src[start] not in OPENERS:
        return False
    return src[start] not in _LONE_MARKERS or start + 1 >= end or src[start + 1] in OPENERS


def _is_item(state: StateBlock, line: int, bullet: str) -> bool:
    """Whether ``line`` starts, unindented, with ``bullet`` and a space, tab or its end."""
    begin = state.bMarks[line]
    return (
        not state.tShift[line] and state.src[begin] == bullet and state.src[begin + 1 : begin + 2] in " \t\n"
    )


def _push_paragraph(state: StateBlock, first: int, end: int, content: str, *, hidden: bool = False) -> None:
    """The tokens of markdown-it's paragraph rule (``hidden``: in a tight list)."""
    token = state.push("paragraph_open", "p", 1)
    token.map = [first, end]
    token.hidden = hidden
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [first, end]
    token.children = []
    token = state.push("paragraph_close", "p", -1)
    token.hidden = hidden


def _push_list(state: StateBlock, bullet: str, items: list[tuple[int, int]], after: int) -> None:
    """The tokens of markdown-it's list rule for a tight list of one-paragraph items.

    Each item runs to the next one, the last to ``after``, the first line of the
    next block (its trailing blank lines are the list's). The content is cut as
    the list rule cuts it, with the first line's indent moved past the bullet.
    """
    token = state.push("bullet_list_open", "ul", 1)
    token.markup = bullet
    token.map = [items[0][0], after]
    for index, (first, end) in enumerate(items):
        token = state.push("list_item_open", "li", 1)
        token.markup = bullet
        token.map = [first, items[index + 1][0] if index + 1 < len(items) else after]
        shift = state.tShift[first]
        state.tShift[first] = _ITEM_INDENT
        content = _trim(state.getLines(first, end, _ITEM_INDENT, False))
        state.tShift[first] = shift
        _push_paragraph(state, first, end, content, hidden=True)
        token = state.push("list_item_close", "li", -1)
        token.markup = bullet
    token = state.push("bullet_list_close", "ul", -1)
    token.markup = bullet
    state.line = after
