"""Reading and writing posts, exactly as they are.

Text is decoded as strict UTF-8 from bytes, so nothing is translated on the way in
or out: ``\\r\\n`` stays ``\\r\\n`` and a BOM stays U+FEFF. Anything that cannot be
read or written becomes a :class:`JournalError` with one line that names the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile

STDIN = "-"  #: the path that means standard input
STDIN_NAME = "<stdin>"  #: its name in messages, unless --stdin-filename gives one


class JournalError(Exception):
    """A post that cannot be read: missing, a directory, not UTF-8. One line, no traceback."""


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's exact text."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise JournalError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise JournalError(f"{name}: is a directory, not a file") from None
    except OSError as error:
        raise JournalError(f"{name}: cannot read: {error.strerror or error}") from None
    return decode(data, name)


def read_stdin(name: str = STDIN_NAME) -> str:
    """Standard input's exact text."""
    return decode(sys.stdin.buffer.read(), name)


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise JournalError(
            f"{name}: not valid UTF-8 (byte 0x{data[error.start]:02x} on line {line}); "
            "save it as UTF-8 and try again"
        ) from None


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace the file's content with ``text`` all at once, or not at all.

    The new text goes to a temporary file in the same folder, is flushed to disk,
    gets the original's permission bits, and is renamed over the original, so a
    crash, a full disk or a read-only folder leaves the original intact. A symbolic
    link is followed: the file it points to is replaced, the link stays a link.
    """
    name = os.fspath(path)
    target = os.path.realpath(name)
    folder = os.path.dirname(target) or "."
    temporary = None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        handle, temporary = tempfile.mkstemp(prefix=".mdjournal-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise JournalError(
            f"{name}: cannot write: {error.strerror or error}; the file was left as it was"
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
