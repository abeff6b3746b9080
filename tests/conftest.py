"""Shared test set-up: hypothesis profiles and paths to the fixtures.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) makes property tests derandomized and
deadline-free, so CI is reproducible on a slow or busy machine; the default ``dev``
profile explores new examples on every run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=300,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
JOURNAL = FIXTURES / "research-journal.md"


def read(path: Path) -> str:
    """A fixture's exact text (no newline translation)."""
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def journal_text() -> str:
    return read(JOURNAL)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the defaults, whatever CI or the developer's shell has set."""
    for name in ("GITHUB_ACTIONS", "MDJOURNAL_OUTPUT_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def run_cli(
    *args: str, input: bytes | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``mdjournal ARGS`` run in-process."""
    from click.testing import CliRunner

    from mdjournal.cli import main

    result = CliRunner().invoke(main, list(args), input=input, env=env)
    return result.exit_code, result.stdout, result.stderr
