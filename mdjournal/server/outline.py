"""The journal's shape for the editor: the outline (document symbols), folding
ranges for categories, and a hover on an entry that says what mdjournal reads in it."""

from __future__ import annotations

from collections.abc import Iterator

from lsprotocol import types

from mdjournal.model.identifiers import identify
from mdjournal.model.nodes import Category, Entry, Journal
from mdjournal.server.positions import Positions


def extents(category: Category) -> Iterator[tuple[Entry, int, int]]:
    """Each entry of ``category`` with the offsets it covers: its head, and its blurb
    unless a later entry shares it (so that no two entries overlap)."""
    entries = category.entries
    for index, entry in enumerate(entries):
        end = entry.span.end
        blurb = entry.blurb
        following = entries[index + 1].span.start if index + 1 < len(entries) else category.span.end
        if blurb is not None and entry.span.end <= blurb.span.start and blurb.span.end <= following:
            end = blurb.span.end
        yield entry, entry.span.start, end


def entry_at(journal: Journal, offset: int) -> Entry | None:
    """The entry whose head or own blurb holds ``offset``."""
    for category in journal.categories:
        if category.span.start <= offset <= category.span.end:
            for entry, start, end in extents(category):
                if start <= offset <= end:
                    return entry
    return None


def state(entry: Entry) -> str:
    """``read`` or ``unread``, then the status markers: ``unread, TO READ``."""
    markers = entry.blurb.markers if entry.blurb is not None else ()
    return ", ".join(["read" if entry.read else "unread", *markers])


def symbols(journal: Journal, positions: Positions) -> list[types.DocumentSymbol]:
    """The categories, each holding its entries (title; year and read state as detail)."""
    return [
        types.DocumentSymbol(
            name=category.title or "(untitled category)",
            kind=types.SymbolKind.Namespace,
            range=positions.range(category.span.start, category.span.end),
            selection_range=positions.range(category.heading.span.start, category.heading.span.end),
            detail=f"{len(category.entries)} entries",
            children=[
                types.DocumentSymbol(
                    name=entry.title or entry.url or "(untitled entry)",
                    kind=types.SymbolKind.Object,
                    range=positions.range(start, end),
                    selection_range=positions.range(entry.link.title_span.start, entry.link.title_span.end),
                    detail=f"{entry.year or entry.year_text or 'no year'} · {state(entry)}",
                )
                for entry, start, end in extents(category)
            ],
        )
        for category in journal.categories
    ]


def folding_ranges(journal: Journal, positions: Positions) -> list[types.FoldingRange]:
    """One range per category, from its heading to its last line."""
    ranges = []
    for category in journal.categories:
        first, last = positions.position(category.span.start).line, positions.position(category.span.end).line
        if last > first:
            ranges.append(types.FoldingRange(start_line=first, end_line=last, kind="region"))
    return ranges


def hover(journal: Journal, offset: int, positions: Positions) -> types.Hover | None:
    """What mdjournal reads in the entry at ``offset``: identifier, implied year, read state, markers."""
    entry = entry_at(journal, offset)
    if entry is None:
        return None
    identifier = identify(entry.url)
    if identifier is None:
        found = "no paper identifier in the link"
    else:
        implied = f"says {identifier.year}" if identifier.year is not None else "carries no year"
        found = f"{identifier.kind} `{identifier.value}`, which {implied}"
    written = f"`{entry.year_text}`" if entry.year_text is not None else "none"
    mark = f" (mark `{entry.mark}`)" if entry.mark else ""
    markers = entry.blurb.markers if entry.blurb is not None else ()
    lines = [
        f"**{entry.title}**",
        "",
        f"- identifier: {found}",
        f"- year written: {written}",
        f"- {'read' if entry.read else 'unread'}{mark}",
        f"- status markers: {', '.join(markers) if markers else 'none'}",
    ]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(lines)),
        range=positions.range(entry.span.start, entry.span.end),
    )
