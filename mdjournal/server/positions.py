"""Offsets in a text and LSP positions, in the encoding the client negotiated.

mdjournal counts code points; an LSP position is a 0-based line and a character
counted in UTF-16 code units unless client and server agreed on UTF-8 or UTF-32
(``general.positionEncodings``). 🚧 is one code point but two UTF-16 units and four
UTF-8 bytes, so every column after it depends on the encoding. Lines break where
LSP breaks them (CRLF, CR, LF), as :class:`~mdjournal.text.source.Source` does;
unlike mdjournal's columns, a byte-order mark counts as a character of line 0,
since the editor sent it as part of the text.
"""

from __future__ import annotations

from bisect import bisect_right

from lsprotocol import types

from mdjournal.text.source import Source

UTF8 = types.PositionEncodingKind.Utf8
UTF16 = types.PositionEncodingKind.Utf16
UTF32 = types.PositionEncodingKind.Utf32


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # Encoding is done in C: 20 times faster than counting the astral characters in Python.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Conversions between offsets of one text and positions in one encoding."""

    def __init__(self, source: Source, encoding: str = UTF16) -> None:
        self.text = source.text
        self.encoding = encoding
        starts = source.line_starts
        # A BOM is not part of mdjournal's line 1, but it is a character of the editor's line 0.
        self._starts = [0, *starts[1:]] if starts else [0]
        self._ends = source.line_ends or [len(self.text)]
        if starts and source.final_newline:  # the empty line after the last line break
            self._starts.append(len(self.text))
            self._ends = [*self._ends, len(self.text)]

    def position(self, offset: int) -> types.Position:
        return types.Position(*self.line_character(offset))

    def line_character(self, offset: int) -> tuple[int, int]:
        """The 0-based line of ``offset`` and its character in the line (in code units)."""
        line = max(bisect_right(self._starts, offset) - 1, 0)
        start = self._starts[line]
        offset = min(offset, self._ends[line])
        return line, units(self.text[start:offset], self.encoding)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of ``position``; past the end of a line is its end, past the
        last line the end of the text (as the protocol asks)."""
        if position.line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[position.line], self._ends[position.line]
        line = self.text[start:end]
        wanted = position.character
        if self.encoding == UTF32 or line.isascii():
            return start + min(wanted, len(line))
        count = 0
        for index, char in enumerate(line):
            if count >= wanted:
                return start + index
            count += units(char, self.encoding)
        return end
