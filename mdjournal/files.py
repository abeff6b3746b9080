"""Reading posts from disk and standard input, exactly as they are.

Text is decoded as strict UTF-8 from bytes, so nothing is translated on the way in:
``\\r\\n`` stays ``\\r\\n`` and a BOM stays U+FEFF. Anything that cannot be read
becomes a :class:`JournalError` with one line that names the file.
"""

from __future__ import annotations

import os
import sys


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


def read_stdin(name: str = "<stdin>") -> str:
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
