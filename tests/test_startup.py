"""Start-up: what ``--version``, ``--help`` and ``lint`` import (the time is benchmarks/run.py's)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import JOURNAL

PARSER = ("markdown_it", "yaml", "mdjournal.parsing", "mdjournal.model", "mdjournal.linting")


def imported(*args: str) -> set[str]:
    code = (
        "import sys\nfrom mdjournal.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return set(run.stderr.split())


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("lint", "--help"), ()])
def test_version_and_help_import_no_parser(args: tuple[str, ...]) -> None:
    assert {name for name in imported(*args) if name.startswith(PARSER)} == set()


def test_lint_defines_no_dataclass_and_compiles_no_rare_pattern() -> None:
    """Each dataclass costs 3.3 M instructions to define, each pattern 1.1 M to compile
    (see mdjournal/text/value.py and patterns.py): lint of a post needs neither."""
    code = (
        "import dataclasses, re, sys\nfrom mdjournal.cli.main import main\n"
        "try:\n    main(['lint', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "classes = [v for n, m in list(sys.modules.items()) if n.startswith('mdjournal') for v in vars(m).values()"
        " if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == n]\n"
        "from mdjournal.model import identifiers\n"
        "print(sorted(c.__name__ for c in classes), identifiers._arxiv_path.cache_info().currsize, file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(JOURNAL)], capture_output=True, text=True, check=True
    )
    assert run.stderr.split("\n")[-2] == "['Config', 'Rule'] 0"
