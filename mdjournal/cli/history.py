"""A post's past from git, for ``mdjournal stats --history``.

git is run as a program (as :func:`mdjournal.cli.runner._git_files` does), never
through a library: ``git log --follow`` lists the commits that changed the post,
following renames, with the name it had in each, and ``git show COMMIT:NAME``
gives its text there. Nothing is written; the work tree is not touched.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from mdjournal.text.files import JournalError, decode

# Fields of one commit in the log: a record separator starts it, NUL between fields.
_FORMAT = "%x1e%H%x00%cI"


@dataclass(frozen=True)
class Version:
    """The post as one commit left it: ``name`` is its path in the repository then."""

    commit: str
    date: str
    name: str
    text: str


def versions(path: str) -> list[Version]:
    """The post at every commit that changed it (oldest first), or a one-line :class:`JournalError`.

    A commit that deleted the post is left out: there is nothing to count there.
    """
    folder = os.path.dirname(os.path.abspath(path))
    log = _git(
        ["log", "--follow", "--name-only", "-z", f"--format={_FORMAT}", "--", os.path.basename(path)],
        folder,
        path,
    )
    found = []
    for record in log.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        commit, date, *names = [part.strip("\n") for part in record.split("\0")]
        name = next((n for n in names if n), None)
        if name is None:
            continue
        try:
            data = _git(["show", f"{commit}:{name}"], folder, path)
        except JournalError:
            continue  # the commit removed it (or renamed it away)
        found.append(Version(commit, date, name, decode(data, f"{path} at {commit[:8]}")))
    if not found:
        raise JournalError(f"{path}: no git history (is it committed?)")
    found.reverse()
    return found


def _git(arguments: list[str], folder: str, path: str) -> bytes:
    try:
        # Literal pathspecs: a post named 'notes[1].md' is that file, not a pattern.
        env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1"}
        done = subprocess.run(["git", *arguments], cwd=folder, env=env, capture_output=True, check=False)
    except OSError as error:
        raise JournalError(f"{path}: --history needs git: {error.strerror or error}") from None
    if done.returncode:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise JournalError(f"{path}: git {arguments[0]} failed: {message[0] if message else done.returncode}")
    return done.stdout
