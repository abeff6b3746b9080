"""The rule registry.

Each rule is one module in this package, yamllint-style: `CODE`, `NAME`,
`DEFAULT` (on unless selected otherwise), `FIX` (`"safe"`, `"unsafe"` or
`None`), optionally `SEVERITY` and `ANYWHERE` (may report inside front matter,
code and comments, which the linter otherwise filters out), and `check(context)`
yielding
:class:`~mdjournal.findings.Problem`. The module docstring is the rule's
documentation (`mdjournal rules CODE` prints it), with a bad and a good example.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ..findings import Problem, Severity
from . import (
    duplicate_entry,
    empty_category,
    front_matter,
    invalid_suppression,
    link_style,
    malformed_entry,
    missing_blurb,
    missing_year,
    mojibake,
    read_but_to_read,
    read_mark,
    trailing_whitespace,
    unread_with_notes,
    year_format,
    year_mismatch,
)

if TYPE_CHECKING:
    from ..context import Context

_MODULES: tuple[ModuleType, ...] = (
    mojibake,
    missing_year,
    year_format,
    read_but_to_read,
    year_mismatch,
    duplicate_entry,
    link_style,
    read_mark,
    trailing_whitespace,
    malformed_entry,
    empty_category,
    front_matter,
    unread_with_notes,
    missing_blurb,
    invalid_suppression,
)


@dataclass(frozen=True)
class Rule:
    """A rule as the linter and the CLI see it."""

    code: str
    name: str
    default: bool
    fix: str | None
    severity: Severity
    anywhere: bool
    doc: str
    check: Callable[[Context], Iterator[Problem]]

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.split("\n", 1)[0]

    def __reduce__(self) -> tuple[Callable[[str], Rule], tuple[str]]:
        """Pickled as its code: a worker's findings come back naming the rule of the
        registry, not a copy of it (and of its documentation) per post."""
        return _registered, (self.code,)

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            code=module.CODE,
            name=module.NAME,
            default=module.DEFAULT,
            fix=module.FIX,
            severity=getattr(module, "SEVERITY", Severity.WARNING),
            anywhere=getattr(module, "ANYWHERE", False),
            doc=inspect.cleandoc(module.__doc__ or ""),
            check=module.check,
        )


RULES: tuple[Rule, ...] = tuple(
    sorted((Rule.from_module(module) for module in _MODULES), key=lambda r: r.code)
)
_BY_KEY = {key: rule for rule in RULES for key in (rule.code, rule.name)}


def _registered(code: str) -> Rule:
    return _BY_KEY[code]


def get(key: str) -> Rule | None:
    """The rule with this code or name (case-insensitive code), if any."""
    return _BY_KEY.get(key) or _BY_KEY.get(key.upper())


def select(selector: str) -> tuple[Rule, ...]:
    """Rules a selector names: a code, a name, a code prefix (`MJ00`), or `ALL`.

    Returns nothing for an unknown selector; callers turn that into a clear error.
    """
    rule = get(selector.strip())
    if rule is not None:
        return (rule,)
    prefix = selector.strip().upper()
    if prefix == "ALL":
        return RULES
    if len(prefix) >= 2 and prefix.startswith("MJ"):
        return tuple(rule for rule in RULES if rule.code.startswith(prefix))
    return ()


def resolve(selectors: Iterable[str]) -> tuple[frozenset[str], list[str]]:
    """(codes the selectors name, the selectors that name nothing)."""
    codes: set[str] = set()
    unknown: list[str] = []
    for selector in selectors:
        rules = select(selector)
        if not rules:
            unknown.append(selector)
        codes.update(rule.code for rule in rules)
    return frozenset(codes), unknown
