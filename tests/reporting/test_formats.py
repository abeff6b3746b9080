"""The output formats ruff users expect, on the sample post: each one read back by what reads it."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from mdjournal.cli.main import OUTPUT_FORMATS
from mdjournal.fixing.fixer import apply_edits
from mdjournal.reporting.formats import FORMATS, JSON_STATISTICS, STATISTICS
from mdjournal.text.edit import Edit
from tests.conftest import JOURNAL
from tests.conftest import run_cli as run

TEXT = JOURNAL.read_text(encoding="utf-8")


def test_the_command_offers_every_format_there_is() -> None:
    assert set(OUTPUT_FORMATS) == set(FORMATS) - {STATISTICS, JSON_STATISTICS}


def test_full_shows_the_line_a_caret_and_the_fix() -> None:
    code, out, _ = run("lint", str(JOURNAL), "--output-format", "full")
    assert code == 1
    at = out.index(f"{JOURNAL}:57:10: MJ002 [*] missing-year")
    block = out[at:].split("\n\n", 1)[0].splitlines()
    assert block[1:] == [
        "   |",
        "57 | - ‚úîÔ∏è [Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation]"
        "(https://arxiv.org/abs/2108.12409)",
        "   |          "
        + "^"
        * len(
            "[Train Short, Test Long: Attention with Linear Biases Enables Input Length "
            "Extrapolation](https://arxiv.org/abs/2108.12409)"
        ),
        "   = fix: insert ' (2021)'",
    ]
    first = out.split("\n\n", 1)[0].splitlines()  # the invisible Apple logo is shown, and the carets cover it
    assert first[2:] == [
        "8 | \\uf8ffüöß Under Construction \\uf8ffüöß",
        "  | ^^^^^^^^^",
        "  = fix: replace '\\uf8ffüöß' with '🚧'",
    ]
    assert out.endswith(
        "Found 53 problems (47 fixable with 'mdjournal fmt --fix').\n(1 more fixable with the --unsafe-fixes option.)\n"
    )
    unsafe = out[out.index(f"{JOURNAL}:32:1: MJ004") :].split("\n\n", 1)[0]
    assert unsafe.endswith("= unsafe fix (with --unsafe-fixes): delete '*TO READ* '")


def test_full_carets_count_terminal_cells() -> None:
    post = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## 論文\n\n- ✔️ [Adam 日本](https://arxiv.org/abs/1412.6980) (2014) \n\nGood.\n"
    _, out, _ = run("lint", "-", "--output-format", "full", input=post.encode())
    assert "<stdin>:8:55: MJ009" in out
    # 54 characters before the space: ✔ is one cell and its variation selector none, 日本 four
    assert "\n  | " + " " * 55 + "^\n" in out


def test_concise_drops_the_rule_name() -> None:
    _, out, _ = run("lint", str(JOURNAL), "--output-format", "concise")
    assert out.splitlines()[4] == f"{JOURNAL}:15:95: MJ009 [*] trailing whitespace (1 space)"


def test_json_lines_is_one_object_per_line_with_the_json_keys() -> None:
    _, out, _ = run("lint", str(JOURNAL), "--output-format", "json-lines")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == json.loads(run("lint", str(JOURNAL), "--output-format", "json")[1])
    assert len(lines) == 53


def test_junit_parses_with_a_failure_per_finding_and_a_pass_per_clean_file(
    tmp_path: pytest.TempPathFactory,
) -> None:
    clean = JOURNAL.parent / "research-journal.fixed.md"
    _, out, _ = run("lint", str(JOURNAL), str(clean), "--output-format", "junit", "--select", "MJ001")
    root = ElementTree.fromstring(out.encode())
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "26", "25")
    dirty, fixed = root.findall("testsuite")
    assert dirty.get("name") == str(JOURNAL) and len(dirty.findall("testcase/failure")) == 25
    case = dirty.find("testcase")
    assert case is not None and (case.get("name"), case.get("line")) == ("MJ001 mojibake", "8")
    assert fixed.findall("testcase/failure") == [] and len(fixed.findall("testcase")) == 1


def test_junit_holds_no_character_xml_forbids() -> None:
    post = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## Papers\n\n- ✔️ [A\x1b\x07](https://example.com/x)\n\nGood.\n"
    _, out, _ = run(
        "lint", "-", "--output-format", "junit", "--stdin-filename", "a\x01.md", input=post.encode()
    )
    suite = ElementTree.fromstring(out.encode()).find("testsuite")
    assert suite is not None and suite.get("name") == "a\\x01.md"


def test_gitlab_code_quality_has_the_required_keys_and_stable_fingerprints(
    tmp_path: pytest.TempPathFactory,
) -> None:
    _, out, _ = run("lint", str(JOURNAL), "--output-format", "gitlab")
    issues = json.loads(out)
    assert len(issues) == 53
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= issue.keys()
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == JOURNAL.as_posix() and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == 53
    # a line added above every finding moves them, but changes no fingerprint
    moved = TEXT.replace("---\n\n", "---\n\nA new first line.\n\n", 1)
    _, out, _ = run(
        "lint", "-", "--output-format", "gitlab", "--stdin-filename", str(JOURNAL), input=moved.encode()
    )
    again = json.loads(out)
    assert [issue["fingerprint"] for issue in again] == [issue["fingerprint"] for issue in issues]
    assert again[0]["location"]["lines"]["begin"] == issues[0]["location"]["lines"]["begin"] + 2


def test_sarif_results_carry_fixes_that_apply_and_rules_carry_help_uri() -> None:
    _, out, _ = run("lint", str(JOURNAL), "--output-format", "sarif")
    run_ = json.loads(out)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert all(rule["helpUri"].endswith(f"docs/rules.md#{rule['id'].lower()}") for rule in rules)
    fixed = [result for result in run_["results"] if "fixes" in result]
    assert len(fixed) == 47  # the safe ones; MJ004's is unsafe
    lines = TEXT.splitlines(keepends=True)
    starts = [sum(len(line) for line in lines[:index]) for index in range(len(lines) + 1)]
    edits = []
    for result in fixed:
        (change,) = result["fixes"][0]["artifactChanges"]
        assert change["artifactLocation"]["uri"] == JOURNAL.as_posix()
        for replacement in change["replacements"]:
            region = replacement["deletedRegion"]
            start = starts[region["startLine"] - 1] + region["startColumn"] - 1
            end = starts[region["endLine"] - 1] + region["endColumn"] - 1
            edits.append(Edit(start, end, replacement["insertedContent"]["text"]))
    first_round = apply_edits(TEXT, edits)
    assert (
        "‚úîÔ∏è" not in first_round
        and "Extrapolation](https://arxiv.org/abs/2108.12409) (2021)" in first_round
    )
    _, out, _ = run("lint", str(JOURNAL), "--output-format", "sarif", "--unsafe-fixes")
    assert sum("fixes" in result for result in json.loads(out)["runs"][0]["results"]) == 48


def test_statistics_counts_each_rule_and_marks_the_fixable() -> None:
    code, out, _ = run("lint", str(JOURNAL), "--statistics")
    assert code == 1
    assert out.splitlines() == [
        "25\tMJ001\t[*] mojibake",
        "12\tMJ002\t[-] missing-year",
        " 9\tMJ009\t[*] trailing-whitespace",
        " 3\tMJ003\t[*] year-format",
        " 2\tMJ005\t    year-mismatch",
        " 1\tMJ004\t    read-but-to-read",
        " 1\tMJ013\t    unread-with-notes",
    ]
    _, out, _ = run("lint", str(JOURNAL), "--statistics", "--output-format", "json")
    assert json.loads(out)[1] == {"code": "MJ002", "name": "missing-year", "count": 12, "fixable": 10}
