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

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Fix, Problem

if TYPE_CHECKING:
    from ..context import Context
    from ..source import Line

CODE = "MJ009"
NAME = "trailing-whitespace"
DEFAULT = True
FIX = "safe"


def check(context: Context) -> Iterator[Problem]:
    text = context.text
    hard_breaks = context.hard_break_lines
    for line in context.source.lines:
        content = text[line.start : line.end]
        stripped = content.rstrip(" \t")
        if len(stripped) == len(content):
            continue
        start = line.start + len(stripped)
        whitespace = content[len(stripped) :]
        if line.number in hard_breaks and stripped and len(whitespace) >= 2 and set(whitespace) == {" "}:
            continue  # a hard break
        if context.is_excluded(start):
            continue
        yield Problem(
            context.span(start, line.end),
            f"trailing whitespace ({_describe(whitespace)})",
            Fix.replace(start, line.end, "") if _removable(context, line, stripped) else None,
        )


def _removable(context: Context, line: Line, stripped: str) -> bool:
    """Whether deleting a blank line's spaces keeps the line structure.

    Two corners do not: after a line ending in a lone CR, an all-blank line ending
    in LF would turn into half of a CRLF (one line fewer), and an all-blank last line
    without an ending would leave the file ending in a newline it did not have.
    """
    if stripped:
        return True
    if not line.ending:
        return False
    previous = context.source.lines[line.number - 2] if line.number > 1 else None
    return not (previous is not None and previous.ending == "\r" and line.ending.startswith("\n"))


def _describe(whitespace: str) -> str:
    spaces, tabs = whitespace.count(" "), whitespace.count("\t")
    parts = [f"{n} {word}{'s' if n > 1 else ''}" for n, word in ((spaces, "space"), (tabs, "tab")) if n]
    return " and ".join(parts)
