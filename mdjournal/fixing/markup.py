"""The fixer's last safety net for what the reader sees: no fix may lose markup.

A fix that deletes text could take a link, an image, a code span, emphasis or
inline HTML with it (a stale ``*TO READ*`` marker is the one emphasis a fix may drop,
and an HTML comment, which no reader sees, is not markup here), or leave a bracket or backtick unbalanced (an unsafe year
rewrite over `` `Airbnb` `2016` `` once did). :func:`loses_markup` compares the
inline structure of the lines a fix touches, before and after, as markdown-it
reads them. Most fixes delete no character that could be markup, and skip the
parse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import zip_longest
from typing import TYPE_CHECKING

from mdjournal.model.status_markers import is_marker_phrase
from mdjournal.text.edit import Edit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: Characters whose deletion could lose markup; a fix that deletes none is safe here.
_MAY_BE_MARKUP = re.compile(r"[\[\]()`<>*_!\\]|://")
#: The inline tokens a fix must keep, as many of each as there were.
_KEPT = frozenset(
    {"link_open", "image", "code_inline", "html_inline", "em_open", "strong_open", "s_open", "text_special"}
)


@lru_cache(maxsize=1)
def _inline() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("strikethrough")


def loses_markup(text: str, edits: Sequence[Edit]) -> bool:
    """Whether applying ``edits`` (sorted, not overlapping) to ``text`` would lose a
    link, image, code span, emphasis or inline HTML on the lines they touch."""
    if not any(_MAY_BE_MARKUP.search(text, edit.start, edit.end) for edit in edits):
        return False
    edits = sorted(edits, key=lambda edit: edit.start)
    start = text.rfind("\n", 0, edits[0].start) + 1
    end = text.find("\n", edits[-1].end)
    end = len(text) if end < 0 else end
    after, pos = [], start
    for edit in edits:
        after += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    after.append(text[pos:end])
    return _markup(text[start:end]) != _markup("".join(after))


def _markup(lines: str) -> Counter[str]:
    """How many of each kept token the lines hold. Emphasis around a status marker
    (``*TO READ*``) is not counted: dropping a stale marker is MJ004's fix; nor is an
    HTML comment, which no reader sees (dropping an unused suppression is MJ101's)."""
    tokens = _inline().parseInline(lines)
    children = tokens[0].children or [] if tokens else []
    return Counter(
        token.type
        for token, following in zip_longest(children, children[1:])
        if token.type in _KEPT
        and not (token.type == "html_inline" and token.content.startswith("<!--"))
        and not (
            token.type in ("em_open", "strong_open")
            and following is not None
            and following.type == "text"
            and is_marker_phrase(following.content)
        )
    )
