"""The README documents every command, option and rule the tool really has."""

from __future__ import annotations

import re

import click
import pytest

from mdjournal.cli.main import main
from mdjournal.linting.rules import RULES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def sections() -> dict[str, str]:
    """README text by heading (headings inside code fences are not headings)."""
    found: dict[str, list[str]] = {}
    current, fenced = "", False
    for line in README.splitlines():
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("#"):
            current = line
        found.setdefault(current, []).append(line)
    return {heading: "\n".join(lines) for heading, lines in found.items()}


def section(command: str) -> str:
    matches = [
        text for heading, text in sections().items() if heading.startswith(f"### `mdjournal {command}")
    ]
    assert matches, f"README has no section for mdjournal {command}"
    return matches[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_every_command_is_documented(command: str) -> None:
    shared = section("lint") + section("fmt") if command in ("lint", "fmt") else ""
    text = section(command) + shared + README[README.index("### Paths") :]
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            assert any(
                f"`{name}" in text or f"{name}`" in text or f" {name} " in text for name in param.opts
            ), f"{command} {param.opts} is not documented"


def test_every_rule_is_in_the_rules_table() -> None:
    table = README[README.index("## Rules") : README.index("## Configuration")]
    for rule in RULES:
        assert re.search(rf"^\| {rule.code} \| {rule.name} \|", table, re.MULTILINE), rule.code
        assert ("| off |" in table.split(rule.code)[1].split("\n")[0]) == (not rule.default)


def test_the_set_up_is_two_commands_and_ci_runs_the_same() -> None:
    block = re.search(r"## Set up.*?```sh\n(.*?)```", README, re.DOTALL)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["pip install -e '.[test]'", "pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npip install -e '.[test]'\n" in ci
    assert re.search(r"^HYPOTHESIS_PROFILE=ci pytest$", ci, re.MULTILINE)
