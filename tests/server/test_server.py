"""``mdjournal server`` driven over stdio by a real LSP client (pytest-lsp).

One server process per client fixture for the whole module (starting one costs
about as much as all the requests here together): one client negotiates UTF-16,
the other UTF-8. Each test opens its own document, so the tests do not depend
on each other's order.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from mdjournal.linting.linter import lint_text
from tests.conftest import FIXED, JOURNAL, read

pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "mdjournal", "server"])
_names = itertools.count()

#: A finding (MJ001, the mojibake check mark) after 🚧 (1 code point, 2 UTF-16 units,
#: 4 UTF-8 bytes) and ✔️ (2 code points, 2 UTF-16 units, 6 UTF-8 bytes) on one line.
MOJIBAKE = "✔️".encode().decode("mac_roman")  # ‚úîÔ∏è
EMOJI_POST = f"---\ntitle: t\ndate: 2025-01-01\n---\n\n🚧 read ✔️ then {MOJIBAKE} x\n"
EMOJI_PREFIX = "🚧 read ✔️ then "


REGISTERED: list[types.Registration] = []


async def _start(client: LanguageClient, encoding: str) -> AsyncIterator[None]:
    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.extend(params.registrations)

    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[encoding]),
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=["quickfix", "refactor", "source"]
                    )
                ),
                is_preferred_support=True,
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]),
                data_support=True,
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, code_description_support=True
            ),
        ),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
        ),
    )
    result = await client.initialize_session(
        types.InitializeParams(capabilities=capabilities, initialization_options={"debounceMs": 10})
    )
    assert result.capabilities.position_encoding == encoding
    yield
    await client.shutdown_session()
    assert client._server is not None and client._server.returncode == 0  # exited cleanly


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    async for _ in _start(lsp_client, types.PositionEncodingKind.Utf16):
        yield


@pytest_lsp.fixture(config=SERVER, scope="module")
async def utf8_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    async for _ in _start(lsp_client, types.PositionEncodingKind.Utf8):
        yield


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder without a config file, for the documents' paths."""
    return tmp_path_factory.mktemp("journal")


async def _open(client: LanguageClient, folder: Path, text: str, name: str = "") -> str:
    """Open ``text`` as a new document and wait for its diagnostics; its URI."""
    path = folder / (name or f"post{next(_names)}.md")
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    uri = path.as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    await _published(
        client, uri, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    )
    return uri


async def _published(
    client: LanguageClient, uri: str, send: Callable[[], None]
) -> Sequence[types.Diagnostic]:
    """The diagnostics of ``uri`` that the server publishes after ``send()``.

    The client keeps each publication as a new list: waiting for a new one is
    immune to several arriving at once, as waiting for the next notification is not.
    """
    before = client.diagnostics.get(uri)
    send()
    for _ in range(2000):
        if client.diagnostics.get(uri) is not before:
            return client.diagnostics[uri]
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no diagnostics published for {uri}")


def _lines(text: str) -> list[str]:
    """The lines as LSP counts them (CRLF, CR and LF break lines; U+2028 and the like do not)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP edits (all in the original text's UTF-16 positions) as an editor would."""
    lines = _lines(text)
    starts = list(itertools.accumulate((len(line) for line in lines), initial=0))

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2]
        return starts[position.line] + len(units.decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def _edits(action: types.CodeAction, uri: str) -> Sequence[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return action.edit.changes[uri]


async def test_the_sample_posts_diagnostics_are_lints_with_utf16_ranges(
    client: LanguageClient, folder: Path
) -> None:
    text = read(JOURNAL)
    uri = await _open(client, folder, text)
    diagnostics = client.diagnostics[uri]
    findings = lint_text(text)[1]
    assert len(diagnostics) == len(findings) == 53
    lines = _lines(text)
    for diagnostic, finding in zip(diagnostics, findings, strict=True):
        assert (diagnostic.code, diagnostic.message, diagnostic.source) == (
            finding.code,
            finding.message,
            "mdjournal",
        )
        line = lines[finding.span.line - 1]
        assert diagnostic.range.start == types.Position(
            finding.span.line - 1, _utf16(line[: finding.span.column - 1])
        )
        assert diagnostic.code_description is not None
        assert diagnostic.code_description.href.endswith(f"rules.md#{finding.code.lower()}")
        assert diagnostic.severity == {"error": 1, "warning": 2, "info": 3}[finding.severity.value]
    # the first finding is the mojibake 🚧 on line 8, column 1; the second follows it and two more characters
    assert diagnostics[1].range.start.line == 7 and diagnostics[1].range.start.character > 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
async def test_a_finding_after_astral_and_combined_characters_lands_in_the_negotiated_encoding(
    client: LanguageClient, utf8_client: LanguageClient, folder: Path, encoding: str
) -> None:
    used = client if encoding == "utf-16" else utf8_client
    uri = await _open(used, folder, EMOJI_POST)
    (diagnostic,) = [d for d in used.diagnostics[uri] if d.code == "MJ001"]
    units = len(EMOJI_PREFIX.encode(f"{encoding}-le" if encoding == "utf-16" else encoding))
    expected = units // 2 if encoding == "utf-16" else units
    assert diagnostic.range.start == types.Position(5, expected)
    assert expected == (16 if encoding == "utf-16" else 22) != len(EMOJI_PREFIX) == 15
    # an incremental change placed after them is applied where the client means it
    change = types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangePartial(range=diagnostic.range, text="✔️")],
    )
    assert [d.code for d in await _published(used, uri, lambda: used.text_document_did_change(change))] == []


async def test_a_quick_fix_inserts_the_missing_year(client: LanguageClient, folder: Path) -> None:
    text = read(JOURNAL)
    uri = await _open(client, folder, text)
    missing = next(d for d in client.diagnostics[uri] if d.code == "MJ002" and "2108.12409" in d.message)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            missing.range,
            types.CodeActionContext(diagnostics=[missing], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert actions is not None
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Fix MJ002"))
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    (edit,) = _edits(fix, uri)
    assert edit.new_text == " (2021)" and edit.range.start == edit.range.end == missing.range.end
    ignore = next(
        a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Ignore MJ002")
    )
    fixed = _apply(text, _edits(ignore, uri))
    assert "<!-- mdjournal-disable-line MJ002 -->" in fixed
    assert len(lint_text(fixed)[1]) == 52


async def test_an_unsafe_fix_is_offered_labelled_and_never_preferred(
    client: LanguageClient, folder: Path
) -> None:
    text = read(JOURNAL)
    uri = await _open(client, folder, text)
    stale = next(d for d in client.diagnostics[uri] if d.code == "MJ004")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), stale.range, types.CodeActionContext([stale])
        )
    )
    assert actions is not None
    (fix,) = [a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Fix MJ004")]
    assert fix.title.endswith("(unsafe fix)") and not fix.is_preferred


async def test_formatting_and_fix_all_give_fmt_fix_as_small_edits(
    client: LanguageClient, folder: Path
) -> None:
    text = read(JOURNAL)
    uri = await _open(client, folder, text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(types.TextDocumentIdentifier(uri), types.FormattingOptions(4, True))
    )
    assert edits is not None
    assert _apply(text, edits) == read(FIXED)
    assert len(edits) > 30 and all(len(edit.new_text) < 30 for edit in edits)  # not one whole-text edit
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext([], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert actions is not None
    (fix_all,) = actions
    assert isinstance(fix_all, types.CodeAction) and fix_all.kind == "source.fixAll.mdjournal"
    assert _apply(text, _edits(fix_all, uri)) == read(FIXED)
    # asked for every action (a lightbulb), "fix all" comes without its edit, made when chosen
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext([]),
        )
    )
    (lazy,) = [
        a for a in actions or [] if isinstance(a, types.CodeAction) and a.kind == "source.fixAll.mdjournal"
    ]
    assert lazy.edit is None
    resolved = await client.code_action_resolve_async(lazy)
    assert _apply(text, _edits(resolved, uri)) == read(FIXED)


async def test_the_outline_holds_the_categories_and_their_entries(
    client: LanguageClient, folder: Path
) -> None:
    uri = await _open(client, folder, read(JOURNAL))
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert symbols is not None
    categories = [s for s in symbols if isinstance(s, types.DocumentSymbol)]
    assert len(categories) == 12
    assert sum(len(c.children or []) for c in categories) == 42
    first = categories[0]
    assert first.name == "Fundamentals" and first.children is not None
    assert first.children[0].name == "Neural Networks and Deep Learning"
    assert first.children[0].detail == "2015 · read"
    folds = await client.text_document_folding_range_async(
        types.FoldingRangeParams(types.TextDocumentIdentifier(uri))
    )
    assert folds is not None and len(folds) == 12 and folds[0].start_line == 11


async def test_hover_on_an_entry_says_what_mdjournal_reads(client: LanguageClient, folder: Path) -> None:
    text = read(JOURNAL)
    uri = await _open(client, folder, text)
    line = next(i for i, row in enumerate(text.splitlines()) if "Attention Is All You Need" in row)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, 10))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    value = hover.contents.value
    assert "arXiv id `1706.03762`, which says 2017" in value
    assert "- read" in value and "TO READ" in value


async def test_journal_actions_mark_read_and_unread_and_fill_in_the_year(
    client: LanguageClient, folder: Path
) -> None:
    text = (
        "---\ntitle: t\n---\n\n## Papers\n\n- [Train Short](https://arxiv.org/abs/2108.12409)\n\n*TO READ* later\n\n"
        "- ✔️ [Read](https://arxiv.org/abs/1706.03762) (2017)\n\nGood.\n"
    )
    uri = await _open(client, folder, text)

    async def titled(line: int) -> dict[str, types.CodeAction]:
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                types.Range(types.Position(line, 4), types.Position(line, 4)),
                types.CodeActionContext([], only=[types.CodeActionKind.Refactor]),
            )
        )
        return {a.title: a for a in actions or [] if isinstance(a, types.CodeAction)}

    unread = await titled(6)
    read_text = _apply(text, _edits(unread["Mark as read"], uri))
    assert "- ✔️ [Train Short](https://arxiv.org/abs/2108.12409)\n\nlater\n" in read_text
    year = _apply(text, _edits(unread["Fill in the year 2021 from the arXiv id 2108.12409"], uri))
    assert "(https://arxiv.org/abs/2108.12409) (2021)\n" in year
    unread_text = _apply(text, _edits((await titled(10))["Mark as unread"], uri))
    assert "- [Read](https://arxiv.org/abs/1706.03762) (2017)\n\n*TO READ* Good.\n" in unread_text
    # a blurb two unread entries share keeps its marker when one of them is read
    shared = "---\ntitle: t\n---\n\n## Papers\n\n- [A](https://a.org)\n- [B](https://b.org)\n\n*TO READ*\n"
    uri = await _open(client, folder, shared)
    one_read = _apply(shared, _edits((await titled(6))["Mark as read"], uri))
    assert one_read == shared.replace("- [A]", "- ✔️ [A]")


async def test_diagnostics_follow_changes(client: LanguageClient, folder: Path) -> None:
    text = read(JOURNAL)
    uri = await _open(client, folder, text)
    missing = next(d for d in client.diagnostics[uri] if d.code == "MJ002" and "2108.12409" in d.message)
    at = missing.range.end
    change = types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangePartial(range=types.Range(at, at), text=" (2021)")],
    )
    after = await _published(client, uri, lambda: client.text_document_did_change(change))
    assert len(after) == 52 and all("2108.12409" not in d.message for d in after)
    change = types.DidChangeTextDocumentParams(  # a whole-text change, then an incremental one on top
        types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        [
            types.TextDocumentContentChangeWholeDocument(text=read(FIXED)),
            types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)), text=""
            ),
        ],
    )
    after = await _published(client, uri, lambda: client.text_document_did_change(change))
    assert len(after) == len(lint_text(read(FIXED))[1])
    close = types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    assert not await _published(client, uri, lambda: client.text_document_did_close(close))  # list cleared


async def test_a_config_file_change_is_read_again(client: LanguageClient, tmp_path: Path) -> None:
    for _ in range(100):  # the server asks for it after the handshake, in its own time
        if REGISTERED:
            break
        await asyncio.sleep(0.05)
    (registration,) = [r for r in REGISTERED if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES][:1]
    assert "**/.mdjournal.toml" in str(registration.register_options)
    uri = await _open(client, tmp_path, read(JOURNAL))
    assert any(d.code == "MJ002" for d in client.diagnostics[uri])
    config = tmp_path / ".mdjournal.toml"
    config.write_text('ignore = ["MJ002"]\n', encoding="utf-8")
    changed = types.DidChangeWatchedFilesParams(
        [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]
    )
    after = await _published(client, uri, lambda: client.workspace_did_change_watched_files(changed))
    assert not any(d.code == "MJ002" for d in after)
    config.write_text('select = ["MJ999"]\n', encoding="utf-8")  # a config lint refuses
    assert not await _published(client, uri, lambda: client.workspace_did_change_watched_files(changed))
    assert any("unknown rule 'MJ999'" in m.message for m in client.messages)
    config.write_text('ignore = ["MJ001"]\n', encoding="utf-8")  # saved in the editor: read again too
    saved = types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
    after = await _published(client, uri, lambda: client.text_document_did_save(saved))
    assert {d.code for d in after} >= {"MJ002"} and "MJ001" not in {d.code for d in after}


async def test_a_file_the_config_excludes_gets_no_diagnostics_but_an_outline(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".mdjournal.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    uri = await _open(client, tmp_path / "drafts", read(JOURNAL))
    assert not client.diagnostics[uri]
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert symbols is not None and len(symbols) == 12


async def test_bad_requests_are_logged_never_fatal(client: LanguageClient, folder: Path) -> None:
    unknown = (folder / "never-opened.md").as_uri()
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(unknown))
    )
    assert not symbols
    assert any("never-opened.md is not open" in m.message for m in client.log_messages)
    uri = await _open(client, folder, read(JOURNAL))
    far = types.Position(10**6, 10**6)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), far))
    assert hover is None
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(far, types.Position(0, 0)),
            types.CodeActionContext([]),
        )
    )
    assert actions is not None
    # text that no file would hold: NULs, a lone surrogate, no front matter
    uri = await _open(client, folder, "\x00\ud800 - ✔️ [x](y\n## \x00\n")
    # no journal (no read mark, no marker): what lint gives it, which is nothing
    assert [d.code for d in client.diagnostics[uri]] == []
    big = "".join(f"- ✔️ [P{i}](https://arxiv.org/abs/2108.{i:05d})\n\n" for i in range(2000))
    uri = await _open(client, folder, "---\ntitle: t\n---\n\n## C\n\n" + big)
    assert len(client.diagnostics[uri]) >= 2000
