"""Every command over input that is not a healthy post: a clear line or a correct result, never a traceback.

Each bad input goes through ``lint``, ``fmt --check``, ``fmt --fix`` and ``parse``.
What a user must be able to count on: exit 2 with one line naming the file when it
cannot be used (0 or 1, as documented, when it can), no traceback anywhere, and
not one byte or timestamp changed on disk unless ``fmt --fix`` really fixed it.
"""

from __future__ import annotations

import codecs
import json
import os
import pty
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import mdjournal
from mdjournal.cli import fmt as fmt_cli
from mdjournal.cli import lint as lint_cli
from mdjournal.parsing import journal
from mdjournal.reporting.formats import json_array
from mdjournal.text import files
from tests.conftest import MDJOURNAL, ROOT, one_line_error, refuse_listing, snapshot
from tests.conftest import run_cli as run

COMMANDS = [("lint",), ("fmt", "--check"), ("fmt", "--fix"), ("parse",)]
COMMAND_IDS = ["lint", "fmt-check", "fmt-fix", "parse"]
CLEAN = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## Papers\n\n- ✔️ [Adam](https://arxiv.org/abs/1412.6980) (2014)\n\nGood.\n"
LATIN1 = "---\ntitle: Café\ndate: 2025-06-16\n---\n\n## Papers\n\n- [Adam](https://arxiv.org/abs/1412.6980)\n".encode(
    "latin-1"
)
UNDATED = "- ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409)\n\n"
NOT_READ = "No file could be read.\n"


def post(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def symlink_loop(folder: Path) -> Path:
    (folder / "a.md").symlink_to(folder / "b.md")
    (folder / "b.md").symlink_to(folder / "a.md")
    return folder / "a.md"


@dataclass(frozen=True)
class Unusable:
    """An input no command can use, and the words its error must contain."""

    id: str
    make: Callable[[Path], Path]
    message: str


UNUSABLE = [
    Unusable("random-bytes", post("random.md", random.Random(0).randbytes(4096)), "looks like a binary file"),
    Unusable(
        "png",
        post("figure.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
        "looks like a binary file (a PNG image), not a Markdown post",
    ),
    Unusable(
        "nul-in-utf-8",
        post("nul.md", CLEAN.replace("Good", "Go\0od").encode()),
        "looks like a binary file (a NUL byte on line 10, column 3), not a Markdown post",
    ),
    Unusable("latin-1", post("latin1.md", LATIN1), "not valid UTF-8: byte 0xe9 on line 2, column 11"),
    Unusable(
        "utf-16-bom",
        post("utf16.md", CLEAN.encode("utf-16")),
        "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
    ),
    Unusable(
        "utf-16-no-bom",
        post("utf16le.md", CLEAN.encode("utf-16-le")),
        "looks like UTF-16 text without a byte-order mark; save it as UTF-8",
    ),
    Unusable(
        "utf-32-bom",
        post("utf32.md", CLEAN.encode("utf-32")),
        "UTF-32 text (it starts with a UTF-32 byte-order mark); save it as UTF-8",
    ),
    Unusable("missing", lambda folder: folder / "missing.md", "missing.md: no such file"),
    Unusable("symlink-loop", symlink_loop, "a.md: cannot read: a loop of symbolic links"),
    Unusable(
        "broken-symlink",
        lambda folder: (folder / "gone.md").symlink_to("nowhere.md") or folder / "gone.md",
        "gone.md: a broken symbolic link (to 'nowhere.md', which does not exist)",
    ),
    Unusable(
        "path-too-long",
        lambda folder: folder.joinpath(*["d"] * 3000, "post.md"),
        "post.md: cannot read: File name too long",
    ),
]


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("case", UNUSABLE, ids=[case.id for case in UNUSABLE])
def test_an_unusable_input_is_one_line_naming_it_and_exit_2(
    tmp_path: Path, case: Unusable, command: tuple[str, ...]
) -> None:
    path = case.make(tmp_path)
    before = snapshot(tmp_path)
    code, out, err = run(*command, str(path))
    message = one_line_error(code, out, err)
    assert message.startswith(f"{path}: ")
    assert case.message in message
    assert out == (NOT_READ if command == ("lint",) else "")
    assert snapshot(tmp_path) == before


def test_latin_1_names_the_byte_line_and_column_and_how_to_convert(tmp_path: Path) -> None:
    path = post("latin1.md", LATIN1)(tmp_path)
    message = one_line_error(*run("lint", str(path)))
    assert message == (
        f"{path}: not valid UTF-8: byte 0xe9 on line 2, column 11 (in characters); it looks like Latin-1 "
        f"text, so convert it: iconv -f latin1 -t utf-8 {path} > {path}.utf8 && mv {path}.utf8 {path}"
    )
    subprocess.run(message.split("convert it: ")[1], shell=True, check=True)  # the advice works
    code, out, _ = run("parse", str(path))
    assert code == 0 and "front matter, lines 1-4: Café" in out


@pytest.mark.parametrize(
    ("data", "advice"),
    [
        (b"## Papers\n\n- [A \x93quoted\x94 title](https://a.b) (2020)\n", "it looks like Windows-1252 text"),
        (
            "## Papers\n\n- ✔️ [Café](https://a.b) (2020)\n".encode() + b"\n- [Caf\xe9](https://c.d) (2021)\n",
            "the rest of the file is UTF-8, so replace that byte with the character meant",
        ),
        ("## Papers\n\n- ✔️ [A](https://a.b) (2020) ✔️".encode()[:-2], "it ends partway through a character"),
    ],
    ids=["windows-1252", "one-bad-byte-in-utf-8", "cut-short"],
)
def test_the_advice_fits_what_the_bytes_look_like(tmp_path: Path, data: bytes, advice: str) -> None:
    """Converting a UTF-8 file with one bad byte from Latin-1 would garble every healthy accent."""
    path = post("post.md", data)(tmp_path)
    message = one_line_error(*run("lint", str(path)))
    assert advice in message
    assert ("iconv" in message) == (advice == "it looks like Windows-1252 text")


def test_standard_input_gets_the_advice_without_a_file_to_convert() -> None:
    message = one_line_error(*run("fmt", "--fix", "-", input=LATIN1))
    assert message.startswith("<stdin>: not valid UTF-8: byte 0xe9 on line 2, column 11")
    assert message.endswith("so convert it: iconv -f latin1 -t utf-8")


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("simulated", [False, True], ids=["chmod", "simulated"])
def test_a_file_without_read_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], simulated: bool
) -> None:
    """Root reads a mode-000 file anyway, so the refusal is also simulated, where ``files`` opens it."""
    path = post("secret.md", CLEAN.encode())(tmp_path)
    path.chmod(0o000)
    if simulated:
        os_open = os.open

        def refuse(name: str, *args: int, **kwargs: int) -> int:
            if name == str(path):
                raise PermissionError(13, "Permission denied", name)
            return os_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    elif os.access(path, os.R_OK):
        pytest.skip("running as root: the mode does not stop reading (the simulated case covers it)")
    before = snapshot(tmp_path)
    message = one_line_error(*run(*command, str(path)))
    assert message == f"{path}: cannot read: Permission denied"
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_an_empty_file_is_a_post_without_front_matter(tmp_path: Path, command: tuple[str, ...]) -> None:
    """Nothing to parse, fix or report: an empty file is no journal, so no journal rule asks
    for its front matter."""
    path = post("empty.md", b"")(tmp_path)
    before = snapshot(tmp_path)
    expected = {
        ("lint",): (0, "All checks passed!\n"),
        ("fmt", "--check"): (0, ""),
        ("fmt", "--fix"): (0, f"{path}: nothing to fix; nothing left\n"),
        ("parse",): (0, f"{path}: 0 categories, 0 entries (0 read, 0 unread)\n"),
    }[command]
    assert run(*command, str(path)) == (*expected, "")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_a_folder_without_markdown_warns_and_passes(tmp_path: Path, command: tuple[str, ...]) -> None:
    """As ruff does for a folder without Python: a warning, exit 0; ``parse`` takes one file."""
    (tmp_path / "notes.txt").write_text("## Not a post\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "post.md").write_text(CLEAN, encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, err = run(*command, str(tmp_path))
    if command == ("parse",):
        assert one_line_error(code, out, err) == f"{tmp_path}: is a directory, not a file"
    else:
        verb = "check" if command == ("lint",) else "fix"
        assert (code, out) == (0, "")
        assert err == f"mdjournal: warning: no Markdown files to {verb} in the paths given\n"
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS[:3], ids=COMMAND_IDS[:3])
def test_a_folder_with_a_symlink_loop_reports_it_and_checks_the_rest(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    good = post("good.md", CLEAN.replace("(2014)", "(2014) ").encode())(tmp_path)
    loop = symlink_loop(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop: not followed, so not a problem
    code, out, err = run(*command, str(tmp_path))
    assert code == 2
    assert err.splitlines()[:2] == [
        f"mdjournal: error: {loop}: cannot read: a loop of symbolic links",
        f"mdjournal: error: {tmp_path / 'b.md'}: cannot read: a loop of symbolic links",
    ]
    if command == ("fmt", "--check"):
        assert (out, err.splitlines()[2:]) == (
            f"Would fix: {good}\n",
            ["Would fix 1 problem (MJ009 ×1) in 1 file; run 'mdjournal fmt --fix' to apply."],
        )
    fixed = good.read_text(encoding="utf-8") == CLEAN
    assert fixed == (command == ("fmt", "--fix"))
    if command == ("lint",):
        assert out.startswith(f"{good}:8:52: MJ009 [*] trailing-whitespace")


@pytest.mark.parametrize("excluded", [False, True], ids=["reported", "excluded"])
def test_a_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, excluded: bool
) -> None:
    """A check must not pass because it could not see the posts (os.walk skips such folders silently)."""
    post("good.md", CLEAN.encode())(tmp_path)
    if excluded:
        post(".mdjournal.toml", b'exclude = ["locked/"]\n')(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    post("hidden-from-us.md", CLEAN.encode())(locked)
    refuse_listing(monkeypatch, locked)
    code, out, err = run("lint", str(tmp_path))
    if excluded:
        assert (code, out, err) == (0, "All checks passed!\n", "")
    else:
        assert (code, out) == (2, "No problems found in the files that could be read; 1 could not be read.\n")
        assert err == f"mdjournal: error: {locked}: cannot list this folder: Permission denied\n"


def test_a_named_pipe_in_a_folder_is_not_read(tmp_path: Path) -> None:
    """Reading a FIFO blocks until someone writes to it: a folder's posts are regular files only."""
    post("good.md", CLEAN.encode())(tmp_path)
    os.mkfifo(tmp_path / "pipe.md")
    assert run("lint", str(tmp_path)) == (0, "All checks passed!\n", "")


def test_a_single_1_mb_line(tmp_path: Path) -> None:
    """Positions stay exact on a huge line, and the fix touches only its end."""
    line = "Notes " * (1_000_000 // 6)
    path = post("long.md", (CLEAN + "\n" + line + "\n").encode())(tmp_path)
    code, out, _ = run("lint", str(path))
    assert (code, out.splitlines()[0]) == (
        1,
        f"{path}:12:{len(line)}: MJ009 [*] trailing-whitespace: trailing whitespace (1 space)",
    )
    assert run("fmt", "--check", str(path))[0] == 1
    assert run("parse", str(path))[1].startswith(f"{path}: 1 categories, 1 entries")
    assert run("fmt", "--fix", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == CLEAN + "\n" + line.rstrip() + "\n"


@dataclass(frozen=True)
class Huge:
    path: Path
    entries: int
    undated_line: int  # the last entry's, which lacks its year


@pytest.fixture(scope="module")
def huge_post(tmp_path_factory: pytest.TempPathFactory) -> Huge:
    """50 MB of journal: entries with long notes, and at the very end one entry missing its year."""
    notes = "Notes on the paper: self-attention replaces recurrence; heads, layers, positions.\n" * 8 + "\n"
    unit = "- ✔️ [Paper {}](https://example.org/papers/{}) (2017)\n\n" + notes * 60
    head = "---\ntitle: Big\ndate: 2024-01-01\n---\n\n## Papers\n\n"
    copies = 50_000_000 // len(unit)
    text = head + "".join(unit.format(n, n) for n in range(copies)) + UNDATED + "Promising.\n"
    path = tmp_path_factory.mktemp("huge") / "huge.md"
    path.write_text(text, encoding="utf-8")
    return Huge(path, copies + 1, text.count("\n") - 2)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_a_50_mb_post(huge_post: Huge, command: tuple[str, ...], tmp_path: Path) -> None:
    path = huge_post.path
    if command == ("fmt", "--fix"):  # on a copy: the other commands share the original
        path = post("huge.md", path.read_bytes())(tmp_path)
    size = path.stat().st_size
    assert size > 49_000_000
    code, out, err = run(*command, str(path))
    if command == ("lint",):
        assert (code, out.splitlines()[0]) == (
            1,
            f"{path}:{huge_post.undated_line}:6: MJ002 [*] missing-year: year missing; arXiv id 2108.12409 says 2021",
        )
    elif command == ("parse",):
        entries = huge_post.entries
        assert code == 0 and out.startswith(
            f"{path}: 1 categories, {entries} entries ({entries} read, 0 unread)"
        )
    elif command == ("fmt", "--check"):
        assert (code, out) == (1, f"Would fix: {path}\n")
        assert err == "Would fix 1 problem (MJ002 ×1) in 1 file; run 'mdjournal fmt --fix' to apply.\n"
    else:
        assert (code, out) == (0, f"{path}: fixed 1 (MJ002 ×1); nothing left\n")
        assert path.read_bytes().endswith(b"/abs/2108.12409) (2021)\n\nPromising.\n")
        assert path.stat().st_size == size + len(" (2021)")


DEEP = {
    "blockquotes": ">" * 10_000 + " deep\n",
    "lists": "- " * 10_000 + "deep\n",
    "lists-in-blockquotes": "> - " * 5_000 + "deep\n",
    "indented-blockquotes": "  " + "> " * 10_000 + "deep\n",
}


def deep_post(nesting: str) -> str:
    """A clean post, then an entry missing its year whose notes nest ``nesting`` deep."""
    return CLEAN + "\n" + UNDATED + nesting


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("nesting", DEEP.values(), ids=DEEP.keys())
def test_ten_thousand_levels_of_nesting(tmp_path: Path, nesting: str, command: tuple[str, ...]) -> None:
    """No RecursionError: markdown-it stops nesting at its maxNesting, and so does every step after it."""
    text = deep_post(nesting)
    path = post("deep.md", text.encode())(tmp_path)
    # A list item right under an entry is not its notes (it has no link: it is an item of
    # its own), so that entry, read, has no blurb.
    no_blurb = (
        f"{path}:12:6: MJ014 missing-blurb: 'Train Short, Test Long' is marked read but has no blurb; "
        "say what you thought of it\n"
        if nesting.startswith("- ")
        else ""
    )
    problems = "2 problems" if no_blurb else "1 problem"
    expected = {
        ("lint",): (
            1,
            f"{path}:12:6: MJ002 [*] missing-year: year missing; arXiv id 2108.12409 says 2021\n"
            f"{no_blurb}Found {problems} (1 fixable with 'mdjournal fmt --fix').\n",
        ),
        ("fmt", "--check"): (1, f"Would fix: {path}\n"),
        ("fmt", "--fix"): (
            (1, f"{path}: fixed 1 (MJ002 ×1); 1 left to fix by hand\n")
            if no_blurb
            else (0, f"{path}: fixed 1 (MJ002 ×1); nothing left\n")
        ),
        ("parse",): (
            0,
            f"{path}: 1 categories, 2 entries (2 read, 0 unread)\nfront matter, lines 1-4: T\n\n"
            "## Papers  (line 6, 2 entries)\n   8  [x]   2014  Adam\n  12  [x]   ----  Train Short, Test Long\n",
        ),
    }[command]
    advice = "Would fix 1 problem (MJ002 ×1) in 1 file; run 'mdjournal fmt --fix' to apply.\n"
    assert run(*command, str(path)) == (*expected, advice if command == ("fmt", "--check") else "")
    assert mdjournal.parse(text).render() == text
    if command == ("fmt", "--fix"):
        assert path.read_text(encoding="utf-8") == text.replace("2108.12409)", "2108.12409) (2021)")


@pytest.mark.parametrize("nesting", DEEP.values(), ids=DEEP.keys())
def test_ten_thousand_levels_of_nesting_through_mdformat(nesting: str) -> None:
    mdformat = pytest.importorskip("mdformat")
    formatted = mdformat.text(deep_post(nesting), extensions=["mdjournal"])
    assert "[Train Short, Test Long](https://arxiv.org/abs/2108.12409) (2021)" in formatted


def test_entries_after_a_list_nested_ten_deep_are_still_entries() -> None:
    """CommonMark (and Jekyll's kramdown) end the deep list at the blank line; the next item is an entry.

    markdown-it's commonmark preset stops at maxNesting 20 (ten nested lists) by
    giving the rest of the document to the innermost item, so every later entry
    would vanish from lint and fmt without a word. The fix belongs in parser.py.
    """
    text = CLEAN + "\n" + "- " * 10 + "deep\n\n" + UNDATED
    assert [entry.title for entry in mdjournal.parse(text).entries] == ["Adam", "Train Short, Test Long"]


# -- control characters from the post never reach a terminal raw ------------------------------

HOSTILE = "Evil\x07\x08\x1bc title\x9b31m \u202egnp.exe"
HOSTILE_SHOWN = r"Evil\x07\x08\x1bc title\x9b31m \u202egnp.exe"
HOSTILE_POST = (
    '---\ntitle: "Title\\r\\e[2K\\e]0;pwned\\a"\ndate: 2025-06-16\n---\n\n## Papers \x1b[31mred\x1b[0m\n\n'
    f"- ✔️ [{HOSTILE}](https://a.b/x) (2020)\n\nGood.\n\n"
    f"- ✔️ [{HOSTILE}](https://a.b/x) (2020)\n\nGood.\x1b]0;pwned\x07 \n"
)
#: What the post would do to a terminal: clear it, reset it, retitle it, ring, back up, reverse.
ATTACKS = ("\x1b[2K", "\x1bc", "\x1b]0;", "\x1b[31mred", "\x07", "\x08", "\r", "\x9b", "\u202e")


def attacks(output: str) -> list[str]:
    return [attack for attack in ATTACKS if attack in output]


def test_control_characters_in_file_names_are_escaped_in_errors(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b]0;pwned\x07\r\n.md"
    message = one_line_error(*run("lint", str(name)))
    assert message == f"{tmp_path}/evil\\x1b]0;pwned\\x07\\r\\n.md: no such file"


@pytest.mark.parametrize("color", ["never", "always"])
@pytest.mark.parametrize("output_format", ["text", "github"])
def test_lint_escapes_control_characters_in_findings(tmp_path: Path, output_format: str, color: str) -> None:
    path = post("evil\x1b[2J.md", HOSTILE_POST.encode())(tmp_path)
    code, out, _ = run("lint", "--output-format", output_format, "--color", color, str(path))
    assert code == 1
    assert attacks(out) == [] and "\x1b[2J" not in out
    assert ("\x1b" in out) == (color == "always" and output_format == "text")  # only our own colours
    assert f"same paper as line 8 ('{HOSTILE_SHOWN}')" in out
    assert "evil\\x1b[2J.md" in out


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_escapes_control_characters_and_keeps_them(tmp_path: Path, output_format: str) -> None:
    path = post("post.md", HOSTILE_POST.encode())(tmp_path)
    _, out, _ = run("lint", "--output-format", output_format, str(path))
    assert attacks(out) == [] and "\x1b" not in out
    data = json.loads(out)
    findings = data if output_format == "json" else data["runs"][0]["results"]
    messages = [item["message"] if output_format == "json" else item["message"]["text"] for item in findings]
    assert f"same paper as line 8 ('{HOSTILE}'): same title; keep one entry" in messages  # exact once read


def test_parse_escapes_control_characters(tmp_path: Path) -> None:
    path = post("post.md", HOSTILE_POST.encode())(tmp_path)
    _, out, _ = run("parse", str(path))
    assert attacks(out) == [] and "\x1b" not in out
    assert "front matter, lines 1-4: Title\\r\\x1b[2K\\x1b]0;pwned\\x07\n" in out
    assert "## Papers \\x1b[31mred\\x1b[0m  (line 6, 2 entries)" in out
    assert f"[x]   2020  {HOSTILE_SHOWN}\n" in out
    _, out, _ = run("parse", "--json", str(path))
    assert attacks(out) == [] and "\x1b" not in out
    data = json.loads(out)
    assert data["front_matter"]["data"]["title"] == "Title\r\x1b[2K\x1b]0;pwned\x07"
    assert data["categories"][0]["entries"][0]["title"] == HOSTILE


def test_the_diff_is_escaped_on_a_terminal_and_exact_in_a_pipe(tmp_path: Path) -> None:
    """On a terminal the post's escape sequences are shown, not obeyed; piped, the diff still applies."""
    path = post("post.md", HOSTILE_POST.encode())(tmp_path)
    piped = subprocess.run([*MDJOURNAL, "fmt", str(path)], capture_output=True, check=False)
    assert b"+Good.\x1b]0;pwned\x07\n" in piped.stdout
    leader, follower = pty.openpty()
    with subprocess.Popen(  # without colour: the only escape sequences would be the post's
        [*MDJOURNAL, "fmt", "--color", "never", str(path)], stdout=follower, stderr=subprocess.DEVNULL
    ) as process:
        os.close(follower)
        shown = b""
        while chunk := _read_pty(leader):
            shown += chunk
        assert process.wait() == 1
    os.close(leader)
    assert b"+Good.\\x1b]0;pwned\\x07\r\n" in shown  # the terminal turns \n into \r\n
    assert attacks(shown.decode().replace("\r\n", "\n")) == [] and b"\x1b" not in shown
    (tmp_path / "fix.patch").write_bytes(piped.stdout)
    subprocess.run(["patch", "-s", "-p0", "-i", str(tmp_path / "fix.patch")], cwd="/", check=True)
    assert path.read_bytes() == HOSTILE_POST.replace("\x07 \n", "\x07\n").encode()


def _read_pty(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the other end is closed
        return b""


def test_bom_signatures_are_not_mistaken(tmp_path: Path) -> None:
    """A UTF-8 BOM is a healthy post's business (kept as it is), not a UTF-16 one."""
    path = post("bom.md", codecs.BOM_UTF8 + CLEAN.encode())(tmp_path)
    assert run("fmt", "--check", str(path)) == (0, "", "")
    assert run("lint", str(path)) == (0, "All checks passed!\n", "")


# -- front matter YAML that is valid but hostile -----------------------------------------------


def laughs(levels: int) -> str:
    """The "billion laughs": each alias list names the previous one nine times."""
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines)


HOSTILE_YAML = {
    "refers-to-itself": "loop: &loop [*loop]",
    "nested-500-deep": "deep: " + "[" * 500 + "]" * 500,
    "billion-laughs": laughs(6),  # 277 bytes; every level multiplies by nine
    # 34 KB standing for 40 MB: few values, so only a bound in characters catches it
    "long-value-many-times": "long: &long " + "x" * 20_000 + "\nmany: [" + ", ".join(["*long"] * 2_000) + "]",
}


@pytest.mark.parametrize("command", COMMANDS + [("parse", "--json")], ids=[*COMMAND_IDS, "parse-json"])
@pytest.mark.parametrize("yaml", HOSTILE_YAML.values(), ids=HOSTILE_YAML.keys())
def test_hostile_front_matter_yaml(tmp_path: Path, yaml: str, command: tuple[str, ...]) -> None:
    """Safe loading stops code, not aliases: they must not turn into a crash or an unbounded output.

    ``parse --json`` walks the YAML data recursively (outline._jsonable), so a
    self-referring alias or deep nesting is a RecursionError, and the laughs
    expand to 17 MB of JSON. The fix belongs in outline.py (or frontmatter.py).
    """
    text = CLEAN.replace("date: 2025-06-16\n", f"date: 2025-06-16\n{yaml}\n")
    path = post("post.md", text.encode())(tmp_path)
    code, out, err = run(*command, str(path))
    assert code in (0, 1) and err == ""
    assert len(out) < 10_000
    if command == ("parse", "--json"):
        assert json.loads(out)["categories"][0]["entries"][0]["title"] == "Adam"


def test_the_fuzz_target_runs_without_atheris() -> None:
    """The documented ``--self-test`` keeps fuzz/fuzz_parse.py working between fuzzing campaigns."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_parse.py"), "--self-test"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("self-test: ") and result.stdout.endswith(" inputs, every check held\n")


@pytest.mark.parametrize("kind", ["named pipe", "device"])
@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_a_named_pipe_or_device_on_the_command_line_is_refused_at_once(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    """Reading a FIFO without a writer blocked forever; /dev/zero filled memory (5.3 GB in 8 s)."""
    if kind == "named pipe":
        name = str(tmp_path / "pipe.md")
        os.mkfifo(name)
    else:
        name = "/dev/zero"
    done = subprocess.run([*MDJOURNAL, *command, name], capture_output=True, text=True, timeout=60)
    message = one_line_error(done.returncode, done.stdout if command == ("parse",) else "", done.stderr)
    assert message == (
        f"{name}: is a {kind}, not a regular file, so mdjournal does not read it "
        f"(to check what it holds, give it on standard input: mdjournal lint - < {name})"
    )


def test_a_post_past_the_size_limit_is_refused(tmp_path: Path) -> None:
    limit = {files.MAX_FILE_SIZE_VARIABLE: "1K"}
    at_limit = post("at.md", CLEAN.encode().ljust(1024, b"\n"))(tmp_path)
    past = post("past.md", CLEAN.encode().ljust(1025, b"\n"))(tmp_path)
    assert run("lint", str(at_limit), env=limit)[0] == 0
    refused = "larger than mdjournal's limit of 1,024 bytes, so it is not read (set MDJOURNAL_MAX_FILE_SIZE, e.g. to 500M, to allow more)"
    for command in COMMANDS:
        code, out, err = run(*command, str(past), env=limit)
        assert one_line_error(code, "", err) == f"{past}: {refused}"
    code, out, err = run("fmt", "--fix", "-", input=past.read_bytes(), env=limit)
    assert one_line_error(code, out, err) == f"<stdin>: {refused}"
    assert run("lint", str(past), env={files.MAX_FILE_SIZE_VARIABLE: "2k"})[0] == 0


def test_a_bad_size_limit_is_an_error(tmp_path: Path) -> None:
    path = post("post.md", CLEAN.encode())(tmp_path)
    for command in COMMANDS:  # once, however many posts
        paths = [str(path)] if command == ("parse",) else [str(path), str(tmp_path)]
        code, out, err = run(*command, *paths, env={files.MAX_FILE_SIZE_VARIABLE: "lots"})
        assert one_line_error(code, out, err) == (
            "MDJOURNAL_MAX_FILE_SIZE='lots': not a size (a number of bytes, or with K, M or G)"
        )


def crashing(original: Callable[..., object], error: Exception) -> Callable[..., object]:
    """``original``, raising ``error`` on a post that says "Crash"."""

    def raising(text: str, *args: object, **kwargs: object) -> object:
        if "Crash" in text:
            raise error
        return original(text, *args, **kwargs)

    return raising


BUG = "internal error (RuntimeError: boom). Please report it; MDJOURNAL_TRACEBACK=1 shows where it happened"


@pytest.mark.parametrize("error", [RuntimeError("boom"), MemoryError()], ids=["bug", "memory"])
@pytest.mark.parametrize("command", [("lint",), ("fmt", "--fix")], ids=["lint", "fmt-fix"])
def test_an_unexpected_error_is_one_line_naming_the_file_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], error: Exception
) -> None:
    """Not a traceback and exit 1 ("problems found"): the other posts are still worked on."""
    good = post("good.md", CLEAN.replace("(2014)", "(2014) ").encode())(tmp_path)
    bad = post("bad.md", CLEAN.replace("Good", "Crash").encode())(tmp_path)
    module, name = (lint_cli, "lint_text") if command == ("lint",) else (fmt_cli, "fix_text")
    monkeypatch.setattr(module, name, crashing(getattr(module, name), error))
    code, out, err = run(*command, "-j", "1", str(bad), str(good))
    assert code == 2
    what = "out of memory while working on it" if isinstance(error, MemoryError) else BUG
    assert err == f"mdjournal: error: {bad}: {what}\n"
    if command == ("lint",):
        assert out.startswith(f"{good}:8:52: MJ009")
    else:
        assert good.read_text(encoding="utf-8") == CLEAN
        assert bad.read_text(encoding="utf-8") == CLEAN.replace("Good", "Crash")


@pytest.mark.parametrize("command", [("stats",), ("export", "--to", "csv")], ids=["stats", "export"])
def test_stats_and_export_report_a_post_they_fail_on_and_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """They stopped at the first post the parser failed on, and said nothing of the others."""
    good = post("good.md", CLEAN.encode())(tmp_path)
    bad = post("bad.md", CLEAN.replace("Good", "Crash").encode())(tmp_path)
    monkeypatch.setattr(journal, "parse", crashing(journal.parse, RuntimeError("boom")))
    code, out, err = run(*command, str(bad), str(good))
    assert code == 2
    assert err == f"mdjournal: error: {bad}: {BUG}\n"
    assert str(good) in out and str(bad) not in out


def test_parse_and_the_output_fail_in_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = post("bad.md", CLEAN.replace("Good", "Crash").encode())(tmp_path)
    monkeypatch.setattr(journal, "parse", crashing(journal.parse, RuntimeError("boom")))
    assert one_line_error(*run("parse", str(bad))) == f"{bad}: {BUG}"
    monkeypatch.undo()

    def whole(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(json_array, "whole", whole)  # the json format's module
    assert one_line_error(*run("lint", "--output-format", "json", str(bad))) == BUG


def test_a_traceback_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = post("bad.md", CLEAN.replace("Good", "Crash").encode())(tmp_path)
    monkeypatch.setattr(lint_cli, "lint_text", crashing(lint_cli.lint_text, RuntimeError("boom")))
    code, _, err = run("lint", str(bad), env={"MDJOURNAL_TRACEBACK": "1"})
    assert code == 2
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith(f"RuntimeError: boom\nmdjournal: error: {bad}: {BUG}\n")


@pytest.mark.slow
def test_running_out_of_memory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Under a memory limit a big post died with a MemoryError traceback and exit 1 ("problems found")."""
    import resource

    unit = "- ✔️ [Paper](https://example.org/p) (2017)\n\nNotes on it.\n\n"
    path = post("big.md", (CLEAN + unit * 300_000).encode())(tmp_path)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (300 << 20, 300 << 20))

    done = subprocess.run(
        [*MDJOURNAL, "lint", str(path)], capture_output=True, text=True, preexec_fn=limit_memory, timeout=120
    )
    assert one_line_error(done.returncode, "", done.stderr) == f"{path}: out of memory while working on it"


@pytest.mark.parametrize(
    "output_format", ["text", "concise", "full", "json", "json-lines", "github", "gitlab", "junit", "sarif"]
)
def test_a_file_name_that_is_not_utf_8_is_carried_by_every_format(tmp_path: Path, output_format: str) -> None:
    """``bad\\xff.md`` (Python holds the byte as U+DCFF) crashed SARIF with a UnicodeEncodeError."""
    path = post("bad\udcff.md", CLEAN.replace("(2014)", "(2014) ").encode())(tmp_path)
    code, out, err = run("lint", "--output-format", output_format, str(path))
    assert (code, err) == (1, "")
    shown = {
        "text": lambda: out.splitlines()[0].split(":")[0],
        "concise": lambda: out.splitlines()[0].split(":")[0],
        "full": lambda: out.splitlines()[0].split(":")[0],
        "json": lambda: json.loads(out)[0]["path"],  # JSON's own escape, "\udcff": the exact name back
        "json-lines": lambda: json.loads(out.splitlines()[0])["path"],
        "gitlab": lambda: json.loads(out)[0]["location"]["path"],
        "junit": lambda: out.split('<testsuite name="')[1].split('"')[0],
        "github": lambda: out.split("file=")[1].split(",")[0],
        "sarif": lambda: json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"
        ]["uri"],
    }[output_format]()
    exact = str(path)
    expected = {
        "json": exact,
        "json-lines": exact,
        "gitlab": exact,
        "sarif": f"{tmp_path.relative_to('/')}/bad%FF.md",
    }
    assert shown.lstrip("/") == expected.get(output_format, f"{tmp_path}/bad\\xff.md").lstrip("/")
    # a post with a finding, so that the name is printed (an empty post is not a journal: no finding)
    code, out, err = run(
        "lint",
        "--output-format",
        output_format,
        "--stdin-filename",
        "x\udcff.md",
        "-",
        input=path.read_bytes(),
    )
    assert code == 1 and "Traceback" not in err
    for command in COMMANDS:
        code, _, err = run(*command, str(path))
        assert code in (0, 1) and "Traceback" not in err
