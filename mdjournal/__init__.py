"""mdjournal: a lossless parser, linter and fixer for Jekyll reading-list posts.

The public API is small: :func:`parse` and :func:`parse_file` give a
:class:`Journal`; ``journal.render()`` gives back the exact text.

Names are imported on first use (PEP 562), so ``mdjournal --version`` and the other
commands' start-up do not pay for the model and parser they may not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from mdjournal.version import __version__

_EXPORTS = {
    "Block": "model.nodes",
    "Blurb": "model.nodes",
    "Category": "model.nodes",
    "Entry": "model.nodes",
    "FrontMatter": "model.nodes",
    "Heading": "model.nodes",
    "Item": "model.nodes",
    "Journal": "model.nodes",
    "Link": "model.nodes",
    "Text": "model.nodes",
    "JournalError": "text.files",
    "parse": "parsing.journal",
    "parse_file": "parsing.journal",
    "Span": "text.source",
}

__all__ = [
    "Block",
    "Blurb",
    "Category",
    "Entry",
    "FrontMatter",
    "Heading",
    "Item",
    "Journal",
    "JournalError",
    "Link",
    "Span",
    "Text",
    "__version__",
    "parse",
    "parse_file",
]

if TYPE_CHECKING:
    from mdjournal.model.nodes import (
        Block,
        Blurb,
        Category,
        Entry,
        FrontMatter,
        Heading,
        Item,
        Journal,
        Link,
        Text,
    )
    from mdjournal.parsing.journal import parse, parse_file
    from mdjournal.text.files import JournalError
    from mdjournal.text.source import Span


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mdjournal' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
