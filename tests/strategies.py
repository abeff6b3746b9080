"""Hypothesis strategies for journal-shaped text, shared by the property tests.

``journal_posts()`` draws a whole post the way people write them: front matter or
none (or odd), categories under ``##`` and setext headings with other headings
around them, entries in every bullet and read-mark style, years in every spelling,
blurbs of one to three paragraphs (shared, lazy, indented, opening with ``*TO READ*``
and friends), code fences and indented code with entry-looking lines inside, HTML
blocks and comments, Liquid, any line ending, a BOM, mojibake, tabs and trailing
white space. With the text it returns what the text *means*, worked out from how it
was written rather than by parsing it: the entries the parser must find, the
category titles, and where the protected text is (front matter, code, HTML, Liquid)
that no fix may touch. That is what lets a property catch the parser or the fixer
being wrong rather than merely self-consistent.

``damaged()`` then breaks such posts the ways files get broken (truncation, stray
characters and bytes, unbalanced fences, stray brackets and ``---`` lines); a
damaged post has no known meaning, only the promises that hold for every text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

# -- what can be written, and what it means -------------------------------------

MARKS = {
    "": False,
    "✔️ ": True,
    "‚úîÔ∏è ": True,  # ✔️ read as Mac OS Roman
    "âœ”ï¸ ": True,  # ✔️ read as Windows-1252, its undefined byte lost
    "✔ ": True,
    "✓ ": True,
    "☑️ ": True,
    "[x] ": True,
    "[X] ": True,
    "✅ ": True,
    "‚úÖ ": True,  # ✅ read as Mac OS Roman
    "✔️  ": True,  # two spaces: MJ008 asks for one
    "✔️\t": True,
    "✔️\u00a0": True,  # a no-break space
    "[ ] ": False,
    "🚧 ": False,  # a symbol that is not a read mark: an unread entry's decoration
}
#: Read marks written after the link instead (``- [T](url) (2017) ✔️``).
LATE_MARKS = ["✔️", "✅", "‚úîÔ∏è"]
YEARS = {
    "": None,
    " (2017)": 2017,
    "(2022)": 2022,
    "  (2020)": 2020,
    " ( 2022 )": 2022,
    " 2019": 2019,
    " [2018]": 2018,
    ", 2016": 2016,
    " (22)": None,
    " (ICLR 2017)": 2017,
    " *(2015)*": 2015,
    " (2017–2018)": 2017,
}
#: Link destinations as written, and the URL they mean.
URLS = {
    "https://arxiv.org/abs/2108.12409": "https://arxiv.org/abs/2108.12409",
    "https://arxiv.org/pdf/1612.00796": "https://arxiv.org/pdf/1612.00796",
    "http://export.arxiv.org/abs/hep-th/9901001": "http://export.arxiv.org/abs/hep-th/9901001",
    "https://arxiv.org/abs/2108.12409#page=3": "https://arxiv.org/abs/2108.12409#page=3",
    "https://www.sciencedirect.com/science/article/pii/S0893608097000117": (
        "https://www.sciencedirect.com/science/article/pii/S0893608097000117"
    ),
    "https://doi.org/10.1145/3065386": "https://doi.org/10.1145/3065386",
    "https://aclanthology.org/P19-1001/": "https://aclanthology.org/P19-1001/",
    "https://example.com/a_(b)": "https://example.com/a_(b)",
    "https://example.com/cafÃ©": "https://example.com/cafÃ©",
    "https://epoch.ai/blog/trends-in-ai-supercomputers": "https://epoch.ai/blog/trends-in-ai-supercomputers",
    "<https://arxiv.org/abs/1706.03762>": "https://arxiv.org/abs/1706.03762",
    'https://arxiv.org/abs/1412.6980 "Adam"': "https://arxiv.org/abs/1412.6980",
}
LIQUID_URL = ("{{ site.url }}", "/assets/notes.pdf")  # [T]({{ site.url }}/assets/notes.pdf)
BULLETS = ["-", "*", "+", "1.", "1)", "2.", "10)"]
#: How a blurb may open, and whether that says TO READ.
OPENERS = {
    "*TO READ*": True,
    "**TO READ**": True,
    "_TO READ_": True,
    "*TO READ:*": True,
    "*TO READ*:": True,
    "TO READ:": True,
    "*to read*": True,
    "*TO WRITE* *TO READ*": True,
    "*TO WRITE*": False,
    "**TODO:**": False,
    "": False,
}
TITLE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :-,?&'éö東’"
MOJIBAKE = ["itâ€™s", "Ã©tude", "‚úîÔ∏è", "üöß", "caf√©", "â€”"]
MARKDOWNISH = list("-*+1.)[]()#`>|<!=_~\\:/ \t\n\r✔️‚úîÔ∏èx20ab") + [
    "\r\n",
    "```",
    "<!--",
    "-->",
    "{% raw %}",
    "{{ site.url }}",
]

# Protected kinds: text outside entries and blurbs that no fix may change.
FRONT_MATTER, CODE, HTML, LIQUID = "front matter", "code", "html", "liquid"

Segment = tuple[str, str | None]  # some text of a line, and its protected kind (if any)

#: Lines that would be entries, headings, markers, mojibake or trailing white space
#: anywhere else: inside code, HTML, front matter they must be left exactly alone.
BAIT = [
    "- ‚úîÔ∏è [Bait](https://arxiv.org/abs/2108.12409)   ",
    "1) ✅ [Numbered bait](https://arxiv.org/abs/1706.03762)(2017)",
    "## Not a category",
    "*TO READ*",
    "itâ€™s damaged\t",
    "{{ site.url }}",
    "---",
]
CODE_INFO = [("```", "```"), ("~~~", "~~~"), ("````", "````"), ("```python", "```"), ("~~~ yaml", "~~~")]
COMMENTS = [
    "<!-- ‚úîÔ∏è [Hidden](https://arxiv.org/abs/2108.12409)   -->",
    "<!-- itâ€™s a note -->",
    "<!-- mdjournal-disable-next-line MJ002 -->",
    "<!-- mdjournal-disabel MJ009 -->",
    "<!-- mdjournal-disable MJ999, year-format -->",
]
PHRASES: list[tuple[Segment, ...]] = [
    (("It was good.", None),),
    (("I read it twice; it’s worth it.", None),),
    (("Damaged: itâ€™s a Ã©tude ‚úîÔ∏è.", None),),
    (("Under construction üöß.", None),),
    (("A\ttab inside.", None),),
    (("See ", None), ("{{ site.url }}", LIQUID), ("/notes for more.", None)),
    (("Code: ", None), ("`‚úîÔ∏è [x](https://arxiv.org/abs/2108.12409) (17)`", CODE), (" stays.", None)),
    (("Hidden ", None), ("<!-- ‚úîÔ∏è (2017) itâ€™s -->", HTML), (" note.", None)),
    (("Cites [another](https://arxiv.org/abs/1706.03762) (2017) too.", None),),
]


@dataclass(frozen=True)
class Expected:
    title: str
    url: str
    year: int | None
    read: bool
    to_read: bool


@dataclass(frozen=True)
class Protected:
    """``text[start:end]`` is protected text of this kind."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Post:
    """A generated post and what it means: its entries, category titles, protected text."""

    text: str
    expected: tuple[Expected, ...]
    categories: tuple[str, ...]
    protected: tuple[Protected, ...]


markdownish = st.lists(st.sampled_from(MARKDOWNISH), max_size=80).map("".join)
titles = st.text(alphabet=TITLE_CHARS, min_size=1, max_size=30).map(str.strip).filter(bool)
category_titles = st.builds(
    "{} {}".format,
    st.sampled_from(["Fundamentals", "Reading", "Caf√© papers", "Ideas 2"]),
    titles | st.just(""),
).map(str.strip)
newlines = st.sampled_from(["\n", "\r\n", "\r"])
trailing = st.sampled_from(["", "", " ", "  ", "\t"])


# -- assembling a post -----------------------------------------------------------


@dataclass
class _Draft:
    """A post being written, line by line, with the meaning that goes with it.

    Entries without a blurb of their own wait, and share the next blurb, as the
    parser reads them, when they are written one under the other; an entry after a
    blank line, or anything that ends a blurb zone first (a heading, a rule, a
    failed entry, a lone comment, the end of the category), leaves them without one.
    """

    dashes_ok: bool = True  # False when an unclosed front matter must stay unclosed
    lines: list[list[Segment]] = field(default_factory=list)
    expected: list[Expected] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    waiting: list[Expected] = field(default_factory=list)
    last: str = "start"  # what the previous line was: "blank", "entry", "list", "block"

    def add(self, *segments: str | Segment, what: str = "block") -> None:
        self.lines.append([(part, None) if isinstance(part, str) else part for part in segments])
        self.last = what

    def add_protected(self, kind: str, lines: Iterable[str], what: str = "block") -> None:
        for line in lines:
            self.add((line, kind), what=what)

    def separate(self, draw: DrawFn) -> None:
        """A blank line (perhaps with white space on it) before the next block."""
        if self.lines and self.last != "blank":
            self.add(draw(st.sampled_from(["", "", "", "  ", "\t"])), what="blank")

    def entry(self, meaning: Expected, *, under_an_entry: bool) -> None:
        if not under_an_entry:  # not directly under the entry above: they share nothing
            self.close()
        self.waiting.append(meaning)

    def blurb(self, to_read: bool) -> None:
        self.expected += [replace(item, to_read=item.to_read or to_read) for item in self.waiting]
        self.waiting = []

    def close(self) -> None:
        self.blurb(False)

    def render(self, endings: Sequence[str], bom: str) -> tuple[str, tuple[Protected, ...]]:
        pieces, protected, offset = [bom], [], len(bom)
        for segments, ending in zip(self.lines, endings, strict=True):
            for text, kind in segments:
                if kind is not None and text:
                    protected.append(Protected(kind, offset, offset + len(text)))
                pieces.append(text)
                offset += len(text)
            pieces.append(ending)
            offset += len(ending)
        return "".join(pieces), tuple(protected)


def _bait(draft: _Draft, draw: DrawFn, low: int = 1, high: int = 3) -> list[str]:
    lines = [line for line in BAIT if draft.dashes_ok or line != "---"]
    return draw(st.lists(st.sampled_from(lines), min_size=low, max_size=high))


def _front_matter(draw: DrawFn, draft: _Draft) -> None:
    kind = draw(st.sampled_from(["none", "jekyll", "jekyll", "jekyll", "odd", "unclosed"]))
    if kind == "none":
        return
    if kind == "unclosed":  # not front matter at all: nothing may close it later
        draft.dashes_ok = False
        draft.add("---")
        draft.add("title: Never closed")
        return
    if kind == "odd":
        body = draw(
            st.sampled_from([["title: [unclosed"], [], ["- a list", "- not a mapping"], ["date: 2024-02-30"]])
        )
    else:
        title = draw(st.sampled_from(['"[MLCS] My Research Journal"', '"Caf√© notes"', "Reading list  "]))
        body = ["layout: post", f"title:  {title}", "date:   2025-06-16 10:58:32 -0600"]
        body += draw(
            st.lists(st.sampled_from(["# a YAML comment ‚úîÔ∏è", "categories: jekyll update", *BAIT[:2]]))
        )
    opening = draw(st.sampled_from(["---", "---", "---  "]))
    closing = draw(st.sampled_from(["---", "---", "..."]))
    draft.add_protected(FRONT_MATTER, [opening, *body, closing])


def _paragraph(draw: DrawFn, draft: _Draft, opener: str = "", indent: str = "", what: str = "block") -> None:
    """One to two lines of prose (two with a hard break), ``opener`` first."""
    count = draw(st.integers(1, 2))
    for number in range(count):
        first_with_opener = bool(opener) and number == 0
        phrases = draw(st.lists(st.sampled_from(PHRASES), min_size=0 if first_with_opener else 1, max_size=3))
        segments: list[Segment] = [(indent, None)]
        if first_with_opener:
            segments.append((opener, None))
        for phrase in phrases:
            if len(segments) > 1:
                segments.append((" ", None))
            segments += phrase
        end = "  " if number + 1 < count else draw(trailing)  # a hard break, or maybe trailing space
        draft.add(*segments, (end, None), what=what)


def _fence(draw: DrawFn, draft: _Draft) -> None:
    opening, closing = draw(st.sampled_from(CODE_INFO))
    draft.add_protected(CODE, [opening, *_bait(draft, draw), closing])


def _indented_code(draw: DrawFn, draft: _Draft) -> None:
    draft.add_protected(CODE, ["    " + line for line in _bait(draft, draw)])


def _details(draw: DrawFn, draft: _Draft) -> None:
    inside = draw(
        st.lists(st.sampled_from(["<p>itâ€™s HTML</p>  ", "<summary>More ‚úîÔ∏è</summary>", BAIT[0]]))
    )
    draft.add_protected(HTML, ["<details>", *inside, "</details>"])


def _comment(draw: DrawFn, draft: _Draft) -> None:
    if draw(st.booleans()):
        draft.add_protected(HTML, [draw(st.sampled_from(COMMENTS))])
    else:
        draft.add_protected(HTML, ["<!--", *_bait(draft, draw), "-->"])


def _liquid(draw: DrawFn, draft: _Draft) -> None:
    if draw(st.booleans()):
        draft.add(("{% raw %}", LIQUID))
        draft.add(("{{ page.title }}", LIQUID), " is shown as written.")
        draft.add(("{% endraw %}", LIQUID))
    else:
        caption = draw(st.sampled_from(["A figure", "itâ€™s a figure"]))
        draft.add((f'{{% include figure.html src="/assets/a.png" caption="{caption}" %}}', LIQUID))


def _quote(draw: DrawFn, draft: _Draft) -> None:
    draft.add("> - ✔️ [Quoted](https://arxiv.org/abs/2108.12409)")
    draft.add("> *TO READ*")


def _bait_list(draw: DrawFn, draft: _Draft) -> None:
    """Entry-looking items where they are no entries (a preamble, an appendix)."""
    for line in draw(st.lists(st.sampled_from(BAIT[:2]), min_size=1, max_size=2)):
        draft.add(line.rstrip(), what="list")


def _block(draw: DrawFn, draft: _Draft, *, lists: bool = True) -> None:
    """Any block a post has besides entries; ``lists`` allows entry-looking ones."""
    makers: list[Callable[[DrawFn, _Draft], None]] = [_paragraph, _fence, _details, _comment, _liquid, _quote]
    if lists:
        makers.append(_bait_list)
    if draft.last not in ("list", "entry", "indented"):  # else four spaces continue the list item
        makers.append(_indented_code)
    maker = draw(st.sampled_from(makers))
    draft.separate(draw)
    maker(draw, draft)


# -- categories, entries, blurbs ---------------------------------------------------


def _heading(draw: DrawFn, draft: _Draft, title: str) -> None:
    forms = ["## {}", "## {}", "## {} ##", " ## {}"] + (["{}\n---"] if draft.dashes_ok else [])
    form = draw(st.sampled_from(forms))
    first, *rest = form.format(title).split("\n")
    draft.add(first, draw(trailing))
    for line in rest:
        draft.add(line)


def _entry(draw: DrawFn, draft: _Draft) -> tuple[str, Expected]:
    """Write one entry's head; returns its bullet (for indented notes) and meaning."""
    under_an_entry = draft.last == "entry"
    bullet = draw(st.sampled_from(BULLETS))
    mark = draw(st.sampled_from(["", "", "", *MARKS]))  # most unread entries have no mark at all
    year = draw(st.sampled_from(list(YEARS)))
    title = draw(titles)
    if draw(st.integers(0, 5)) == 0:
        title = f"{title} {draw(st.sampled_from(MOJIBAKE))}"
    emphasis = draw(st.sampled_from(["", "", "", "**", "_"]))
    late = draw(st.sampled_from([None, None, None, *LATE_MARKS])) if not mark else None
    rest = draw(st.sampled_from(["", "", " — a survey", " *TO READ*"])) if late is None else ""
    destination: list[Segment]
    if draw(st.integers(0, 6)):
        written = draw(st.sampled_from(list(URLS)))
        url, destination = URLS[written], [(written, None)]
    else:
        url, destination = "".join(LIQUID_URL), [(LIQUID_URL[0], LIQUID), (LIQUID_URL[1], None)]
    after_link: list[Segment] = [(f"){emphasis}", None)]
    if late is not None and year.startswith(" ") and draw(st.booleans()):
        after_link += [(f" {late}{year}", None)]  # [T](url) ✔️ (2017)
    elif late is not None:
        after_link += [(f"{year} {late}", None)]  # [T](url) (2017) ✔️
    else:
        after_link += [(year + rest, None)]
    head: list[Segment] = [(f"{emphasis}[{title}](", None), *destination, *after_link, (draw(trailing), None)]
    separator = draw(st.sampled_from([" ", " ", " ", "\t"]))
    wrapped = draw(st.integers(0, 7)) == 0 and mark.strip() not in ("[x]", "[X]", "[ ]")
    if wrapped:  # "- ✔️" or a bare "-", the link on the next line
        draft.add(f"{bullet} {mark.strip()}".rstrip(), what="entry")
        draft.add(" " * (len(bullet) + 1), *head, what="entry")
    else:
        draft.add(f"{bullet}{separator}{mark}", *head, what="entry")
    meaning = Expected(title, url, YEARS[year], MARKS[mark] or late is not None, rest == " *TO READ*")
    draft.entry(meaning, under_an_entry=under_an_entry)
    return (bullet if separator == " " else ""), meaning


def _blurb(draw: DrawFn, draft: _Draft, bullet: str) -> None:
    """Notes under the entry just written: one to three paragraphs and maybe more blocks."""
    opener = draw(st.sampled_from(list(OPENERS)))
    placements = ["below", "below", "lazy"] + (["indented"] if bullet else [])
    placement = draw(st.sampled_from(placements))
    to_read = OPENERS[opener]
    if placement == "below" and draw(st.integers(0, 5)) == 0:  # a comment first: not part of the blurb
        draft.separate(draw)
        draft.add_protected(HTML, [draw(st.sampled_from(COMMENTS[:2]))])
    if placement != "lazy" and draw(st.integers(0, 7)) == 0:  # code first: its *TO READ* is code
        draft.separate(draw)
        draft.add_protected(CODE, ["```", "*TO READ*", "```"])
        to_read = False
    elif placement == "lazy":
        _paragraph(draw, draft, opener, what="indented")  # still inside the list item
    else:
        draft.separate(draw)
        indent = " " * (len(bullet) + 1) if placement == "indented" else ""
        _paragraph(draw, draft, opener, indent, what="indented" if indent else "block")
        if indent and draw(st.booleans()):  # notes inside the item may hold a nested list
            draft.separate(draw)
            draft.add(indent + "- [Nested](https://arxiv.org/abs/2108.12409) (2021)", what="indented")
    for _ in range(draw(st.integers(0, 2))):
        if draw(st.booleans()):
            draft.separate(draw)
            _paragraph(draw, draft)
        else:
            _block(draw, draft, lists=False)
    draft.blurb(to_read)


def _break(draw: DrawFn, draft: _Draft) -> None:
    """Something that ends a blurb zone inside a category without closing it."""
    breaks = ["### Sub-topic", "#### Deeper", "***", "- ✔️ no link here", "- [Unclosed title(https://e.com)"]
    breaks += ["- [T](https://e.com (2017)", "- [T][nowhere] (2017)", "comment"]
    if draft.dashes_ok:
        breaks.append("---")
    chosen = draw(st.sampled_from(breaks))
    draft.separate(draw)
    if chosen == "comment":
        draft.add_protected(HTML, [draw(st.sampled_from(COMMENTS))])
    else:
        draft.add(chosen, what="list" if chosen.startswith("-") and chosen != "---" else "block")
    draft.close()


def _category(draw: DrawFn, draft: _Draft) -> None:
    title = draw(category_titles)
    draft.separate(draw)
    _heading(draw, draft, title)
    draft.categories.append(title)
    intro = draw(st.sampled_from(["none", "under", "below", "blocks"]))
    if intro == "under":  # like the sample post: the intro right under the heading
        _paragraph(draw, draft)
    elif intro == "below":
        draft.separate(draw)
        _paragraph(draw, draft)
    elif intro == "blocks":
        for _ in range(draw(st.integers(1, 2))):
            _block(draw, draft, lists=False)
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.integers(0, 6)) == 0:
            _break(draw, draft)
            continue
        if not (draft.last == "entry" and draw(st.booleans())):  # else a tight list
            draft.separate(draw)
        bullet, _ = _entry(draw, draft)
        if draw(st.integers(0, 3)):
            _blurb(draw, draft, bullet)
    draft.close()
    if draw(st.integers(0, 5)) == 0:  # a higher-level heading closes the category
        draft.separate(draw)
        for line in draw(st.sampled_from([["# Appendix"], ["Appendix", "==="]])):
            draft.add(line)
        for _ in range(draw(st.integers(0, 2))):
            _block(draw, draft)


def _endings(draw: DrawFn, draft: _Draft) -> list[str]:
    """One line ending per line: mostly one kind, sometimes mixed, maybe no final one.

    A lone CR followed by an empty LF line would make one CRLF, losing a line; mixed
    endings avoid that so the lines stay the ones written.
    """
    newline = draw(newlines)
    endings = [newline] * len(draft.lines)
    if draw(st.integers(0, 4)) == 0:
        for index in range(len(endings)):
            endings[index] = draw(newlines)
            if index and endings[index - 1] == "\r" and not "".join(t for t, _ in draft.lines[index]):
                endings[index] = "\r"
    if draw(st.booleans()) and endings:
        while len(draft.lines) > 1 and not "".join(text for text, _ in draft.lines[-1]).strip():
            draft.lines.pop()
            endings.pop()
        endings[-1] = ""
    return endings


@st.composite
def journal_posts(draw: DrawFn) -> Post:
    """A whole post and what it means (see the module docstring)."""
    draft = _Draft()
    _front_matter(draw, draft)
    for _ in range(draw(st.integers(0, 3))):
        _block(draw, draft)
    for _ in range(draw(st.integers(0, 4))):
        _category(draw, draft)
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    text, protected = draft.render(_endings(draw, draft), bom)
    return Post(text, tuple(draft.expected), tuple(draft.categories), protected)


# -- damage ----------------------------------------------------------------------

DAMAGE = [*"[]()<>`*_#-{}%|\\! \t\n\r", "\r\n", "é", "✔", "\ufe0f", "‚", "Ã", "â€", "\u00a0", "\x00"]
STRAY_LINES = ["```", "~~~", "---", "<details>", "<!--", "# Heading", "## Stray", "- [", "]("]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n" or (char == "\r" and text[index + 1 : index + 2] != "\n"):
            starts.append(index + 1)
    return starts


def _truncate(draw: DrawFn, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


def _edit_characters(draw: DrawFn, text: str) -> str:
    """Insert, delete or replace a character, often next to a non-ASCII one (inside
    an emoji and its variation selector, or inside mojibake)."""
    odd = [index for index, char in enumerate(text) if not char.isascii()]
    if draw(st.booleans()) and odd:
        position = draw(st.sampled_from(odd)) + draw(st.integers(0, 1))
    else:
        position = draw(st.integers(0, len(text)))
    action = draw(st.sampled_from(["insert", "delete", "replace"]))
    new = draw(st.sampled_from(DAMAGE)) if action != "delete" else ""
    cut = position + (action != "insert")
    return text[:position] + new + text[cut:]


def _edit_bytes(draw: DrawFn, text: str) -> str:
    """Insert, delete or replace a byte of the UTF-8 encoding; what no longer decodes
    becomes U+FFFD, as after a lossy tool."""
    data = bytearray(text.encode("utf-8"))
    position = draw(st.integers(0, len(data)))
    action = draw(st.sampled_from(["insert", "delete", "replace"]))
    new = bytes([draw(st.integers(0, 255))]) if action != "delete" else b""
    data[position : position + (action != "insert")] = new
    return data.decode("utf-8", errors="replace")


def _fences(draw: DrawFn, text: str) -> str:
    """Unbalance the fences: drop a fence line, or add an opening one."""
    starts = _line_starts(text)
    fence_lines = [start for start in starts if text[start:].lstrip(" ").startswith(("```", "~~~"))]
    if draw(st.booleans()) and fence_lines:
        start = draw(st.sampled_from(fence_lines))
        following = [later for later in starts if later > start]
        return text[:start] + text[following[0] if following else len(text) :]
    return _stray_line(draw, text, draw(st.sampled_from(["```", "~~~", "````"])))


def _stray_line(draw: DrawFn, text: str, line: str | None = None) -> str:
    start = draw(st.sampled_from(_line_starts(text)))
    line = line if line is not None else draw(st.sampled_from(STRAY_LINES))
    return text[:start] + line + draw(newlines) + text[start:]


def _stray_bracket(draw: DrawFn, text: str) -> str:
    position = draw(st.integers(0, len(text)))
    return text[:position] + draw(st.sampled_from(["[", "]", "(", ")", "<", "---"])) + text[position:]


DAMAGES: list[Callable[[DrawFn, str], str]] = [
    _truncate,
    _edit_characters,
    _edit_characters,
    _edit_bytes,
    _fences,
    _stray_line,
    _stray_bracket,
]


def damaged(strategy: SearchStrategy[Post | str]) -> SearchStrategy[str]:
    """Texts from ``strategy`` (posts or plain text) with one to four kinds of damage."""

    @st.composite
    def damage(draw: DrawFn) -> str:
        value = draw(strategy)
        text = value.text if isinstance(value, Post) else value
        for _ in range(draw(st.integers(1, 4))):
            text = draw(st.sampled_from(DAMAGES))(draw, text)
        return text

    return damage()
