"""A written year that contradicts the year in the entry's own identifier.

An arXiv id begins with the year and month it was submitted (`1612.00796` is
December 2016); a PII or a Springer DOI carries its year too. A different written
year is often a typo. It is only a hint, because the journal or conference version
of a preprint can legitimately be a year or two later: suppress it where you
cite the published year on purpose.

Bad::

    - [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223) (2025)

Good::

    - [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223) (2023)

No fix: only you know which year you mean.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem, Severity
from mdjournal.model.identifiers import identify

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ005"
NAME = "year-mismatch"
DEFAULT = True
FIX = None
SECTION_LOCAL = True
SEVERITY = Severity.INFO


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        if entry.year is None or entry.year_span is None:
            continue
        identifier = identify(entry.url)
        if identifier is None or identifier.year is None or identifier.year == entry.year:
            continue
        yield Problem(
            entry.year_span,
            f"written {entry.year}, but {identifier.kind} {identifier.value} says {identifier.year} "
            "(a published version can be later than the preprint)",
        )
