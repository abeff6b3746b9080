"""From command-line paths to posts to work on, each with its config, maybe in parallel.

Shared by ``lint`` and ``fmt``. Folders expand to the Markdown files below them
(all of them on disk, less what ``.gitignore`` ignores inside a git work tree;
hidden folders never); the config's ``exclude`` patterns drop files, named or found; ``-``
is standard input; every post gets the config nearest to it with the command
line's selections on top; a post that cannot be read becomes an error line instead
of stopping the run. Results come back in input order whatever ``--jobs`` says, so
output is stable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

import click

from mdjournal.config.settings import Config, ConfigError
from mdjournal.linting.selection import Configs
from mdjournal.text.files import (
    STDIN,
    STDIN_NAME,
    STOP_SIGNALS,
    JournalError,
    max_file_size,
    read_stdin,
    read_text,
    signals_held,
    unreadable,
)

if TYPE_CHECKING:
    from mdjournal.model.nodes import Journal
    from mdjournal.reporting.records import Selection

MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Characters of posts a worker process must have to do for it to be worth starting:
#: starting one costs about what linting 100 KB does (measured on 2 CPUs with
#: benchmarks/run.py: 20 copies of the sample post, 200 KB, were slower with two).
WORK_PER_WORKER = 128 * 1024
R = TypeVar("R")


class Post(NamedTuple):
    """One input: its display name, its text and config, or why it cannot be read."""

    path: str
    text: str | None
    config: Config | None
    error: str | None = None
    is_stdin: bool = False


def read_posts(paths: Sequence[str], configs: Configs) -> Iterator[Post]:
    """Each post to work on, in order, read exactly; unreadable ones carry their error.

    Raises :class:`~mdjournal.config.settings.ConfigError` for a config that cannot be
    used, or a size limit (``MDJOURNAL_MAX_FILE_SIZE``) that is not a size: said once,
    not once per post.
    """
    return read_found(discover(paths), configs)


def read_found(found: Iterable[tuple[str, str | None]], configs: Configs) -> Iterator[Post]:
    """:func:`read_posts` of what :func:`discover` found (for a caller that counts it first)."""
    try:
        max_file_size()
    except JournalError as error:
        raise ConfigError(str(error)) from None
    for path, problem in found:
        is_stdin = path == STDIN
        name = (configs.settings.stdin_filename or STDIN_NAME) if is_stdin else path
        try:
            config = configs.for_path(name)
        except OSError as error:  # looking for a config beside a path too long, or in a locked folder
            yield Post(name, None, None, unreadable(name, error), is_stdin=is_stdin)
            continue
        # A folder that cannot be listed (the only problem known this early) is excluded
        # when a file in it would be: 'drafts/' names the files below it, not itself.
        if not is_stdin and config.excluded(os.path.join(path, "-") if problem else path):
            continue
        try:
            if problem is not None:
                raise JournalError(problem)
            yield Post(name, read_stdin(name) if is_stdin else read_text(path), config, is_stdin=is_stdin)
        except JournalError as error:
            yield Post(name, None, config, str(error), is_stdin=is_stdin)


def discover(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Files named, and the Markdown files below folders named; each file once.

    Each comes with ``None``, or with why it cannot be read when that is already
    known: a folder below a named one that cannot be listed is reported, not passed
    over in silence, so a check never passes because it saw nothing.
    """
    seen: set[str] = set()
    for path in paths:
        found = _markdown_below(path) if path != STDIN and os.path.isdir(path) else [(path, None)]
        for name, problem in found:
            key = name if name == STDIN else os.path.realpath(name)
            if key not in seen:
                seen.add(key)
                yield name, problem


def _markdown_below(folder: str) -> list[tuple[str, str | None]]:
    """The Markdown files below ``folder`` and the folders below it that cannot be listed, sorted.

    The folder is always walked on disk, and inside a git work tree what
    ``.gitignore`` ignores is then dropped: asking git for the files instead would
    pass over in silence what git does not list (a folder it cannot read, a
    submodule's or a nested repository's posts, a path longer than PATH_MAX).
    Only regular files count (a named pipe would block the run forever), but a
    symbolic link that leads nowhere (broken, or a loop) is kept so that it is
    reported: it is a post the user meant to have.
    """
    failed: list[tuple[str, str | None]] = []
    names = [name for name in _walk(folder, failed) if name.lower().endswith(MARKDOWN_SUFFIXES)]
    ignored = _git_ignored(folder) if names else None
    found: list[tuple[str, str | None]] = [
        (path, None)
        for name in names
        if not any(part.startswith(".") for part in Path(name).parts)
        and not (ignored and _is_ignored(name, ignored))
        and _is_post_file(path := _below(folder, name))
    ]
    return sorted(found + failed)


def _below(folder: str, name: str) -> str:
    """``folder/name``, but only ``name`` below ``.``: ``_posts/x.md``, as ruff prints it, not ``./_posts/x.md``."""
    return name if os.path.normpath(folder) == "." else os.path.join(folder, name)


def _is_post_file(path: str) -> bool:
    return os.path.isfile(path) or (os.path.islink(path) and not os.path.exists(path))


def _walk(folder: str, failed: list[tuple[str, str | None]]) -> Iterator[str]:
    """Files below ``folder``, relative to it, hidden folders skipped; those that cannot be listed go to ``failed``."""

    def record(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else folder
        failed.append((where, f"{where}: cannot list this folder: {error.strerror or error}"))

    for root, folders, files in os.walk(folder, onerror=record):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            yield os.path.relpath(os.path.join(root, name), folder)


def _is_ignored(name: str, ignored: frozenset[str]) -> bool:
    """Whether git ignores ``name`` (a path relative to the folder), itself or a folder above it."""
    parts = Path(name).parts
    return name in ignored or any("/".join(parts[:end]) + "/" in ignored for end in range(1, len(parts)))


def _git_ignored(folder: str) -> frozenset[str] | None:
    """What ``.gitignore`` ignores under ``folder`` (files, and folders ending in ``/``),
    relative to it; ``None`` outside a git work tree or without git."""
    import subprocess

    try:
        listed = subprocess.run(
            [
                "git",
                "ls-files",
                "-z",
                "--others",
                "--ignored",
                "--exclude-standard",
                "--directory",
                "--",
                ".",
            ],
            cwd=folder,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return frozenset(name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name)


TRACEBACK_VARIABLE = "MDJOURNAL_TRACEBACK"


def failure(name: str | None, error: BaseException) -> str:
    """What went wrong with ``name``, in one line, for an error no one foresaw.

    Running out of memory says so; any other exception is named as a bug to report.
    With ``MDJOURNAL_TRACEBACK=1`` the traceback goes to standard error as well.
    """
    if os.environ.get(TRACEBACK_VARIABLE):
        import traceback

        traceback.print_exception(error)
    where = f"{name}: " if name is not None else ""
    if isinstance(error, MemoryError):
        return f"{where}out of memory while working on it"
    return (
        f"{where}internal error ({type(error).__name__}: {error}). "
        f"Please report it; {TRACEBACK_VARIABLE}=1 shows where it happened"
    )


class _Failed(NamedTuple):
    """What a guarded function returns instead of raising: why it failed."""

    message: str


class _Guarded(Generic[R]):
    """``function``, with any exception it raises on a post turned into :class:`_Failed`
    (picklable, for the workers): one post's failure is one error line, and the
    other posts are still worked on."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Post], R]) -> None:
        self.function = function

    def __call__(self, post: Post) -> R | _Failed:
        try:
            return self.function(post)
        except Exception as error:  # MemoryError included: whatever it is, one line and exit 2
            return _Failed(failure(post.path, error))


def run_all(
    function: Callable[[Post], R], posts: Iterable[Post], jobs: int = 0
) -> Iterator[tuple[Post, R | None]]:
    """``(post, function(post))`` in input order (``None`` for an unreadable post).

    A post ``function`` fails on comes back as unreadable, with the error (see
    :func:`failure`) as its ``error``.
    """
    for post, result in _run_all(_Guarded(function), posts, jobs):
        if isinstance(result, _Failed):
            yield post._replace(text=None, error=result.message), None
        else:
            yield post, result


def _run_all(
    function: Callable[[Post], R], posts: Iterable[Post], jobs: int = 0
) -> Iterator[tuple[Post, R | None]]:
    """:func:`run_all` without the guard.

    ``jobs`` is how many worker processes share the posts (0: one per CPU), and
    ``function`` must then be picklable. With one job the posts are worked on here,
    one by one as they are read, so output starts at once. So they are when there
    is too little work to pay for starting workers: each gets at least
    :data:`WORK_PER_WORKER` characters of posts, and a pool starts only for two.
    """
    if jobs == 1:
        for post in posts:
            yield post, (function(post) if post.text is not None else None)
        return
    wanted = jobs or _cpus()
    posts = iter(posts)
    batch: list[Post] = []  # every post so far, in order
    readable = work = 0
    for post in posts:  # read only as far as it takes to know how many workers to start
        batch.append(post)
        if post.text is not None:
            readable += 1
            work += len(post.text)
        if readable >= wanted and work >= wanted * WORK_PER_WORKER:
            break
    workers = min(wanted, readable, work // WORK_PER_WORKER)
    if workers <= 1:
        yield from _run_all(function, [*batch, *posts], jobs=1)
        return
    from concurrent.futures import ProcessPoolExecutor

    def to_work_on() -> Iterator[Post]:
        """The readable posts; the rest are read while the workers start on these."""
        yield from (post for post in batch if post.text is not None)
        for post in posts:
            batch.append(post)
            if post.text is not None:
                yield post

    # Posts go to the workers a few at a time: a round trip per post would cost more
    # than some posts, and big chunks would leave a worker idle at the end. Results
    # are handed on as they come, in order, so output overlaps the work.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_leave_interrupts_to_the_parent)
    try:
        with (
            signals_held()
        ):  # the workers start (at the first task) holding the signals, until they set their own
            pool.submit(int)
        results = pool.map(function, to_work_on(), chunksize=4)
        # Executor.map submits every post before it returns, so ``batch`` is whole here.
        for post in batch:
            yield post, (next(results) if post.text is not None else None)
    except BaseException:  # stopped (Ctrl-C, SIGTERM) or failed: drop the work not started
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _leave_interrupts_to_the_parent() -> None:
    """In a worker: Ctrl-C reaches the whole process group, but only the parent
    reports it (each worker printed a KeyboardInterrupt traceback) and stops the
    pool; SIGTERM and SIGHUP end a worker silently, as the parent's clean-up expects."""
    import signal

    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN if signum == signal.SIGINT else signal.SIG_DFL)


def _cpus() -> int:
    """The CPUs this process may run on (a container or taskset may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parsed_posts(
    paths: Sequence[str], configs: Configs, selection: Selection
) -> tuple[list[tuple[Post, Journal]], bool]:
    """Every readable post with its parse (category level and TO READ marker from its
    config), for the commands that look at the whole reading list at once (``stats``,
    ``export``), and whether all could be read: those that cannot (or that the parser
    fails on, see :func:`failure`) are reported on standard error as they are met. A ``--category`` that no post has raises
    :class:`~mdjournal.config.settings.ConfigError`: a typo is a bad setting.
    """
    from mdjournal.parsing.journal import parse
    from mdjournal.reporting.formats import error_line

    parsed: list[tuple[Post, Journal]] = []
    ok = True
    posts = list(read_posts(paths, configs))
    if not posts:
        click.echo("mdjournal: warning: no Markdown files in the paths given", err=True)
    for post in posts:
        if post.text is None or post.config is None:
            click.echo(error_line(str(post.error)), err=True)
            ok = False
            continue
        try:
            parsed.append((post, parse(post.text, **post.config.parse_options)))
        except Exception as error:  # as for lint: this post's one line, and the others still counted
            click.echo(error_line(failure(post.path, error)), err=True)
            ok = False
    unmatched = selection.unmatched(journal for _, journal in parsed)
    if unmatched is not None and parsed:
        raise ConfigError(unmatched)
    return parsed, ok
