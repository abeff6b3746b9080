"""The rule registry: every rule, one module each, in order of code.

Each module is a :class:`~mdjournal.linting.rule.RuleModule`: `CODE`, `NAME`,
`DEFAULT` (on unless selected otherwise), `FIX` (`"safe"`, `"unsafe"` or `None`),
optionally `SEVERITY`, `SCOPE`, `ANYWHERE` (may report inside front matter, code and
comments, which the linter otherwise filters out), `AFTER_SUPPRESSIONS` and
`SECTION_LOCAL` (see :class:`~mdjournal.linting.rule.Rule`), and `check(context)` yielding
:class:`~mdjournal.linting.finding.Problem`. The module docstring is the rule's
documentation (`mdjournal rules CODE` prints it), with a bad and a good example.
To add a rule, add its module here.
"""

from __future__ import annotations

from mdjournal.linting.rule import Rule, RuleModule
from mdjournal.linting.rules import (
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
    unused_suppression,
    year_format,
    year_mismatch,
)

_MODULES: tuple[RuleModule, ...] = (
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
    unused_suppression,
)


RULES: tuple[Rule, ...] = tuple(
    sorted((Rule.from_module(module) for module in _MODULES), key=lambda r: r.code)
)
_BY_KEY = {key: rule for rule in RULES for key in (rule.code, rule.name)}
#: Each rule's code and name, mapped to its code.
RULE_KEYS: dict[str, str] = {key: rule.code for key, rule in _BY_KEY.items()}


def get(key: str) -> Rule | None:
    """The rule with this code or name (case-insensitive code), if any."""
    return _BY_KEY.get(key) or _BY_KEY.get(key.upper())
