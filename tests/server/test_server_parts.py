"""The server's parts that need no client: positions, merged edits, small edits, lazy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from mdjournal.fixing.fixer import apply_edits
from mdjournal.model.status_markers import DEFAULT_TO_READ
from mdjournal.parsing.incremental import JournalParse
from mdjournal.server.documents import Documents, merged
from mdjournal.server.positions import UTF8, UTF16, UTF32, Positions
from mdjournal.text.edit import Edit, edits_between
from mdjournal.text.source import Source
from tests.conftest import JOURNAL

TEXTS = st.text(alphabet="ab \n\r🚧✔\ufe0f\u2028", max_size=25)


@st.composite
def edit_of(draw: st.DrawFn, text: str) -> Edit:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Edit(start, end, draw(TEXTS))


@given(st.data())
def test_two_edits_merge_into_one_of_the_original_text(data: st.DataObject) -> None:
    original = data.draw(TEXTS)
    first = data.draw(edit_of(original))
    middle = apply_edits(original, [first])
    then = data.draw(edit_of(middle))
    final = apply_edits(middle, [then])
    assert apply_edits(original, [merged(first, then, final)]) == final


@given(TEXTS, TEXTS)
def test_small_edits_make_the_new_text(old: str, new: str) -> None:
    assert apply_edits(old, edits_between(old, new)) == new


def test_small_edits_change_only_what_differs() -> None:
    assert edits_between("- ‚úîÔ∏è [A](u)\n", "- ✔️ [A](u) (2021)\n") == [
        Edit(2, 8, "✔️"),
        Edit(15, 15, " (2021)"),
    ]
    assert edits_between("same\n", "same\n") == []


@pytest.mark.parametrize(("encoding", "character", "bom"), [(UTF16, 16, 1), (UTF8, 22, 3), (UTF32, 15, 1)])
def test_positions_count_the_negotiated_code_units(encoding: str, character: int, bom: int) -> None:
    text = "\ufeffline\r\n🚧 read ✔️ then X\rlast\n"
    positions = Positions(Source(text), encoding)
    x = text.index("X")
    assert positions.position(x) == types.Position(1, character)
    assert positions.offset(types.Position(1, character)) == x
    assert positions.position(0) == types.Position(0, 0)  # the BOM is a character of line 0
    assert positions.position(1) == types.Position(0, bom)
    assert positions.offset(types.Position(1, 999)) == text.index("\rlast")  # past a line's end: its end
    assert positions.position(len(text)) == types.Position(3, 0)  # the empty line after the last break
    assert positions.offset(types.Position(9, 0)) == len(text)


def test_a_line_separator_is_not_a_line_break_for_lsp() -> None:
    text = "a\u2028b\nc"
    assert Positions(Source(text)).position(text.index("c")) == types.Position(1, 0)


def test_lint_does_not_import_the_server_libraries() -> None:
    script = (
        "import sys\n"
        "from mdjournal.cli.main import main\n"
        "try:\n"
        f"    main(['lint', {str(JOURNAL)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"
    assert "MJ002" in result.stdout  # the lint did run


def test_malformed_messages_are_logged_and_the_server_goes_on() -> None:
    """What no LSP client library sends: bytes that are not JSON, params of the wrong
    shape, a body that is not UTF-8. Each is logged; the next request is answered."""

    def message(body: bytes) -> bytes:
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    requests = [
        b"{not json",
        b'{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"x":1}}',
        b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"text":"\xff\xfe"}}',
        b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}',
        b'{"jsonrpc":"2.0","id":2,"method":"shutdown"}',
        b'{"jsonrpc":"2.0","method":"exit"}',
    ]
    result = subprocess.run(
        [sys.executable, "-m", "mdjournal", "server"],
        input=b"".join(message(body) for body in requests),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert out.count('"method": "window/logMessage"') == 3
    assert '"id": 1' in out and '"positionEncoding": "utf-16"' in out and '"id": 2' in out


def test_without_the_server_extra_the_command_says_what_to_install() -> None:
    script = (
        "import sys\nsys.modules['pygls'] = None\nfrom mdjournal.cli.main import main\nmain(['server'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("pip install 'mdjournal[server]'")
    assert "Traceback" not in result.stderr


def test_a_line_feed_typed_at_the_start_of_the_body_after_a_cr_front_matter() -> None:
    """The document's journal after each change is a whole parse of its text, here
    where the update failed (IndexError) and went on failing at every later change,
    so that the document had no diagnostics until it was reopened."""
    text = "---\rtitle: notes\r---\r## A\r- [T](https://example.org) (2017)\r" + "notes\r" * 20
    document = Documents().open("untitled:a", None, 1, text, UTF16)
    document.parsed(2, DEFAULT_TO_READ)
    at = types.Position(3, 0)
    for version, written in enumerate(["\n", "x"], start=2):
        change = types.TextDocumentContentChangePartial(range=types.Range(at, at), text=written)
        document.changed(version, [change])
        assert document.parsed(2, DEFAULT_TO_READ).journal == JournalParse.of(document.source).journal
