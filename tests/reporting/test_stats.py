"""``mdjournal stats``: counts on the sample post, every format, filters, charts and git history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import JOURNAL, one_line_error
from tests.conftest import run_cli as run

#: The sample post, category by category: (title, entries, read, unread, to_read).
CATEGORIES = [
    ("Fundamentals", 2, 2, 0, 0),
    ("Seminal Architectures", 4, 3, 1, 2),
    ("Language Modeling", 5, 4, 1, 1),
    ("Training Theory and Improvements", 7, 6, 1, 1),
    ("How do I train my model?", 8, 1, 7, 7),
    ("Improvements to the Classics", 2, 0, 2, 2),
    ("Specific Models", 4, 1, 3, 3),
    ("Alternative Architectures", 2, 2, 0, 0),
    ("Safety & the Future", 3, 1, 2, 2),
    ("Biology and Evolution", 2, 1, 1, 1),
    ("Miscellaneous", 1, 0, 1, 1),
    ("Other resources", 2, 1, 1, 0),
]
#: (year, entries, read); None: no year written.
YEARS = [
    (2012, 1, 1),
    (2013, 1, 1),
    (2014, 1, 1),
    (2015, 4, 1),
    (2017, 3, 2),
    (2018, 1, 1),
    (2019, 3, 2),
    (2020, 2, 2),
    (2021, 2, 0),
    (2022, 4, 2),
    (2023, 3, 1),
    (2024, 2, 1),
    (2025, 3, 2),
    (None, 12, 5),
]
SVG = "{http://www.w3.org/2000/svg}"


def _json(*args: str) -> dict[str, object]:
    code, out, err = run("stats", "--format", "json", *args)
    assert (code, err) == (0, "")
    data: dict[str, object] = json.loads(out)
    return data


def test_json_on_the_sample_post() -> None:
    data = _json(str(JOURNAL))
    assert data["total"] == {"entries": 42, "read": 22, "unread": 20, "to_read": 20}
    assert data["categories"] == [
        {"title": t, "entries": e, "read": r, "unread": u, "to_read": tr} for t, e, r, u, tr in CATEGORIES
    ]
    assert data["years"] == [{"year": y, "entries": e, "read": r} for y, e, r in YEARS]
    (post,) = data["posts"]  # type: ignore[misc]
    assert post == {"path": str(JOURNAL), **{k: data[k] for k in ("total", "categories", "years")}}


def test_several_posts_add_up(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(
        "---\ntitle: T\n---\n\n## Fundamentals\n\n- ✔️ [A](https://a.org) (2012)\n\nNotes.\n\n"
        "## New\n\n- [B](https://b.org)\n\n*TO READ*\n",
        encoding="utf-8",
    )
    data = _json(str(JOURNAL), str(other))
    assert data["total"] == {"entries": 44, "read": 23, "unread": 21, "to_read": 21}
    categories = {c["title"]: c for c in data["categories"]}  # type: ignore[attr-defined]
    assert list(categories)[-1] == "New" and len(categories) == 13
    assert categories["Fundamentals"]["entries"] == 3 and categories["Fundamentals"]["read"] == 3
    assert data["years"][0] == {"year": 2012, "entries": 2, "read": 2}  # type: ignore[index]
    assert [p["total"]["entries"] for p in data["posts"]] == [42, 2]  # type: ignore[attr-defined]


def test_filters() -> None:
    read = _json("--read", str(JOURNAL))
    assert read["total"] == {"entries": 22, "read": 22, "unread": 0, "to_read": 1}
    unread = _json("--unread", str(JOURNAL))
    assert unread["total"] == {"entries": 20, "read": 0, "unread": 20, "to_read": 19}
    assert len(unread["categories"]) == 12  # type: ignore[arg-type]
    one = _json("--category", "safety & THE future", str(JOURNAL))
    assert one["categories"] == [
        {"title": "Safety & the Future", "entries": 3, "read": 1, "unread": 2, "to_read": 2}
    ]
    assert one["years"] == [
        {"year": 2012, "entries": 1, "read": 1},
        {"year": 2024, "entries": 1, "read": 0},
        {"year": 2025, "entries": 1, "read": 0},
    ]


def test_unknown_category_is_an_error() -> None:
    code, out, err = run("stats", "--category", "Poetry", str(JOURNAL))
    assert one_line_error(code, out, err) == "--category: no category 'Poetry' in the posts given"


def test_text_table() -> None:
    code, out, _ = run("stats", str(JOURNAL))
    lines = out.splitlines()
    assert code == 0 and "\x1b[" not in out
    assert lines[0] == f"{JOURNAL}: 42 entries, 22 read, 20 unread"
    assert lines[2].split() == ["category", "entries", "read", "unread", "to", "read", "share", "read"]
    assert lines[3].split() == ["Fundamentals", "2", "2", "0", "0", "█" * 20, "100%"]
    table = lines[3:16]
    assert len({line.index("█") if "█" in line else line.index("░") for line in table}) == 1  # aligned
    assert lines[7].startswith("How do I train my model?") and lines[7].endswith("██" + "░" * 18 + "  12%")
    total = next(line for line in lines if line.startswith("total"))
    assert total.split()[1:5] == ["42", "22", "20", "20"] and total.endswith("█" * 10 + "░" * 10 + "  52%")
    assert lines[-1].split()[:3] == ["no", "year", "12"]


def test_colour_only_when_asked() -> None:
    _, out, _ = run("stats", "--color", "always", str(JOURNAL))
    assert "\x1b[32m" in out
    _, out, _ = run("stats", "--color", "never", str(JOURNAL))
    assert "\x1b[" not in out
    _, out, _ = run("stats", "--color", "always", "--format", "markdown", str(JOURNAL))
    assert "\x1b[" not in out  # a table to paste is never coloured


def test_markdown_table() -> None:
    code, out, _ = run("stats", "--format", "markdown", str(JOURNAL))
    lines = out.splitlines()
    assert code == 0
    assert lines[2:5] == [
        "| category | entries | read | unread | to read | share read |",
        "|:--|--:|--:|--:|--:|:--|",
        "| Fundamentals | 2 | 2 | 0 | 0 | " + "█" * 20 + " 100% |",
    ]
    assert "| total | 42 | 22 | 20 | 20 | " + "█" * 10 + "░" * 10 + "  52% |" in lines


def test_csv() -> None:
    code, out, _ = run("stats", "--format", "csv", str(JOURNAL))
    rows = out.splitlines()
    assert code == 0
    assert rows[:3] == [
        "post,group,name,entries,read,unread,to_read",
        f"{JOURNAL},total,,42,22,20,20",
        f"{JOURNAL},category,Fundamentals,2,2,0,0",
    ]
    assert rows[-1] == f"{JOURNAL},year,,12,5,7,6"
    assert len(rows) == 1 + 1 + 12 + 14


def test_unreadable_post(tmp_path: Path) -> None:
    code, out, err = run("stats", str(tmp_path / "missing.md"))
    assert one_line_error(code, out, err).startswith(f"{tmp_path / 'missing.md'}: ")


def test_stats_and_export_import_no_optional_library_unasked() -> None:
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('matplotlib', 'numpy', 'bibtexparser') if m in sys.modules)))\n"
        "from mdjournal.cli.main import main\n"
        f"main([*sys.argv[1:], {str(JOURNAL)!r}])\n"
    )
    for command in (["stats", "--format", "json"], ["export", "--to", "csl-json"]):
        done = subprocess.run(
            [sys.executable, "-c", script, *command], capture_output=True, text=True, check=True
        )
        assert done.stdout.splitlines()[-1] == "[]"


def test_bad_plot_suffix() -> None:
    code, out, err = run("stats", "--plot", "chart.pdf", str(JOURNAL))
    assert "must end in .svg or .png" in one_line_error(code, out, err)


def test_plot_svg_has_a_bar_per_year_and_state_and_per_category(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "chart.svg"
    code, _, err = run("stats", "--plot", str(chart), str(JOURNAL))
    assert (code, err) == (0, "")
    ids = [element.get("id", "") for element in ET.parse(chart).iter(f"{SVG}g")]
    label = {None: "no-year"}
    assert [i for i in ids if i.startswith("year-read-")] == [
        f"year-read-{label.get(y, y)}" for y, _, _ in YEARS
    ]
    assert len([i for i in ids if i.startswith("year-unread-")]) == len(YEARS)
    assert [i for i in ids if i.startswith("category-")] == [f"category-{n}" for n in range(12)]
    # The bars' sizes follow the counts: 2015's unread bar is three times its read one,
    # Fundamentals (all read) twice as long as Biology and Evolution (half read).
    bars = [
        element
        for element in ET.parse(chart).iter(f"{SVG}g")
        if element.get("id", "").startswith(("year-", "category-"))
    ]
    sizes = {element.get("id"): _size(element) for element in bars}
    assert sizes["year-unread-2015"][1] == pytest.approx(3 * sizes["year-read-2015"][1], rel=1e-3)
    assert sizes["category-0"][0] == pytest.approx(2 * sizes["category-9"][0], rel=1e-3)


def _size(group: ET.Element) -> tuple[float, float]:
    """(width, height) of the rectangle a bar's path draws (``M x y L x y ... z``)."""
    path = group.find(f"{SVG}path")
    assert path is not None
    numbers = [
        float(n) for n in path.get("d", "").replace("M", " ").replace("L", " ").replace("z", " ").split()
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    return max(xs) - min(xs), max(ys) - min(ys)


def test_without_matplotlib_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name.partition(".")[0] == "matplotlib"] + ["matplotlib"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    chart = tmp_path / "c.svg"
    code, out, err = run("stats", "--plot", str(chart), str(JOURNAL))
    assert (code, err) == (2, "mdjournal: error: --plot needs matplotlib: pip install 'mdjournal[plot]'\n")
    assert "42 entries" in out and not chart.exists()


def _git(folder: Path, *args: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


HEAD = "---\ntitle: T\ndate: 2024-01-01\n---\n\n## Papers\n\n"
ONE = "- [One](https://arxiv.org/abs/1706.03762) (2017)\n\n*TO READ*\n"
TWO = "\n- ✔️ [Two](https://example.org/two) (2020)\n\nRead it.\n"
THREE = "\n## More\n\n- ✔️ [Three](https://example.org/three)\n\nRead it too.\n"


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    """A post committed three times, renamed (into a folder) in the third commit."""
    _git(tmp_path, "init", "-q", date="2024-01-01T00:00:00Z")
    post = tmp_path / "post.md"
    post.write_text(HEAD + ONE, encoding="utf-8")
    _git(tmp_path, "add", "post.md", date="2024-01-01T00:00:00Z")
    _git(tmp_path, "commit", "-qm", "one", date="2024-01-01T10:00:00Z")
    post.write_text(HEAD + ONE.replace("- [One]", "- ✔️ [One]") + TWO, encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "two", date="2024-02-01T10:00:00Z")
    (tmp_path / "_posts").mkdir()
    _git(tmp_path, "mv", "post.md", "_posts/post.md", date="2024-03-01T10:00:00Z")
    moved = tmp_path / "_posts" / "post.md"
    moved.write_text(moved.read_text(encoding="utf-8") + THREE, encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "three", date="2024-03-01T10:00:00Z")
    return moved


def test_history_json(history_repo: Path) -> None:
    data = _json("--history", str(history_repo))
    (post,) = data["posts"]  # type: ignore[misc]
    points = [
        (p["date"][:10], p["path"], p["entries"], p["read"], p["unread"], p["to_read"])
        for p in post["history"]
    ]
    assert points == [
        ("2024-01-01", "post.md", 1, 0, 1, 1),
        ("2024-02-01", "post.md", 2, 2, 0, 1),
        ("2024-03-01", "_posts/post.md", 3, 3, 0, 1),
    ]
    assert all(len(p["commit"]) == 40 for p in post["history"])


def test_history_table_and_filter(history_repo: Path) -> None:
    code, out, _ = run("stats", "--history", "--category", "papers", str(history_repo))
    lines = out.splitlines()
    assert code == 0 and lines[:2] == [str(history_repo), ""]
    assert lines[2].split()[:3] == ["date", "commit", "entries"]
    # The third commit added a category the filter leaves out.
    assert [line.split()[2:6] for line in lines[3:]] == [["1", "0", "1", "1"], *[["2", "2", "0", "1"]] * 2]


def test_history_plot_png(history_repo: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "history.png"
    assert run("stats", "--history", "--plot", str(chart), "--format", "json", str(history_repo))[0] == 0
    data = chart.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > height > 300


def test_history_of_standard_input() -> None:
    code, out, err = run("stats", "--history", "-", input=JOURNAL.read_bytes())
    assert "--history needs a file in a git repository" in one_line_error(code, out, err)


def test_history_outside_git(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(HEAD + ONE, encoding="utf-8")
    code, out, err = run(
        "stats", "--history", str(post), env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    )
    assert code == 2 and str(post) in one_line_error(code, out, err)
