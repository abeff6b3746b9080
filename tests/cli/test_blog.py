"""Whole blogs: folders, .gitignore, exclude, many files, --jobs, stable order."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from mdjournal.cli.runner import WORK_PER_WORKER, Post, run_all
from tests.conftest import JOURNAL, refuse_listing
from tests.conftest import run_cli as run

POST = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## Papers\n\n- ✔️ [Paper {n}](https://example.com/{n}) (2020) \n\nNotes.\n"


def paths_in(out: str) -> list[str]:
    return [line.split(":")[0] for line in out.splitlines() if ":" in line and " MJ" in line]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name in [
        "_posts/2025-01-01-a.md",
        "_posts/2025-01-02-b.markdown",
        "_drafts/c.md",
        "_site/copy.md",
        ".github/x.md",
        "README.txt",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(POST.format(n=name), encoding="utf-8")
    return root


def test_folder_outside_git_skips_only_hidden_folders(site: Path) -> None:
    code, out, _ = run("lint", str(site))
    assert code == 1
    assert paths_in(out) == [
        str(site / "_drafts/c.md"),
        str(site / "_posts/2025-01-01-a.md"),
        str(site / "_posts/2025-01-02-b.markdown"),
        str(site / "_site/copy.md"),
    ]
    assert out.splitlines()[-1] == "Found 4 problems in 4 of 4 files (4 fixable with 'mdjournal fmt --fix')."


def test_gitignore_is_respected_inside_a_git_repository(site: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    (site / ".gitignore").write_text("_site/\n", encoding="utf-8")
    _, out, _ = run("lint", str(site))
    assert paths_in(out) == [
        str(site / "_drafts/c.md"),
        str(site / "_posts/2025-01-01-a.md"),
        str(site / "_posts/2025-01-02-b.markdown"),
    ]


def test_exclude_in_config_applies_to_folders_and_named_files(site: Path) -> None:
    (site / ".mdjournal.toml").write_text('exclude = ["_drafts/", "_site"]\n', encoding="utf-8")
    _, out, _ = run("lint", str(site), str(site / "_drafts" / "c.md"))
    assert paths_in(out) == [str(site / "_posts/2025-01-01-a.md"), str(site / "_posts/2025-01-02-b.markdown")]


@pytest.mark.parametrize(
    ("patterns", "left"),
    [
        # anchored: only the README at the root, not _posts/README.md
        (["/README.md"], ["_drafts/c.md", "_posts/README.md"]),
        (["README.md"], ["_drafts/c.md"]),
        # negation takes a file back from an earlier pattern
        (["*.md", "!c.md"], ["_drafts/c.md"]),
        # 'dir/' names the folder, not a file of that name
        (["c.md/"], ["README.md", "_drafts/c.md", "_posts/README.md"]),
        (["_drafts/"], ["README.md", "_posts/README.md"]),
        (["**/README.md"], ["_drafts/c.md"]),
    ],
)
def test_exclude_follows_gitignore_rules(tmp_path: Path, patterns: list[str], left: list[str]) -> None:
    for name in ["README.md", "_posts/README.md", "_drafts/c.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(POST.format(n=name), encoding="utf-8")
    (tmp_path / ".mdjournal.toml").write_text(f"exclude = {json.dumps(patterns)}\n", encoding="utf-8")
    _, out, _ = run("lint", str(tmp_path))
    assert paths_in(out) == [str(tmp_path / name) for name in left]


def test_a_folder_given_as_dot_prints_paths_without_it(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    _, out, _ = run("lint", ".")
    assert paths_in(out)[0] == "_drafts/c.md"


def test_a_file_named_twice_is_linted_once(site: Path) -> None:
    post = site / "_posts" / "2025-01-01-a.md"
    _, out, _ = run("lint", str(post), str(site / "_posts"))
    assert paths_in(out) == [str(post), str(site / "_posts/2025-01-02-b.markdown")]


def test_jobs_do_not_change_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mdjournal.cli.runner.WORK_PER_WORKER", 1)  # these small posts still go to workers
    for n in range(12):
        (tmp_path / f"post-{n:02}.md").write_bytes(JOURNAL.read_bytes())
    serial = run("lint", str(tmp_path), "--output-format", "json", "--jobs", "1")
    parallel = run("lint", str(tmp_path), "--output-format", "json", "--jobs", "3")
    assert run("lint", str(tmp_path), "--output-format", "json") == parallel  # default: one job per CPU
    assert serial == parallel
    assert len(json.loads(serial[1])) == 12 * 53
    assert run("fmt", "--check", str(tmp_path), "-j", "0")[0] == 1
    code, out, _ = run("fmt", "--fix", str(tmp_path), "--jobs", "2")
    assert code == 1
    assert out.splitlines()[-1] == "Fixed 564 problems in 12 of 12 files; 72 left to fix by hand."
    assert run("fmt", "--check", str(tmp_path), "--jobs", "2")[0] == 0


def _name(post: Post) -> str:
    return post.path


def test_posts_come_back_in_order_with_unreadable_ones_in_place() -> None:
    text = "x" * WORK_PER_WORKER  # enough work for a worker each
    posts = [
        Post(f"p{n}.md", None if n % 3 == 0 else text, None, "unreadable" if n % 3 == 0 else None)
        for n in range(9)
    ]
    for jobs in (1, 2, 0):
        results = list(run_all(_name, posts, jobs))
        assert [post for post, _ in results] == posts
        assert [result for _, result in results] == [None if n % 3 == 0 else f"p{n}.md" for n in range(9)]


def test_a_single_post_is_worked_on_here_whatever_jobs_says() -> None:
    """No pool for one post, however big: the function need not even be picklable."""
    posts = [Post("only.md", "x" * 10 * WORK_PER_WORKER, None), Post("gone.md", None, None, "unreadable")]
    assert [result for _, result in run_all(lambda post: post.path.upper(), posts, 0)] == ["ONLY.MD", None]


def test_a_little_work_is_not_shared_out() -> None:
    """Starting workers would cost more than the work: it is done here, so a
    function that cannot be sent to a worker still works."""
    posts = [Post(f"p{n}.md", "x" * (WORK_PER_WORKER // 4), None) for n in range(3)]
    assert [result for _, result in run_all(lambda post: post.path, posts, 0)] == ["p0.md", "p1.md", "p2.md"]


def git(*args: str, cwd: Path) -> None:
    command = [
        "git",
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "-c",
        "protocol.file.allow=always",
    ]
    subprocess.run([*command, *args], cwd=cwd, check=True, capture_output=True)


def test_a_submodule_and_a_nested_repository_are_checked(tmp_path: Path) -> None:
    """git lists neither's files; a check that asked only git saw nothing and passed."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "2025-01-01-a.md").write_text(POST.format(n="a"), encoding="utf-8")
    git("init", "-q", cwd=posts)
    git("add", ".", cwd=posts)
    git("commit", "-qm", "posts", cwd=posts)
    site = tmp_path / "site"
    site.mkdir()
    git("init", "-q", cwd=site)
    git("submodule", "add", "-q", str(posts), "_posts", cwd=site)
    nested = site / "notes"
    nested.mkdir()
    (nested / "b.md").write_text(POST.format(n="b"), encoding="utf-8")
    git("init", "-q", cwd=nested)
    code, out, _ = run("lint", str(site))
    assert code == 1
    assert paths_in(out) == [str(site / "_posts/2025-01-01-a.md"), str(site / "notes/b.md")]


def test_a_folder_git_cannot_read_is_reported_inside_a_work_tree(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside git such a folder was an error, inside one it vanished: "All checks passed!", exit 0."""
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    locked = site / "_posts"
    refuse_listing(monkeypatch, locked)
    code, out, err = run("lint", str(site))
    assert code == 2
    assert err == f"mdjournal: error: {locked}: cannot list this folder: Permission denied\n"
    assert paths_in(out) == [str(site / "_drafts/c.md"), str(site / "_site/copy.md")]


def test_a_path_longer_than_path_max_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    for _ in range(25):  # 25 x 201 bytes: past Linux's PATH_MAX of 4096
        os.mkdir("d" * 200)
        os.chdir("d" * 200)
    Path("deep.md").write_text(POST.format(n="deep"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("lint", ".")
    assert code == 2
    assert err.startswith("mdjournal: error: ./ddd") and err.endswith(": File name too long\n")
