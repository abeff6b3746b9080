"""Records as CSL-JSON, what Zotero, pandoc and citeproc read.

The items follow the CSL-JSON input schema (v1.0.2; ``tests/schemas/csl`` holds
it, and the tests validate against it). An arXiv preprint is an ``article`` (CSL's
type for preprints) with ``publisher: "arXiv"`` and ``number: "arXiv:ID"``, as
Zotero writes them; a DOI or PII names an ``article-journal``, a proceedings URL a
``paper-conference``, a ``/book/`` URL a ``book``, anything else a ``webpage``. The
category is the ``keyword``, the blurb the ``note`` (CSL's field for annotations),
and the read state is in ``custom``, the schema's place for data it has no field for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mdjournal.reporting.records import ARTICLE, BOOK, PAPER, PREPRINT, Record

_TYPES = {PREPRINT: "article", ARTICLE: "article-journal", PAPER: "paper-conference", BOOK: "book"}


def csl_items(found: Sequence[Record]) -> list[dict[str, Any]]:
    """The records as CSL-JSON items."""
    return [_item(record) for record in found]


def _item(record: Record) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": record.key,
        "type": _TYPES.get(record.kind, "webpage"),
        "title": record.title,
        "URL": record.url,
    }
    if record.year is not None:
        item["issued"] = {"date-parts": [[record.year]]}
    if record.arxiv:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{record.arxiv}"
    if record.doi:
        item["DOI"] = record.doi
    item["keyword"] = record.category
    if record.note:
        item["note"] = record.note
    item["custom"] = {"read": record.read, "to_read": record.to_read}
    return item
