"""Views of a parsed journal for ``mdjournal parse``: a readable outline and JSON data."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from mdjournal.model.nodes import Category, Entry, FrontMatter, Journal


def journal_data(journal: Journal, path: str) -> dict[str, Any]:
    """The JSON-ready description of a journal (``mdjournal parse --json``)."""
    return {
        "path": path,
        "front_matter": _front_matter_data(journal.front_matter),
        "categories": [_category_data(category) for category in journal.categories],
        "summary": _summary(journal),
    }


def _summary(journal: Journal) -> dict[str, int]:
    entries = journal.entries
    read = sum(entry.read for entry in entries)
    return {
        "categories": len(journal.categories),
        "entries": len(entries),
        "read": read,
        "unread": len(entries) - read,
    }


def _front_matter_data(front_matter: FrontMatter | None) -> dict[str, Any] | None:
    if front_matter is None:
        return None
    return {
        "line": front_matter.line,
        "end_line": front_matter.end_line,
        "data": _jsonable(front_matter.data),
        "error": front_matter.error,
    }


def _category_data(category: Category) -> dict[str, Any]:
    return {
        "title": category.title,
        "level": category.level,
        "line": category.line,
        "end_line": category.span.end_line,
        "intro": category.intro.markdown if category.intro else None,
        "entries": [_entry_data(entry) for entry in category.entries],
    }


def _entry_data(entry: Entry) -> dict[str, Any]:
    blurb = entry.blurb
    return {
        "title": entry.title,
        "url": entry.url,
        "year": entry.year,
        "year_text": entry.year_text,
        "read": entry.read,
        "mark": entry.mark,
        "line": entry.line,
        "column": entry.column,
        "end_line": entry.span.end_line,
        "end_column": entry.span.end_column,
        "blurb": blurb.markdown if blurb else None,
        "blurb_line": blurb.span.line if blurb else None,
        "to_read": entry.to_read,
        "markers": list(blurb.markers) if blurb else [],
    }


def _jsonable(value: Any) -> Any:
    """YAML gives dates and other non-JSON types; show them as Jekyll would write them."""
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def outline(journal: Journal, path: str) -> Iterator[str]:
    """Lines of the human view: the categories, and each entry's line, state and year."""
    summary = _summary(journal)
    yield (
        f"{path}: {summary['categories']} categories, {summary['entries']} entries "
        f"({summary['read']} read, {summary['unread']} unread)"
    )
    front = journal.front_matter
    if front is not None:
        title = (front.data or {}).get("title")
        about = f": {title}" if title else (f": invalid YAML ({front.error})" if front.error else "")
        yield f"front matter, lines {front.line}-{front.end_line}{about}"
    width = len(str(journal.entries[-1].line)) if journal.entries else 1
    for category in journal.categories:
        count = len(category.entries)
        yield ""
        yield f"{'#' * category.level} {category.title}  (line {category.line}, {count} entr{'y' if count == 1 else 'ies'})"
        for entry in category.entries:
            state = "[x]" if entry.read else "[ ]"
            year = entry.year_text if entry.year is None and entry.year_text else entry.year or "----"
            flags = "  *TO READ*" if entry.to_read else ""
            yield f"  {entry.line:>{width}}  {state} {year!s:>6}  {entry.title}{flags}"
