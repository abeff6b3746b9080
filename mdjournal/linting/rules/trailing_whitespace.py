"""Spaces or tabs at the end of a line.

Invisible, they make diffs noisy and editors fight over them. Two or more spaces
at the end of a line *inside* a paragraph are a deliberate Markdown hard break and
are left alone; the same at the end of a paragraph, a heading or an entry line do
nothing and are flagged. Code blocks, HTML comments and front matter are not
checked.

Bad (`·` is a space)::

    - ✔️ [Neural Networks and Deep Learning](http://neuralnetworksanddeeplearning.com/) (2015)·

Good::

    - ✔️ [Neural Networks and Deep Learning](http://neuralnetworksanddeeplearning.com/) (2015)

Fix (safe): removes the trailing spaces and tabs (except on a blank line where that
would merge a CR and an LF into one line break, or on a blank last line without a
line ending, where it would add a final newline).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.text.source import Line, Source

CODE = "MJ009"
NAME = "trailing-whitespace"
DEFAULT = True
FIX = "safe"
SCOPE = "post"
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    text, source = context.text, context.source
    starts, ends = source.line_starts, source.line_ends
    first, stop = (bisect_left(starts, offset) for offset in context.within)
    for number, line_start, end in zip(
        range(first + 1, stop + 1), starts[first:stop], ends[first:stop], strict=True
    ):
        if end == line_start or text[end - 1] not in " \t":  # most lines: one look at their last character
            continue
        start = line_start + len(text[line_start:end].rstrip(" \t"))
        blank = start == line_start  # the run is the whole line
        whitespace = text[start:end]
        if not blank and len(whitespace) >= 2 and set(whitespace) == {" "} and context.may_break_line(end):
            continue  # a hard break
        if context.is_excluded(start):
            continue
        yield Problem(
            context.span(start, end),
            f"trailing whitespace ({_describe(whitespace)})",
            Fix.replace(start, end, "") if not blank or _removable(source.line(number), source) else None,
        )


def _removable(line: Line, source: Source) -> bool:
    """Whether deleting a blank line's spaces keeps the line structure.

    Two corners do not: after a line ending in a lone CR, an all-blank line ending
    in LF would turn into half of a CRLF (one line fewer), and an all-blank last line
    without an ending would leave the file ending in a newline it did not have.
    """
    if not line.ending:
        return False
    previous = source.line(line.number - 1) if line.number > 1 else None
    return not (previous is not None and previous.ending == "\r" and line.ending.startswith("\n"))


def _describe(whitespace: str) -> str:
    spaces, tabs = whitespace.count(" "), whitespace.count("\t")
    parts = [f"{n} {word}{'s' if n > 1 else ''}" for n, word in ((spaces, "space"), (tabs, "tab")) if n]
    return " and ".join(parts)
