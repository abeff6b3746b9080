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
from typing import TYPE_CHECKING, Any, NamedTuple

from mdjournal.model.read_marks import (
    MAX_READ_MARK,
    MAX_SYMBOL_MARK,
    TASK_BOXES,
    is_read_mark,
    is_symbol_mark,
)
from mdjournal.text.source import skip

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
_LOOSE_YEAR = re.compile(r"(?<![0-9A-Za-z])(?:1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])")
_PLAIN_LINK = re.compile(
    r"\[[^\[\]\\`<>\n]*\]\((?!(?i:vbscript|javascript|file|data):)(?P<url>[^\s()<>\\&\x00-\x1f\x7f]+)\)"
)
_PLAIN_PREFIX = re.compile(r"[^\\`<>&!*_\n{}]*")
_NO_LINK_AFTER_MARK = "it has a read mark but no [Title](url) link after it"


class LinkScan(NamedTuple):
    """A link found in the head; offsets are relative to the scanned string."""

    start: int
    end: int
    title_start: int
    title_end: int
    url: str
    url_start: int | None
    url_end: int | None
    reference: str | None


class HeadScan(NamedTuple):
    """Everything the parser needs to build an Entry, relative to the scanned string.

    This and :class:`LinkScan` are named tuples, not frozen dataclasses: one of each
    is made per entry, and a tuple is made several times faster.
    """

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
    year_loose: bool
    rest_end: int


class NotAnEntry(NamedTuple):
    """A list item that is not an entry; ``problem`` says why if it tried to be one."""

    problem: str | None


def scan_head(md: MarkdownIt, text: str, env: dict[str, Any], inline: str) -> HeadScan | NotAnEntry:
    """Scan ``text``, a list item's paragraph from just after its bullet.

    Only the line holding the link's end (and the year after it) is the head; lines
    after it are the blurb's. ``text`` must use ``\\n`` line breaks; ``inline`` is the
    same paragraph as markdown-it's block parse gives it (the inline token's
    content), which is inline-parsed for the cross-check only if a link was found.

    markdown-it reads NUL as U+FFFD (as CommonMark says), so the scan does too
    (one character for one: every offset stays): ``[T](\\x00)`` is a link to it, not
    a destination "never closed".
    """
    original = text.replace("\0", "\ufffd")
    text = mask_liquid(original)
    first_line = text.split("\n", 1)[0]
    opening = _opening(text, first_line)
    if isinstance(opening, NotAnEntry):
        return opening
    mark, mark_start, mark_end, link_start = opening

    link = _plain_link(text, link_start, env)
    if link is None:
        link = _scan_link(md, text, link_start, env)
        if link is None:
            return NotAnEntry(_link_problem(md, text, link_start, env))
        if not _agrees_with_markdown_it(md, text, link, env, inline):
            return NotAnEntry(_NO_LINK_AFTER_MARK if mark is not None and is_read_mark(mark) else None)
        if link.url_start is not None and link.url_end is not None:
            link = link._replace(url=_destination(original[link.url_start : link.url_end]))
        link = _with_emphasis(text, link)

    line_end = text.find("\n", link.end)
    line_end = len(text) if line_end < 0 else line_end
    read = mark is not None and is_read_mark(mark)
    mark_after = False
    anchor = link.end  # where the year belongs: after the link, or a mark misplaced there
    if not read and (late := _mark_before_year(text, link.end, line_end)) is not None:
        mark, mark_start, mark_end = late
        read = mark_after = True
        anchor = mark_end
    year, year_text, year_start, year_end, gap, loose = _year(text, anchor, line_end)

    rest_end = max(len(text[:line_end].rstrip(_SPACE)), year_end)
    trailer = text[year_end:rest_end].strip().strip("*_").strip()  # "*(2015)* ✔️": past the emphasis
    if not read and trailer and is_read_mark(trailer):
        mark, read, mark_after = trailer, True, True
        mark_start = text.index(trailer, year_end)
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
        year_loose=loose,
        rest_end=rest_end,
    )


def _with_emphasis(text: str, link: LinkScan) -> LinkScan:
    """The link with the emphasis around it (``**[Title](url)**``), if there is one."""
    opening = len(text[: link.start]) - len(text[: link.start].rstrip("*_"))
    if not opening:
        return link
    delimiters = text[link.start - opening : link.start]
    if not text.startswith(delimiters[::-1], link.end):
        return link
    return link._replace(start=link.start - opening, end=link.end + opening)


def _mark_before_year(text: str, pos: int, end: int) -> tuple[str, int, int] | None:
    """A read mark written between the link and its year: ``[T](u) ✔️ (2017)``."""
    start = _skip_space(text, pos)
    if start == pos or start >= end:
        return None
    word = text[start:end].split(maxsplit=1)[0]
    if not is_read_mark(word) or not (
        _YEAR.match(text, start + len(word), end) or _LOOSE_YEAR.search(text, start + len(word), end)
    ):
        return None
    return word, start, start + len(word)


def _year(text: str, pos: int, end: int) -> tuple[int | None, str | None, int, int, str, bool]:
    """(year, as written, start, end, what stands between ``pos`` and it, whether loose).

    The house form and its near misses come first (``(2017)``, ``( 2017 )``, ``2017``,
    ``[2017]``, ``(17)``); failing those, any four-digit year later on the line, with
    the parentheses around it (``(ICLR 2017)``, ``*(2017)*``, ``(2017–2018)``), so
    that a year written some other way is reported as such rather than as missing.
    Only words count: never a digit run in another link's destination, a URL, an
    HTML tag or a code span (``([Paper](https://arxiv.org/pdf/2005.12981.pdf))`` is
    no year 2005, and `` `2016` `` is code).
    """
    match = _YEAR.match(text, pos, end)
    if match:
        digits = match.group("paren") or match.group("bracket") or match.group("bare")
        year = int(digits) if len(digits) == 4 else None
        return year, match.group("text"), match.start("text"), match.end("text"), match.group("gap"), False
    loose = _LOOSE_YEAR.search(_words_only(text, pos, end))
    if loose is None:
        return None, None, pos, pos, "", False
    start, stop = loose.start(), loose.end()
    opening = text.rfind("(", pos, start)
    closing = text.find(")", stop, end)
    if opening >= 0 and closing >= 0 and ")" not in text[opening:start]:
        start, stop = opening, closing + 1
    return int(loose.group()), text[start:stop], start, stop, text[pos:start], True


#: What on a line is not the entry's words: a link's destination, an HTML tag or
#: autolink, a bare URL, a code span.
_NOT_WORDS = re.compile(
    r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"
    r"|<[^<>\n]*>|(?:https?|ftp)://\S+|www\.\S+"
    r"|(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"
)


def _words_only(text: str, pos: int, end: int) -> str:
    """``text`` with all but the words of ``pos..end`` blanked, so a search of it finds
    only those words, at their own offsets."""
    stretch = text[pos:end]
    if "(" in stretch or "<" in stretch or "/" in stretch or "`" in stretch:
        stretch = _NOT_WORDS.sub(lambda match: " " * len(match.group()), stretch)
    return " " * pos + stretch


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

    The mark is a task box (``[x]``, ``[ ]``), a read mark (``✔️``, damaged or not,
    also glued to symbols: ``✔️✔️``, ``✔️:``) or a short run of symbols (``🚧``, read
    as "not read"); words are not a mark, and emphasis delimiters (``**[Title](url)**``)
    are the link's. A read mark may be followed by such symbols, and by any white
    space (a line break, a no-break space) before the link, as markdown-it allows.
    """
    mark, start, end = None, 0, 0
    box = next((box for box in TASK_BOXES if first_line.startswith(box) and first_line[3:4].isspace()), None)
    if box is not None:
        mark, start, end = box, 0, len(box)
    else:
        bracket = first_line.find("[")
        words = (first_line if bracket < 0 else first_line[:bracket]).split()
        read_mark = _read_mark_in(words[0]) if words else None
        emphasis = len(words) == 1 and not words[0].strip("*_")
        if read_mark is not None:
            mark = read_mark
        elif (
            words
            and words[0].strip("*_")
            and is_symbol_mark(words[0])
            and all(not word.strip("*_") for word in words[1:])  # 🚧 **[Title](url)**
        ):
            mark = words[0]
        elif (words and not emphasis) or bracket < 0:
            return NotAnEntry(_failed_attempt(first_line))
        if mark is not None:
            start = first_line.index(mark)
            end = start + len(mark)
    link_start = _skip_space(text, end)
    if text[link_start : link_start + 1] == "[":
        return mark, start, end, link_start
    bracket = text.find("[", link_start)
    between = text[link_start:bracket].strip()
    allowed = not between.strip("*_") or (mark is not None and is_symbol_mark(between))
    if bracket > 0 and "\n" not in text[link_start:bracket] and allowed:
        return mark, start, end, bracket
    return NotAnEntry(
        _NO_LINK_AFTER_MARK if mark is not None and is_read_mark(mark) else _failed_attempt(first_line)
    )


def _read_mark_in(word: str) -> str | None:
    """The read mark a word opens with, when the rest of it is symbols (``✔️:``).

    Only the few cuts that leave a mark and a symbol run short enough to be one are
    tried, so a word of 100,000 marks costs what a short one does.
    """
    if is_read_mark(word):
        return word
    shortest = max(1, len(word) - MAX_SYMBOL_MARK)
    for cut in range(min(len(word) - 1, MAX_READ_MARK), shortest - 1, -1):
        if is_read_mark(word[:cut]) and is_symbol_mark(word[cut:]):
            return word[:cut]
    return None


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


def _plain_link(text: str, start: int, env: dict[str, Any]) -> LinkScan | None:
    """The link at ``start`` when the head is plain enough to read without markdown-it.

    Nearly every entry is ``[Title](https://...)`` after a mark, and running
    markdown-it's link helpers and an inline parse on each one cost more than the
    whole block parse. For the heads :data:`_PLAIN_LINK` accepts, CommonMark leaves
    no choice: nothing before the link can open a code span, HTML, emphasis or an
    image, the title holds nothing that could end or nest a label, the destination
    holds no escape, entity, parenthesis, space or control character (so it is its
    own unescaped value), and with no reference definitions a task box like ``[x]``
    is text. Anything else (``None``) takes the full scan and its cross-check.

    Why it stays (issue 12, on a generated journal, every other shortcut on): without
    it, ``mdjournal lint`` runs 41% more instructions and ``fmt --fix`` 48% more
    (callgrind, 2,000 entries: 3.42 G against 2.43 G, 5.24 G against 3.54 G), and
    lint takes 61% more CPU time at 10,000 entries (3.86 s against 2.40 s). It reads
    every head of the sample post (``tests/parsing/test_entry_head.py``), damaged marks too.
    """
    if "[" in text[:start] and env.get("references"):
        return None
    match = _PLAIN_LINK.match(text, start)
    if match is None or not _PLAIN_PREFIX.fullmatch(text, 0, start):
        return None
    url_start, url_end = match.span("url")
    return LinkScan(start, match.end(), start + 1, url_start - 2, match["url"], url_start, url_end, None)


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
        pos = skip(src, pos + 1, _LINK_SPACE)
        if pos >= maximum:
            return None
        url, url_start, url_end = "", pos, pos
        dest = helpers.parseLinkDestination(src, pos, maximum)
        if dest.ok and md.validateLink(md.normalizeLink(dest.str)):
            url, url_end = dest.str, dest.pos
            pos = dest.pos
        spaced = pos
        pos = skip(src, pos, _LINK_SPACE)
        title = helpers.parseLinkTitle(src, pos, maximum)
        if pos < maximum and spaced != pos and title.ok:
            pos = skip(src, title.pos, _LINK_SPACE)
        if pos < maximum and src[pos] == ")":
            return LinkScan(start, pos + 1, title_start, title_end, url, url_start, url_end, None)
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
    return LinkScan(start, end, title_start, title_end, ref["href"], None, None, label)


def _agrees_with_markdown_it(
    md: MarkdownIt, src: str, link: LinkScan, env: dict[str, Any], inline: str
) -> bool:
    """Does a real inline parse of the paragraph see the same first link, after the same text?

    The whole paragraph is parsed, since a link can only be judged with what follows
    it; markdown-it's inline parser is called directly, without the per-call set-up
    of ``parseInline``, because this runs once per entry.
    """
    href = link.url if link.reference is not None else md.normalizeLink(link.url)
    tokens = md.inline.parse(mask_liquid(inline), md, env, [])
    before: list[str] = []
    for token in tokens:
        if token.type == "link_open":
            return token.attrGet("href") == href and _same_text(before, src[: link.start])
        if token.type in ("strong_open", "em_open"):
            continue  # **[Title](url)**: emphasis around the link
        if token.type not in ("text", "softbreak"):
            return False
        before.append(token.content)
    return False


def _same_text(contents: list[str], raw: str) -> bool:
    """Whether the text before the link is the same, emphasis delimiters aside: a lone
    ``*`` that opens nothing (``- *[T](url) (2017)``) is text to markdown-it."""
    return "".join(contents).strip().strip("*_").strip() == raw.strip().strip("*_").strip()


__all__ = ["HeadScan", "LinkScan", "NotAnEntry", "mask_liquid", "scan_head"]
