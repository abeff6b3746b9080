"""Output formats for findings, one module each, mdformat-style: :data:`FORMATS` maps
each ``--output-format`` name to its module, a :class:`Format`.

A format works in two steps: the *piece* of one file (its lines, or its JSON
objects), made where the file was linted (in a worker process, with ``--jobs``, so
the parent only joins pieces), and the *whole* output from every piece and the
:class:`~mdjournal.reporting.formats.common.Tally` of all files. :func:`render`
does both at once. A format's module is imported only when it is used: ``lint``
prints text by default and needs none of the others (nor ``json``, ``hashlib`` or
``xml``). What the formats share (safe text, JSON, counts) is in
:mod:`~mdjournal.reporting.formats.common`.

To add a format, write a module with ``piece`` and ``whole`` and name it in
:data:`_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from mdjournal.reporting.formats.common import (
    FileFindings,
    Reports,
    Tally,
    dumps,
    error_line,
    missing_extra,
    printable,
)

__all__ = [
    "FORMATS",
    "JSON_STATISTICS",
    "STATISTICS",
    "FileFindings",
    "Format",
    "Reports",
    "Tally",
    "dumps",
    "error_line",
    "missing_extra",
    "printable",
    "render",
]


class Format(Protocol):
    """An output format: the piece of one file, and the whole from the pieces in order."""

    def piece(self, report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> Any:
        """One file's part of the output: anything that pickles (a worker sends it back)."""

    def whole(
        self, pieces: Sequence[Any], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
    ) -> str:
        """The whole output, from every file's piece in order and the counts of all files."""


#: Each output format's name, and its module in this package.
_MODULES = {
    "text": "text",
    "concise": "concise",
    "full": "full",
    "json": "json_array",
    "json-lines": "json_lines",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
    "sarif": "sarif",
}
#: What ``--statistics`` prints instead of the findings (in JSON with ``--output-format json``).
STATISTICS, JSON_STATISTICS = "statistics", "json-statistics"
_MODULES |= {STATISTICS: "statistics", JSON_STATISTICS: "statistics_json"}


class _Formats(Mapping[str, Format]):
    """Each format by name, its module imported on first use."""

    def __getitem__(self, name: str) -> Format:
        module = _MODULES[name]  # a KeyError for an unknown format, as a dict would raise
        return cast(Format, importlib.import_module(f"{__name__}.{module}"))

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Format] = _Formats()

if TYPE_CHECKING:  # mypy checks each format's module against the protocol
    from mdjournal.reporting.formats import (
        concise,
        full,
        github,
        gitlab,
        json_array,
        json_lines,
        junit,
        sarif,
        statistics,
        statistics_json,
        text,
    )

    _CHECKED: tuple[Format, ...] = (
        text,
        concise,
        full,
        json_array,
        json_lines,
        github,
        gitlab,
        junit,
        sarif,
        statistics,
        statistics_json,
    )


def render(name: str, reports: Reports, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """The whole output of format ``name`` for these files, in one step."""
    output = FORMATS[name]
    pieces = [output.piece(report, color=color, unsafe_fixes=unsafe_fixes) for report in reports]
    tally = sum((Tally.of(report, unsafe_fixes=unsafe_fixes) for report in reports), Tally())
    return output.whole(pieces, tally, color=color, unsafe_fixes=unsafe_fixes)
