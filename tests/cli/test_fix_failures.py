"""``fmt --fix`` when writing goes wrong: the post is left intact or fully fixed, never cut short or mixed.

The folder refuses the temporary file, the file is read-only, someone saves the
post while it is being fixed, two runs fix it at once, the process dies before the
rename. Root ignores permission bits, so where a test needs a refusal it also
simulates it in-process, at the call that would fail.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mdjournal.cli import fmt
from mdjournal.cli.runner import Post
from mdjournal.fixing.fixer import FixResult
from tests.conftest import FIXED, JOURNAL, MDJOURNAL, REPORT, one_line_error, snapshot
from tests.conftest import run_cli as run

LEFT = "nothing to fix; 6 left to fix by hand (1 fixable with --unsafe-fixes)"
#: What a run says when another run wrote the same fixes first: it claims nothing.
ALREADY = (
    "nothing written: another run had already written the same fixes; 6 left to fix by hand "
    "(1 fixable with --unsafe-fixes)"
)
EDITED = "---\ntitle: Saved by the editor meanwhile\n---\n"


def refuse(error: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


def assert_refused(post: Path, reason: str) -> None:
    """``fmt --fix`` fails in one line naming the post and the reason, and leaves the folder as it was."""
    before = snapshot(post.parent)
    message = one_line_error(*run("fmt", "--fix", str(post)))
    assert message == f"{post}: cannot write: {reason}; the file was left as it was"
    assert snapshot(post.parent) == before  # the same bytes, the same mtime, no temporary file


@pytest.mark.parametrize("simulated", [False, True], ids=["chmod", "simulated"])
def test_a_read_only_folder(post: Path, monkeypatch: pytest.MonkeyPatch, simulated: bool) -> None:
    post.parent.chmod(0o555)
    try:
        if simulated:
            monkeypatch.setattr(tempfile, "mkstemp", refuse(PermissionError(13, "Permission denied")))
        elif os.access(post.parent, os.W_OK):
            pytest.skip("running as root: the mode does not stop writing (the simulated case covers it)")
        assert_refused(post, "Permission denied")
    finally:
        post.parent.chmod(0o755)


def test_a_read_only_file_is_not_replaced_behind_its_back(post: Path) -> None:
    """Renaming over a file needs only the folder's permission; the file's own mode says no (for root too)."""
    post.chmod(0o444)
    assert_refused(post, "the file is read-only")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        ("replace", OSError(5, "Input/output error")),
        ("fsync", OSError(28, "No space left on device")),
        ("fchmod", PermissionError(1, "Operation not permitted")),
    ],
    ids=["rename", "flush", "chmod"],
)
def test_a_write_that_fails_midway(
    post: Path, monkeypatch: pytest.MonkeyPatch, call: str, error: OSError
) -> None:
    """A process killed before the rename is a rename that never happens: the original stays whole."""
    monkeypatch.setattr(os, call, refuse(error))
    assert_refused(post, str(error.strerror))


def test_an_interrupt_before_the_rename(post: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C at the worst moment: the temporary file is removed, the post untouched, exit 130."""
    before = snapshot(post.parent)
    monkeypatch.setattr(os, "replace", refuse(KeyboardInterrupt()))
    code, out, err = run("fmt", "--fix", str(post))
    assert (code, out, err) == (130, "", "\nmdjournal: stopped by SIGINT\n")
    assert snapshot(post.parent) == before


@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_during_the_write_waits_for_it_and_its_report(
    post: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int
) -> None:
    """A signal arriving mid-write left a temporary file behind (SIGTERM: 3 runs in 8), or wrote
    the post and said only "aborted". It now waits: the post is written and reported, then the run stops."""
    second = post.with_name("second.md")
    second.write_bytes(post.read_bytes())
    replace = os.replace

    def signalled_replace(source: str, target: str) -> None:
        os.kill(os.getpid(), getattr(signal, name))
        replace(source, target)

    monkeypatch.setattr(os, "replace", signalled_replace)
    assert run("fmt", "--fix", "-j", "1", str(post), str(second)) == (
        code,
        f"{post}: {REPORT}\n",
        f"\nmdjournal: stopped by {name}\n",
    )
    assert post.read_bytes() == FIXED.read_bytes()
    assert second.read_bytes() == JOURNAL.read_bytes()  # not started
    assert sorted(path.name for path in post.parent.iterdir()) == ["post.md", "second.md"]


def while_fixing(monkeypatch: pytest.MonkeyPatch, meddle: Callable[[Path, FixResult], None]) -> None:
    """Call ``meddle(path, result)`` after the post is read and fixed, before the fix is written."""
    real = fmt.fix_post

    def fix_then_meddle(post: Post, unsafe: bool = False) -> FixResult:
        result = real(post, unsafe)
        meddle(Path(post.path), result)
        return result

    monkeypatch.setattr(fmt, "fix_post", fix_then_meddle)


def save_in_place(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def save_by_rename(path: Path, text: str) -> None:
    """How editors and other tools save: a new file renamed over the old one."""
    fresh = path.with_name("editor-backup.tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


@pytest.mark.parametrize("save", [save_in_place, save_by_rename], ids=["in-place", "by-rename"])
def test_a_post_changed_while_it_is_fixed_is_left_as_changed(
    post: Path, monkeypatch: pytest.MonkeyPatch, save: Callable[[Path, str], None]
) -> None:
    """The fix was computed from the old text: writing it would silently undo someone's save."""
    while_fixing(monkeypatch, lambda path, _: save(path, EDITED))
    message = one_line_error(*run("fmt", "--fix", str(post)))
    assert message == (
        f"{post}: changed on disk while mdjournal was fixing it; left as it is now "
        "(run mdjournal again to fix the new version)"
    )
    assert post.read_text(encoding="utf-8") == EDITED
    assert [path.name for path in post.parent.iterdir()] == ["post.md"]


def test_a_post_removed_while_it_is_fixed_is_not_brought_back(
    post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    while_fixing(monkeypatch, lambda path, _: path.unlink())
    message = one_line_error(*run("fmt", "--fix", str(post)))
    assert message.startswith(f"{post}: removed while mdjournal was fixing it; left as it is now")
    assert list(post.parent.iterdir()) == []


def test_a_post_another_run_fixed_first_is_not_written_again(
    post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deterministic half of two runs at once: the other run won the race with the same result."""
    winner: list[int] = []

    def other_run(path: Path, result: FixResult) -> None:
        save_by_rename(path, result.text)
        winner.append(path.stat().st_ino)

    while_fixing(monkeypatch, other_run)
    assert run("fmt", "--fix", str(post)) == (1, f"{post}: {ALREADY}\n", "")
    assert post.read_bytes() == FIXED.read_bytes()
    assert winner == [post.stat().st_ino]  # still the other run's file: not rewritten


def test_two_runs_at_once(post: Path) -> None:
    """Real processes racing on one post: whoever writes, it ends fully fixed and both runs succeed."""
    runs = [
        subprocess.Popen(
            [*MDJOURNAL, "fmt", "--fix", str(post)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    results = [(process.wait(), *(stream.decode() for stream in process.communicate())) for process in runs]
    for code, out, err in results:
        assert (code, err) == (1, "")
        assert out in (f"{post}: {REPORT}\n", f"{post}: {LEFT}\n", f"{post}: {ALREADY}\n")
    assert post.read_bytes() == FIXED.read_bytes()
    assert [path.name for path in post.parent.iterdir()] == ["post.md"]


def test_a_line_written_just_before_the_rename_is_put_back(
    post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor appending between mdjournal's last look and its rename lost the line, and the
    report said "fixed 47". The original stays open and is looked at again after the rename."""
    replace = os.replace
    calls: list[str] = []

    def delayed_replace(source: str, target: str) -> None:
        if not calls:
            with open(target, "a", encoding="utf-8") as editor:
                editor.write("A line saved meanwhile.\n")
        calls.append(target)
        replace(source, target)

    monkeypatch.setattr(os, "replace", delayed_replace)
    message = one_line_error(*run("fmt", "--fix", str(post)))
    assert message == (
        f"{post}: changed on disk while mdjournal was fixing it; their version was put back "
        "(run mdjournal again to fix the new version)"
    )
    assert post.read_bytes() == JOURNAL.read_bytes() + b"A line saved meanwhile.\n"
    assert [path.name for path in post.parent.iterdir()] == ["post.md"]


def acl_allowing(uid: int) -> bytes:
    """A POSIX ACL (the kernel's xattr form) giving user ``uid`` read access."""
    entries = [
        (0x01, 6, 0xFFFFFFFF),
        (0x02, 4, uid),
        (0x04, 4, 0xFFFFFFFF),
        (0x10, 4, 0xFFFFFFFF),
        (0x20, 4, 0xFFFFFFFF),
    ]
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


def test_the_fixed_file_keeps_owner_group_mode_acl_and_attributes(post: Path) -> None:
    """The replacement lost ACLs and extended attributes, and (run as root) the owner."""
    post.chmod(0o640)
    attributes = {"user.origin": b"zotero"}
    try:
        os.setxattr(post, "user.origin", b"zotero")
        os.setxattr(post, "system.posix_acl_access", acl_allowing(65534))
        attributes["system.posix_acl_access"] = os.getxattr(post, "system.posix_acl_access")
    except OSError as error:
        pytest.skip(f"this file system keeps no extended attributes or ACLs: {error}")
    if os.geteuid() == 0:
        os.chown(post, 65534, 65534)
    before = post.stat()
    assert run("fmt", "--fix", str(post)) == (1, f"{post}: {REPORT}\n", "")
    after = post.stat()
    assert post.read_bytes() == FIXED.read_bytes()
    assert after.st_ino != before.st_ino  # replaced, yet
    assert (after.st_uid, after.st_gid, after.st_mode) == (before.st_uid, before.st_gid, before.st_mode)
    assert {name: os.getxattr(post, name) for name in os.listxattr(post)} == attributes


def test_a_post_with_other_hard_links_is_refused(post: Path) -> None:
    """Replacing it split it from its other links, which kept the old text, without a word."""
    other = post.with_name("also.md")
    os.link(post, other)
    before = snapshot(post.parent)
    message = one_line_error(*run("fmt", "--fix", str(post)))
    assert message == (
        f"{post}: has 1 other hard link, which would keep the old text if it were replaced, so it was "
        f"left as it was (to fix it there too, fix a copy and write it back in place: mdjournal fmt --fix - "
        f"< {post} > fixed.md && cat fixed.md > {post})"
    )
    assert snapshot(post.parent) == before


@pytest.mark.slow
@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_stopping_a_real_run_with_workers(tmp_path: Path, name: str, code: int) -> None:
    """A run over a folder stopped partway, as a shell or terminal stops it: Ctrl-C reaches the
    whole process group. Every file written is reported, no traceback (SIGINT printed one in
    15 runs of 40), no temporary file, no worker left behind, the exit code shells expect."""
    import time

    original = JOURNAL.read_bytes()
    for delay in (0.4, 0.8, 1.2):
        folder = tmp_path / f"after-{delay}"
        folder.mkdir()
        for n in range(150):
            (folder / f"post-{n:03}.md").write_bytes(original)
        process = subprocess.Popen(
            [*MDJOURNAL, "fmt", "--fix", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        time.sleep(delay)
        if name == "SIGINT":
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(getattr(signal, name))
        out, err = (stream.decode() for stream in process.communicate(timeout=60))
        if process.returncode in (0, 1):  # finished before the signal: nothing to see
            continue
        assert process.returncode == code, err
        assert err.endswith(f"mdjournal: stopped by {name}\n") and "Traceback" not in err, err
        written = sorted(str(path) for path in folder.iterdir() if path.read_bytes() != original)
        assert written == sorted(line.split(": fixed 47")[0] for line in out.splitlines())
        assert all(not path.name.startswith(".") for path in folder.iterdir())
        assert not living(process.pid)  # the workers are gone with it


def living(group: int) -> list[int]:
    """The processes of ``group`` still running (not zombies) after up to 10 s."""
    import time

    for _ in range(100):
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == group and fields[0] != "Z":
                    alive.append(int(stat.parent.name))
        if not alive:
            return []
        time.sleep(0.1)
    return alive
