"""Hypothesis strategies for journal-shaped text, shared by the property tests.

``journals()`` draws a post together with what its entries are, so properties can
check more than "it did not crash": the parser must find exactly those entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import strategies as st

MARKS = {"": False, "✔️ ": True, "‚úîÔ∏è ": True, "✔ ": True, "[x] ": True, "✅ ": True, "[ ] ": False}
YEARS = {"": None, " (2017)": 2017, "(2022)": 2022, " ( 2022 )": 2022, " 2019": 2019, " (22)": None}
URLS = [
    "https://arxiv.org/abs/2108.12409",
    "https://arxiv.org/pdf/1612.00796",
    "http://export.arxiv.org/abs/hep-th/9901001",
    "https://www.sciencedirect.com/science/article/pii/S0893608097000117",
    "https://example.com/a_(b)",
    "https://epoch.ai/blog/trends-in-ai-supercomputers",
]
BLURBS = ["*TO READ*", "*TO READ* Notes after the marker.", "Real notes: it was good.", "*TO WRITE*", None]
TITLE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :-,?&'éö東"
MARKDOWNISH = list("-*+1.)[]()#`>|<!=_~\\:/ \t\n\r✔️‚úîÔ∏èx20ab") + [
    "\r\n",
    "```",
    "<!--",
    "-->",
    "{% raw %}",
    "{{ site.url }}",
]


@dataclass(frozen=True)
class Expected:
    title: str
    url: str
    year: int | None
    read: bool
    to_read: bool


markdownish = st.lists(st.sampled_from(MARKDOWNISH), max_size=80).map("".join)
titles = st.text(alphabet=TITLE_CHARS, min_size=1, max_size=30).map(str.strip).filter(bool)
newlines = st.sampled_from(["\n", "\r\n", "\r"])
trailing = st.sampled_from(["", "", " ", "  ", "\t"])


@st.composite
def entries(draw: st.DrawFn) -> tuple[str, Expected, str | None]:
    """One entry line (without its line ending), what it means, and its blurb (or None)."""
    mark = draw(st.sampled_from(sorted(MARKS)))
    year = draw(st.sampled_from(sorted(YEARS)))
    title, url = draw(titles), draw(st.sampled_from(URLS))
    bullet = draw(st.sampled_from(["-", "*", "+", "1."]))
    blurb = draw(st.sampled_from(BLURBS))
    line = f"{bullet} {mark}[{title}]({url}){year}{draw(trailing)}"
    to_read = blurb is not None and blurb.startswith("*TO READ*")
    return line, Expected(title, url, YEARS[year], MARKS[mark], to_read), blurb


@st.composite
def journals(draw: st.DrawFn) -> tuple[str, list[Expected]]:
    """A whole post: optional BOM and front matter, a preamble, categories of entries."""
    nl = draw(newlines)
    parts: list[str] = []
    if draw(st.booleans()):
        parts += ["---", "title: Journal", "date: 2024-01-01 10:00:00 -0600", "---", ""]
    parts += ["Preamble with a [link](https://example.com) (2020).", ""]
    expected: list[Expected] = []
    for _ in range(draw(st.integers(0, 4))):
        parts += [f"## {draw(titles)}{draw(trailing)}", "Intro text.", ""]
        waiting: list[Expected] = []  # entries without a blurb share the next one
        for line, meaning, blurb in draw(st.lists(entries(), max_size=5)):
            parts += [line, ""]
            waiting.append(meaning)
            if blurb is not None:
                parts += [blurb + draw(trailing), ""]
                expected += [replace(item, to_read=meaning.to_read) for item in waiting]
                waiting = []
        expected += [replace(item, to_read=False) for item in waiting]
    text = nl.join(parts)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, expected
