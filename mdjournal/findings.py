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

if TYPE_CHECKING:
    from .rules import Rule
    from .source import Span


class Severity(str, Enum):
    """How strongly a finding asks for attention; output formats map it to levels."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the source text ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str


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
    """A problem attributed to its rule, as reported to the user."""

    rule: Rule
    span: Span
    message: str
    fix: Fix | None = field(default=None, compare=False)

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def fixable(self, unsafe: bool = False) -> bool:
        """Whether ``mdjournal fmt --fix`` (``--unsafe-fixes`` if ``unsafe``) repairs it."""
        return self.fix is not None and (self.fix.safe or unsafe)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.rule.code)
