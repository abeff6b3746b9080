"""Start-up: what ``--version``, ``--help`` and ``lint`` import (the time is benchmarks/run.py's)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import JOURNAL

PARSER = ("markdown_it", "yaml", "mdjournal.parsing", "mdjournal.model", "mdjournal.linting")
RARE = ("json", "hashlib", "xml.etree.ElementTree", "pathspec")


def after(*args: str, report: str = "' '.join(sys.modules)") -> str:
    """What the expression ``report`` says in a fresh process, once ``mdjournal ARGS`` has run."""
    code = (
        "import dataclasses, sys\nfrom mdjournal.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print({report}, file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return run.stderr.splitlines()[-1]


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("lint", "--help"), ()])
def test_version_and_help_import_no_parser(args: tuple[str, ...]) -> None:
    assert [name for name in after(*args).split() if name.startswith(PARSER)] == []


def test_lint_imports_only_the_text_format() -> None:
    modules = after("lint", str(JOURNAL)).split()
    assert sorted(name for name in modules if name.startswith("mdjournal.reporting.formats.")) == [
        "mdjournal.reporting.formats.common",
        "mdjournal.reporting.formats.text",
    ]
    assert [name for name in modules if name in RARE] == []


def test_lint_defines_no_dataclass_and_compiles_no_rare_pattern() -> None:
    """Each dataclass costs 3.3 M instructions to define, each pattern 1.1 M to compile
    (see mdjournal/text/value.py and patterns.py): lint of a post needs neither."""
    report = (
        "sorted(v.__name__ for n, m in list(sys.modules.items()) if n.startswith('mdjournal')"
        " for v in vars(m).values() if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == n),"
        " sys.modules['mdjournal.model.identifiers']._arxiv_path.cache_info().currsize"
    )
    assert after("lint", str(JOURNAL), report=report) == "['Config', 'Rule'] 0"
