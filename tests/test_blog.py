"""Whole blogs: folders, .gitignore, exclude, many files, --jobs, stable order."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import JOURNAL
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


def test_a_file_named_twice_is_linted_once(site: Path) -> None:
    post = site / "_posts" / "2025-01-01-a.md"
    _, out, _ = run("lint", str(post), str(site / "_posts"))
    assert paths_in(out) == [str(post), str(site / "_posts/2025-01-02-b.markdown")]


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    for n in range(12):
        (tmp_path / f"post-{n:02}.md").write_bytes(JOURNAL.read_bytes())
    serial = run("lint", str(tmp_path), "--output-format", "json")
    parallel = run("lint", str(tmp_path), "--output-format", "json", "--jobs", "3")
    assert serial == parallel
    assert len(json.loads(serial[1])) == 12 * 53
    assert run("fmt", "--check", str(tmp_path), "-j", "0")[0] == 1
    code, out, _ = run("fmt", "--fix", str(tmp_path), "--jobs", "2")
    assert code == 1
    assert out.splitlines()[-1] == "Fixed 564 problems in 12 of 12 files; 72 left to fix by hand."
    assert run("fmt", "--check", str(tmp_path), "--jobs", "2")[0] == 0
