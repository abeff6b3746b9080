"""Reading and writing posts, exactly as they are.

Text is decoded as strict UTF-8 from bytes, so nothing is translated on the way in
or out: ``\\r\\n`` stays ``\\r\\n`` and a BOM stays U+FEFF. Anything that cannot be
read or written becomes a :class:`JournalError` with one line that names the file
and, when the bytes are not UTF-8 text, says what they look like instead and how to
convert them: a stack trace or a bare ``UnicodeDecodeError`` helps nobody.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import signal
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

STDIN = "-"  #: the path that means standard input
STDIN_NAME = "<stdin>"  #: its name in messages, unless --stdin-filename gives one

#: Signatures of the binary files most likely to end up under a blog's folders.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx, .epub...)"),
)
_BREAK = re.compile(rb"\r\n|\r|\n")  # line breaks as mdjournal counts them (see source.py)
#: Bytes that do not occur in text in any 8-bit encoding (tab, line breaks, form feed and ESC do).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05  # a share of control bytes above this is binary data, not legacy-encoded text


class JournalError(Exception):
    """A post that cannot be read: missing, a directory, not UTF-8. One line, no traceback."""


#: The largest post read, in bytes, unless ``MDJOURNAL_MAX_FILE_SIZE`` says otherwise:
#: far above any real post (the sample is 10 KB; a reading list of 10,000 entries
#: is 1.5 MB), so that ``/dev/zero`` or a runaway log is refused at once instead of
#: filling memory (a 100 MB post takes about 3 GB to lint).
DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024
MAX_FILE_SIZE_VARIABLE = "MDJOURNAL_MAX_FILE_SIZE"
_SIZE = re.compile(r"\s*([0-9]+)\s*([kmg]?)i?b?\s*", re.IGNORECASE)


def max_file_size() -> int:
    """The size limit in bytes: ``MDJOURNAL_MAX_FILE_SIZE`` (``200M``, ``1G``, ``500000``) or the default."""
    value = os.environ.get(MAX_FILE_SIZE_VARIABLE)
    if not value:
        return DEFAULT_MAX_FILE_SIZE
    match = _SIZE.fullmatch(value)
    if match is None:
        raise JournalError(
            f"{MAX_FILE_SIZE_VARIABLE}={value!r}: not a size (a number of bytes, or with K, M or G)"
        )
    scale: int = 1024 ** " KMG".index(match[2].upper() or " ")
    return int(match[1]) * scale


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's exact text.

    Only a regular file is read: a named pipe would block until someone writes to
    it, and a device (``/dev/zero``, ``/dev/urandom``) never ends. Nor is a file
    larger than :func:`max_file_size`, even one still growing while it is read.
    """
    name = os.fspath(path)
    limit = max_file_size()
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait for a writer.
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(descriptor, "rb") as handle:
            kind = _not_a_file(os.fstat(descriptor))
            if kind is not None:
                import shlex  # only for this advice

                raise JournalError(
                    f"{name}: is {kind}, not a regular file, so mdjournal does not read it "
                    f"(to check what it holds, give it on standard input: mdjournal lint - < {shlex.quote(name)})"
                )
            data = handle.read(limit + 1)
    except OSError as error:
        raise JournalError(unreadable(name, error)) from None
    return decode(_within_limit(data, limit, name), name, file=True)


def _not_a_file(status: os.stat_result) -> str | None:
    """What the file is when it is not a regular file, in words; None for a regular file."""
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _within_limit(data: bytes, limit: int, name: str) -> bytes:
    if len(data) > limit:
        raise JournalError(
            f"{name}: larger than mdjournal's limit of {limit:,} bytes, so it is not read "
            f"(set {MAX_FILE_SIZE_VARIABLE}, e.g. to 500M, to allow more)"
        )
    return data


def unreadable(name: str, error: OSError) -> str:
    """Why ``name`` cannot be read, in words: which file, and what is wrong with it."""
    if isinstance(error, IsADirectoryError):
        return f"{name}: is a directory, not a file"
    if isinstance(error, FileNotFoundError):
        if os.path.islink(name):
            return f"{name}: a broken symbolic link (to {os.readlink(name)!r}, which does not exist)"
        return f"{name}: no such file"
    if error.errno == errno.ELOOP:
        return f"{name}: cannot read: a loop of symbolic links"
    return f"{name}: cannot read: {error.strerror or error}"


def read_stdin(name: str = STDIN_NAME) -> str:
    """Standard input's exact text (no more than :func:`max_file_size`)."""
    limit = max_file_size()
    return decode(_within_limit(sys.stdin.buffer.read(limit + 1), limit, name), name)


def decode(data: bytes, name: str, *, file: bool = False) -> str:
    """``data`` as strict UTF-8; anything else is a :class:`JournalError` saying what it is.

    ``file`` says ``name`` is a file's path (not standard input's name), so the
    advice can be a command to run on it.
    """
    problem = _not_text(data)
    if problem is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = _not_utf8(data, error, name if file else None)
    raise JournalError(f"{name}: {problem}")


def _not_text(data: bytes) -> str | None:
    """What ``data`` is if it is plainly not UTF-8 text (a BOM, a signature, NUL bytes), else None."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32 text (it starts with a UTF-32 byte-order mark); save it as UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return f"looks like a binary file ({kind}), not a Markdown post"
    nul = data.find(b"\0")
    if nul < 0:
        return None
    if _looks_like_utf16(data[:4096]):
        return "looks like UTF-16 text without a byte-order mark; save it as UTF-8"
    line, column = _position(data, nul)
    return f"looks like a binary file (a NUL byte on line {line}, column {column}), not a Markdown post"


def _looks_like_utf16(sample: bytes) -> bool:
    """Mostly-ASCII UTF-16: every other byte NUL, the bytes between them not."""
    halves = sorted(
        (sample[0::2].count(0) / max(len(sample[0::2]), 1), sample[1::2].count(0) / max(len(sample[1::2]), 1))
    )
    return len(sample) >= 4 and halves[0] < 0.1 and halves[1] > 0.9


def _not_utf8(data: bytes, error: UnicodeDecodeError, path: str | None) -> str:
    """Where the first byte that is not UTF-8 is, and the likeliest fix.

    The whole file is looked at to tell binary data, a legacy 8-bit encoding (where
    converting the file is the fix) and a UTF-8 file with a few bad bytes (where
    converting it would garble every healthy accent) apart.
    """
    byte = data[error.start]
    line, column = _position(data, error.start)
    where = f"byte 0x{byte:02x} on line {line}, column {column} (in characters)"
    if len(_CONTROL_BYTES.findall(data[:65536])) > _BINARY_SHARE * min(len(data), 65536):
        return f"looks like a binary file, not a Markdown post (not UTF-8: {where})"
    if _has_utf8_beyond_ascii(data):
        if error.end == len(data) and error.reason == "unexpected end of data":
            return f"not valid UTF-8: it ends partway through a character, at {where}; was it cut short?"
        return (
            f"not valid UTF-8: {where}; the rest of the file is UTF-8, "
            "so replace that byte with the character meant"
        )
    latin1 = not re.search(rb"[\x80-\x9f]", data)  # Windows-1252 puts quotes and dashes there
    encoding, label = ("latin1", "Latin-1") if latin1 else ("windows-1252", "Windows-1252")
    command = f"iconv -f {encoding} -t utf-8"
    if path is not None:
        import shlex  # only for this advice

        quoted, converted = shlex.quote(path), shlex.quote(path + ".utf8")
        command += f" {quoted} > {converted} && mv {converted} {quoted}"
    return f"not valid UTF-8: {where}; it looks like {label} text, so convert it: {command}"


def _has_utf8_beyond_ascii(data: bytes) -> bool:
    """Whether ``data`` holds at least one well-formed multi-byte UTF-8 character."""
    return re.search("[^\\x00-\\x7f\\ufffd]", data.decode("utf-8", "replace")) is not None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte ``offset``; columns count characters, as everywhere in mdjournal.

    Lines break where the parser breaks them; a BOM belongs to no line.
    """
    line = len(_BREAK.findall(data, 0, offset)) + 1
    start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    if start == 0 and data.startswith(codecs.BOM_UTF8):
        start = len(codecs.BOM_UTF8)
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


#: The signals that stop mdjournal politely (Ctrl-C, ``kill``, a closed terminal):
#: held back while a file is replaced, so that it happens whole or not at all.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done (then they arrive).

    A signal that interrupted a write between creating the temporary file and
    renaming it left the file behind (3 runs in 8 under SIGTERM), or wrote the post
    without a word. The signals' handlers are swapped for one that only notes the
    signal, which is then raised again on the way out: a signal mask would not do,
    as the kernel hands a signal sent to the process to any thread that does not
    mask it (a worker pool has two). Only the main thread can set handlers;
    elsewhere this does nothing.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    held = {
        signum: signal.signal(signum, lambda signum, _: arrived.append(signum)) for signum in STOP_SIGNALS
    }
    try:
        yield
    finally:
        for signum, handler in held.items():
            signal.signal(signum, handler)
        if arrived:
            signal.raise_signal(arrived[0])


def write_text_atomic(
    path: str | os.PathLike[str], text: str | bytes, *, expected: str | None = None, create: bool = False
) -> bool:
    """Replace the file's content with ``text`` all at once, or not at all.

    The new text goes to a temporary file in the same folder, is flushed to disk,
    gets the original's owner, group, permission bits and extended attributes
    (ACLs among them), and is renamed over the original, so a crash, a full disk or
    a read-only folder leaves the original intact; Ctrl-C, SIGTERM and SIGHUP wait
    until it is done. A symbolic link is followed: the file it points to is
    replaced, the link stays a link. Refused (a :class:`JournalError`, the file
    left as it was): a file without write permission (renaming over it would
    bypass what its mode says), one with other hard links (they would keep the old
    text), and one whose owner or attributes the replacement could not keep.

    ``expected`` is the text the fix was computed from. Just before the rename the
    file is read again: if someone changed it meanwhile (an editor saving, another
    run), it is left as it now is and a :class:`JournalError` says so, rather than
    their change being silently lost; if it already holds ``text`` (another run
    fixed it first), nothing is written. The original stays open, and once the
    replacement is in place it is read once more: a change written into it in the
    meantime is put back. Returns whether the file was written.

    With ``create`` (an output file, such as ``export -o``), a file that does not
    exist yet is made, with the permissions the umask gives a new file; ``text`` may
    then be bytes (a PNG chart).
    """
    name = os.fspath(path)
    target = os.path.realpath(name)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with signals_held():
        try:
            try:
                original = open(target, "rb")  # noqa: SIM115 (kept open across the rename, closed below)
            except FileNotFoundError:
                if expected is not None:
                    raise _changed(name, "removed") from None
                if not create:
                    raise
                _replace(target, data, None, name)
                return True
            with original:
                status = os.fstat(original.fileno())
                _check_writable(name, target, status)
                if expected is not None and not _still(target, original, status, expected, data, name):
                    return False
                _replace(target, data, (status, original.fileno()), name)
                if expected is not None and (now := _contents(original)) != expected.encode("utf-8"):
                    # Written into between the last look and the rename: theirs goes back.
                    _replace(target, now, (status, original.fileno()), name)
                    raise _changed(name, "changed on disk", put_back=True)
        except OSError as error:
            raise JournalError(
                f"{name}: cannot write: {error.strerror or error}; the file was left as it was"
            ) from None
    return True


def _check_writable(name: str, target: str, status: os.stat_result) -> None:
    if not os.access(target, os.W_OK) or not stat.S_IMODE(status.st_mode) & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only")
    if status.st_nlink > 1:
        others = status.st_nlink - 1
        raise JournalError(
            f"{name}: has {others} other hard link{'s' if others > 1 else ''}, which would keep the old "
            "text if it were replaced, so it was left as it was (to fix it there too, fix a copy and "
            f"write it back in place: mdjournal fmt --fix - < {name} > fixed.md && cat fixed.md > {name})"
        )


def _replace(target: str, data: bytes, original: tuple[os.stat_result, int] | None, name: str) -> None:
    """Put ``data`` at ``target`` through a temporary file renamed over it.

    ``original`` is the replaced file's status and open descriptor, whose metadata
    the new file gets; without one (a new file), it gets what the umask allows.
    """
    import tempfile  # only when writing: it is slow to import

    handle, temporary = tempfile.mkstemp(prefix=".mdjournal-", suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if original is None:
                os.fchmod(out.fileno(), 0o666 & ~_umask())
            else:
                _keep_metadata(out.fileno(), *original, name)
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_metadata(out: int, status: os.stat_result, original: int, name: str) -> None:
    """Give the file ``out`` the owner, group, mode and extended attributes of ``original``.

    The owner first (a change of owner clears set-user-ID bits), then the mode, then
    the extended attributes: a POSIX ACL is one (``system.posix_acl_access``), and
    setting it last keeps the mode's group bits and the ACL's mask in step.
    """
    mine = os.fstat(out)
    if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.fchown(out, status.st_uid, status.st_gid)
        except PermissionError:
            raise JournalError(
                f"{name}: owned by user {status.st_uid} and group {status.st_gid}, which mdjournal may not "
                "give the fixed file, so it was left as it was"
            ) from None
    os.fchmod(out, stat.S_IMODE(status.st_mode))
    if not hasattr(os, "listxattr"):
        return
    try:
        attributes = os.listxattr(original)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise
    for attribute in attributes:
        try:
            os.setxattr(out, attribute, os.getxattr(original, attribute))
        except OSError as error:
            raise JournalError(
                f"{name}: cannot keep its extended attribute {attribute} ({error.strerror or error}), "
                "so it was left as it was"
            ) from None


def _umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _contents(handle: BinaryIO) -> bytes:
    """The whole content of the open file, from its start."""
    handle.seek(0)
    return handle.read()


def _still(
    target: str, original: BinaryIO, status: os.stat_result, expected: str, data: bytes, name: str
) -> bool:
    """Whether ``target`` still holds ``expected`` (so it may be replaced by ``data``).

    False when it already holds ``data``; a :class:`JournalError` when it holds
    anything else, or is gone: someone else's change is never overwritten.
    """
    try:
        current = os.stat(target)
    except FileNotFoundError:
        raise _changed(name, "removed") from None
    if (current.st_dev, current.st_ino) == (status.st_dev, status.st_ino):
        now = _contents(original)
    else:  # replaced by another file since it was opened
        with open(target, "rb") as replacement:
            now = replacement.read()
    if now == data:
        return False
    if now != expected.encode("utf-8"):
        raise _changed(name, "changed on disk")
    return True


def _changed(name: str, what: str, *, put_back: bool = False) -> JournalError:
    now = "their version was put back" if put_back else "left as it is now"
    return JournalError(
        f"{name}: {what} while mdjournal was fixing it; {now} (run mdjournal again to fix the new version)"
    )
