"""Jekyll front matter: where it is, and what its YAML says.

Jekyll only takes front matter that opens on the very first line with ``---`` and
closes with ``---`` (or ``...``); anything else is ordinary Markdown, so the same
test decides here. PyYAML is the parser: hand-written YAML is a bug farm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from mdjournal.text.source import Source

_OPEN = re.compile(r"---[ \t]*\Z")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*\Z")


def opens_front_matter(source: Source) -> bool:
    """Whether the first line is ``---``, as front matter must start (closed or not)."""
    return source.line_count > 0 and bool(_OPEN.match(source.line_text(1)))


def front_matter_lines(source: Source) -> tuple[int, int] | None:
    """1-based (first, last) lines of the front matter, or None if there is none."""
    if not opens_front_matter(source):
        return None
    return next(
        ((1, number) for number in range(2, source.line_count + 1) if _CLOSE.match(source.line_text(number))),
        None,
    )


@lru_cache(maxsize=1)
def _loader() -> type:
    """PyYAML's safe loader (the C one when there is one), with dates left as text,
    noting the keys a mapping repeats.

    PyYAML turns ``2024-02-30`` into a ``ValueError`` and ``2025-06-16`` into a
    ``datetime.date``; Jekyll has its own date rules. Keeping dates as written lets
    MJ012 judge them by Jekyll's rules and report, instead of crashing. A repeated
    key (``title:`` twice) is no YAML error for PyYAML or for Jekyll, which both keep
    the last value silently; yamllint reports it, and so does MJ012.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self: Any, node: Any, deep: bool = False) -> Any:
        first_lines: dict[str, int] = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                line = key.start_mark.line + 1
                if key.value in first_lines:
                    self.duplicates.append(Duplicate(key.value, first_lines[key.value], line))
                first_lines.setdefault(key.value, line)
        return base.construct_mapping(self, node, deep)

    return type(
        "JekyllLoader",
        (base,),
        {"yaml_implicit_resolvers": resolvers, "construct_mapping": construct_mapping},
    )


class Duplicate(NamedTuple):
    """A key a mapping of the front matter repeats: the key, and the 1-based lines
    (within the YAML) where it is first written and written again."""

    key: str
    first: int
    line: int


class Loaded(NamedTuple):
    """What :func:`load_yaml` makes of a front-matter body."""

    data: Mapping[str, Any] | None
    """The mapping, or None when the YAML is invalid or not a mapping."""
    error: str | None = None
    """Why there is no mapping."""
    error_line: int | None = None
    """The 1-based line of the error within the YAML, when it has one."""
    duplicates: tuple[Duplicate, ...] = ()
    """The keys written twice in one mapping."""


def load_yaml(text: str) -> Loaded:
    """What a front-matter body says.

    An empty body is an empty mapping. A body that parses to something other than a
    mapping is reported as an error, since Jekyll would ignore it.
    """
    import yaml

    loader = _loader()(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except (ValueError, TypeError, OverflowError) as error:  # a constructor refused a value
        return Loaded(None, str(error))
    except yaml.YAMLError as error:
        # "while scanning a quoted scalar ... found unexpected end of stream": the
        # context mark is where the trouble started, which is where to look.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        words = [getattr(error, "context", None), getattr(error, "problem", None)]
        message = ": ".join(word for word in words if word) or str(error)
        return Loaded(None, message, (mark.line + 1) if mark is not None else None)
    finally:
        loader.dispose()
    duplicates = tuple(loader.duplicates)
    if data is None:
        return Loaded({}, duplicates=duplicates)
    if not isinstance(data, Mapping):
        return Loaded(None, f"front matter is a YAML {type(data).__name__}, not a mapping", 1)
    if not _within_bounds(data, len(text) + _MAX_EXPANSION):
        return Loaded(
            None,
            f"front matter nests deeper than {_MAX_DEPTH} levels or its YAML aliases expand it "
            f"to more than {_MAX_VALUES:,} values or {_MAX_EXPANSION:,} characters beyond "
            "what is written; mdjournal does not read it",
        )
    return Loaded(data, duplicates=duplicates)


#: Limits on what front matter may expand to. Real front matter is a few flat keys;
#: YAML aliases can make a few hundred bytes stand for billions of values or for a
#: value that contains itself, which anything walking the data would never finish,
#: and a few references to a long value stand for gigabytes of text (a 200 KB value
#: referenced 9,000 times took 3.5 GB to print as JSON).
_MAX_DEPTH = 50
_MAX_VALUES = 10_000
_MAX_EXPANSION = 1024 * 1024  # characters of text the aliases may add to what is written


def _within_bounds(data: Any, max_text: int) -> bool:
    """Whether ``data``, with every alias expanded, stays within the limits (``max_text``: characters of text)."""
    stack = [(data, 1)]
    values = text = 0
    while stack:
        value, depth = stack.pop()
        values += 1
        if isinstance(value, str):
            text += len(value)
        if values > _MAX_VALUES or depth > _MAX_DEPTH or text > max_text:
            return False
        if isinstance(value, Mapping):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, (list, tuple, set)):
            stack.extend((item, depth + 1) for item in value)
    return True
