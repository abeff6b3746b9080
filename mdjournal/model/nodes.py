"""The journal model: an immutable, lossless tree over the source text.

Every node keeps ``raw``, the exact source text it owns, and ``span``, the tight
range of its content (no trailing blank lines, no final line ending) for positions.
Containers own nothing but their children, so rendering is plain concatenation of
the original slices and ``parse(text).render() == text`` holds for every input.

Fixes never mutate this tree: they are edits on the text (``findings.Edit``, applied
by ``fixer.apply_edits``), after which the text is parsed again. That keeps the data flowing one way,
text -> tree -> findings/edits -> text, and the tree never goes stale.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

from mdjournal.text.source import Source, Span
from mdjournal.text.value import Value, init


class FrontMatter(Value):
    """The YAML front matter, ``---`` lines included.

    ``data`` is the parsed mapping, or ``None`` when the YAML is invalid (``error``
    then says why) or is not a mapping. ``duplicates`` are the keys a mapping
    repeats, each with the 1-based lines of the file where it is first written and
    written again (YAML readers keep the last value).
    """

    __slots__ = _FIELDS = (
        "raw",
        "span",
        "yaml",
        "data",
        "error",
        "error_line",
        "duplicates",
    )
    raw: str
    span: Span
    yaml: str
    data: Mapping[str, Any] | None
    error: str | None
    error_line: int | None
    duplicates: tuple[tuple[str, int, int], ...]

    def __init__(
        self,
        raw: str,
        span: Span,
        yaml: str,
        data: Mapping[str, Any] | None,
        error: str | None = None,
        error_line: int | None = None,
        duplicates: tuple[tuple[str, int, int], ...] = (),
    ) -> None:
        init(self, raw, span, yaml, data, error, error_line, duplicates)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def end_line(self) -> int:
        return self.span.end_line

    def render(self) -> str:
        return self.raw


class Text(Value):
    """Markdown mdjournal has no opinion on (a preamble, an intro, a code block), kept as is."""

    __slots__ = _FIELDS = (
        "raw",
        "span",
    )
    raw: str
    span: Span

    def __init__(self, raw: str, span: Span) -> None:
        init(self, raw, span)

    @property
    def markdown(self) -> str:
        """The text without the blank lines that trail it."""
        return self.raw[: self.span.end - self.span.start]

    def render(self) -> str:
        return self.raw


class Item(Value):
    """A list item in a category that is not an entry.

    ``problem`` is set when the item looks like an entry that failed (a read mark or
    a year but no link, a link that does not parse): the linter reports those.
    """

    __slots__ = _FIELDS = (
        "raw",
        "span",
        "problem",
    )
    raw: str
    span: Span
    problem: str | None

    def __init__(self, raw: str, span: Span, problem: str | None = None) -> None:
        init(self, raw, span, problem)

    def render(self) -> str:
        return self.raw


class Heading(Value):
    """A category heading, ATX (``## Title``) or setext (underlined)."""

    __slots__ = _FIELDS = (
        "raw",
        "span",
        "text",
        "level",
    )
    raw: str
    span: Span
    text: str
    level: int

    def __init__(self, raw: str, span: Span, text: str, level: int) -> None:
        init(self, raw, span, text, level)

    def render(self) -> str:
        return self.raw


class Blurb(Value):
    """The notes under one entry, or under a group of entries that share them.

    ``markdown`` is the exact Markdown of its blocks. ``markers`` are the status
    markers it opens with (``TO READ``, ``TO WRITE``) and ``notes`` what follows them.
    """

    __slots__ = _FIELDS = (
        "raw",
        "span",
        "markdown",
        "markers",
        "to_read",
        "notes",
        "marker_span",
    )
    raw: str
    span: Span
    markdown: str
    markers: tuple[str, ...]
    to_read: bool
    notes: str
    marker_span: Span | None

    def __init__(
        self,
        raw: str,
        span: Span,
        markdown: str,
        markers: tuple[str, ...],
        to_read: bool,
        notes: str,
        marker_span: Span | None = None,
    ) -> None:
        init(self, raw, span, markdown, markers, to_read, notes, marker_span)

    @property
    def marker_only(self) -> bool:
        """True when the blurb is nothing but status markers."""
        return bool(self.markers) and not self.notes

    def render(self) -> str:
        return self.raw


class Link(Value):
    """An entry's link. ``url`` is the destination as written (unescaped).

    For a reference link (``[Title][ref]``) ``reference`` is the label and
    ``url_span`` points into the link reference definition.
    """

    __slots__ = _FIELDS = (
        "span",
        "title",
        "title_span",
        "url",
        "url_span",
        "reference",
    )
    span: Span
    title: str
    title_span: Span
    url: str
    url_span: Span | None
    reference: str | None

    def __init__(
        self,
        span: Span,
        title: str,
        title_span: Span,
        url: str,
        url_span: Span | None,
        reference: str | None = None,
    ) -> None:
        init(self, span, title, title_span, url, url_span, reference)


class Entry(Value):
    """One reading-list entry: ``- ✔️ [Title](url) (2017)``.

    ``raw`` is the entry's head (its first line, or lines when the link wraps) and
    the blank lines after it; notes below it belong to its :class:`Blurb`, also when
    they continue the list item. ``year`` is ``None`` unless a four-digit year is written; ``year_text``
    keeps a year as written even when malformed (``(22)``, ``( 2022 )``, ``2022``),
    and ``year_gap`` is what stands between the link and it (the house style is one
    space). ``year_loose`` is true for a year found among other words later on the
    line (``(ICLR 2017)``): its ``year_text`` holds more than a year. ``lead_span`` is what stands between the bullet and the link, where a
    read mark belongs (empty for an unread entry without decoration).
    """

    __slots__ = _FIELDS = (
        "raw",
        "span",
        "read",
        "mark",
        "mark_span",
        "mark_after",
        "lead_span",
        "link",
        "year",
        "year_text",
        "year_span",
        "year_gap",
        "year_loose",
        "rest",
        "blurb",
        "markers",
        "marker_span",
        "marked_to_read",
    )
    _UNCOMPARED = frozenset({"blurb"})
    raw: str
    span: Span
    read: bool
    mark: str | None
    mark_span: Span | None
    mark_after: bool
    lead_span: Span
    link: Link
    year: int | None
    year_text: str | None
    year_span: Span | None
    year_gap: str
    year_loose: bool
    rest: str
    blurb: Blurb | None
    markers: tuple[str, ...]
    """Status markers written on the entry's own line, after the link and year:
    ``- [T](url) (2021) *TO READ*`` (the journal's later style)."""
    marker_span: Span | None
    """Where those markers are."""
    marked_to_read: bool
    """Whether the line's markers include the TO READ marker."""

    def __init__(
        self,
        raw: str,
        span: Span,
        read: bool,
        mark: str | None,
        mark_span: Span | None,
        mark_after: bool,
        lead_span: Span,
        link: Link,
        year: int | None,
        year_text: str | None,
        year_span: Span | None,
        year_gap: str,
        year_loose: bool,
        rest: str,
        blurb: Blurb | None = None,
        markers: tuple[str, ...] = (),
        marker_span: Span | None = None,
        marked_to_read: bool = False,
    ) -> None:
        init(
            self,
            raw,
            span,
            read,
            mark,
            mark_span,
            mark_after,
            lead_span,
            link,
            year,
            year_text,
            year_span,
            year_gap,
            year_loose,
            rest,
            blurb,
            markers,
            marker_span,
            marked_to_read,
        )

    @property
    def title(self) -> str:
        return self.link.title

    @property
    def url(self) -> str:
        return self.link.url

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def to_read(self) -> bool:
        """Marked TO READ, on its own line or at the start of its blurb."""
        return self.marked_to_read or (self.blurb is not None and self.blurb.to_read)

    def render(self) -> str:
        return self.raw


CategoryPart = Heading | Text | Item | Entry | Blurb


class Category(Value):
    """A ``## Category`` section: its heading, intro, entries and their blurbs.

    ``parts`` partition the section's source in order; a blurb shared by several
    entries appears once in ``parts`` and is referenced by each of those entries.
    """

    __slots__ = _FIELDS = (
        "heading",
        "intro",
        "parts",
        "entries",
        "span",
    )
    heading: Heading
    intro: Text | None
    parts: tuple[CategoryPart, ...]
    entries: tuple[Entry, ...]
    span: Span

    def __init__(
        self,
        heading: Heading,
        intro: Text | None,
        parts: tuple[CategoryPart, ...],
        entries: tuple[Entry, ...],
        span: Span,
    ) -> None:
        init(self, heading, intro, parts, entries, span)

    @property
    def title(self) -> str:
        return self.heading.text

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def line(self) -> int:
        return self.heading.span.line

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(part for part in self.parts if isinstance(part, Item))

    def render(self) -> str:
        return "".join(part.render() for part in self.parts)


class Block(Value):
    """A leaf block as markdown-it saw it (``paragraph``, ``fence``, ``html_block``...).

    Rules use these to stay out of code and comments and to find paragraph lines.
    ``span`` covers whole lines: from the start of the first (indentation and an
    opening fence included) to the end of the last non-blank one.
    """

    __slots__ = _FIELDS = (
        "kind",
        "span",
    )
    kind: str
    span: Span

    def __init__(self, kind: str, span: Span) -> None:
        init(self, kind, span)


class Journal(Value):
    """A whole post. ``body`` partitions everything after the front matter.

    ``source`` is the text it was parsed from, with its line table: every span in the
    tree points into it, and the linter reuses it rather than building another.
    """

    __slots__ = _FIELDS = (
        "bom",
        "front_matter",
        "body",
        "blocks",
        "newline",
        "final_newline",
        "source",
    )
    _UNCOMPARED = frozenset({"source"})
    bom: str
    front_matter: FrontMatter | None
    body: tuple[Text | Category, ...]
    blocks: tuple[Block, ...]
    newline: str
    final_newline: bool
    source: Source

    def __init__(
        self,
        bom: str,
        front_matter: FrontMatter | None,
        body: tuple[Text | Category, ...],
        blocks: tuple[Block, ...],
        newline: str,
        final_newline: bool,
        source: Source,
    ) -> None:
        init(self, bom, front_matter, body, blocks, newline, final_newline, source)

    @property
    def categories(self) -> tuple[Category, ...]:
        return tuple(node for node in self.body if isinstance(node, Category))

    @property
    def preamble(self) -> Text | None:
        first = self.body[0] if self.body else None
        return first if isinstance(first, Text) else None

    @property
    def trailing(self) -> Text | None:
        """Content after the last category, when a higher-level heading closed it."""
        last = self.body[-1] if self.body else None
        return last if isinstance(last, Text) and len(self.categories) else None

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for category in self.categories for entry in category.entries)

    def block_at(self, offset: int) -> int:
        """The index in :attr:`blocks` of the first leaf block that starts at or after
        ``offset`` (``len(blocks)`` if none does): where a section's blocks begin."""
        return bisect_left(self.blocks, offset, key=_block_start)

    def render(self) -> str:
        """The exact source text, rebuilt from the nodes' slices."""
        head = self.front_matter.raw if self.front_matter else ""
        return self.bom + head + "".join(node.render() for node in self.body)

    __str__ = render


def _block_start(block: Block) -> int:
    return block.span.start
