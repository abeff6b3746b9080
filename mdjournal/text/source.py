"""The source text and its line model: offsets, lines, columns, BOM, line endings.

Everything in mdjournal points into one immutable string, the text exactly as it
was read (a UTF-8 BOM included, as U+FEFF at offset 0). Line numbers must agree with
markdown-it's, so lines break on ``\\r\\n``, ``\\r`` and ``\\n`` only: ``str.splitlines``
also breaks on U+2028, form feed and more, and would put every later line number
out of step. Columns are 1-based and count code points; the BOM belongs to no line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import NamedTuple

BOM = "\ufeff"

#: One line with its ending, as markdown-it splits them (CRLF, CR or LF only).
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
#: A line break as markdown-it counts them.
BREAK = re.compile(r"\r\n|\r|\n")


def skip(text: str, pos: int, chars: str = " \t", end: int | None = None) -> int:
    """The first offset from ``pos`` (before ``end``) whose character is not in ``chars``."""
    end = len(text) if end is None else end
    while pos < end and text[pos] in chars:
        pos += 1
    return pos


class Line(NamedTuple):
    """One source line: ``text[start:end]`` is its content, ``ending`` follows it."""

    number: int
    start: int
    end: int
    ending: str

    @property
    def stop(self) -> int:
        """Offset just past the line ending: where the next line starts."""
        return self.end + len(self.ending)


class Span(NamedTuple):
    """A half-open range of offsets into one source, with its 1-based positions.

    Positions are worked out when asked for, not when the span is made: a post has
    ten spans per entry and the linter reports on a few of them, so computing every
    line and column up front was a fifth of the parse. ``end_column`` is exclusive,
    as in ruff's JSON and SARIF: it is the column of the first character after the
    span. Spans are equal when they cover the same offsets of the same source.
    """

    start: int
    end: int
    source: Source

    @property
    def line(self) -> int:
        return self.source.position(self.start)[0]

    @property
    def column(self) -> int:
        return self.source.position(self.start)[1]

    @property
    def end_line(self) -> int:
        return self.source.position(self.end)[0] if self.end != self.start else self.line

    @property
    def end_column(self) -> int:
        return self.source.position(self.end)[1] if self.end != self.start else self.column

    def __repr__(self) -> str:
        return f"Span({self.start}:{self.end}, {self.line}:{self.column}-{self.end_line}:{self.end_column})"


class Source:
    """An immutable text with fast offset/line/column conversions.

    Lines are kept as three parallel lists of offsets (start, end of content, stop
    after the line ending), built by one regular-expression pass; :class:`Line`
    objects are made only for the lines someone asks for.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.bom = BOM if text.startswith(BOM) else ""
        self._first = first = len(self.bom)
        starts, ends = [first], []
        for match in BREAK.finditer(text, first):
            ends.append(match.start())
            starts.append(match.end())
        if starts[-1] == len(text):
            starts.pop()  # the text ends with a line break (or is empty): no line after it
        else:
            ends.append(len(text))
        self._starts = starts
        self._ends = ends
        self._stops = [*starts[1:], len(text)] if starts else []

    def __len__(self) -> int:
        return len(self.text)

    @property
    def line_starts(self) -> list[int]:
        """Where each line starts (line ``n`` at index ``n - 1``), for loops that need
        many lines without a :class:`Line` each. Not to be modified."""
        return self._starts

    @property
    def line_ends(self) -> list[int]:
        """Where each line's content ends, before its line break (see :attr:`line_starts`)."""
        return self._ends

    @property
    def line_count(self) -> int:
        return len(self._starts)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """Every line, for the few callers that walk them all."""
        return tuple(self.line(number) for number in range(1, len(self._starts) + 1))

    @cached_property
    def newline(self) -> str:
        """The dominant line ending (``\\n`` for a text without any); a tie goes to the first seen."""
        crlf = self.text.count("\r\n")
        counts = {"\r\n": crlf, "\r": self.text.count("\r") - crlf, "\n": self.text.count("\n") - crlf}
        most = max(counts.values())
        tied = [ending for ending, count in counts.items() if count == most and count]
        if len(tied) > 1:
            return min(tied, key=self._first_break)
        return tied[0] if tied else "\n"

    def _first_break(self, ending: str) -> int:
        if ending != "\r\n":  # a lone CR or LF: not part of a CRLF
            return next(m.start() for m in BREAK.finditer(self.text) if m.group() == ending)
        return self.text.find(ending)

    @property
    def final_newline(self) -> bool:
        return bool(self._starts) and self._stops[-1] > self._ends[-1]

    def line(self, number: int) -> Line:
        """The 1-based line ``number``."""
        index = number - 1
        if not 0 <= index < len(self._starts):
            raise IndexError(f"line {number} is not in the text")
        end = self._ends[index]
        return Line(number, self._starts[index], end, self.text[end : self._stops[index]])

    def line_text(self, number: int) -> str:
        return self.text[self._starts[number - 1] : self._ends[number - 1]]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; the end of the text is a valid offset."""
        starts = self._starts
        if not starts:
            return 1, max(offset - self._first, 0) + 1
        index = max(bisect_right(starts, offset) - 1, 0)
        if offset >= self._stops[index] > self._ends[index]:
            return index + 2, 1  # just past a final line ending: the empty line that follows it
        return index + 1, max(offset - starts[index], 0) + 1

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self)

    def lines_span(self, first: int, last: int) -> Span:
        """The tight span of 1-based lines ``first..last``: content only, no final ending."""
        return Span(self._starts[first - 1], self._ends[last - 1], self)

    def slice(self, first: int, stop: int) -> str:
        """The raw text of 1-based lines ``first`` up to (not including) ``stop``, endings kept."""
        if first >= stop:
            return ""
        return self.text[self._starts[first - 1] : self._stops[stop - 2]]

    def is_blank(self, number: int) -> bool:
        return not self.text[self._starts[number - 1] : self._ends[number - 1]].strip(" \t")

    def last_content_line(self, first: int, stop: int) -> int:
        """The last non-blank line in ``first..stop-1`` (``first`` if all are blank)."""
        text, starts, ends = self.text, self._starts, self._ends
        last = stop - 1
        while last > first and not text[starts[last - 1] : ends[last - 1]].strip(" \t"):
            last -= 1
        return max(last, first)
