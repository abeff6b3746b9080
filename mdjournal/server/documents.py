"""The open documents, kept in step with the editor (full and incremental sync).

Each change is applied to the text by offsets in the client's position encoding.
The journal is kept from one lint to the next: the changes since are merged into
one edit of the last linted text, and
:meth:`~mdjournal.parsing.incremental.JournalParse.after` parses again only the
sections it touches. On a 10,000-entry journal, after a one-character change in
the middle, that is 0.2 s instead of 1.9 s for the journal (measured in-process on
a 2-CPU machine).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lsprotocol import types

from mdjournal.parsing.incremental import JournalParse
from mdjournal.server.positions import UTF16, Positions
from mdjournal.text.edit import Edit
from mdjournal.text.source import Source


@dataclass
class Document:
    """One open document: its text as the editor has it, and what a lint of it can reuse."""

    uri: str
    path: str | None
    """The file it is, for finding its config and matching patterns (None: not a file)."""
    version: int | None
    source: Source
    encoding: str = UTF16
    _parsed: JournalParse | None = field(default=None, repr=False)
    """The parse of the last linted text."""
    _since: Edit | None = field(default=None, repr=False)
    """One edit of that text that gives this one (None: they are the same)."""

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def positions(self) -> Positions:
        return Positions(self.source, self.encoding)

    def parsed(self, category_level: int, to_read_marker: str) -> JournalParse:
        """The parse of the text, updated from the last one where it can be."""
        parsed = self._parsed
        if parsed is None or (parsed.category_level, parsed.to_read_marker) != (
            category_level,
            to_read_marker,
        ):
            parsed = JournalParse.of(
                self.source, category_level=category_level, to_read_marker=to_read_marker
            )
        elif self._since is not None:
            parsed = parsed.after(self.source, self._since)
        self._parsed, self._since = parsed, None
        return parsed

    def changed(self, version: int | None, changes: Sequence[types.TextDocumentContentChangeEvent]) -> None:
        """Apply the editor's changes, in order: each is in the offsets of the text before it."""
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                positions = self.positions
                start, end = positions.offset(change.range.start), positions.offset(change.range.end)
                start, end = min(start, end), max(start, end)
                self._edited(Edit(start, end, change.text))
            else:
                self._edited(Edit(0, len(self.text), change.text))
        self.version = version

    def _edited(self, edit: Edit) -> None:
        old = self.text
        self.source = Source(old[: edit.start] + edit.replacement + old[edit.end :])
        if self._parsed is not None:
            self._since = edit if self._since is None else merged(self._since, edit, self.text)
            if (
                len(self._since.replacement) > len(self._parsed.journal.source.text) // 2
            ):  # mostly new: parse afresh
                self._parsed = self._since = None


def merged(first: Edit, then: Edit, text: str) -> Edit:
    """One edit of the original text doing what ``first`` and then ``then`` (in the
    offsets of ``first``'s result) did; ``text`` is the final text."""
    grown = len(first.replacement) - (first.end - first.start)
    start = min(first.start, then.start)
    end_before_then = max(first.start + len(first.replacement), then.end)  # in first's result
    end = end_before_then - grown  # in the original
    end_now = end_before_then + len(then.replacement) - (then.end - then.start)
    return Edit(start, end, text[start:end_now])


class Documents:
    """The open documents by URI."""

    def __init__(self) -> None:
        self._open: dict[str, Document] = {}

    def open(self, uri: str, path: str | None, version: int | None, text: str, encoding: str) -> Document:
        document = Document(uri, path, version, Source(text), encoding)
        self._open[uri] = document
        return document

    def get(self, uri: str) -> Document | None:
        return self._open.get(uri)

    def close(self, uri: str) -> None:
        self._open.pop(uri, None)

    def __iter__(self) -> Iterator[Document]:
        return iter(list(self._open.values()))
