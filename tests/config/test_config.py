"""Configuration: where it is found, what it changes, and how bad config is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdjournal.config.files import find_config_file, load_config
from mdjournal.config.settings import Config, ConfigError
from mdjournal.linting.selection import checked
from mdjournal.linting.selection import codes as selected_codes
from tests.conftest import run_cli

POST = """---
title: T
date: 2025-06-16
---

## Papers

- ✅ [Adam](https://arxiv.org/abs/1412.6980)

*PENDING* notes.
"""


def lint(*args: str) -> tuple[int, str, str]:
    return run_cli("lint", "--output-format", "text", *args)


def codes(out: str) -> list[str]:
    return [line.split()[1] for line in out.splitlines() if line.count(":") >= 3 and " MJ" in line]


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def test_defaults_without_config(blog: Path) -> None:
    code, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert code == 1
    assert codes(out) == ["MJ008", "MJ002"]


def test_pyproject_table(blog: Path) -> None:
    (blog / "pyproject.toml").write_text(
        '[tool.mdjournal]\nignore = ["read-mark"]\nextend-select = ["MJ007"]\n', encoding="utf-8"
    )
    _, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert codes(out) == ["MJ002"]


def test_read_mark_and_to_read_marker_settings(blog: Path) -> None:
    (blog / ".mdjournal.toml").write_text('read-mark = "✅"\nto-read-marker = "PENDING"\n', encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert codes(out) == ["MJ002", "MJ004"]  # the mark is right now; the blurb is "to read"


def test_nearest_file_wins_and_pyproject_without_table_is_passed_over(blog: Path) -> None:
    (blog / ".mdjournal.toml").write_text('ignore = ["MJ002"]\n', encoding="utf-8")
    (blog / "_posts" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config_file(blog / "_posts") == (blog / ".mdjournal.toml").resolve()
    (blog / "_posts" / ".mdjournal.toml").write_text('ignore = ["MJ008"]\n', encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert codes(out) == ["MJ002"]


def test_per_file_ignores(blog: Path) -> None:
    (blog / ".mdjournal.toml").write_text('[per-file-ignores]\n"_posts/*.md" = ["MJ002"]\n', encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert codes(out) == ["MJ008"]


def test_per_file_ignores_negated_pattern_names_the_other_files(blog: Path) -> None:
    (blog / ".mdjournal.toml").write_text('[per-file-ignores]\n"!_drafts/" = ["MJ002"]\n', encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert codes(out) == ["MJ008"]


def test_config_option_reads_a_tool_table_from_any_file(blog: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[tool.mdjournal]\nignore = ["MJ002"]\n', encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"), "--config", str(other))
    assert codes(out) == ["MJ008"]


def test_category_level(blog: Path) -> None:
    (blog / "_posts" / "post.md").write_text(POST.replace("## Papers", "### Papers"), encoding="utf-8")
    code, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert code == 0 and "All checks passed!" in out
    (blog / ".mdjournal.toml").write_text("category-level = 3\n", encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"))
    assert codes(out) == ["MJ008", "MJ002"]


def test_command_line_select_replaces_and_ignore_removes(blog: Path) -> None:
    post = str(blog / "_posts" / "post.md")
    assert codes(lint(post, "--select", "MJ002")[1]) == ["MJ002"]
    assert codes(lint(post, "--select", "MJ00", "--ignore", "MJ002,read-mark")[1]) == []
    assert codes(lint(post, "--select", "MJ002", "--extend-select", "read-mark")[1]) == ["MJ008", "MJ002"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("selec = ['MJ001']\n", "unknown key 'selec'; did you mean 'select'?"),
        ("select = 'MJ001'\n", "'select' must be a list of strings"),
        ("select = ['MJ999']\n", "unknown rule 'MJ999' in select"),
        ("category-level = 9\n", "'category-level' must be a whole number from 1 to 6"),
        ("read-mark = ''\n", "'read-mark' must be a non-empty string"),
        ("per-file-ignores = { 'a' = ['nope'] }\n", "unknown rule 'nope' in per-file-ignores"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_and_exit_2(blog: Path, content: str, message: str) -> None:
    (blog / ".mdjournal.toml").write_text(content, encoding="utf-8")
    code, _, err = lint(str(blog / "_posts" / "post.md"))
    assert code == 2
    assert message in err and ".mdjournal.toml" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    with pytest.raises(ConfigError):
        checked(load_config(blog / ".mdjournal.toml"))


def test_unknown_selector_on_the_command_line(blog: Path) -> None:
    code, _, err = lint(str(blog / "_posts" / "post.md"), "--select", "MJ42")
    assert code == 2
    assert (
        err.strip()
        == "mdjournal: error: the command line: unknown rule 'MJ42' in select (see 'mdjournal rules')"
    )


def test_explicit_config_file(blog: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = ["MJ008"]\n', encoding="utf-8")
    _, out, _ = lint(str(blog / "_posts" / "post.md"), "--config", str(other))
    assert codes(out) == ["MJ008"]


def test_config_object_defaults() -> None:
    config = Config()
    assert "MJ007" not in selected_codes(config, "post.md")
    assert "MJ001" in selected_codes(config, "post.md")


@pytest.mark.parametrize("mark", ["X", "✔️ ", "‚úîÔ∏è", "[ ]"])
def test_read_mark_must_be_a_known_read_mark(blog: Path, mark: str) -> None:
    (blog / ".mdjournal.toml").write_text(f'read-mark = "{mark}"\n', encoding="utf-8")
    code, _, err = lint(str(blog / "_posts" / "post.md"))
    assert code == 2 and "'read-mark' must be one of the read marks mdjournal reads" in err


def test_command_line_selection_is_blamed_on_the_command_line(blog: Path) -> None:
    (blog / ".mdjournal.toml").write_text('ignore = ["MJ005"]\n', encoding="utf-8")
    code, _, err = lint(str(blog / "_posts" / "post.md"), "--select", "BOGUS")
    assert code == 2
    assert (
        err.strip()
        == "mdjournal: error: the command line: unknown rule 'BOGUS' in select (see 'mdjournal rules')"
    )


def test_command_line_select_beats_the_config_ignore(blog: Path) -> None:
    (blog / ".mdjournal.toml").write_text('ignore = ["MJ008"]\n', encoding="utf-8")
    assert codes(lint(str(blog / "_posts" / "post.md"))[1]) == ["MJ002"]
    assert codes(lint(str(blog / "_posts" / "post.md"), "--select", "MJ008")[1]) == ["MJ008"]


@pytest.mark.parametrize("content", ["tool = 3\n", 'tool = ["mdjournal"]\n', 'tool = "mdjournal"\n'])
def test_a_pyproject_whose_tool_is_not_a_table_is_no_config(blog: Path, content: str) -> None:
    (blog / "pyproject.toml").write_text(content, encoding="utf-8")
    code, out, err = lint(str(blog / "_posts" / "post.md"))
    assert code == 1 and "Traceback" not in err
    assert codes(out) == ["MJ008", "MJ002"]


@pytest.mark.parametrize("marker", ["*TO READ*", "TO\\nREAD", "_x_"])
def test_to_read_marker_is_words(blog: Path, marker: str) -> None:
    (blog / ".mdjournal.toml").write_text(f'to-read-marker = "{marker}"\n', encoding="utf-8")
    code, _, err = lint(str(blog / "_posts" / "post.md"))
    assert code == 2 and "'to-read-marker' must be the marker's words" in err


def test_a_broken_config_elsewhere_does_not_stop_linting_this_post(
    blog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".mdjournal.toml").write_text("selec = []\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    code, out, err = lint(str(blog / "_posts" / "post.md"))
    assert (code, err) == (1, "")
    assert codes(out) == ["MJ008", "MJ002"]
