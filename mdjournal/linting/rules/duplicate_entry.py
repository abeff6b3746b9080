"""The same paper listed twice.

Two entries are the same paper when their links name the same arXiv id, DOI or
PII (whatever the URL form: `/abs/` and `/pdf/`, `http` and `https`,
versions) or the same document (the same normalised URL, deeper than a landing
page: `[Llama 3.1](https://llama.meta.com/)` and `[Llama 3.2](https://llama.meta.com/)`
are two entries about one site, not one paper twice), or when their titles are
equal ignoring case, punctuation and spacing. The second one is reported,
pointing at the first.

Bad::

    - [Layer Normalization](https://arxiv.org/pdf/1607.06450)
    ...
    - ✔️ [Layer Normalization](https://arxiv.org/abs/1607.06450v1) (2016)

Good: one entry per paper, with the blurbs merged.

No fix: which of the two to keep, and its blurb, is for you to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem
from mdjournal.model.identifiers import normalise_url

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.model.nodes import Entry

CODE = "MJ006"
NAME = "duplicate-entry"
DEFAULT = True
FIX = None


def check(context: Context) -> Iterator[Problem]:
    seen: dict[tuple[str, str], Entry] = {}
    for entry in context.journal.entries:
        keys = _keys(entry)
        match = next((key for key in keys if key in seen), None)
        if match is not None:
            first = seen[match]
            yield Problem(
                entry.link.span,
                f"same paper as line {first.line} ('{first.title}'): {_why(match)}; keep one entry",
            )
        for key in keys:
            seen.setdefault(key, entry)


def _keys(entry: Entry) -> list[tuple[str, str]]:
    """Identity keys, most telling first: the normalised link, then the bare title."""
    keys = []
    if entry.url.strip():
        key = normalise_url(entry.url)
        if key.partition(":")[0] in _KINDS or _is_document(key):
            keys.append(("url", key))
    title = _NOT_ALNUM.sub("", entry.title.casefold())
    if title:
        keys.append(("title", title))
    return keys


def _is_document(key: str) -> bool:
    """Whether a normalised URL (no scheme, no trailing slash) names one document rather
    than a landing page: a path of two segments or more, or a file (``/a.pdf``)."""
    path = key.partition("/")[2].split("?")[0]
    return path.count("/") >= 1 or "." in path.rpartition("/")[2]


_NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum() rejects
_KINDS = {"arxiv": "arXiv id", "doi": "DOI", "pii": "PII", "acl": "ACL Anthology id"}


def _why(key: tuple[str, str]) -> str:
    if key[0] == "title":
        return "same title"
    kind, _, value = key[1].partition(":")
    if kind in _KINDS:
        return f"same {_KINDS[kind]} {value}"
    return "same link"
