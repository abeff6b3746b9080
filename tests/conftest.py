"""Shared test set-up: hypothesis profiles and paths to the fixtures.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) makes property tests derandomized and
deadline-free, so CI is reproducible on a slow or busy machine; ``min`` is the same
with 20 examples a property, for CI's run against the minimum versions; the default ``dev``
profile explores new examples on every run. ``--hypothesis-profile=thorough`` (or
``HYPOTHESIS_PROFILE=thorough``) runs thousands of examples per property, for a
search worth leaving running before a release or after touching the parser or fixer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from click.testing import Result

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=300,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=150)
# CI's second run, against the declared minimum versions of the dependencies: the
# properties search for the version-specific differences only, with few examples.
settings.register_profile("min", parent=settings.get_profile("ci"), max_examples=20)
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=5000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
JOURNAL = FIXTURES / "research-journal.md"
FIXED = FIXTURES / "research-journal.fixed.md"  #: the sample post after ``fmt --fix``
#: What ``fmt --fix`` says of the sample post.
REPORT = "fixed 47 (MJ001 ×25, MJ002 ×10, MJ003 ×3, MJ009 ×9); 6 left to fix by hand (1 fixable with --unsafe-fixes)"


def read(path: Path) -> str:
    """A fixture's exact text (no newline translation)."""
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def journal_text() -> str:
    return read(JOURNAL)


@pytest.fixture
def post(tmp_path: Path) -> Path:
    """A copy of the sample post to fix."""
    path = tmp_path / "post.md"
    path.write_bytes(JOURNAL.read_bytes())
    return path


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the defaults, whatever CI or the developer's shell has set."""
    for name in ("GITHUB_ACTIONS", "MDJOURNAL_OUTPUT_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def invoke_cli(*args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """click's result of ``mdjournal ARGS`` run in-process (with the exception, if one escaped)."""
    from click.testing import CliRunner

    from mdjournal.cli.main import main

    return CliRunner().invoke(main, list(args), input=input, env=env)


def run_cli(
    *args: str, input: bytes | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``mdjournal ARGS`` run in-process.

    An exception escaping the CLI is raised again, traceback and all: run in-process,
    a crash is otherwise just exit code 1 with nothing on stderr, which a test
    expecting exit 1 (problems found) would take for success.
    """
    result = invoke_cli(*args, input=input, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


#: ``mdjournal`` as a separate process, for what in-process runs cannot show (races, terminals).
MDJOURNAL = (sys.executable, "-m", "mdjournal")


def snapshot(folder: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry below ``folder`` with its content (a link's target) and mtime, to prove nothing was touched.

    Links are not followed, so a symbolic link loop is recorded, not read.
    """
    state: dict[str, tuple[bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            state[str(path)] = (os.readlink(path), info.st_mtime_ns)
        elif path.is_file():
            state[str(path)] = (path.read_bytes(), info.st_mtime_ns)
        else:
            state[str(path)] = (b"", 0)
    return state


def one_line_error(code: int, out: str, err: str) -> str:
    """The message of a run that failed cleanly: exit 2 and one ``mdjournal: error:`` line on stderr."""
    assert code == 2, (code, out, err)
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("mdjournal: error: "), err
    return err[len("mdjournal: error: ") : -1]


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` one that cannot be listed, as a folder without read permission is
    for anyone but root (who can list it anyway)."""
    scandir = os.scandir

    def refuse(path: str) -> object:
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
