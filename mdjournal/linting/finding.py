"""What the linter produces: problems at exact spans, with optional fixes as edits.

A fix is a set of text edits (replace ``text[start:end]`` with ``replacement``),
ruff-style, never a tree mutation: applying it and parsing again keeps the data
flowing one way. A fix is *safe* when it cannot change what the post means
(repairing mojibake, adding the year its own arXiv id gives); *unsafe* fixes are
applied only on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from mdjournal.text.edit import Edit

if TYPE_CHECKING:
    from mdjournal.text.source import Span

__all__ = ["Edit", "Finding", "Fix", "Problem", "Severity"]


class Severity(str, Enum):
    """How strongly a finding asks for attention; output formats map it to levels."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that repair one problem; applied together or not at all."""

    edits: tuple[Edit, ...]
    safe: bool = True

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, *, safe: bool = True) -> Fix:
        return cls((Edit(start, end, replacement),), safe)


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule's ``check`` yields: where, what is wrong and what to do, and a fix."""

    span: Span
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem attributed to its rule, as reported to the user.

    The rule is named by value (yamllint's way), so a finding needs nothing but
    itself to be printed, compared or sent back from a worker process.
    """

    code: str
    """The rule's stable code, ``MJ002``."""
    name: str
    """The rule's name, ``missing-year``."""
    severity: Severity
    """How strongly the rule asks for attention."""
    span: Span
    """Where the problem is: exact offsets, 1-based line and column."""
    message: str
    """What is wrong and what to do, in one sentence."""
    fix: Fix | None = field(default=None, compare=False)
    """The edits that repair it, if a rule can say them."""

    def fixable(self, unsafe: bool = False) -> bool:
        """Whether ``mdjournal fmt --fix`` (``--unsafe-fixes`` if ``unsafe``) repairs it."""
        return self.fix is not None and (self.fix.safe or unsafe)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)
