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
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

BOM = "\ufeff"

#: One line with its ending, as markdown-it splits them (CRLF, CR or LF only).
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def skip(text: str, pos: int, chars: str = " \t", end: int | None = None) -> int:
    """The first offset from ``pos`` (before ``end``) whose character is not in ``chars``."""
    end = len(text) if end is None else end
    while pos < end and text[pos] in chars:
        pos += 1
    return pos


@dataclass(frozen=True, slots=True)
class Line:
    """One source line: ``text[start:end]`` is its content, ``ending`` follows it."""

    number: int
    start: int
    end: int
    ending: str

    @property
    def stop(self) -> int:
        """Offset just past the line ending: where the next line starts."""
        return self.end + len(self.ending)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of source offsets with its 1-based positions.

    ``end_column`` is exclusive, as in ruff's JSON and SARIF: it is the column of the
    first character after the span.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class Source:
    """An immutable text with fast offset/line/column conversions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bom = BOM if text.startswith(BOM) else ""
        first = len(self.bom)
        lines = []
        for number, match in enumerate(LINE.finditer(text, first), start=1):
            body = match.group().rstrip("\r\n")
            start = match.start()
            lines.append(Line(number, start, start + len(body), match.group()[len(body) :]))
        self.lines: tuple[Line, ...] = tuple(lines)
        self._starts = [line.start for line in lines] or [first]

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def newline(self) -> str:
        """The dominant line ending (``\\n`` for a text without any)."""
        counts = Counter(line.ending for line in self.lines if line.ending)
        return counts.most_common(1)[0][0] if counts else "\n"

    @property
    def final_newline(self) -> bool:
        return bool(self.lines) and bool(self.lines[-1].ending)

    def line(self, number: int) -> Line:
        """The 1-based line ``number``."""
        return self.lines[number - 1]

    def line_text(self, number: int) -> str:
        line = self.lines[number - 1]
        return self.text[line.start : line.end]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; the end of the text is a valid offset."""
        index = max(bisect_right(self._starts, offset) - 1, 0)
        if self.lines:
            line = self.lines[index]
            if offset >= line.stop and line.ending:
                # Just past a final line ending: the empty line that follows it.
                return line.number + 1, 1
            return line.number, max(offset - line.start, 0) + 1
        return 1, max(offset - self._starts[0], 0) + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end) if end != start else (line, column)
        return Span(start, end, line, column, end_line, end_column)

    def lines_span(self, first: int, last: int) -> Span:
        """The tight span of 1-based lines ``first..last``: content only, no final ending."""
        return self.span(self.lines[first - 1].start, self.lines[last - 1].end)

    def slice(self, first: int, stop: int) -> str:
        """The raw text of 1-based lines ``first`` up to (not including) ``stop``, endings kept."""
        if first >= stop:
            return ""
        start = self.lines[first - 1].start
        end = self.lines[stop - 2].stop
        return self.text[start:end]

    def is_blank(self, number: int) -> bool:
        return not self.line_text(number).strip(" \t")
