"""The pre-commit hooks, for real: ``pre-commit try-repo`` on a blog repository.

Slow (pre-commit builds a virtualenv and installs this checkout into it, which
downloads the dependencies), so it is marked ``slow``; CI runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, JOURNAL, ROOT, read

POST = Path("_posts") / "2025-06-16-research-journal.md"


def test_hook_definitions() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert list(hooks) == ["mdjournal-fmt", "mdjournal-lint"]
    assert hooks["mdjournal-fmt"]["entry"] == "mdjournal fmt --fix --exit-zero"
    assert hooks["mdjournal-lint"]["entry"] == "mdjournal lint"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        assert hook["minimum_pre_commit_version"]
        assert "--unsafe-fixes" not in hook["entry"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    repo = tmp_path / "blog"
    (repo / POST.parent).mkdir(parents=True)
    shutil.copyfile(JOURNAL, repo / POST)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "post")
    return repo


def try_repo(blog: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=blog,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_hooks_with_pre_commit_try_repo(blog: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"

    lint = try_repo(blog, "mdjournal-lint", home)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert f"{POST}:57:10: MJ002 [*] missing-year: year missing; arXiv id 2108.12409 says 2021" in lint.stdout
    assert "Found 53 problems (47 fixable with 'mdjournal fmt --fix')." in lint.stdout

    fmt = try_repo(blog, "mdjournal-fmt", home)
    assert fmt.returncode == 1, fmt.stdout + fmt.stderr
    assert "files were modified by this hook" in fmt.stdout
    assert f"{POST}: fixed 47 (MJ001 ×25, MJ002 ×10, MJ003 ×3, MJ009 ×9)" in fmt.stdout
    assert read(blog / POST) == read(FIXTURES / "research-journal.fixed.md")

    again = try_repo(blog, "mdjournal-fmt", home)
    assert again.returncode == 0, again.stdout + again.stderr
    assert read(blog / POST) == read(FIXTURES / "research-journal.fixed.md")
