"""From command-line paths to posts to work on, each with its config.

Shared by ``lint`` and ``fmt``: folders expand to the Markdown files below them,
``-`` is standard input, every post gets the config nearest to it with the
command line's selections on top, and a post that cannot be read becomes an
error line instead of stopping the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import Config, config_for_folder, load_config
from .files import JournalError, read_stdin, read_text

STDIN = "-"
MARKDOWN_SUFFIXES = (".md", ".markdown")


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


@dataclass(frozen=True)
class Post:
    """One input: its display name, its text (``None`` if unreadable) and why not."""

    path: str
    text: str | None
    error: str | None = None
    is_stdin: bool = False


def discover(paths: Sequence[str]) -> Iterator[str]:
    """Files named, and the Markdown files below folders named (hidden folders skipped)."""
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


def read_posts(paths: Sequence[str], settings: Settings) -> Iterator[Post]:
    """Each post to work on, read exactly; unreadable ones carry their error."""
    for path in discover(paths):
        if path == STDIN:
            name = settings.stdin_filename or "<stdin>"
            try:
                yield Post(name, read_stdin(name), is_stdin=True)
            except JournalError as error:
                yield Post(name, None, str(error), is_stdin=True)
            continue
        try:
            yield Post(path, read_text(path))
        except JournalError as error:
            yield Post(path, None, str(error))
