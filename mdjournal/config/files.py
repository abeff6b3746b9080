"""Finding and reading config files: ``[tool.mdjournal]`` in ``pyproject.toml``, or
``.mdjournal.toml``.

The nearest file wins, looking from the post's folder upwards (a ``pyproject.toml``
without a ``[tool.mdjournal]`` table is passed over, as ruff does). Keys are
kebab-case. A bad file is a :class:`~mdjournal.config.settings.ConfigError`: one
line, exit 2, never ignored.

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
    journal = "auto"                # or true / false: which posts get the journal rules
    year-style = "consistent"       # or "house": always ask for (YYYY)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mdjournal.config.settings import YEAR_STYLES, Config, ConfigError
from mdjournal.model.read_marks import DEFAULT_READ_MARK, READ_MARKS
from mdjournal.model.status_markers import DEFAULT_TO_READ

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
    "journal",
    "year-style",
)


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
    """The settings in a config file: ``[tool.mdjournal]`` when it has one (any file
    given to ``--config`` may be written like a ``pyproject.toml``), else all of a
    ``.mdjournal.toml``, and nothing of a ``pyproject.toml``."""
    if _has_tool_table(document):
        return document["tool"]["mdjournal"]
    return {} if path.name == "pyproject.toml" else document


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
    journal = table.get("journal", "auto")
    if journal not in ("auto", True, False):
        raise ConfigError(f"{path}: 'journal' must be \"auto\", true or false")
    year_style = table.get("year-style", "consistent")
    if year_style not in YEAR_STYLES:
        raise ConfigError(f"{path}: 'year-style' must be one of: {', '.join(YEAR_STYLES)}")
    return Config(
        select=strings("select") if "select" in table else None,
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        per_file_ignores=tuple((pattern, tuple(codes)) for pattern, codes in per_file.items()),
        read_mark=read_mark,
        to_read_marker=marker,
        category_level=level,
        exclude=strings("exclude"),
        journal=journal,
        year_style=year_style,
        path=path,
    )
