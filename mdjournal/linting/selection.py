"""Which rules run on which post: rule selectors resolved against the registry.

Settings keep selectors as written (``MJ002``, ``missing-year``, ``MJ00``, ``ALL``);
this module turns them into codes, and is where an unknown selector becomes a
:class:`~mdjournal.config.settings.ConfigError` naming where it was written.
:class:`Configs` gives each post its config, with the command line's selections on
top, each checked once.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from mdjournal.config.files import config_for_folder, load_config
from mdjournal.config.settings import Config, ConfigError
from mdjournal.linting.rule import Rule
from mdjournal.linting.rules import RULES, get


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


def codes(config: Config, path: str | None) -> frozenset[str]:
    """The codes of the rules that run on ``path`` under ``config``."""
    return _codes(config.select, config.extend_select, config.ignore + config.ignored_for(path), config.where)


def checked(config: Config) -> Config:
    """``config``, once every rule selector in it is known to name a rule.

    Raises :class:`~mdjournal.config.settings.ConfigError` naming the file (or the
    command line) and the key of the first selector that names nothing.
    """
    codes(config, "")
    for _, selectors in config.per_file_ignores:
        _resolved(selectors, "per-file-ignores", config.where)
    return config


def check_selectors(
    select: Iterable[str] | None, extend_select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> None:
    """Fail now, before any work, on a command-line selector that names no rule."""
    for selectors, key in ((select or (), "select"), (extend_select, "extend-select"), (ignore, "ignore")):
        _resolved(selectors, key, "the command line")


@lru_cache(maxsize=256)
def _codes(
    select: tuple[str, ...] | None, extend: tuple[str, ...], ignore: tuple[str, ...], where: str
) -> frozenset[str]:
    chosen = (
        {rule.code for rule in RULES if rule.default}
        if select is None
        else set(_resolved(select, "select", where))
    )
    return frozenset(
        (chosen | _resolved(extend, "extend-select", where)) - _resolved(ignore, "ignore", where)
    )


def _resolved(selectors: Iterable[str], key: str, where: str) -> frozenset[str]:
    found, unknown = resolve(selectors)
    if unknown:
        raise ConfigError(f"{where}: unknown rule '{unknown[0]}' in {key} (see 'mdjournal rules')")
    return found


class Settings(NamedTuple):
    """What the command line says, beyond the paths."""

    config_file: Path | None = None
    """``--config``: this file instead of the nearest one."""
    select: tuple[str, ...] | None = None
    """``--select``: replaces the config's whole selection."""
    extend_select: tuple[str, ...] = ()
    """``--extend-select``: added to the selection."""
    ignore: tuple[str, ...] = ()
    """``--ignore``: taken out of it."""
    stdin_filename: str | None = None
    """``--stdin-filename``: the name of standard input, for messages and config."""


class Configs:
    """The configs of one run: each folder's is found, read and checked once."""

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
            base = checked(base)
            check_selectors(settings.select, settings.extend_select, settings.ignore)
            self._by_folder[folder] = base.overridden(
                select=settings.select, extend_select=settings.extend_select, ignore=settings.ignore
            )
        return self._by_folder[folder]
