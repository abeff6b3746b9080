"""Settings as plain values: :class:`Config`, and which paths its patterns name.

A config is read from ``[tool.mdjournal]`` in ``pyproject.toml`` or from
``.mdjournal.toml`` (:mod:`mdjournal.config.files`). Rule selectors are kept as
written: the lint layer resolves them against the rule registry
(:mod:`mdjournal.linting.selection`), so settings know nothing of rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mdjournal.model.read_marks import DEFAULT_READ_MARK
from mdjournal.model.status_markers import DEFAULT_TO_READ

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

#: What ``year-style`` may say.
YEAR_STYLES = ("consistent", "house")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings that apply to a post. Rule selectors are kept as written."""

    select: tuple[str, ...] | None = None
    """Rule selectors that replace the default rule set (None: the defaults)."""
    extend_select: tuple[str, ...] = ()
    """Rule selectors added to the selection."""
    ignore: tuple[str, ...] = ()
    """Rule selectors taken out of the selection."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(pattern, selectors): rules not run on the paths a pattern names."""
    read_mark: str = DEFAULT_READ_MARK
    """The read mark MJ008 asks for."""
    to_read_marker: str = DEFAULT_TO_READ
    """The words of the unread marker, ``TO READ`` in ``*TO READ*``."""
    category_level: int = 2
    """The heading level of categories."""
    exclude: tuple[str, ...] = ()
    """Patterns of paths never checked."""
    journal: bool | Literal["auto"] = "auto"
    """Whether the journal rules apply: True, False, or "auto" (a post whose entries
    carry read marks or TO READ markers is a journal)."""
    year_style: str = "consistent"
    """MJ003's standard: "consistent" (the house form only where the post mostly
    writes it) or "house" (always)."""
    path: Path | None = field(default=None, compare=False)
    """The config file these settings come from (None: defaults or the command line)."""

    @property
    def parse_options(self) -> dict[str, Any]:
        """The keyword arguments :func:`mdjournal.parse` takes from these settings."""
        return {"category_level": self.category_level, "to_read_marker": self.to_read_marker}

    @property
    def root(self) -> Path:
        """The folder patterns in this config are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()

    def overridden(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> Config:
        """These settings with the command line's on top.

        ``--select`` is an explicit choice: it replaces the config's whole selection
        (its ``select``, ``extend-select`` and ``ignore``), so ``--select MJ005``
        shows MJ005 even where the config ignores it. ``--extend-select`` and
        ``--ignore`` add to what is selected. Per-file ignores still apply.
        """
        select, extend_select, ignore = (
            tuple(select) if select is not None else None,
            tuple(extend_select),
            tuple(ignore),
        )
        if select is not None:
            return replace(self, select=select, extend_select=extend_select, ignore=ignore)
        return replace(self, extend_select=self.extend_select + extend_select, ignore=self.ignore + ignore)

    def ignored_for(self, path: str | None) -> tuple[str, ...]:
        """The selectors ``per-file-ignores`` adds to ``ignore`` for ``path``."""
        if not path or not self.per_file_ignores:
            return ()
        relative = _relative(path, self.root)
        return tuple(
            selector
            for pattern, selectors in self.per_file_ignores
            if matches(relative, pattern)
            for selector in selectors
        )

    def excluded(self, path: str) -> bool:
        """Whether ``exclude`` names ``path`` (or a folder above it), by gitignore's rules."""
        if not self.exclude:
            return False
        return gitignore(self.exclude).match_file(_relative(path, self.root))

    @property
    def where(self) -> str:
        """Where these settings come from, for messages."""
        return str(self.path) if self.path else "the command line"


def matches(relative: str, pattern: str) -> bool:
    """Whether a ``per-file-ignores`` pattern names the path ``relative`` to the config.

    Patterns follow gitignore's rules (:func:`gitignore`); ``!pattern`` names every
    path the pattern does not, as in ruff's ``per-file-ignores``.
    """
    negated = pattern.startswith("!")
    return gitignore((pattern[1:] if negated else pattern,)).match_file(relative) != negated


@lru_cache(maxsize=64)
def gitignore(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """Patterns as git reads a ``.gitignore``: ``/x`` only at the root, ``x`` anywhere,
    ``dir/`` a folder (and what it holds), ``**`` any folders, a later ``!x`` taking
    back what earlier patterns named.

    pathspec is the library black and pre-commit use for this; it is imported only
    for a config that has patterns (it costs about 10 ms to import).
    """
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: str, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root.resolve() if root.exists() else root).as_posix()
    except ValueError:
        return absolute.as_posix().lstrip("/")
