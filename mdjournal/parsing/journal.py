"""Text -> :class:`~mdjournal.model.nodes.Journal`, losslessly.

Structure comes from markdown-it's block parse (so nothing inside a code block, an
HTML block, a blockquote or a table is ever taken for an entry); inline detail comes
from :mod:`mdjournal.parsing.entry_head`. Every line of the source is owned by exactly one
node: a node owns the lines from its first block up to the next node's first block,
blank lines and link reference definitions (which produce no token) included.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from mdjournal.model.nodes import (
    Block,
    Blurb,
    Category,
    CategoryPart,
    Entry,
    FrontMatter,
    Heading,
    Item,
    Journal,
    Link,
    Text,
)
from mdjournal.model.status_markers import DEFAULT_TO_READ, notes_only, read_markers
from mdjournal.parsing.blocks import BlockParse
from mdjournal.parsing.entry_head import HeadScan, NotAnEntry, scan_head
from mdjournal.parsing.front_matter import load_yaml
from mdjournal.text.files import read_text
from mdjournal.text.gc_pause import without_gc
from mdjournal.text.source import Source, Span, skip

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@lru_cache(maxsize=1)
def _inline_markdown() -> MarkdownIt:
    """The parser for entry heads. Its ``normalizeLink`` is memoised: the scan and the
    cross-check both normalise each entry's URL, and it is the costliest step."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    setattr(md, "normalizeLink", lru_cache(maxsize=4096)(md.normalizeLink))  # noqa: B010 - a method
    return md


@without_gc
def parse(
    text: str,
    *,
    category_level: int = 2,
    to_read_marker: str = DEFAULT_TO_READ,
    blocks: BlockParse | None = None,
) -> Journal:
    """Parse a post. Never fails: any text is a (possibly empty) journal.

    ``blocks`` is markdown-it's block parse of this very text, when the caller has
    it already (:class:`~mdjournal.parsing.incremental.JournalParse` keeps it).
    """
    if blocks is not None and blocks.source.text != text:
        raise ValueError("blocks is the block parse of another text")
    return _Parser(blocks or BlockParse.of(Source(text)), category_level, to_read_marker).journal()


def parse_window(
    blocks: BlockParse,
    first: int,
    stop: int,
    previous: Section | None,
    category_level: int = 2,
    to_read_marker: str = DEFAULT_TO_READ,
) -> Window:
    """The body nodes and leaf blocks of lines ``first..stop-1`` of ``blocks.source``,
    from ``blocks``, a block parse of just those lines (see
    :mod:`mdjournal.parsing.incremental`); ``previous`` is the kind of the section
    before line ``first`` (None: line ``first`` is where the body starts)."""
    return _Parser(blocks, category_level, to_read_marker).window(first, stop, previous)


def parse_file(
    path: str | os.PathLike[str], *, category_level: int = 2, to_read_marker: str = DEFAULT_TO_READ
) -> Journal:
    """Read ``path`` as UTF-8 (a BOM is kept) and parse it.

    Raises :class:`~mdjournal.text.files.JournalError` with a one-line message naming the file when it
    cannot be read or decoded.
    """
    return parse(read_text(path), category_level=category_level, to_read_marker=to_read_marker)


#: Tokens that open containers, or hold a block's inline content: not leaf blocks.
_NOT_LEAVES = frozenset(
    f"{kind}_open"
    for kind in ("bullet_list", "ordered_list", "list_item", "blockquote", "thead", "tbody", "tr", "th", "td")
) | {"inline"}


class _Top(NamedTuple):
    """A top-level block: its kind, 1-based first and last+1 lines, and its tokens."""

    kind: str
    first: int
    stop: int
    tokens: list[Token]

    @property
    def heading_level(self) -> int:
        return int(self.tokens[0].tag[1]) if self.kind == "heading" else 0


#: What a section of the body is: a category, or text (the preamble, or what follows a
#: higher heading that closes a category).
Section = Literal["category", "text"]


class SectionStart(NamedTuple):
    """Where a section starts: its first line, its kind, and where its first block is in the tops."""

    first: int
    kind: Section
    top: int


class Window(NamedTuple):
    """What :meth:`_Parser.window` makes of some lines of the body."""

    starts: list[SectionStart]
    """The sections that start at a heading there, in order (``body`` also holds the
    text before the first, when the window is where the body starts)."""
    body: list[Text | Category]
    blocks: tuple[Block, ...]


class _Parser:
    def __init__(self, blocks: BlockParse, category_level: int, to_read_marker: str) -> None:
        if not 1 <= category_level <= 6:
            raise ValueError(f"category_level must be a heading level from 1 to 6, not {category_level}")
        if not to_read_marker.strip():
            raise ValueError("to_read_marker cannot be empty")
        self.blocks = blocks
        self.source = blocks.source
        self.category_level = category_level
        self.to_read_marker = to_read_marker
        self.env: dict[str, Any] = blocks.env
        # Filled from the block parse, before the body is built:
        self.definitions: list[tuple[int, int]] = []  # link reference definitions' lines
        self.paragraph_lines: frozenset[int] = frozenset()  # lines inside a paragraph

    # -- whole document ---------------------------------------------------

    def journal(self) -> Journal:
        source, blocks = self.source, self.blocks
        body_first = blocks.body_first
        front_matter = self._front_matter(1, body_first - 1) if body_first > 1 else None
        tops = self._tops()
        body = self._body(tops, self._section_starts(tops), body_first, source.line_count + 1)
        return Journal(
            bom=source.bom,
            front_matter=front_matter,
            body=tuple(body),
            blocks=self._blocks(blocks.tokens),
            newline=source.newline,
            final_newline=source.final_newline,
            source=source,
        )

    def window(self, first: int, stop: int, previous: Section | None) -> Window:
        """See :func:`parse_window`."""
        tops = self._tops()
        starts = self._section_starts(tops, previous)
        return Window(starts, self._body(tops, starts, first, stop), self._blocks(self.blocks.tokens))

    def _tops(self) -> list[_Top]:
        """The top-level blocks, after noting what the body's nodes need from the whole parse."""
        tokens = self.blocks.tokens
        self.definitions = sorted(
            (ref["map"][0] + 1, ref["map"][1])
            for ref in self.env.get("references", {}).values()
            if "map" in ref
        )
        self.paragraph_lines = frozenset(
            chain.from_iterable(
                range(token.map[0] + 1, token.map[1] + 1)
                for token in tokens
                if token.type == "paragraph_open" and token.map
            )
        )
        return [
            _Top(top.kind, top.first + 1, top.stop + 1, tokens[top.token_start : top.token_stop])
            for top in self.blocks.tops
        ]

    def _front_matter(self, first: int, last: int) -> FrontMatter:
        source = self.source
        yaml_text = source.slice(first + 1, last)
        loaded = load_yaml(yaml_text)
        return FrontMatter(
            raw=source.slice(first, last + 1),
            span=source.lines_span(first, last),
            yaml=yaml_text,
            data=loaded.data,
            error=loaded.error,
            error_line=first + loaded.error_line if loaded.error_line else None,
            duplicates=tuple((key, first + one, first + two) for key, one, two in loaded.duplicates),
        )

    def _blocks(self, tokens: list[Token]) -> tuple[Block, ...]:
        source = self.source
        starts, ends, last_content_line = source.line_starts, source.line_ends, source.last_content_line
        blocks = []
        for token in tokens:
            lines = token.map
            if lines is None or token.nesting == -1 or token.type in _NOT_LEAVES:
                continue
            first = lines[0] + 1
            # A fence keeps its blank lines: an unclosed one runs to the end of the
            # post, white-space-only lines included, and they are code.
            last = (
                min(lines[1], source.line_count)
                if token.type == "fence"
                else last_content_line(first, lines[1] + 1)
            )
            blocks.append(
                Block(token.type.removesuffix("_open"), Span(starts[first - 1], ends[last - 1], source))
            )
        return tuple(blocks)

    def _section_starts(self, tops: list[_Top], previous: Section | None = None) -> list[SectionStart]:
        """Where sections start: at each category heading, and at a higher heading that
        closes a category (``previous``: the kind of the section before these blocks)."""
        starts: list[SectionStart] = []
        for index, top in enumerate(tops):
            level = top.heading_level
            if level == self.category_level:
                starts.append(SectionStart(top.first, "category", index))
            elif 0 < level < self.category_level and (starts[-1].kind if starts else previous) == "category":
                starts.append(SectionStart(top.first, "text", index))
        return starts

    def _body(
        self, tops: list[_Top], starts: list[SectionStart], first: int, stop: int
    ) -> list[Text | Category]:
        """Lines ``first..stop-1`` as categories and the text between them."""
        if not starts or starts[0].first > first:
            starts = [SectionStart(first, "text", 0), *starts]
        body: list[Text | Category] = []
        for position, (start, kind, top) in enumerate(starts):
            following = (
                starts[position + 1] if position + 1 < len(starts) else SectionStart(stop, "text", len(tops))
            )
            if start >= following.first:
                continue
            if kind == "text":
                body.append(self._text(start, following.first))
            else:
                body.append(self._category(tops[top : following.top], start, following.first))
        return body

    # -- categories -------------------------------------------------------

    def _category(self, tops: list[_Top], first: int, stop: int) -> Category:
        """Build one category from its top-level blocks (the first is its heading).

        The content after the heading is flattened into units (blocks, and the items
        of lists) and walked once: units before the first entry are the intro; after
        an entry, everything up to the next entry is its blurb, shared by the entries
        written one under the other directly above it (no blank line between them).
        """
        heading_top = tops[0]
        heading = Heading(
            raw="",
            span=self.source.lines_span(heading_top.first, heading_top.stop - 1),
            text=heading_top.tokens[1].content,
            level=heading_top.heading_level,
        )
        plan = _CategoryPlan(first, heading)
        for unit in self._units(tops[1:], heading_top.stop, stop):
            plan.add(unit)
        plan.finish()
        parts = self._materialise(plan.starts, stop)
        intro = next(
            (part for part in parts if isinstance(part, Text) and part.span.line == plan.intro_first), None
        )
        return Category(
            heading=next(part for part in parts if isinstance(part, Heading)),
            intro=intro,
            parts=tuple(parts),
            entries=tuple(part for part in parts if isinstance(part, Entry)),
            span=self.source.lines_span(first, self.source.last_content_line(first, stop)),
        )

    def _units(self, tops: list[_Top], first: int, stop: int) -> list[_Unit]:
        """The category's content from line ``first`` (after its heading) to ``stop``."""
        units: list[_Unit] = self._definitions_between(first, stop, tops)
        for top in tops:
            last = self.source.last_content_line(top.first, top.stop)
            if top.kind in ("bullet_list", "ordered_list"):
                for tokens in self._list_items(top):
                    units.extend(self._item_units(tokens))
            elif top.kind in ("heading", "hr"):
                units.append(_Unit("break", top.first, last))
            elif self._is_comment(top) or self._is_tags_only(top):
                units.append(_Unit("trivia", top.first, last))
            else:
                units.append(_Unit("block", top.first, last))
        return sorted(units, key=lambda unit: unit.first)

    def _definitions_between(self, first: int, stop: int, tops: list[_Top]) -> list[_Unit]:
        """Link reference definitions at top level (they make no token) in ``first..stop-1``.

        They are trivia like comments: kept out of blurbs, never owned by an entry's head.
        """
        inside = [(top.first, top.stop) for top in tops]
        return [
            _Unit("trivia", start, end)
            for start, end in self.definitions
            if first <= start < stop and not any(a <= start < b for a, b in inside)
        ]

    def _materialise(self, starts: list[tuple[int, _Part]], stop: int) -> list[CategoryPart]:
        """Turn the ordered part starts into nodes, each owning lines up to the next start."""
        ranges = [
            (first, starts[i + 1][0] if i + 1 < len(starts) else stop, what)
            for i, (first, what) in enumerate(starts)
        ]
        planned = {
            first: self._blurb(first, part_stop, what.last)
            for first, part_stop, what in ranges
            if isinstance(what, _BlurbPlan)
        }
        blurbs = {  # an entry's first line -> its blurb
            entry.first: planned[first]
            for first, _, what in ranges
            if isinstance(what, _BlurbPlan)
            for entry in what.entries
        }
        parts: list[CategoryPart] = []
        for first, part_stop, what in ranges:
            raw = self.source.slice(first, part_stop)
            if isinstance(what, Heading):
                parts.append(Heading(raw, what.span, what.text, what.level))
            elif isinstance(what, _PendingEntry):
                parts.append(self._entry(what, raw, blurbs.get(what.first)))
            elif isinstance(what, _BlurbPlan):
                parts.append(planned[first])
            elif isinstance(what, _Unit) and what.kind == "problem":
                parts.append(Item(raw, self.source.lines_span(what.first, what.last), what.problem))
            else:
                parts.append(self._text(first, part_stop))
        return parts

    def _text(self, first: int, stop: int) -> Text:
        return Text(
            self.source.slice(first, stop),
            self.source.lines_span(first, self.source.last_content_line(first, stop)),
        )

    # -- list items and entries ---------------------------------------------

    @staticmethod
    def _list_items(top: _Top) -> list[list[Token]]:
        """The tokens of each direct item of a top-level list."""
        items: list[list[Token]] = []
        depth = 0
        for token in top.tokens:
            if token.type == "list_item_open" and depth == 1:
                items.append([])
            if items and depth >= 1:
                items[-1].append(token)
            depth += token.nesting
        return items

    def _item_units(self, tokens: list[Token]) -> list[_Unit]:
        """One list item as units: an entry (and the notes inside its item), or a block."""
        source = self.source
        starts, ends = source.line_starts, source.line_ends
        item = tokens[0]
        assert item.map is not None
        first, stop = item.map[0] + 1, item.map[1] + 1
        last = source.last_content_line(first, stop)
        paragraph = tokens[1] if len(tokens) > 1 else None
        content = self._content_start(starts[first - 1], ends[first - 1], item)
        if (
            paragraph is None
            or paragraph.type != "paragraph_open"
            or paragraph.map is None
            or content is None
        ):
            return [_Unit("item", first, last)]
        para_first = paragraph.map[0] + 1
        if para_first == first + 1 and content == ends[first - 1]:
            # "-" alone on its line, the paragraph (and the link) on the next one
            content = skip(source.text, starts[para_first - 1], end=ends[para_first - 1])
        elif para_first != first:
            return [_Unit("item", first, last)]
        para_end = ends[paragraph.map[1] - 1]
        scanned = source.text[content:para_end].replace("\r\n", " \n").replace("\r", "\n")
        scan = scan_head(_inline_markdown(), scanned, self.env, tokens[2].content)
        if isinstance(scan, NotAnEntry):
            kind = "problem" if scan.problem else "item"
            return [_Unit(kind, first, last, problem=scan.problem)]
        if scan.link.url.startswith("#"):
            return [_Unit("item", first, last)]  # a table of contents, not a paper
        head_last = para_first + scanned.count("\n", 0, scan.rest_end)
        entry = _PendingEntry(first, content, scan)
        units = [_Unit("entry", first, head_last, entry=entry)]
        notes_first = head_last + 1
        while notes_first <= last and source.is_blank(notes_first):
            notes_first += 1
        if notes_first <= last:
            units.append(_Unit("block", notes_first, last))
        return units

    def _content_start(self, start: int, end: int, item: Token) -> int | None:
        """Offset just after an item's bullet (``-``, ``1.``) and the spaces that follow it,
        on its first line (``start`` to ``end``)."""
        text = self.source.text
        pos = skip(text, start, end=end)
        marker = (item.info or "") + item.markup
        if not text.startswith(marker, pos):
            return None
        return skip(text, pos + len(marker), end=end)

    def _entry(self, pending: _PendingEntry, raw: str, blurb: Blurb | None) -> Entry:
        source = self.source
        text = source.text
        scan, base = pending.scan, pending.content
        link = scan.link
        url_span = None
        url = link.url
        if link.url_start is not None and link.url_end is not None:
            url_span = Span(base + link.url_start, base + link.url_end, source)
        elif link.reference is not None:
            url, url_span = self._reference_url(link.reference, url)
        head_end = base + scan.rest_end
        title_start, title_end = base + link.title_start, base + link.title_end
        year_end = base + scan.year_end
        rest = text[year_end:head_end]
        after = year_end + _closing_emphasis(rest)
        tail = text[after:head_end]
        markers = read_markers(tail, self.to_read_marker) if "*" in tail or "_" in tail else None
        if markers is not None and (not markers.names or markers.notes.strip()):
            markers = None  # words follow: status markers close the line, or there are none
        return Entry(
            raw=raw,
            span=Span(skip(text, source.line_starts[pending.first - 1], end=head_end), head_end, source),
            read=scan.read,
            mark=scan.mark,
            mark_span=Span(base + scan.mark_start, base + scan.mark_end, source) if scan.mark else None,
            mark_after=scan.mark_after,
            lead_span=Span(base, base + link.start, source),
            link=Link(
                span=Span(base + link.start, base + link.end, source),
                title=text[title_start:title_end],
                title_span=Span(title_start, title_end, source),
                url=url,
                url_span=url_span,
                reference=link.reference,
            ),
            year=scan.year,
            year_text=scan.year_text,
            year_span=Span(base + scan.year_start, year_end, source) if scan.year_text else None,
            year_gap=scan.year_gap,
            year_loose=scan.year_loose,
            rest=rest,
            blurb=blurb,
            markers=markers.names if markers else (),
            marker_span=Span(after + markers.start, after + markers.end, source) if markers else None,
            marked_to_read=markers is not None and markers.has(self.to_read_marker),
        )

    def _reference_url(self, label: str, href: str) -> tuple[str, Span | None]:
        """The destination of ``[label]: url`` as written, and where it is."""
        from markdown_it.common.utils import normalizeReference

        ref = self.env.get("references", {}).get(normalizeReference(label))
        if not ref or "map" not in ref:
            return href, None
        text = self.source.text
        start = self.source.line(ref["map"][0] + 1).start
        end = self.source.line(ref["map"][1]).end
        pos = text.find("[", start, end) + 1
        while 0 < pos < end and text[pos] != "]":  # the label: no unescaped brackets inside
            pos += 2 if text[pos] == "\\" else 1
        if not 0 < pos < end or text[pos + 1 : pos + 2] != ":":
            return href, None
        pos += 2
        while pos < end and (text[pos].isspace() or (text[pos] == ">" and text[pos - 1] in "\r\n >")):
            pos += 1  # spaces, a line break, and a block quote's '>' on the next line
        md = _inline_markdown()
        dest = md.helpers.parseLinkDestination(text, pos, end)
        if not dest.ok or md.normalizeLink(dest.str) != href:
            return href, None  # never a wrong span: without one, the fixes leave the URL alone
        return dest.str, self.source.span(pos, dest.pos)

    # -- blurbs ---------------------------------------------------------------

    def _blurb(self, first: int, stop: int, last: int) -> Blurb:
        source = self.source
        span = source.lines_span(first, last)
        markdown = source.text[span.start : span.end]
        markers = read_markers(markdown, self.to_read_marker)
        if markers.names:
            line = source.position(span.start + markers.start)[0]
            if line not in self.paragraph_lines:
                markers = notes_only(markdown)  # "*TO READ*" in a code block is code, not a marker
            else:  # markers are those of the paragraph they open, not of a code block after it
                last = line
                while last + 1 in self.paragraph_lines:
                    last += 1
                limit = source.line(last).end - span.start
                if markers.end > limit:
                    markers = read_markers(markdown, self.to_read_marker, limit)
        marker_span = (
            source.span(span.start + markers.start, span.start + markers.end) if markers.names else None
        )
        return Blurb(
            raw=source.slice(first, stop),
            span=span,
            markdown=markdown,
            markers=markers.names,
            to_read=markers.has(self.to_read_marker),
            notes=markers.notes,
            marker_span=marker_span,
        )

    # -- helpers ----------------------------------------------------------------

    @staticmethod
    def _is_tags_only(top: _Top) -> bool:
        """An HTML block of tags and nothing a reader reads (``</details>``, ``<br>``):
        never an entry's notes."""
        return top.kind == "html_block" and not _TAG.sub("", top.tokens[0].content).strip()

    @staticmethod
    def _is_comment(top: _Top) -> bool:
        return (
            top.kind == "html_block"
            and top.tokens[0].content.lstrip().startswith("<!--")
            and top.tokens[0].content.rstrip().endswith("-->")
        )


_TAG = re.compile(r"<[^<>]*>")


def _closing_emphasis(rest: str) -> int:
    """How long the emphasis closing the year's is, where markers follow it:
    ``*(2015)* *TO READ*``."""
    run = len(rest) - len(rest.lstrip("*_"))
    return run if rest[run : run + 1] in (" ", "\t") else 0


class _PendingEntry(NamedTuple):
    """An entry found in a list item, before its node is built."""

    first: int
    content: int
    scan: HeadScan


class _Unit(NamedTuple):
    """A piece of a category's content: a top-level block or one list item's part."""

    kind: str  # "entry" | "problem" | "item" (other list items) | "break" | "trivia" | "block"
    first: int
    last: int
    entry: _PendingEntry | None = None
    problem: str | None = None


class _BlurbPlan(NamedTuple):
    """A blurb to build: lines ``first..last``, serving ``entries``."""

    last: int
    entries: tuple[_PendingEntry, ...]


#: What starts at a line of a category: its heading, an entry, a problem item, a
#: blurb to build, or "text" (an intro or other Markdown kept as it is).
_Part = Heading | _PendingEntry | _Unit | _BlurbPlan | Literal["text"]


class _CategoryPlan:
    """The one pass that decides which node owns which lines of a category.

    ``starts`` collects (first line, what starts there); a node owns the lines up to
    the next start. Blurb zones collect the units after an entry; leading and
    trailing comments (suppression pragmas, typically) stay out of the blurb.
    """

    def __init__(self, first: int, heading: Heading) -> None:
        self.starts: list[tuple[int, _Part]] = [(first, heading)]
        self.intro_first: int | None = None
        self.open_text = True  # the heading's own lines may be followed by the intro
        self.pending: list[_PendingEntry] = []
        self.zone: list[_Unit] = []
        self.last_head = 0  # the last line of the latest entry's head

    def add(self, unit: _Unit) -> None:
        if unit.kind == "entry":
            assert unit.entry is not None
            self._close_zone()
            if unit.first != self.last_head + 1:
                self.pending = []  # not directly under the entry above: they share nothing
            self.pending.append(unit.entry)
            self.last_head = unit.last
            self.starts.append((unit.first, unit.entry))
        elif unit.kind in ("problem", "break") or (unit.kind == "item" and self.pending):
            # A list item that is no entry is never an entry's notes: like a break, it
            # ends the run (before any entry it is intro text, below).
            self._close_zone()
            self.pending.clear()
            self.starts.append((unit.first, unit if unit.kind == "problem" else "text"))
            self.open_text = unit.kind == "problem"
        elif self.pending:
            self.zone.append(unit)
        elif self.open_text:
            if len(self.starts) == 1:
                self.intro_first = unit.first
            self.starts.append((unit.first, "text"))
            self.open_text = False

    def finish(self) -> None:
        self._close_zone()

    def _close_zone(self) -> None:
        zone = self.zone
        if not zone:
            return
        lead = 0
        while lead < len(zone) and zone[lead].kind == "trivia":
            lead += 1
        tail = len(zone)
        while tail > lead and zone[tail - 1].kind == "trivia":
            tail -= 1
        if lead:
            self.starts.append((zone[0].first, "text"))
        if tail > lead:
            self.starts.append((zone[lead].first, _BlurbPlan(zone[tail - 1].last, tuple(self.pending))))
        if tail < len(zone):
            self.starts.append((zone[tail].first, "text"))
        self.zone = []
        self.pending = []
