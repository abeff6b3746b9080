"""The documentation says what the tool really has: commands, options, rules, layers, examples.

Each command ``mdjournal X`` has a page ``docs/X.md`` (``rules`` has
``docs/rules-command.md``, as ``docs/rules.md`` is the generated rule reference; a
subcommand ``mdjournal X Y`` has ``docs/X-Y.md``; ``mdjournal`` itself is
``docs/index.md``) whose ``## Options`` table names exactly the options its
``--help`` lists.
"""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from mdjournal.cli.main import main
from mdjournal.linting.rules import RULES
from mdjournal.reporting import rule_docs
from mdjournal.reporting.rule_docs import page
from tests.conftest import ROOT, invoke_cli
from tests.test_architecture import LAYERS

DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Pages whose name is not the command's.
PAGES = {(): "index.md", ("rules",): "rules-command.md"}


def commands(command: click.Command = main, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command, ``()`` for ``mdjournal`` itself, subcommands included."""
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from commands(sub, (*path, name))


def context_of(path: tuple[str, ...]) -> click.Context:
    """The command at ``path`` in its context (which knows, say, that ``-h`` is help)."""
    context = click.Context(main, info_name="mdjournal", **main.context_settings)
    for name in path:
        assert isinstance(context.command, click.Group)
        context = click.Context(context.command.commands[name], parent=context, info_name=name)
    return context


def page_of(path: tuple[str, ...]) -> str:
    return PAGES.get(path, "-".join(path) + ".md")


def section(text: str, heading: str) -> str | None:
    """The text under ``heading`` up to the next heading of its level or above (fences skipped)."""
    level = len(heading.split(" ")[0])
    found: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        fenced ^= line.startswith("```")
        if not fenced and re.match(rf"#{{1,{level}}} ", line):
            if found is not None:
                break
            if line == heading:
                found = []
                continue
        if found is not None:
            found.append(line)
    return None if found is None else "\n".join(found)


def documented_options(table: str) -> set[str]:
    """The option names in the first column of a Markdown table."""
    names: set[str] = set()
    rows = [line for line in table.splitlines() if line.startswith("|")]
    for line in rows[2:]:  # the header row and the |---| row name nothing
        first = re.split(r"(?<!\\)\|", line)[1]
        names.update(re.findall(r"`(--?[A-Za-z0-9][\w-]*)", first))
    return names


@pytest.mark.parametrize("path", list(commands()), ids=lambda path: " ".join(("mdjournal", *path)))
def test_every_command_and_option_is_documented_on_its_page(path: tuple[str, ...]) -> None:
    name = " ".join(("mdjournal", *path))
    context = context_of(path)
    command = context.command
    file = DOCS / page_of(path)
    assert file.is_file(), (
        f"'{name}' has no page: write docs/{file.name} (a '# {name}' title, what it does with real "
        f"output, and an '## Options' table with a row per option of '{name} --help'), "
        "and list it in docs/index.md"
    )
    text = file.read_text(encoding="utf-8")
    if path:
        assert text.startswith(f"# {name}\n"), f"docs/{file.name} should open with '# {name}'"
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        assert f"]({file.name})" in index, f"docs/index.md does not link to docs/{file.name}"
    options = [
        param for param in command.get_params(context) if isinstance(param, click.Option) and not param.hidden
    ]
    help_option = command.get_help_option(context)
    listed = {
        opt for option in options if option is not help_option for opt in option.opts + option.secondary_opts
    }
    table = section(text, "## Options")
    if table is None:
        assert not listed, (
            f"docs/{file.name} has no '## Options' table, but '{name} --help' lists {sorted(listed)}"
        )
        return
    documented = documented_options(table)
    missing = sorted(listed - documented)
    if missing:
        option = next(option for option in options if missing[0] in option.opts + option.secondary_opts)
        value = "" if option.is_flag or option.count else f" {option.metavar or 'VALUE'}"
        pytest.fail(
            f"docs/{file.name}: the '## Options' table lacks {missing}, which '{name} --help' lists: "
            f"add a row such as '| `{missing[0]}{value}` | what it does |'"
        )
    every = {opt for option in options for opt in option.opts + option.secondary_opts}
    stale = sorted(documented - every)
    assert not stale, f"docs/{file.name} documents {stale}, which '{name} --help' does not list"
    for option in options:
        if option.show_envvar and isinstance(option.envvar, str):
            assert option.envvar in table, f"docs/{file.name} does not name {option.envvar} ({option.opts})"


def test_an_undocumented_option_is_found() -> None:
    table = "| option | what |\n|---|---|\n| `--select RULES` | ... |\n| `-j`, `--jobs N` | ... |\n"
    assert documented_options(table) == {"--select", "-j", "--jobs"}
    assert documented_options(table.replace("| `-j`, `--jobs N` | ... |\n", "")) == {"--select"}


def test_the_rules_page_is_generated_from_the_rule_docstrings() -> None:
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == page(RULES), (
        "docs/rules.md is stale: run 'python -m mdjournal.reporting.rule_docs docs/rules.md'"
    )


def test_the_generator_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rules.md"
    assert rule_docs.main([str(target)]) == 0
    assert target.read_bytes() == page(RULES).encode("utf-8")
    assert rule_docs.main([]) == 2
    assert "usage: python -m mdjournal.reporting.rule_docs docs/rules.md" in capsys.readouterr().err


def test_every_rule_has_a_row_and_a_stable_anchor() -> None:
    text = page(RULES)
    for rule in RULES:
        default = "on" if rule.default else "off"
        assert re.search(rf"^\| \[{rule.code}\]\(#{rule.anchor}\) \| {rule.name} \| {default} \|", text, re.M)
        assert f'<a id="{rule.anchor}"></a>\n\n## {rule.code} {rule.name}\n' in text
        assert rule.url.endswith(f"/docs/rules.md#{rule.code.lower()}")


def test_the_rules_page_shows_the_examples_as_markdown() -> None:
    text = page(RULES)
    assert "::" not in text.replace("mdjournal-disable", "")
    mj002 = text[text.index('<a id="mj002">') : text.index('<a id="mj003">')]
    assert (
        "Bad:\n\n```markdown\n- ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409)\n```\n\n"
        "Good:\n\n```markdown\n- ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409) (2021)\n```"
    ) in mj002


def test_the_architecture_page_lists_the_layers_of_the_layers_check() -> None:
    table = section((DOCS / "architecture.md").read_text(encoding="utf-8"), "## The layers")
    assert table is not None
    rows = re.findall(r"^\| (\d+) \| ([^|]*) \|", table, re.MULTILINE)
    assert [int(number) for number, _ in rows] == list(range(1, len(LAYERS) + 1))
    assert [set(re.findall(r"`(\w+)`", names)) for _, names in rows] == [set(layer) for layer in LAYERS]


@pytest.mark.parametrize("file", ["README.md", "docs/api.md"])
def test_the_python_examples_run(file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / file), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted and not result.failed


def _sessions(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each ``$ command`` of the console blocks, with the lines shown after it."""
    for indent, block in re.findall(r"^( *)```console\n(.*?)^\1```", text, re.M | re.S):
        block = re.sub(rf"^{indent}", "", block, flags=re.M)  # a block in a list item is indented
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *output = part.rstrip("\n").split("\n")
            yield command, output


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the lines shown are the lines printed; a line ``...`` stands for any lines,
    and ``...`` inside a line for any text."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    pattern = ".*".join(re.escape(piece) for piece in expected[0].split("..."))
    return (
        bool(actual) and re.fullmatch(pattern, actual[0]) is not None and _matches(expected[1:], actual[1:])
    )


def _run(command: str) -> str:
    """What ``command`` (``mdjournal ...`` or ``cp A B``, maybe with ``< in`` and ``> out``) shows."""
    words = shlex.split(command, comments=True)
    if words[0] == "cp":
        shutil.copy(words[1], words[2])
        return ""
    assert words[0] == "mdjournal", f"an example runs what tests cannot: {command}"
    source = words[words.index("<") + 1] if "<" in words else None
    target = words[words.index(">") + 1] if ">" in words else None
    args = [
        word
        for i, word in enumerate(words[1:], 1)
        if "<" not in words[i - 1 : i + 1] and ">" not in words[i - 1 : i + 1]
    ]
    result = invoke_cli(*args, input=Path(source).read_bytes() if source else None)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if target:
        Path(target).write_bytes(result.stdout_bytes)
        return result.stderr
    return result.output


@pytest.mark.parametrize(
    "file", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda file: str(file.relative_to(ROOT))
)
def test_the_console_examples_are_real_output(
    file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")  # so an example may fix a post
    monkeypatch.chdir(tmp_path)
    for command, expected in _sessions(file.read_text(encoding="utf-8")):
        actual = _run(command).rstrip("\n").split("\n")
        assert _matches(expected, [] if actual == [""] else actual), (
            f"{file.relative_to(ROOT)}: '$ {command}' printed:\n" + "\n".join(actual)
        )


def _prose(text: str) -> str:
    """Markdown without its code blocks and code spans."""
    return re.sub(r"(`+).*?\1", "", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S), flags=re.S)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    headings = re.findall(r"^#+ (.*)$", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S), re.M)
    return {_slug(heading) for heading in headings} | set(re.findall(r'<a id="([^"]+)"></a>', text))


def _markdown_files() -> list[Path]:
    return [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "benchmarks" / "README.md",
        *sorted(DOCS.glob("*.md")),
    ]


@pytest.mark.parametrize("file", _markdown_files(), ids=lambda file: str(file.relative_to(ROOT)))
def test_relative_links_lead_somewhere(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", _prose(text)):
        if re.match(r"[a-z]+:", target):
            continue
        name, _, anchor = target.partition("#")
        linked = (file.parent / name).resolve() if name else file
        assert linked.exists(), f"{file.relative_to(ROOT)} links to {target}, which does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), (
                f"{file.relative_to(ROOT)} links to {target}, which has no such heading"
            )


def test_the_readme_is_short() -> None:
    assert len(README.splitlines()) <= 250


def test_the_set_up_is_two_commands_and_ci_runs_the_same() -> None:
    block = re.search(r"## Set up.*?```sh\n(.*?)```", README, re.DOTALL)
    assert block
    lines = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert lines == ["pip install -e '.[test]'", "pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npip install -e '.[test]'\n" in ci
    assert re.search(r"^HYPOTHESIS_PROFILE=ci pytest$", ci, re.MULTILINE)
