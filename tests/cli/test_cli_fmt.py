"""``mdjournal fmt`` from the outside: dry runs, --check, --fix, stdin, safe writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import FIXED, JOURNAL, REPORT, read
from tests.conftest import run_cli as run

CLEAN = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## Papers\n\n- ✔️ [Adam](https://arxiv.org/abs/1412.6980) (2014)\n\nGood.\n"


def test_dry_run_prints_a_diff_and_exits_1(post: Path) -> None:
    code, out, err = run("fmt", str(post))
    assert code == 1
    assert out.startswith(f"--- {post}\n+++ {post}\n@@ ")
    assert "-- ‚úîÔ∏è [Train Short, Test Long" in out
    assert (
        "+- ✔️ [Train Short, Test Long" in out
        and "Extrapolation](https://arxiv.org/abs/2108.12409) (2021)\n" in out
    )
    assert (
        err
        == "Would fix 47 problems (MJ001 ×25, MJ002 ×10, MJ003 ×3, MJ009 ×9) in 1 file; run 'mdjournal fmt --fix' to apply.\n"
    )
    assert post.read_bytes() == JOURNAL.read_bytes()
    assert run("fmt", "--diff", str(post))[:2] == (code, out)


def test_diff_applies_with_patch(post: Path, tmp_path: Path) -> None:
    _, out, _ = run("fmt", str(post))
    patch = tmp_path / "fix.patch"
    patch.write_text(out, encoding="utf-8")
    assert os.system(f"cd / && patch -s -p0 < {patch}") == 0
    assert post.read_bytes() == FIXED.read_bytes()


def test_check_names_each_file_that_would_change(post: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text(CLEAN, encoding="utf-8")
    code, out, err = run("fmt", "--check", str(post), str(clean))
    assert (code, out) == (1, f"Would fix: {post}\n")
    assert err.startswith("Would fix 47 problems (MJ001 ×25,") and err.endswith(
        " in 1 file; run 'mdjournal fmt --fix' to apply.\n"
    )
    assert run("fmt", "--check", str(clean)) == (0, "", "")


def test_dry_run_advice_keeps_unsafe_fixes_and_counts_in_the_singular(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(CLEAN + "Trailing. \n", encoding="utf-8")
    _, _, err = run("fmt", "--unsafe-fixes", str(post))
    assert (
        err
        == "Would fix 1 problem (MJ009 ×1) in 1 file; run 'mdjournal fmt --fix --unsafe-fixes' to apply.\n"
    )


def test_diff_is_coloured_only_when_asked_or_on_a_terminal(post: Path) -> None:
    assert "\x1b[" not in run("fmt", str(post))[1]
    out = run("fmt", "--color", "always", str(post))[1]
    assert out.startswith(f"\x1b[1m--- {post}\x1b[0m\n")
    assert "\n\x1b[31m-- ‚úîÔ∏è [Train Short" in out and "\n\x1b[32m+- ✔️ [Train Short" in out


def test_fix_shows_fixes_and_exits_non_zero_on_fix(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(CLEAN + "Trailing. \n", encoding="utf-8")
    code, out, _ = run("fmt", "--fix", "--show-fixes", "--exit-non-zero-on-fix", str(post))
    line = CLEAN.count("\n") + 1
    assert code == 1
    assert out.splitlines()[1:] == [
        f"  {post}:{line}:10: MJ009 trailing-whitespace: trailing whitespace (1 space)"
    ]
    assert run("fmt", "--fix", "--exit-non-zero-on-fix", str(post))[0] == 0  # nothing changed, nothing left
    assert run("fmt", "--check", "--show-fixes", str(post))[0] == 2


def test_fix_writes_reports_and_exits_1_when_problems_remain(post: Path) -> None:
    code, out, _ = run("fmt", "--fix", str(post))
    assert code == 1
    assert out == f"{post}: {REPORT}\n"
    assert post.read_bytes() == FIXED.read_bytes()
    assert run("fmt", "--fix", str(post))[:2] == (
        1,
        f"{post}: nothing to fix; 6 left to fix by hand (1 fixable with --unsafe-fixes)\n",
    )
    assert run("fmt", "--check", str(post))[0] == 0


def test_fix_exits_0_when_nothing_is_left(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(CLEAN.replace("(2014)", "(2014) "), encoding="utf-8")
    assert run("fmt", "--fix", str(path)) == (0, f"{path}: fixed 1 (MJ009 ×1); nothing left\n", "")
    assert path.read_text(encoding="utf-8") == CLEAN


def test_unsafe_fixes(post: Path) -> None:
    code, out, _ = run("fmt", "--fix", "--unsafe-fixes", str(post))
    assert code == 1
    assert "MJ004 ×1" in out and "5 left to fix by hand" in out
    assert "*TO READ* No list" not in post.read_text(encoding="utf-8")


def test_select_and_ignore_apply(post: Path) -> None:
    code, out, _ = run("fmt", "--fix", "--select", "MJ009", str(post))
    assert out == f"{post}: fixed 9 (MJ009 ×9); nothing left\n" and code == 0
    code, out, _ = run("fmt", "--fix", "--ignore", "MJ002,MJ009", str(post))
    assert "fixed 28 (MJ001 ×25, MJ003 ×3)" in out


def test_stdin_to_stdout() -> None:
    code, out, err = run("fmt", "--fix", "-", "--stdin-filename", "journal.md", input=JOURNAL.read_bytes())
    assert code == 1
    assert out == read(FIXED)
    assert err == f"journal.md: {REPORT}\n"


def test_line_endings_bom_and_final_newline_are_kept(tmp_path: Path) -> None:
    text = "\ufeff" + read(JOURNAL).replace("\n", "\r\n").rstrip("\r\n")
    path = tmp_path / "crlf.md"
    path.write_bytes(text.encode("utf-8"))
    run("fmt", "--fix", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert not data.endswith(b"\n")
    expected = "\ufeff" + read(FIXED).replace("\n", "\r\n").rstrip("\r\n")
    assert data.decode("utf-8") == expected


def test_permissions_are_kept_and_symlinks_followed(post: Path, tmp_path: Path) -> None:
    post.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(post)
    run("fmt", "--fix", str(link))
    assert link.is_symlink()
    assert post.read_bytes() == FIXED.read_bytes()
    assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".mdjournal-")] == []


def test_a_file_that_needs_no_change_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(CLEAN, encoding="utf-8")
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - 10**9))
    before = path.stat()
    run("fmt", "--fix", str(path))
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_read_only_folder_leaves_the_original_and_exits_2(
    post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = post.parent
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root ignores the mode: make the folder refuse as it would for anyone else
        import tempfile

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        code, _, err = run("fmt", "--fix", str(post))
    finally:
        folder.chmod(0o755)
    assert code == 2
    assert err == f"mdjournal: error: {post}: cannot write: Permission denied; the file was left as it was\n"
    assert post.read_bytes() == JOURNAL.read_bytes()


def test_write_failure_leaves_the_original_and_exits_2(post: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, _, err = run("fmt", "--fix", str(post))
    assert code == 2
    assert (
        err
        == f"mdjournal: error: {post}: cannot write: No space left on device; the file was left as it was\n"
    )
    assert post.read_bytes() == JOURNAL.read_bytes()
    assert [p.name for p in post.parent.iterdir()] == ["post.md"]


def test_unreadable_input_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes(b"## P\n\n- \xe9 [A](https://a.b) \n")
    code, _, err = run("fmt", "--fix", str(path))
    assert code == 2 and "not valid UTF-8" in err
    assert path.read_bytes() == b"## P\n\n- \xe9 [A](https://a.b) \n"


def test_modes_are_exclusive(post: Path) -> None:
    code, _, err = run("fmt", "--fix", "--check", str(post))
    assert code == 2 and "choose one of --fix, --check and --diff" in err


def test_the_diff_is_minimal(post: Path) -> None:
    _, out, _ = run("fmt", str(post))
    removed = [line for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert len(removed) == 39  # the lines that change, as git diff counts them; no blank line churn
    assert all(line.strip("-") for line in removed)


def test_a_diff_of_a_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(CLEAN.rstrip("\n") + " ", encoding="utf-8")
    _, out, _ = run("fmt", str(path))
    assert out.endswith("-Good. \n\\ No newline at end of file\n+Good.\n\\ No newline at end of file\n")
