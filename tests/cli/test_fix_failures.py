"""``fmt --fix`` when writing goes wrong: the post is left intact or fully fixed, never cut short or mixed.

The folder refuses the temporary file, the file is read-only, someone saves the
post while it is being fixed, two runs fix it at once, the process dies before the
rename. Root ignores permission bits, so where a test needs a refusal it also
simulates it in-process, at the call that would fail.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mdjournal.cli import fmt
from mdjournal.cli.runner import Post
from mdjournal.fixing.fixer import FixResult
from tests.conftest import FIXED, MDJOURNAL, REPORT, one_line_error, snapshot
from tests.conftest import run_cli as run

LEFT = "nothing to fix; 6 left to fix by hand (1 fixable with --unsafe-fixes)"
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
        ("chmod", PermissionError(1, "Operation not permitted")),
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
    """Ctrl-C at the worst moment: the temporary file is removed, the post untouched."""
    before = snapshot(post.parent)
    monkeypatch.setattr(os, "replace", refuse(KeyboardInterrupt()))
    code, out, err = run("fmt", "--fix", str(post))
    assert (code, out, err) == (1, "", "\nmdjournal: aborted\n")
    assert snapshot(post.parent) == before


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
    assert run("fmt", "--fix", str(post)) == (1, f"{post}: {REPORT}\n", "")
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
        assert out in (f"{post}: {REPORT}\n", f"{post}: {LEFT}\n")
    assert post.read_bytes() == FIXED.read_bytes()
    assert [path.name for path in post.parent.iterdir()] == ["post.md"]
