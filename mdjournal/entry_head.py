"""Reading one entry's head, ``✔️ [Title](url) (2017)``, with exact offsets.

markdown-it tells us where a list item's paragraph is (block maps) but its inline
tokens carry no positions, so the head is scanned on the raw source with
markdown-it's own link helpers (the same code that decides what a link is) and then
cross-checked against a real inline parse. Where the two disagree (escapes, a code
span or HTML swallowing the brackets, an image), the item is not taken for an entry:
it stays opaque text, and the linter may report it as malformed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .marks import TASK_BOXES, is_read_mark, is_symbol_mark

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_SPACE = " \t"
_LINK_SPACE = " \t\n"

_YEAR = re.compile(
    r"""
    (?P<gap>[ \t]*(?:[,;:\u2013\u2014-][ \t]*)?)
    (?P<text>
        \([ \t]*(?P<paren>\d{4}|\d{2})[ \t]*\)
      | \[[ \t]*(?P<bracket>\d{4})[ \t]*\]
      | (?P<bare>\d{4})
    )
    (?!\w)
    """,
    re.VERBOSE | re.ASCII,
)
_TRAILING_YEAR = re.compile(r"\(\s*\d{4}\s*\)\s*$", re.ASCII)
_NO_LINK_AFTER_MARK = "it has a read mark but no [Title](url) link after it"


@dataclass(frozen=True, slots=True)
class LinkScan:
    """A link found in the head; offsets are relative to the scanned string."""

    start: int
    end: int
    title_start: int
    title_end: int
    url: str
    url_start: int | None
    url_end: int | None
    href: str
    reference: str | None


@dataclass(frozen=True, slots=True)
class HeadScan:
    """Everything the parser needs to build an Entry, relative to the scanned string."""

    mark: str | None
    mark_start: int
    mark_end: int
    read: bool
    mark_after: bool
    link: LinkScan
    year: int | None
    year_text: str | None
    year_start: int
    year_end: int
    year_gap: str
    rest_start: int
    rest_end: int


@dataclass(frozen=True, slots=True)
class NotAnEntry:
    """A list item that is not an entry; ``problem`` says why if it tried to be one."""

    problem: str | None


def scan_head(md: MarkdownIt, text: str, env: dict[str, Any], inline: str) -> HeadScan | NotAnEntry:
    """Scan ``text``, a list item's paragraph from just after its bullet.

    Only the line holding the link's end (and the year after it) is the head; lines
    after it are the blurb's. ``text`` must use ``\\n`` line breaks; ``inline`` is the
    same paragraph as markdown-it's block parse gives it (the inline token's
    content), which is inline-parsed for the cross-check only if a link was found.
    """
    original, text = text, mask_liquid(text)
    first_line = text.split("\n", 1)[0]
    opening = _opening(text, first_line)
    if isinstance(opening, NotAnEntry):
        return opening
    mark, mark_start, mark_end, link_start = opening

    link = _scan_link(md, text, link_start, env)
    if link is None:
        return NotAnEntry(_link_problem(md, text, link_start, env))
    if not _agrees_with_markdown_it(md, text, link, env, inline):
        return NotAnEntry(_NO_LINK_AFTER_MARK if mark is not None and is_read_mark(mark) else None)
    if link.url_start is not None and link.url_end is not None:
        link = replace(link, url=_destination(original[link.url_start : link.url_end]))

    line_end = text.find("\n", link.end)
    line_end = len(text) if line_end < 0 else line_end
    year_match = _YEAR.match(text, link.end, line_end)
    read = mark is not None and is_read_mark(mark)
    if year_match:
        gap = year_match.group("gap")
        year_start, year_end = year_match.start("text"), year_match.end("text")
        digits = year_match.group("paren") or year_match.group("bracket") or year_match.group("bare")
        year = int(digits) if len(digits) == 4 else None
        year_text: str | None = year_match.group("text")
    else:
        gap, year_start, year_end, year, year_text = "", link.end, link.end, None, None

    rest_start = year_end
    rest_end = max(len(text[:line_end].rstrip(_SPACE)), rest_start)
    mark_after = False
    trailer = text[rest_start:rest_end].strip()
    if not read and trailer and is_read_mark(trailer):
        mark, read, mark_after = trailer, True, True
        mark_start = text.index(trailer, rest_start)
        mark_end = mark_start + len(trailer)
    return HeadScan(
        mark=mark,
        mark_start=mark_start,
        mark_end=mark_end,
        read=read,
        mark_after=mark_after,
        link=link,
        year=year,
        year_text=year_text,
        year_start=year_start,
        year_end=year_end,
        year_gap=gap,
        rest_start=rest_start,
        rest_end=rest_end,
    )


def mask_liquid(text: str) -> str:
    """Hide the spaces inside Liquid tags, keeping every offset.

    Jekyll renders Liquid before Markdown, so ``[T]({{ site.url }}/a.pdf)`` is a link
    on the published page even though CommonMark forbids spaces in a destination.
    Spaces inside ``{{ }}`` and ``{% %}`` become no-break spaces for the scan only.
    """
    if "{{" not in text and "{%" not in text:
        return text
    chars = list(text)
    for opener, closer in (("{{", "}}"), ("{%", "%}")):
        pos, end = 0, -1
        while (start := text.find(opener, pos)) >= 0:
            if end < start + 2:  # the next closer, looked for once per stretch of text
                end = text.find(closer, start + 2)
                if end < 0:
                    break
            line_end = text.find("\n", start, end)
            if line_end >= 0:  # a tag does not span lines here
                pos = line_end + 1
                continue
            for index in range(start, end):
                if chars[index] in " \t":
                    chars[index] = "\u00a0"
            pos = end + 2
    return "".join(chars)


def _destination(raw: str) -> str:
    """A link destination as written, without its angle brackets or backslash escapes."""
    from markdown_it.common.utils import unescapeAll

    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return unescapeAll(raw)


def _opening(text: str, first_line: str) -> tuple[str | None, int, int, int] | NotAnEntry:
    """(mark, its start, its end, where the link starts), or why this is no entry.

    The mark is a task box (``[x]``, ``[ ]``), a read mark (``✔️``, damaged or not)
    or a short run of symbols (``🚧``, read as "not read"); words are not a mark. A
    read mark may be followed by such symbols, and by any white space (a line break,
    a no-break space) before the link, as markdown-it allows.
    """
    mark, start, end = None, 0, 0
    box = next((box for box in TASK_BOXES if first_line.startswith(box) and first_line[3:4].isspace()), None)
    if box is not None:
        mark, start, end = box, 0, len(box)
    else:
        bracket = first_line.find("[")
        words = (first_line if bracket < 0 else first_line[:bracket]).split()
        if (words and is_read_mark(words[0])) or (words and len(words) == 1 and is_symbol_mark(words[0])):
            mark = words[0]
        elif words or bracket < 0:
            return NotAnEntry(_failed_attempt(first_line))
        if mark is not None:
            start = first_line.index(mark)
            end = start + len(mark)
    link_start = _skip_space(text, end)
    if text[link_start : link_start + 1] == "[":
        return mark, start, end, link_start
    bracket = text.find("[", link_start)
    between = text[link_start:bracket].strip()
    if mark is not None and bracket > 0 and "\n" not in text[link_start:bracket] and is_symbol_mark(between):
        return mark, start, end, bracket
    return NotAnEntry(
        _NO_LINK_AFTER_MARK if mark is not None and is_read_mark(mark) else _failed_attempt(first_line)
    )


def _skip_space(text: str, pos: int) -> int:
    """Past any white space, line breaks and Unicode spaces included."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _failed_attempt(line: str) -> str | None:
    """Why an item without a usable link still looks like an entry, if it does."""
    if _TRAILING_YEAR.search(line):
        return "it has a year but no [Title](url) link"
    return None


def _link_problem(md: MarkdownIt, text: str, start: int, env: dict[str, Any]) -> str | None:
    """Why the brackets at ``start`` are not a link (only if they start the item)."""
    from markdown_it.rules_inline import StateInline

    state = StateInline(text, md, env, [])
    label_end = md.helpers.parseLinkLabel(state, start, True)
    if label_end < 0:
        return "its link text is never closed with ']'"
    after = text[label_end + 1 : label_end + 2]
    if after == "(":
        dest = md.helpers.parseLinkDestination(text, _skip_space(text, label_end + 2), len(text))
        if dest.ok and not md.validateLink(md.normalizeLink(dest.str)):
            return f"its link '{dest.str}' uses a protocol Markdown does not link (file:, javascript:, vbscript:, data:)"
        return "its link destination is never closed with ')'"
    label = text[start + 1 : label_end]
    if after == "[":
        close = text.find("]", label_end + 1)
        if close > 0:
            label = text[label_end + 2 : close] or label
    return f"the reference [{label}] is not defined"


def _scan_link(md: MarkdownIt, src: str, start: int, env: dict[str, Any]) -> LinkScan | None:
    """Mirror of markdown-it's ``link`` rule that also records where each part is."""
    from markdown_it.common.utils import normalizeReference
    from markdown_it.rules_inline import StateInline

    helpers = md.helpers
    state = StateInline(src, md, env, [])
    maximum = len(src)
    label_end = helpers.parseLinkLabel(state, start, True)
    if label_end < 0:
        return None
    title_start, title_end = start + 1, label_end
    pos = label_end + 1
    if pos < maximum and src[pos] == "(":
        pos = _skip(src, pos + 1, _LINK_SPACE)
        if pos >= maximum:
            return None
        url, url_start, url_end, href = "", pos, pos, ""
        dest = helpers.parseLinkDestination(src, pos, maximum)
        if dest.ok:
            normal = md.normalizeLink(dest.str)
            if md.validateLink(normal):
                url, url_end, href = dest.str, dest.pos, normal
                pos = dest.pos
        spaced = pos
        pos = _skip(src, pos, _LINK_SPACE)
        title = helpers.parseLinkTitle(src, pos, maximum)
        if pos < maximum and spaced != pos and title.ok:
            pos = _skip(src, title.pos, _LINK_SPACE)
        if pos < maximum and src[pos] == ")":
            return LinkScan(start, pos + 1, title_start, title_end, url, url_start, url_end, href, None)
        pos += 1  # not an inline link: markdown-it looks for a reference label from here

    label = ""
    end = label_end + 1
    if pos < maximum and src[pos] == "[":
        ref_end = helpers.parseLinkLabel(state, pos)
        if ref_end >= 0:
            label, end = src[pos + 1 : ref_end], ref_end + 1
    label = label or src[title_start:title_end]
    ref = env.get("references", {}).get(normalizeReference(label))
    if not ref:
        return None
    return LinkScan(start, end, title_start, title_end, ref["href"], None, None, ref["href"], label)


def _agrees_with_markdown_it(
    md: MarkdownIt, src: str, link: LinkScan, env: dict[str, Any], inline: str
) -> bool:
    """Does a real inline parse of the paragraph see the same first link, after the same text?

    The whole paragraph is parsed, since a link can only be judged with what follows
    it; markdown-it's inline parser is called directly, without the per-call set-up
    of ``parseInline``, because this runs once per entry.
    """
    tokens = md.inline.parse(mask_liquid(inline), md, env, [])
    before: list[str] = []
    for token in tokens:
        if token.type == "link_open":
            return token.attrGet("href") == link.href and _same_text(before, src[: link.start])
        if token.type not in ("text", "softbreak"):
            return False
        before.append(token.content)
    return False


def _same_text(contents: list[str], raw: str) -> bool:
    return "".join(contents).strip() == raw.strip()


def _skip(src: str, pos: int, chars: str) -> int:
    while pos < len(src) and src[pos] in chars:
        pos += 1
    return pos


__all__ = ["HeadScan", "LinkScan", "NotAnEntry", "mask_liquid", "scan_head"]
