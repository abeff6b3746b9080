"""``mdjournal parse``: the outline, the JSON shape, stdin, and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import JOURNAL
from tests.conftest import run_cli as run


def test_json_shape_on_the_fixture() -> None:
    code, out, _ = run("parse", str(JOURNAL), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["path"] == str(JOURNAL)
    assert data["front_matter"]["line"] == 1 and data["front_matter"]["end_line"] == 6
    assert data["front_matter"]["data"]["title"] == "[MLCS] My Research Journal"
    first = data["categories"][0]
    assert (first["title"], first["level"], first["line"]) == ("Fundamentals", 2, 12)
    entry = first["entries"][0]
    assert entry == entry | {
        "title": "Neural Networks and Deep Learning",
        "url": "http://neuralnetworksanddeeplearning.com/",
        "year": 2015,
        "read": True,
        "line": 15,
        "column": 1,
        "to_read": False,
    }
    assert entry["blurb"].startswith("I have been very vocal")
    assert data["summary"] == {"categories": 12, "entries": 42, "read": 22, "unread": 20}
    gates = [e for c in data["categories"] for e in c["entries"] if "Logic Gate" in e["title"]]
    assert gates[0]["blurb"] == gates[1]["blurb"] and gates[0]["blurb"].startswith("This pair of papers")


def test_json_front_matter_is_null_when_absent(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("## P\n\n- [A](https://a.b) (2020)\n", encoding="utf-8")
    code, out, _ = run("parse", str(post), "--json")
    assert code == 0
    assert json.loads(out)["front_matter"] is None


def test_outline_on_the_fixture() -> None:
    code, out, _ = run("parse", str(JOURNAL))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("12 categories, 42 entries (22 read, 20 unread)")
    assert "## Fundamentals  (line 12, 2 entries)" in lines
    assert any(
        line.split() == ["15", "[x]", "2015", "Neural", "Networks", "and", "Deep", "Learning"]
        for line in lines
    )
    assert any("Mamba" in line and "[ ]" in line and "*TO READ*" in line for line in lines)


def test_stdin_with_a_name() -> None:
    code, out, _ = run("parse", "-", "--json", "--stdin-filename", "post.md", input=JOURNAL.read_bytes())
    assert code == 0
    assert json.loads(out)["path"] == "post.md"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.md", "missing.md: no such file"),
        (lambda d: d, "is a directory, not a file"),
        (
            lambda d: (d / "latin1.md").write_bytes(b"## P\n\ncaf\xe9\n") and d / "latin1.md",
            "not valid UTF-8: byte 0xe9 on line 3, column 4 (in characters)",
        ),
    ],
    ids=["missing", "directory", "latin-1"],
)
def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    code, out, err = run("parse", str(make(tmp_path)))
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_python_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mdjournal", "parse", str(JOURNAL), "--json"], capture_output=True, check=True
    )
    assert json.loads(result.stdout)["summary"]["entries"] == 42
    version = subprocess.run(
        [sys.executable, "-m", "mdjournal", "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0 and version.stdout.startswith("mdjournal, version ")


def test_parse_reads_the_config(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("## Part\n\n### Papers\n\n- [A](https://a.b) (2020)\n\n*PENDING*\n", encoding="utf-8")
    _, out, _ = run("parse", str(post), "--json")
    assert [c["title"] for c in json.loads(out)["categories"]] == ["Part"]
    (tmp_path / ".mdjournal.toml").write_text(
        'category-level = 3\nto-read-marker = "PENDING"\n', encoding="utf-8"
    )
    _, out, _ = run("parse", str(post), "--json")
    (category,) = json.loads(out)["categories"]
    assert category["title"] == "Papers" and category["entries"][0]["to_read"]
    _, out, _ = run("parse", str(post), "--json", "--category-level", "2")
    assert json.loads(out)["categories"][0]["title"] == "Part"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint"], "mdjournal: error: Missing argument 'PATHS...'. (see 'mdjournal lint --help')"),
        (
            ["lint", "x.md", "--jobs", "-1"],
            "mdjournal: error: Invalid value for '-j' / '--jobs': -1 is not in the range x>=0.",
        ),
        (["nope"], "mdjournal: error: No such command 'nope'. (see 'mdjournal --help')"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith(message)
