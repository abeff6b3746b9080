"""One record per entry, for ``mdjournal export`` and the filters ``stats`` shares.

A :class:`Record` is what an entry says about the work it names, and nothing more:
title, URL, year as written, read state, category, the blurb as a note, and the
identifiers its URL carries (arXiv id, DOI), read offline. Authors, venues and
anything else a reference manager would fetch are left out, never guessed.

Each output format (:mod:`~mdjournal.reporting.bibtex`,
:mod:`~mdjournal.reporting.csl`, :func:`csv_text`, :func:`jsonl_text`) writes these
records; every one of them is deterministic: the same posts give the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from mdjournal.model.identifiers import arxiv_id, doi, identify
from mdjournal.model.nodes import Category, Entry, Journal
from mdjournal.reporting.formats import dumps

#: What kind of work an entry's URL names; each output maps these to its own types.
PREPRINT, ARTICLE, PAPER, BOOK, WEBPAGE = "preprint", "article", "paper", "book", "webpage"

# Identifier kinds (model.identifiers) that name a paper in conference proceedings.
_PROCEEDINGS_KINDS = frozenset({"proceedings URL", "ACL Anthology id", "CVF open access URL"})
_BOOK_PATH = re.compile(r"/books?(?:/|$)", re.I)
# Words too common to name a paper by in a citation key.
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "much",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "we",
        "what",
        "when",
        "why",
        "with",
    ]
)


@dataclass(frozen=True)
class Selection:
    """Which entries a command works on: ``--category NAME``, ``--read`` / ``--unread``.

    ``category`` matches a category's title, ignoring case and surrounding space;
    ``read`` is None for both read and unread entries.
    """

    category: str | None = None
    read: bool | None = None

    def categories(self, journal: Journal) -> Iterator[Category]:
        wanted = self.category.strip().casefold() if self.category is not None else None
        for category in journal.categories:
            if wanted is None or category.title.strip().casefold() == wanted:
                yield category

    def entries(self, category: Category) -> Iterator[Entry]:
        return (entry for entry in category.entries if self.read is None or entry.read == self.read)

    def unmatched(self, journals: Iterable[Journal]) -> str | None:
        """What to say when ``--category`` names no category of any post (a typo, most likely)."""
        if self.category is None or any(next(self.categories(j), None) for j in journals):
            return None
        return f"--category: no category '{self.category}' in the posts given"


@dataclass(frozen=True, slots=True)
class Record:
    """An entry as an export record. ``key`` is its citation key, unique in an export."""

    key: str
    kind: str
    title: str
    url: str
    year: int | None
    read: bool
    to_read: bool
    category: str
    note: str | None
    arxiv: str | None
    doi: str | None
    post: str


def records(posts: Iterable[tuple[str, Journal]], selection: Selection) -> list[Record]:
    """The records of the selected entries of every post, in order, with unique keys."""
    keys = _Keys()
    found = []
    for path, journal in posts:
        for category in selection.categories(journal):
            for entry in selection.entries(category):
                found.append(_record(entry, category.title, path, keys))
    return found


def _record(entry: Entry, category: str, path: str, keys: _Keys) -> Record:
    arxiv = arxiv_id(entry.url)
    # An arXiv DOI (10.48550/arXiv.ID) is the arXiv id again: say it once, as the eprint.
    found_doi = None if arxiv else doi(entry.url)
    notes = entry.blurb.notes.strip() if entry.blurb is not None else ""
    return Record(
        key=keys.new(entry.title, entry.year),
        kind=_kind(entry.url, arxiv, found_doi),
        title=entry.title,
        url=entry.url,
        year=entry.year,
        read=entry.read,
        to_read=entry.to_read,
        category=category,
        note=notes or None,
        arxiv=arxiv,
        doi=found_doi,
        post=path,
    )


def _kind(url: str, arxiv: str | None, found_doi: str | None) -> str:
    if arxiv:
        return PREPRINT
    identifier = identify(url)
    if identifier is not None and identifier.kind in _PROCEEDINGS_KINDS:
        return PAPER
    if found_doi or (identifier is not None and identifier.kind == "ScienceDirect PII"):
        return ARTICLE
    if _BOOK_PATH.search(url):
        return BOOK
    return WEBPAGE


class _Keys:
    """Citation keys: the title's first telling word and the year (``attention2017``, ``unet2015``).

    Without authors (unknown offline) this is the most recognisable key there is.
    It depends only on the entry and on the entries before it in the export (a
    second ``attention2017`` becomes ``attention2017b``), so it is the same on
    every run over the same posts.
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def new(self, title: str, year: int | None) -> str:
        ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
        # "U-Net:" is one word, "unet", as it is to a reader.
        words = [word for word in (re.sub(r"[^a-z0-9]", "", part) for part in ascii_title.split()) if word]
        word = next((w for w in words if w not in _STOP_WORDS), words[0] if words else "entry")
        base = f"{word}{year or ''}"
        key, suffix = base, 1
        while key in self._used:
            suffix += 1
            key = f"{base}{_letters(suffix)}"
        self._used.add(key)
        return key


def _letters(number: int) -> str:
    """2 → 'b', 26 → 'z', 27 → 'aa': the suffixes that tell apart keys alike."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


#: The CSV columns and JSON Lines fields, in order.
FIELDS = (
    "key",
    "type",
    "title",
    "url",
    "year",
    "read",
    "to_read",
    "category",
    "arxiv",
    "doi",
    "note",
    "post",
)


def record_data(record: Record) -> dict[str, Any]:
    """A record as plain data (one JSON Lines object, one CSV row)."""
    return {
        "key": record.key,
        "type": record.kind,
        "title": record.title,
        "url": record.url,
        "year": record.year,
        "read": record.read,
        "to_read": record.to_read,
        "category": record.category,
        "arxiv": record.arxiv,
        "doi": record.doi,
        "note": record.note,
        "post": record.post,
    }


def jsonl_text(found: Sequence[Record]) -> str:
    """One JSON object a line, keys in :data:`FIELDS` order."""
    return "".join(dumps(record_data(record), indent=None) + "\n" for record in found)


def csv_text(found: Sequence[Record]) -> str:
    """A CSV table with a header of :data:`FIELDS`; empty cells for what is unknown."""
    return table_csv(FIELDS, ([record_data(record)[name] for name in FIELDS] for record in found))


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (RFC 4180, CRLF line ends as the csv module writes them); None is an empty cell."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                "" if value is None else str(value).lower() if isinstance(value, bool) else value
                for value in row
            ]
        )
    return out.getvalue()
