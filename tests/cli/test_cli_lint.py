"""``mdjournal lint`` and ``mdjournal rules`` from the outside: formats, paths, exits."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mdjournal.linting.rule import DOCS_URL
from tests.conftest import JOURNAL
from tests.conftest import run_cli as run

CLEAN = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## Papers\n\n- ✔️ [Adam](https://arxiv.org/abs/1412.6980) (2014)\n\nGood.\n"


def test_text_output_on_the_fixture() -> None:
    code, out, _ = run("lint", str(JOURNAL))
    lines = out.splitlines()
    assert code == 1
    assert (
        lines[0]
        == f"{JOURNAL}:8:1: MJ001 [*] mojibake: '\\uf8ffüöß' is '🚧' (UTF-8) misread as Mac OS Roman; write '🚧'"
    )
    assert f"{JOURNAL}:57:10: MJ002 [*] missing-year: year missing; arXiv id 2108.12409 says 2021" in lines
    assert (
        f"{JOURNAL}:205:3: MJ002 missing-year: year missing; add the year as ' (YYYY)' after the link"
        in lines
    )
    assert lines[-2:] == [
        "Found 53 problems (47 fixable with 'mdjournal fmt --fix').",
        "(1 more fixable with the --unsafe-fixes option.)",
    ]
    positions = [tuple(map(int, re.match(r".*?:(\d+):(\d+):", line).groups())) for line in lines[:-2]]
    assert positions == sorted(positions)
    assert "\x1b[" not in out


def test_clean_post(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(CLEAN, encoding="utf-8")
    assert run("lint", str(post)) == (0, "All checks passed!\n", "")


def test_json_output() -> None:
    code, out, _ = run("lint", str(JOURNAL), "--output-format", "json")
    data = json.loads(out)
    assert code == 1 and len(data) == 53
    first = data[0]
    assert set(first) >= {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "message",
        "fixable",
    }
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (8, 1, 8, 5)
    assert (first["code"], first["name"], first["fixable"]) == ("MJ001", "mojibake", True)
    assert first["fix"] == {"applicability": "safe", "edits": [{"start": 119, "end": 123, "content": "🚧"}]}


def test_github_output_and_default_under_actions() -> None:
    code, out, _ = run("lint", str(JOURNAL), env={"GITHUB_ACTIONS": "true"})
    lines = out.splitlines()
    assert code == 1 and len(lines) == 53
    assert lines[0].startswith(
        f"::warning file={JOURNAL},line=8,col=1,endLine=8,endColumn=5,title=MJ001 mojibake::MJ001 [*] "
    )
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 2 and all("MJ005" in line for line in notices)


def test_sarif_output() -> None:
    code, out, _ = run("lint", str(JOURNAL), "--output-format", "sarif")
    log = json.loads(out)
    assert code == 1 and log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "mdjournal"
    rules = run_["tool"]["driver"]["rules"]
    rule_ids = [rule["id"] for rule in rules]
    assert rules[1]["helpUri"] == f"{DOCS_URL}#mj002"
    assert len(run_["results"]) == 53
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert run_["columnKind"] == "unicodeCodePoints"


def test_colour_only_when_asked_and_never_with_no_color() -> None:
    _, out, _ = run("lint", str(JOURNAL), "--color", "always")
    assert "\x1b[" in out
    _, out, _ = run("lint", str(JOURNAL), env={"NO_COLOR": "1"})
    assert "\x1b[" not in out


def test_folders_expand_to_markdown_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.markdown").write_text(CLEAN + "trailing \n", encoding="utf-8")
    (tmp_path / "a.md").write_text(CLEAN + "trailing \n", encoding="utf-8")
    (tmp_path / ".hidden" / "skip.md").write_text(CLEAN + "trailing \n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("trailing \n", encoding="utf-8")
    code, out, _ = run("lint", str(tmp_path))
    paths = [line.split(":")[0] for line in out.splitlines()[:-1]]
    assert code == 1
    assert paths == [str(tmp_path / "a.md"), str(tmp_path / "b" / "two.markdown")]


def test_stdin_with_a_filename() -> None:
    code, out, _ = run("lint", "-", "--stdin-filename", "_posts/journal.md", input=JOURNAL.read_bytes())
    assert code == 1
    assert out.startswith("_posts/journal.md:8:1: MJ001")


def test_unreadable_file_is_an_error_but_others_are_still_linted(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"caf\xe9\n")
    code, out, err = run("lint", str(bad), str(post), str(tmp_path / "missing.md"))
    assert code == 2
    assert out.strip() == "No problems found in the files that could be read; 2 could not be read."
    assert err.splitlines() == [
        f"mdjournal: error: {bad}: not valid UTF-8: byte 0xe9 on line 1, column 4 (in characters); "
        f"it looks like Latin-1 text, so convert it: iconv -f latin1 -t utf-8 {bad} > {bad}.utf8 && mv {bad}.utf8 {bad}",
        f"mdjournal: error: {tmp_path / 'missing.md'}: no such file",
    ]


def test_exit_zero() -> None:
    assert run("lint", str(JOURNAL), "--exit-zero")[0] == 0


def test_unsafe_fixes_are_marked_when_asked() -> None:
    _, out, _ = run("lint", str(JOURNAL), "--select", "MJ004", "--unsafe-fixes")
    assert ":32:1: MJ004 [*] read-but-to-read:" in out
    assert "(1 fixable with 'mdjournal fmt --fix --unsafe-fixes')" in out


def test_rules_list_and_explain() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert re.search(r"^MJ007\s+link-style\s+off\s+safe\s+", out, re.MULTILINE)
    assert len(out.splitlines()) == 17
    code, out, _ = run("rules", "read-but-to-read")
    assert code == 0
    assert out.startswith("MJ004 read-but-to-read: on by default, fixable with --unsafe-fixes")
    assert "Bad::" in out and "Good::" in out
    assert out.endswith(f"\nDocumentation: {DOCS_URL}#mj004\n")
    code, _, err = run("rules", "MJ999")
    assert code == 2 and "unknown rule 'MJ999'" in err


def test_sarif_uris_are_encoded(tmp_path: Path) -> None:
    folder = tmp_path / "my posts"
    folder.mkdir()
    post = folder / "a#1.md"
    post.write_text(CLEAN.replace("(2014)", "(2014) "), encoding="utf-8")
    _, out, _ = run("lint", str(post), "--output-format", "sarif")
    (result,) = json.loads(out)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("/my%20posts/a%231.md")
