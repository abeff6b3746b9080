"""Status markers that open a blurb: ``*TO READ*``, ``*TO WRITE*``, ``**TODO:**``.

A marker is an emphasised phrase in capitals at the very start of a blurb (or the
configured TO READ text itself, bare). Lower-case prose such as "I want to read
more" is never a marker, which is why capitals or emphasis are required.
"""

from __future__ import annotations

import re
from typing import NamedTuple

DEFAULT_TO_READ = "TO READ"

_EMPHASISED = re.compile(
    r"""
    (?P<delim>\*{1,3}|_{1,3})
    (?P<text>[^\s*_](?:[^*_\n]*[^\s*_])?)
    (?P=delim)
    :?
    """,
    re.VERBOSE,
)
_CAPITALS = re.compile(r"[A-Z][A-Z0-9 '\u2019-]*[A-Z0-9]:?\Z")


class Markers(NamedTuple):
    """The markers a blurb opens with; offsets are relative to the blurb's Markdown."""

    names: tuple[str, ...]
    start: int
    end: int
    notes: str

    def has(self, marker: str) -> bool:
        wanted = marker.casefold()
        return any(name.casefold() == wanted for name in self.names)


def read_markers(markdown: str, to_read: str = DEFAULT_TO_READ, limit: int | None = None) -> Markers:
    """Split a blurb into its leading status markers and the notes that follow.

    HTML comments (suppression pragmas, say) before the markers or among the notes
    do not count: they are invisible on the published page. With ``limit``, markers
    end by that offset (the end of the paragraph they open, say); the rest is notes.
    """
    if not to_read.strip():
        raise ValueError("the TO READ marker cannot be empty")
    pos = _skip_space(markdown, 0)
    start = pos
    names: list[str] = []
    end = pos
    while True:
        name, after = _marker_at(markdown, pos, to_read)
        if name is None or (limit is not None and after > limit):
            break
        names.append(name)
        end = after
        pos = _skip_space(markdown, after)
    notes = _without_comments(markdown[end:]).strip()
    return Markers(tuple(names), start if names else 0, end, notes)


def notes_only(markdown: str) -> Markers:
    """A blurb read as notes only, without looking for markers."""
    return Markers((), 0, 0, _without_comments(markdown).strip())


def _without_comments(text: str) -> str:
    """``text`` without ``<!-- ... -->`` comments, in linear time (no regex backtracking)."""
    pieces, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        pieces.append(text[pos:start])
        pos = end + 3
    pieces.append(text[pos:])
    return "".join(pieces)


def is_marker_phrase(phrase: str, to_read: str = DEFAULT_TO_READ) -> bool:
    """Whether an emphasised ``phrase`` is a status marker: the TO READ text, or capitals."""
    phrase = phrase.rstrip(":").strip()
    return phrase.casefold() == to_read.casefold() or bool(_CAPITALS.match(phrase))


def _marker_at(text: str, pos: int, to_read: str) -> tuple[str | None, int]:
    match = _EMPHASISED.match(text, pos)
    if match:
        phrase = match.group("text").rstrip(":").strip()
        if is_marker_phrase(phrase, to_read):
            return phrase, match.end()
        return None, pos
    if text.startswith(to_read, pos):
        after = pos + len(to_read)
        if after == len(text) or not text[after].isalnum():
            if text[after : after + 1] == ":":
                after += 1
            return to_read, after
    return None, pos


def _skip_space(text: str, pos: int) -> int:
    """Past white space and HTML comments."""
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith("<!--", pos):
            return pos
        end = text.find("-->", pos + 4)
        if end < 0:
            return pos
        pos = end + 3
