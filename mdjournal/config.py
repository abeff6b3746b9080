"""Settings: ``[tool.mdjournal]`` in ``pyproject.toml``, or ``.mdjournal.toml``.

The nearest file wins, looking from the post's folder upwards (a ``pyproject.toml``
without a ``[tool.mdjournal]`` table is passed over, as ruff does). Keys are
kebab-case. A bad file is a :class:`ConfigError`: one line, exit 2, never ignored.

.. code-block:: toml

    [tool.mdjournal]
    select = ["MJ"]                 # replaces the default rule set
    extend-select = ["MJ007"]       # adds to it
    ignore = ["MJ005"]
    per-file-ignores = { "_drafts/*" = ["MJ002", "MJ014"] }
    read-mark = "✔️"
    to-read-marker = "TO READ"
    category-level = 2
    exclude = ["_site/", "vendor/"]
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .markers import DEFAULT_TO_READ
from .marks import DEFAULT_READ_MARK, READ_MARKS

CONFIG_NAMES = (".mdjournal.toml", "pyproject.toml")
_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "read-mark",
    "to-read-marker",
    "category-level",
    "exclude",
)


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Resolved settings. Rule selectors are kept as written and checked on load."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    read_mark: str = DEFAULT_READ_MARK
    to_read_marker: str = DEFAULT_TO_READ
    category_level: int = 2
    exclude: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

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
        for selectors, key in (
            (select or (), "select"),
            (extend_select, "extend-select"),
            (ignore, "ignore"),
        ):
            _resolved(selectors, key, "the command line")
        if select is not None:
            return replace(self, select=select, extend_select=extend_select, ignore=ignore)
        return replace(self, extend_select=self.extend_select + extend_select, ignore=self.ignore + ignore)

    def codes(self, path: str | None) -> frozenset[str]:
        """The codes of the rules that run on ``path``."""
        return _codes(self.select, self.extend_select, self.ignore + self._ignored_for(path), self._where())

    def _ignored_for(self, path: str | None) -> tuple[str, ...]:
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
        """Whether ``exclude`` names ``path`` (or a folder above it)."""
        if not self.exclude:
            return False
        relative = _relative(path, self.root)
        return any(matches(relative, pattern) for pattern in self.exclude)

    def _where(self) -> str:
        return str(self.path) if self.path else "the command line"


@lru_cache(maxsize=256)
def _codes(
    select: tuple[str, ...] | None, extend: tuple[str, ...], ignore: tuple[str, ...], where: str
) -> frozenset[str]:
    from .rules import RULES

    chosen = (
        {rule.code for rule in RULES if rule.default}
        if select is None
        else set(_resolved(select, "select", where))
    )
    return frozenset(
        (chosen | _resolved(extend, "extend-select", where)) - _resolved(ignore, "ignore", where)
    )


def _resolved(selectors: Iterable[str], key: str, where: str) -> frozenset[str]:
    from .rules import resolve

    codes, unknown = resolve(selectors)
    if unknown:
        raise ConfigError(f"{where}: unknown rule '{unknown[0]}' in {key} (see 'mdjournal rules')")
    return codes


def matches(relative: str, pattern: str) -> bool:
    """gitignore-flavoured matching: ``dir/`` names a folder, a bare name matches anywhere."""
    pattern = pattern.strip()
    folder = pattern.endswith("/")
    pattern = pattern.strip("/")
    parts = relative.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts) - (1 if folder else 0))]
    if "/" not in pattern:
        candidates += parts[:-1] if folder else parts
    return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates)


def _relative(path: str, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root.resolve() if root.exists() else root).as_posix()
    except ValueError:
        return absolute.as_posix().lstrip("/")


# -- finding and reading config files -------------------------------------------------


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above the folder ``start``."""
    found = _find_config(start)
    return found[0] if found else None


def load_config(path: Path) -> Config:
    """Read and validate one config file."""
    return _parse_table(_mdjournal_table(path, _read_toml(path)), path)


def config_for_folder(folder: Path) -> Config:
    """The config that applies to posts in ``folder`` (defaults when there is none)."""
    found = _find_config(folder)
    return _parse_table(found[1], found[0]) if found else Config()


def _find_config(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """(path, mdjournal table) of the nearest config file, each file read once.

    A ``pyproject.toml`` without a ``[tool.mdjournal]`` table is passed over.
    """
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if not path.is_file():
                continue
            document = _read_toml(path)
            if name == "pyproject.toml" and not _has_tool_table(document):
                continue
            return path, _mdjournal_table(path, document)
    return None


def _has_tool_table(document: Mapping[str, Any]) -> bool:
    tool = document.get("tool", {})
    return isinstance(tool, Mapping) and "mdjournal" in tool


def _mdjournal_table(path: Path, document: Mapping[str, Any]) -> Any:
    """The settings in a config file: all of ``.mdjournal.toml``, or ``[tool.mdjournal]``."""
    if path.name != "pyproject.toml":
        return document
    return document["tool"]["mdjournal"] if _has_tool_table(document) else {}


def _read_toml(path: Path) -> Mapping[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None


def _parse_table(table: Mapping[str, Any], path: Path) -> Config:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.mdjournal] must be a table")
    for key in table:
        if key not in _KEYS:
            import difflib  # only for this message: not worth its import on every run

            hint = difflib.get_close_matches(key.replace("_", "-"), _KEYS, n=1)
            raise ConfigError(
                f"{path}: unknown key '{key}'" + (f"; did you mean '{hint[0]}'?" if hint else "")
            )

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{path}: '{key}' must be a list of strings")
        return tuple(value)

    def text(key: str, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: '{key}' must be a non-empty string")
        return value

    marker = text("to-read-marker", DEFAULT_TO_READ)
    if not re.fullmatch(r"[^\W_](?:[\w '’-]*[^\W_])?", marker):
        raise ConfigError(
            f"{path}: 'to-read-marker' must be the marker's words, such as \"TO READ\" (no * or _)"
        )
    read_mark = text("read-mark", DEFAULT_READ_MARK)
    if read_mark not in READ_MARKS:
        known = ", ".join(sorted(READ_MARKS - {"[X]"}))
        raise ConfigError(f"{path}: 'read-mark' must be one of the read marks mdjournal reads: {known}")

    level = table.get("category-level", 2)
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
        raise ConfigError(f"{path}: 'category-level' must be a whole number from 1 to 6")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, Mapping) or not all(
        isinstance(codes, list) and all(isinstance(code, str) for code in codes)
        for codes in per_file.values()
    ):
        raise ConfigError(f"{path}: 'per-file-ignores' must map glob patterns to lists of rules")
    config = Config(
        select=strings("select") if "select" in table else None,
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        per_file_ignores=tuple((pattern, tuple(codes)) for pattern, codes in per_file.items()),
        read_mark=read_mark,
        to_read_marker=marker,
        category_level=level,
        exclude=strings("exclude"),
        path=path,
    )
    config.codes("")
    for _, selectors in config.per_file_ignores:
        _resolved(selectors, "per-file-ignores", str(path))
    return config


# -- what applies to which post ------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What the command line says, beyond the paths."""

    config_file: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    stdin_filename: str | None = None


class Configs:
    """The configs of one run: each folder's is found and read once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._by_folder: dict[Path, Config] = {}

    def for_path(self, path: str) -> Config:
        """The config for a post (or a ``--stdin-filename``): ``--config`` or the
        nearest config file, with the command line's selections on top."""
        folder = Path(path).parent.resolve()
        if folder not in self._by_folder:
            settings = self.settings
            base = load_config(settings.config_file) if settings.config_file else config_for_folder(folder)
            self._by_folder[folder] = base.overridden(
                select=settings.select, extend_select=settings.extend_select, ignore=settings.ignore
            )
        return self._by_folder[folder]
