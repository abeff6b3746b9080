"""The pygls wiring: which LSP messages the server answers, and with what.

Documents are kept by :mod:`.documents` rather than by pygls' workspace, whose
copy is rebuilt line by line on every keystroke and splits lines where LSP does not
(on U+2028, form feeds...). Diagnostics are published at once when a document
opens and :data:`DEBOUNCE` seconds after the last change, so a burst of typing
costs one lint. Nothing a client sends stops the server: a request that fails is
answered with nothing and the reason goes to ``window/logMessage``.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import traceback
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from cattrs import Converter
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, default_converter, lsp_method
from pygls.uris import to_fs_path

from mdjournal.config.files import CONFIG_NAMES
from mdjournal.config.settings import ConfigError
from mdjournal.server import actions, outline
from mdjournal.server.diagnostics import Linted, Linter, Published, published
from mdjournal.server.documents import Document, Documents
from mdjournal.text.gc_pause import gc_paused
from mdjournal.version import __version__

#: Seconds between the last change and the lint: long enough to coalesce a burst of
#: typing, short enough to feel immediate. ``initializationOptions.debounceMs`` sets it.
DEBOUNCE = 0.1
P = ParamSpec("P")
R = TypeVar("R")


class _Protocol(LanguageServerProtocol):
    """pygls' protocol without its own copy of the documents (see the module's docstring),
    sending diagnostics as the JSON :class:`~mdjournal.server.diagnostics.Published` holds."""

    def get_message_type(self, method: str) -> type[Any] | None:  # type: ignore[override]  # theirs is memoised
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            return None  # not the typed notification: its params are JSON already
        return super().get_message_type(method)

    def _user(self, method: str, params: Any) -> Generator[Any, Any, None]:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)


def converter() -> Converter:
    """lsprotocol's converter, sending :class:`~mdjournal.server.diagnostics.Published` as it is."""
    converter: Converter = default_converter()  # type: ignore[no-untyped-call]
    converter.register_unstructure_hook(Published, lambda params: params.json)
    return converter


class JournalServer(LanguageServer):
    """The open documents, their lints, and the pending debounced lints."""

    def __init__(self) -> None:
        super().__init__("mdjournal", __version__, protocol_cls=_Protocol, converter_factory=converter)
        self.documents = Documents()
        self.linter = Linter()
        self.debounce = DEBOUNCE
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._shown: set[str] = set()  # config errors shown in a pop-up: once each, not every keystroke

    def log(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls' own errors (a message that is not JSON, say) go to the log, not to a pop-up."""
        self.log(f"mdjournal server: {type(error).__name__}: {error}", types.MessageType.Error)

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def linted(self, document: Document) -> Linted | None:
        """The document's lint, or None (and a message) when its config cannot be used."""
        try:
            with _collected_before_frozen_after():
                return self.linter.lint(document)
        except ConfigError as error:
            if str(error) not in self._shown:
                self._shown.add(str(error))
                self.window_show_message(
                    types.ShowMessageParams(types.MessageType.Error, f"mdjournal: {error}")
                )
            self.log(str(error), types.MessageType.Error)
            return None

    def publish(self, uri: str) -> None:
        self._pending.pop(uri, None)
        document = self.documents.get(uri)
        if document is None:
            return
        self.protocol.notify(
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            published(uri, document.version, self.linted(document), document.positions),
        )

    def publish_later(self, uri: str) -> None:
        self.cancel(uri)
        self._pending[uri] = asyncio.get_running_loop().call_later(self.debounce, guarded(self.publish), uri)

    def cancel(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

    def configs_changed(self) -> None:
        self.linter.reload()
        self._shown.clear()
        for document in self.documents:
            self.publish(document.uri)

    def find(self, uri: str) -> tuple[Document, Linted] | None:
        """The open document and its lint; None (logged) for a document never opened."""
        document = self.documents.get(uri)
        if document is None:
            self.log(f"mdjournal server: {uri} is not open; open it first")
            return None
        linted = self.linted(document)
        return (document, linted) if linted is not None else None


@contextmanager
def _collected_before_frozen_after() -> Iterator[None]:
    """Lint without the cycle collector, then keep it off what the lint made.

    A lint makes millions of objects on a big journal, none in a cycle (see
    :mod:`mdjournal.text.gc_pause`), and the server keeps them until the next
    change. Collected as usual, they were walked again and again by every later
    collection: a third of the time from a keystroke to the diagnostics on a
    10,000-entry journal (measured in-process: medians of 4.5 s instead of 6.9 s over
    8 changes, on a 2-CPU machine at load 10). Frozen (:func:`gc.freeze`), they are never walked, and are still
    freed when the next lint replaces them, by reference counting. The young
    garbage of the messages handled since the last lint is collected first, so no
    cycle is frozen with them.
    """
    gc.collect(1)
    with gc_paused():
        yield
    gc.freeze()


def guarded(handler: Callable[P, R]) -> Callable[P, R | None]:
    """Run a handler; a failure is logged and answered with null (every request here
    may be), never a crash."""

    @functools.wraps(handler)
    def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return handler(*args, **kwargs)
        except Exception:
            server.log(f"mdjournal server: {handler.__name__} failed:\n{traceback.format_exc()}")
            return None

    return run


server = JournalServer()


def _is_config(uri: str) -> bool:
    return os.path.basename(to_fs_path(uri) or "") in CONFIG_NAMES


@server.feature(types.INITIALIZE)
@guarded
def initialize(ls: JournalServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
        ls.debounce = max(float(options["debounceMs"]), 0.0) / 1000
    root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
    root_path = to_fs_path(root) if root else None
    if root_path:
        ls.linter.root = root_path


@server.feature(types.INITIALIZED)
@guarded
def initialized(ls: JournalServer, params: types.InitializedParams) -> None:
    """Ask to hear of config files changing, where the client lets servers ask."""
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = types.Registration(
            "mdjournal-configs", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
        )
        ls.client_register_capability(types.RegistrationParams([registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(ls: JournalServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    if _is_config(item.uri):
        return
    ls.documents.open(item.uri, to_fs_path(item.uri), item.version, item.text, ls.encoding)
    ls.publish(item.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded
def did_change(ls: JournalServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return
    document.changed(params.text_document.version, params.content_changes)
    ls.publish_later(document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@guarded
def did_save(ls: JournalServer, params: types.DidSaveTextDocumentParams) -> None:
    if _is_config(params.text_document.uri):
        ls.configs_changed()


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def did_close(ls: JournalServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    ls.documents.close(uri)
    ls.linter.forget(uri)
    ls.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, Published(uri, None, []))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded
def did_change_watched_files(ls: JournalServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(_is_config(change.uri) for change in params.changes):
        ls.configs_changed()


def document_request(
    method: str, options: Any = None
) -> Callable[[Callable[[Document, Linted, Any], R]], Callable[[JournalServer, Any], R | None]]:
    """Register ``answer(document, linted, params)`` for a request about an open document
    (null for one that is not open, or when its config cannot be used)."""

    def register(answer: Callable[[Document, Linted, Any], R]) -> Callable[[JournalServer, Any], R | None]:
        def handle(ls: JournalServer, params: Any) -> R | None:  # pygls passes ``ls`` by this name
            found = ls.find(params.text_document.uri)
            return answer(*found, params) if found is not None else None

        handle.__name__ = answer.__name__  # for the log
        return server.feature(method, options)(guarded(handle))

    return register


@document_request(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=actions.KINDS, resolve_provider=True),
)
def code_action(document: Document, linted: Linted, params: types.CodeActionParams) -> list[types.CodeAction]:
    positions = document.positions
    start, end = positions.offset(params.range.start), positions.offset(params.range.end)
    only = [str(kind) for kind in params.context.only] if params.context.only else None
    asked = server.client_capabilities.text_document
    resolve = asked.code_action.resolve_support if asked and asked.code_action else None
    resolvable = resolve is not None and "edit" in resolve.properties
    return actions.code_actions(document.uri, linted, positions, start, end, only, resolvable)


@server.feature(types.CODE_ACTION_RESOLVE)
@guarded
def resolve_code_action(ls: JournalServer, action: types.CodeAction) -> types.CodeAction:
    """The edit of "fix all", made when it is chosen: the text as it is then, fixed."""
    uri = action.data.get("uri") if isinstance(action.data, dict) else None
    found = ls.find(uri) if isinstance(uri, str) else None
    if found is not None and action.kind == actions.FIX_ALL:
        document, linted = found
        edits = actions.formatting(document.text, linted.config, document.path)
        action.edit = actions.workspace_edit(document.uri, edits, document.positions)
    return action


@document_request(types.TEXT_DOCUMENT_FORMATTING)
def formatting(
    document: Document, linted: Linted, params: types.DocumentFormattingParams
) -> list[types.TextEdit]:
    edits = actions.formatting(document.text, linted.config, document.path)
    return actions.text_edits(edits, document.positions)


@document_request(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(
    document: Document, linted: Linted, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    return outline.symbols(linted.journal, document.positions)


@document_request(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(
    document: Document, linted: Linted, params: types.FoldingRangeParams
) -> list[types.FoldingRange]:
    return outline.folding_ranges(linted.journal, document.positions)


@document_request(types.TEXT_DOCUMENT_HOVER)
def hover(document: Document, linted: Linted, params: types.HoverParams) -> types.Hover | None:
    positions = document.positions
    return outline.hover(linted.journal, positions.offset(params.position), positions)


def run() -> None:
    """Serve over standard input and output until the client says exit."""
    server.start_io()
