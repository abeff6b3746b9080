"""A non-canonical link to a known source: arXiv `/pdf/`, `export.`, `http:`.

`https://arxiv.org/abs/ID` is the page arXiv asks people to link: it shows the
abstract, every version and the PDF, and it is what duplicate detection and
readers recognise. Off by default; select it with `--extend-select MJ007` or in
the config.

Bad::

    - [Auto-Encoding Variational Bayes](https://arxiv.org/pdf/1312.6114) (2013)

Good::

    - [Auto-Encoding Variational Bayes](https://arxiv.org/abs/1312.6114) (2013)

Fix (safe): rewrites the link (or its reference definition) to
`https://arxiv.org/abs/ID`, keeping an explicit version such as `v2`. A link with
a query or a fragment (`#page=3`) is rewritten only with `--unsafe-fixes`, since
those go.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem
from mdjournal.model.identifiers import canonical_arxiv_url

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ007"
NAME = "link-style"
DEFAULT = False
FIX = "safe"
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        span = entry.link.url_span
        canonical = canonical_arxiv_url(entry.url)
        if span is None or canonical is None:
            continue
        written = context.text[span.start : span.end]
        replacement = f"<{canonical}>" if written.startswith("<") else canonical
        # A query or fragment (#page=3) would be dropped: only on request.
        safe = "#" not in entry.url and "?" not in entry.url
        yield Problem(
            span,
            f"arXiv link '{entry.url}' is not the canonical abstract page; use {canonical}",
            Fix.replace(span.start, span.end, replacement, safe=safe),
        )
