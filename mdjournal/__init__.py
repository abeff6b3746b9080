"""mdjournal: a lossless parser, linter and fixer for Jekyll reading-list posts.

The public API is small: :func:`parse` and :func:`parse_file` give a
:class:`Journal`; ``journal.render()`` gives back the exact text.

Names are imported on first use (PEP 562), so ``mdjournal --version`` and the other
commands' start-up do not pay for the model and parser they may not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Block": "model",
    "Blurb": "model",
    "Category": "model",
    "Entry": "model",
    "FrontMatter": "model",
    "Heading": "model",
    "Item": "model",
    "Journal": "model",
    "Link": "model",
    "Text": "model",
    "JournalError": "files",
    "parse": "parser",
    "parse_file": "parser",
    "Span": "source",
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
    from .files import JournalError
    from .model import Block, Blurb, Category, Entry, FrontMatter, Heading, Item, Journal, Link, Text
    from .parser import parse, parse_file
    from .source import Span


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mdjournal' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
