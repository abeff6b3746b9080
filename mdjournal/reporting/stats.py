"""Counting a reading list for ``mdjournal stats``: per category, per year, per post.

Counts come from the model only (``entry.read``, ``entry.to_read``, ``entry.year``),
so whatever the parser learns to read, the statistics follow. ``to_read`` counts
entries whose blurb carries the TO READ marker, read or not: a read entry still
marked is what ``lint`` calls MJ004, and this count shows how many remain.

The views: :func:`stats_data` (JSON), :func:`stats_csv` (one row per post and
group), and :class:`Table` rows shown as an aligned text table with bars
(:meth:`Table.text`) or a Markdown table to paste into a post (:meth:`Table.markdown`).
:class:`HistoryPoint` is one commit's counts for ``--history``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import click

from mdjournal.model.nodes import Entry, Journal
from mdjournal.reporting.formats import printable
from mdjournal.reporting.records import Selection, table_csv

#: Characters of a share bar: full for read, light shade for the rest.
BAR_WIDTH = 20
_FULL, _EMPTY = "█", "░"


@dataclass
class Counts:
    """Entries, how many are read, and how many are marked TO READ."""

    entries: int = 0
    read: int = 0
    to_read: int = 0

    @property
    def unread(self) -> int:
        return self.entries - self.read

    def add(self, entry: Entry) -> None:
        self.entries += 1
        self.read += entry.read
        self.to_read += entry.to_read

    def merge(self, other: Counts) -> None:
        self.entries += other.entries
        self.read += other.read
        self.to_read += other.to_read

    def data(self) -> dict[str, int]:
        return {"entries": self.entries, "read": self.read, "unread": self.unread, "to_read": self.to_read}


@dataclass
class Stats:
    """The counts of one post (``path``) or of several together (``path`` None)."""

    path: str | None
    total: Counts = field(default_factory=Counts)
    categories: dict[str, Counts] = field(default_factory=dict)
    years: dict[int | None, Counts] = field(default_factory=dict)

    def merge(self, other: Stats) -> None:
        self.total.merge(other.total)
        for title, counts in other.categories.items():
            self.categories.setdefault(title, Counts()).merge(counts)
        for year, counts in other.years.items():
            self.years.setdefault(year, Counts()).merge(counts)

    def sorted_years(self) -> list[tuple[int | None, Counts]]:
        """Oldest first; entries without a year last."""
        return sorted(self.years.items(), key=lambda item: (item[0] is None, item[0] or 0))


def journal_stats(journal: Journal, path: str, selection: Selection) -> Stats:
    """The counts of the selected entries of one post (every selected category is listed, even empty)."""
    stats = Stats(path)
    for category in selection.categories(journal):
        counts = stats.categories.setdefault(category.title, Counts())
        for entry in selection.entries(category):
            counts.add(entry)
            stats.total.add(entry)
            stats.years.setdefault(entry.year, Counts()).add(entry)
    return stats


def overall(posts: Sequence[Stats]) -> Stats:
    """The counts of several posts together; categories of the same title add up."""
    together = Stats(None)
    for stats in posts:
        together.merge(stats)
    return together


def _scopes(posts: Sequence[Stats]) -> list[Stats]:
    """Each post, then (for several) all of them together."""
    return [*posts, overall(posts)] if len(posts) > 1 else list(posts)


def _view(stats: Stats) -> dict[str, Any]:
    return {
        "total": stats.total.data(),
        "categories": [{"title": title, **counts.data()} for title, counts in stats.categories.items()],
        "years": [
            {"year": year, "entries": counts.entries, "read": counts.read}
            for year, counts in stats.sorted_years()
        ],
    }


def stats_data(posts: Sequence[Stats]) -> dict[str, Any]:
    """``{"total", "categories", "years", "posts": [{"path", "total", ...}]}``: all posts, then each."""
    return {**_view(overall(posts)), "posts": [{"path": stats.path, **_view(stats)} for stats in posts]}


def stats_csv(posts: Sequence[Stats]) -> str:
    """One row per post (``all`` for the posts together) and group (total, category, year)."""
    header = ("post", "group", "name", "entries", "read", "unread", "to_read")
    rows: list[tuple[object, ...]] = []
    for stats in _scopes(posts):
        post = stats.path if stats.path is not None else "all"
        groups: list[tuple[str, object, Counts]] = [("total", "", stats.total)]
        groups += [("category", title, counts) for title, counts in stats.categories.items()]
        groups += [("year", year, counts) for year, counts in stats.sorted_years()]
        rows += [(post, group, name, c.entries, c.read, c.unread, c.to_read) for group, name, c in groups]
    return table_csv(header, rows)


@dataclass(frozen=True)
class Table:
    """Rows of counts with a share-read bar, shown as text or Markdown.

    Each row is a label and numbers, the first two of them entries and read: the
    bar shows ``read / entries``.
    """

    header: tuple[str, ...]
    rows: Sequence[tuple[str, Sequence[int]]]

    def text(self, *, color: bool = False) -> list[str]:
        """Aligned columns; the bar coloured (read green, the rest dim) when ``color``."""
        labels = [printable(label) for label, _ in self.rows]
        label_width = max([len(self.header[0]), *(len(label) for label in labels)])
        widths = [
            max([len(name), *(len(str(numbers[i])) for _, numbers in self.rows)])
            for i, name in enumerate(self.header[1:])
        ]
        lines = [
            "  ".join(
                [
                    self.header[0].ljust(label_width),
                    *(h.rjust(w) for h, w in zip(self.header[1:], widths, strict=True)),
                    "share read",
                ]
            )
        ]
        for label, (_, numbers) in zip(labels, self.rows, strict=True):
            cells = [
                label.ljust(label_width),
                *(str(n).rjust(w) for n, w in zip(numbers, widths, strict=True)),
            ]
            lines.append("  ".join([*cells, bar(numbers[1], numbers[0], color=color)]))
        return lines

    def markdown(self) -> list[str]:
        """A GitHub-flavoured Markdown table, numbers right-aligned."""
        lines = [
            "| " + " | ".join([*self.header, "share read"]) + " |",
            "|:--|" + "--:|" * (len(self.header) - 1) + ":--|",
        ]
        for label, numbers in self.rows:
            cells = [_markdown_cell(label), *(str(n) for n in numbers), bar(numbers[1], numbers[0])]
            lines.append("| " + " | ".join(cells) + " |")
        return lines


def _markdown_cell(text: str) -> str:
    """A table cell's text: pipes escaped, white space made one line."""
    return " ".join(printable(text).split()).replace("|", "\\|")


def bar(read: int, entries: int, *, color: bool = False) -> str:
    """``██████████░░░░░░░░░░  52%``: the share ``read / entries`` as a bar and a percentage."""
    if not entries:
        return _EMPTY * BAR_WIDTH + "    -"
    filled = round(BAR_WIDTH * read / entries)
    done, rest = _FULL * filled, _EMPTY * (BAR_WIDTH - filled)
    if color:
        done, rest = click.style(done, fg="green"), click.style(rest, dim=True)
    return f"{done}{rest} {round(100 * read / entries):>3}%"


def category_table(stats: Stats) -> Table:
    """Per category, then the total."""
    rows = [(title, _numbers(c)) for title, c in stats.categories.items()]
    rows.append(("total", _numbers(stats.total)))
    return Table(("category", "entries", "read", "unread", "to read"), rows)


def year_table(stats: Stats) -> Table:
    """Per year of publication, oldest first, ``no year`` last."""
    rows = [
        (str(year) if year is not None else "no year", (c.entries, c.read))
        for year, c in stats.sorted_years()
    ]
    return Table(("year", "entries", "read"), rows)


def _numbers(counts: Counts) -> tuple[int, int, int, int]:
    return counts.entries, counts.read, counts.unread, counts.to_read


def report_lines(posts: Sequence[Stats], *, markdown: bool = False, color: bool = False) -> list[str]:
    """The text or Markdown report: each post's tables, then (for several) all together."""
    sections = []
    for stats in _scopes(posts):
        name = stats.path if stats.path is not None else f"all {len(posts)} posts"
        total = stats.total
        heading = f"{name}: {total.entries} entries, {total.read} read, {total.unread} unread"
        sections.append((heading, [category_table(stats), year_table(stats)]))
    return _sections(sections, markdown=markdown, color=color)


def _sections(sections: Sequence[tuple[str, Sequence[Table]]], *, markdown: bool, color: bool) -> list[str]:
    """Each heading and its tables, a blank line between any two (Markdown: a ``###`` heading)."""
    lines: list[str] = []
    for heading, tables in sections:
        lines.append(f"### {_markdown_cell(heading)}" if markdown else printable(heading))
        for table in (table for table in tables if table.rows):  # a post without entries has no years
            lines += ["", *(table.markdown() if markdown else table.text(color=color))]
        lines.append("")
    return lines[:-1]


@dataclass(frozen=True)
class HistoryPoint:
    """A post's counts at one commit that changed it."""

    commit: str
    date: str
    path: str
    counts: Counts

    def data(self) -> dict[str, Any]:
        return {"commit": self.commit, "date": self.date, "path": self.path, **self.counts.data()}


def history_table(points: Iterable[HistoryPoint]) -> Table:
    rows = [(f"{p.date[:10]} {p.commit[:8]}", _numbers(p.counts)) for p in points]
    return Table(("date       commit", "entries", "read", "unread", "to read"), rows)


def history_lines(
    histories: Sequence[tuple[str, Sequence[HistoryPoint]]], *, markdown: bool = False, color: bool = False
) -> list[str]:
    """Each post's history as a table, text or Markdown."""
    return _sections(
        [(path, [history_table(points)]) for path, points in histories], markdown=markdown, color=color
    )


def history_data(histories: Sequence[tuple[str, Sequence[HistoryPoint]]]) -> dict[str, Any]:
    """``{"posts": [{"path", "history": [{"commit", "date", "path", "entries", ...}]}]}``."""
    return {
        "posts": [{"path": path, "history": [point.data() for point in points]} for path, points in histories]
    }


def history_csv(histories: Sequence[tuple[str, Sequence[HistoryPoint]]]) -> str:
    header = ("post", "commit", "date", "path", "entries", "read", "unread", "to_read")
    rows = [
        (post, p.commit, p.date, p.path, *_numbers(p.counts)) for post, points in histories for p in points
    ]
    return table_csv(header, rows)
