"""From command-line paths to posts to work on, each with its config, maybe in parallel.

Shared by ``lint`` and ``fmt``. Folders expand to the Markdown files below them
(what git would track, inside a git work tree: ``.gitignore`` is respected; hidden
folders never); the config's ``exclude`` patterns drop files, named or found; ``-``
is standard input; every post gets the config nearest to it with the command
line's selections on top; a post that cannot be read becomes an error line instead
of stopping the run. Results come back in input order whatever ``--jobs`` says, so
output is stable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .config import Config, Configs
from .files import STDIN, STDIN_NAME, JournalError, read_stdin, read_text

MARKDOWN_SUFFIXES = (".md", ".markdown")
R = TypeVar("R")


@dataclass(frozen=True)
class Post:
    """One input: its display name, its text and config, or why it cannot be read."""

    path: str
    text: str | None
    config: Config | None
    error: str | None = None
    is_stdin: bool = False


def read_posts(paths: Sequence[str], configs: Configs) -> Iterator[Post]:
    """Each post to work on, in order, read exactly; unreadable ones carry their error.

    Raises :class:`~mdjournal.config.ConfigError` for a config that cannot be used.
    """
    for path in discover(paths):
        if path == STDIN:
            name = configs.settings.stdin_filename or STDIN_NAME
            config = configs.for_path(name)
            try:
                yield Post(name, read_stdin(name), config, is_stdin=True)
            except JournalError as error:
                yield Post(name, None, config, str(error), is_stdin=True)
            continue
        config = configs.for_path(path)
        if config.excluded(path):
            continue
        try:
            yield Post(path, read_text(path), config)
        except JournalError as error:
            yield Post(path, None, config, str(error))


def discover(paths: Sequence[str]) -> Iterator[str]:
    """Files named, and the Markdown files below folders named; each file once."""
    seen: set[str] = set()
    for path in paths:
        found = _markdown_below(path) if path != STDIN and os.path.isdir(path) else [path]
        for name in found:
            key = name if name == STDIN else os.path.realpath(name)
            if key not in seen:
                seen.add(key)
                yield name


def _markdown_below(folder: str) -> list[str]:
    tracked = _git_files(folder)
    names = tracked if tracked is not None else _walk(folder)
    return sorted(
        os.path.join(folder, name)
        for name in names
        if name.lower().endswith(MARKDOWN_SUFFIXES)
        and not any(part.startswith(".") for part in Path(name).parts)
        and (tracked is None or os.path.isfile(os.path.join(folder, name)))
    )


def _walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            yield os.path.relpath(os.path.join(root, name), folder)


def _git_files(folder: str) -> list[str] | None:
    """Files under ``folder`` that git tracks or would track (``.gitignore`` applied),
    relative to it; ``None`` outside a git work tree or without git."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name]


def run_all(
    function: Callable[[Post], R], posts: Iterable[Post], jobs: int = 1
) -> Iterator[tuple[Post, R | None]]:
    """``(post, function(post))`` in input order (``None`` for an unreadable post).

    With ``jobs`` other than 1 the posts are processed in that many worker
    processes (0: one per CPU); ``function`` must then be picklable.
    """
    if jobs == 1:
        for post in posts:
            yield post, (function(post) if post.text is not None else None)
        return
    from concurrent.futures import ProcessPoolExecutor

    batch = list(posts)
    readable = [post for post in batch if post.text is not None]
    with ProcessPoolExecutor(max_workers=jobs or None) as pool:
        results = dict(zip(map(id, readable), pool.map(function, readable), strict=True))
    for post in batch:
        yield post, results.get(id(post))
