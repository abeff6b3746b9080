"""The four guarantees mdjournal makes for every post, as properties.

1. Lossless: ``parse(text).render() == text``.
2. ``lint`` never raises; every finding lies inside the text, its line and column
   are those of its offsets, its span is the text its message quotes, and its fix
   edits only the lines it is reported on.
3. ``fmt --fix`` is idempotent, leaves the same categories with the same entries,
   and changes only lines that carry a fixable finding.
4. Front matter, code, HTML and Liquid come out of every fix byte for byte.

Each runs over journal-shaped posts (:func:`tests.strategies.journal_posts`), whose
meaning and protected text are known from how they were written, and over the same
posts damaged (:func:`tests.strategies.damaged`), whose protected text is what the
parser takes for front matter, code and HTML blocks, plus every Liquid tag; the
fixtures are explicit examples. ``HYPOTHESIS_PROFILE=ci`` runs them derandomized;
``pytest --hypothesis-profile=thorough tests/test_properties.py`` runs thousands
of examples each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mdjournal
from mdjournal.config.settings import Config
from mdjournal.fixing.fixer import FixResult, fix_text, shape
from mdjournal.linting.finding import Edit, Finding
from mdjournal.linting.linter import lint_text
from mdjournal.model.mojibake import repair
from mdjournal.text.source import Span
from mdjournal.text.visible import visible
from tests.conftest import FIXTURES, read
from tests.strategies import (
    CODE,
    FRONT_MATTER,
    HTML,
    LIQUID,
    Post,
    damaged,
    journal_posts,
    markdownish,
)

PATH = "post.md"
CONFIGS = {"default": Config(), "all rules": Config().overridden(select=["ALL"])}
FIXTURE_FILES = sorted(FIXTURES.rglob("*.md"))
SOURCES: dict[str, st.SearchStrategy[Post | str]] = {
    "generated": journal_posts(),
    "damaged": damaged(journal_posts()),
}
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
BREAK = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"


def text_of(value: Post | str) -> str:
    return value.text if isinstance(value, Post) else value


def lines_of(text: str) -> list[str]:
    """Lines with their endings, broken only at CR, LF and CRLF as markdown-it breaks them
    (``str.splitlines`` also breaks at form feeds and U+2028, which would misnumber lines)."""
    return LINE.findall(text)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of ``offset``, worked out afresh; the BOM is on no line."""
    line, start = 1, len(BOM) if text.startswith(BOM) else 0
    for match in BREAK.finditer(text, 0, offset):
        if match.end() <= offset:
            line, start = line + 1, match.end()
    return line, max(offset - start, 0) + 1


def fixed(text: str, config: str, unsafe: bool) -> FixResult:
    """What ``mdjournal fmt --fix`` (with ``--unsafe-fixes`` if ``unsafe``) does to ``text``."""
    return fix_text(text, CONFIGS[config], PATH, unsafe=unsafe)


# -- 1. lossless ----------------------------------------------------------------


@given(damaged(journal_posts()))
def test_damaged_posts_round_trip(text: str) -> None:
    assert mdjournal.parse(text).render() == text


@given(journal_posts())
def test_generated_posts_round_trip_and_parse_to_what_was_written(post: Post) -> None:
    """Lossless, and the parser finds exactly the categories and entries the generator wrote."""
    journal = mdjournal.parse(post.text)
    assert journal.render() == post.text
    assert [category.title for category in journal.categories] == list(post.categories)
    got = [(e.title, e.url, e.year, e.read, e.to_read) for e in journal.entries]
    assert got == [(x.title, x.url, x.year, x.read, x.to_read) for x in post.expected]


# -- 2. findings point at what they talk about -------------------------------------

LINKISH = re.compile(r"[*_]*\[.*\](?:\(.*\)|\[.*\])?[*_]*", re.DOTALL)
BULLET = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t\r\n]|$)")
# What a message says, per rule; the named groups are checked against the finding.
MESSAGES: dict[str, list[re.Pattern[str]]] = {
    code: [re.compile(pattern, re.DOTALL) for pattern in patterns]
    for code, patterns in {
        "MJ001": [
            r"'(?P<quoted>.+)' is '(?P<meant>.+)' \(UTF-8\) misread as (Windows-1252|Mac OS Roman); "
            r"write '(?P<write>.+)'"
        ],
        "MJ002": [
            r"year missing after the link; the line below holds '(?P<below>.+)': move it up as ' \(YYYY\)'",
            r"year missing; add the year as ' \(YYYY\)' after the link",
            r"year missing; (?P<kind>.+?) (?P<value>\S+) says (?P<year>[0-9]{4})",
        ],
        "MJ003": [
            r"(two-digit year|year written|year|spaces inside|no space between the link and) '(?P<quoted>.+)'"
            r"( written among other words after the link| in brackets| without parentheses)?; "
            r"write '\[Title\]\(url\)(?P<house>.*)'",
            r"'(?P<quoted>.*)' between the link and the year instead of one space; "
            r"write '\[Title\]\(url\)(?P<house>.*)'",
        ],
        "MJ004": [
            r"'(?P<title>.*)' \(line (?P<line>[0-9]+)\) is marked read but its blurb still says "
            r"\*TO READ\*; drop the marker, or unmark the entry",
            r"'(?P<entry>.*)' is marked read but its line still says "
            r"\*TO READ\*; drop the marker, or unmark the entry",
        ],
        "MJ005": [
            r"written (?P<year>[0-9]{4}), but .+ (?P<value>\S+) says (?P<said>[0-9]{4}) "
            r"\(a published version can be later than the preprint\)"
        ],
        "MJ006": [r"same paper as line (?P<line>[0-9]+) \('(?P<title>.*)'\): .+; keep one entry"],
        "MJ007": [r"arXiv link '(?P<url>.+)' is not the canonical abstract page; use (?P<canonical>\S+)"],
        "MJ008": [
            r"read mark '(?P<meant>.+)' is not the configured '(?P<wanted>.+)'",
            r"a read mark should be followed by exactly one space",
            r"read mark '(?P<quoted>.+)' is glued to what follows; put a space after it",
            r"'\[ \]' says unread but '(?P<quoted>.+)' after the link says read; keep one",
            r"read mark '(?P<quoted>.+)' after the link; put '(?P<wanted>.+)' in front of the title",
        ],
        "MJ009": [r"trailing whitespace \((?P<what>.+)\)"],
        "MJ010": [
            r"list item looks like an entry, but its link '(?P<quoted>.+)' uses a protocol .*",
            r"list item looks like an entry, but the reference \[(?P<label>.*)\] is not defined",
            r"list item looks like an entry, but .+",
            r"entry has an empty title: write the paper's title between \[ and \]",
            r"entry '(?P<title>.*)' has an empty URL: put the link between \( and \)",
        ],
        "MJ011": [r"category '(?P<quoted>.*)' has no entries"],
        "MJ012": [
            r"no front matter: Jekyll needs '---' lines with at least a title at the top",
            r"front matter opened on line 1 is never closed: end it with a '---' line",
            r"front matter is not valid YAML: .+",
            r"front matter has no '(title|date)'.*",
            r"date '(?P<date>.*)' is not a date Jekyll accepts; write YYYY-MM-DD HH:MM:SS \+/-TTTT",
            r"duplicate key '.*' \(first on line \d+\); Jekyll keeps only the last value: keep one",
        ],
        "MJ013": [
            r"unread entry has (notes|only .+) but no \*TO READ\* marker; did you read it\? "
            r"Mark it .+, or start its blurb with \*TO READ\*"
        ],
        "MJ014": [r"'(?P<title>.*)' is marked read but has no blurb; say what you thought of it"],
        "MJ100": [
            r"unknown directive '(?P<directive>mdjournal-[^']*)'.*",
            r"unknown rule '(?P<quoted>.+)' in mdjournal-.+",
            r"(?P<quoted>\S+) cannot be suppressed by a comment; ignore it in the config",
        ],
        "MJ101": [
            r"unused suppression (of .+ )?\(mdjournal-[a-z-]+\): nothing here to suppress; remove it",
            r"this mdjournal-enable closes an unused mdjournal-disable \(line \d+\); remove both",
        ],
    }.items()
}


def near(text: str, line: int, count: int = 2) -> str:
    """Lines ``line`` to ``line + count - 1`` (an entry's head may wrap onto the next line)."""
    return "".join(lines_of(text)[line - 1 : line - 1 + count])


def unfixable_there(text: str, span: Span) -> bool:
    """Whether the span lies in an HTML block or a Liquid tag, where findings get no fix."""
    return any(
        kind in (HTML, LIQUID) and start <= span.start <= end for kind, (start, end) in parsed_protected(text)
    )


def check_message(text: str, finding: Finding, said: dict[str, str]) -> None:
    """What the message quotes is the text at the span (or, for another line it names, there)."""
    span, code = finding.span, finding.code
    at = text[span.start : span.end]
    edits = finding.fix.edits if finding.fix else ()
    if code == "MJ001":  # its message writes out what a terminal would not show (U+F8FF)
        at = visible(at)
    if "quoted" in said:  # a heading's title is quoted as markdown-it reads it: LF line breaks, NUL as U+FFFD
        quoted, held = (BREAK.sub("\n", value).replace("\x00", "\ufffd") for value in (said["quoted"], at))
        assert quoted in held, f"quotes {said['quoted']!r}, span holds {at!r}"
    if code == "MJ001":
        assert said["quoted"] == at and said["meant"] == said["write"] != at
        assert edits == (Edit(span.start, span.end, said["meant"]),) or unfixable_there(text, span)
    if code in ("MJ002", "MJ006", "MJ013", "MJ014") or finding.message.startswith("entry "):
        assert LINKISH.fullmatch(at), f"not a link: {at!r}"
    if "below" in said:
        assert said["below"] in near(text, span.end_line + 1, 1)
    if code == "MJ002" and "year" in said:
        assert said["value"].casefold() in at.casefold(), f"{said['value']!r} not in {at!r}"
        assert edits == (Edit(span.end, span.end, f" ({said['year']})"),) or unfixable_there(text, span)
    if code == "MJ003" and edits:
        assert [edit.replacement for edit in edits] == [said["house"]] and edits[0].end == span.end
    if code == "MJ004":
        assert "to read" in at.casefold(), f"not a TO READ marker: {at!r}"
    if "entry" in said:  # the entry on the finding's own line
        assert f"[{said['entry']}]" in near(text, span.line)
    if "title" in said and "line" in said:  # another entry, named by its line
        assert int(said["line"]) <= span.line and f"[{said['title']}]" in near(text, int(said["line"]))
    elif "title" in said:
        assert f"[{said['title']}]" in at
    if code == "MJ005":
        assert said["year"] in at and said["year"] != said["said"]
    if code == "MJ007":
        assert at.removeprefix("<").removesuffix(">") == said["url"] or "\\" in at or "&" in at
        assert [edit.replacement.strip("<>") for edit in edits] in ([], [said["canonical"]])
    if code == "MJ008" and "meant" in said:
        assert said["meant"] in (at, repair(at)), f"{at!r} is not {said['meant']!r}"
    if code == "MJ008" and not said:
        assert at and not at.strip() and at != " ", f"not the space after a mark: {at!r}"  # any white space
    if code == "MJ009":
        counts = {word: int(number) for number, word in re.findall(r"([0-9]+) (space|tab)", said["what"])}
        assert at and not at.strip(" \t"), f"not white space: {at!r}"
        assert counts == {
            word: at.count(char) for word, char in (("space", " "), ("tab", "\t")) if char in at
        }
        assert text[span.end : span.end + 1] in ("", "\r", "\n"), "not at the end of a line"
    if code == "MJ010" and not finding.message.startswith("entry "):
        assert BULLET.match(at), f"not a list item: {at!r}"
        if "label" in said:
            assert f"[{said['label']}]" in at
    if code == "MJ011":
        assert at.lstrip(" ").startswith("#") or "\n" in at or "\r" in at, f"not a heading: {at!r}"
    if code == "MJ012":
        check_front_matter_message(text, finding, said)
    if code == "MJ100":
        assert at.startswith("<!--") and at.endswith("-->"), f"not a comment: {at!r}"
        if "directive" in said:
            assert said["directive"].casefold() in at.casefold()


def check_front_matter_message(text: str, finding: Finding, said: dict[str, str]) -> None:
    span, message = finding.span, finding.message
    at = text[span.start : span.end]
    if message.startswith("no front matter"):
        assert span.start == span.end == 0
    elif "never closed" in message or "has no '" in message:
        assert span.line == 1 and at.rstrip(" \t") == "---"
    elif "date" in said:
        assert at.startswith("date") or at.rstrip(" \t") == "---", f"not the date line: {at!r}"
    else:  # invalid YAML: one whole line of the front matter
        line = lines_of(text)[span.line - 1]
        assert at == line.rstrip("\r\n").removeprefix(BOM)


def check_finding(text: str, finding: Finding) -> None:
    span = finding.span
    where = f"{finding.code} {finding.message!r} at {span.start}:{span.end} = {text[span.start : span.end]!r}"
    bom = len(BOM) if text.startswith(BOM) else 0
    assert span.source.text == text, where
    assert 0 <= span.start <= span.end <= len(text), where
    assert span.start >= bom or span.end == 0, f"covers the BOM: {where}"
    assert all(text[offset - 1 : offset + 1] != "\r\n" for offset in (span.start, span.end)), where
    start = position(text, span.start)
    end = position(text, span.end) if span.end != span.start else start
    assert (span.line, span.column, span.end_line, span.end_column) == (*start, *end), where
    assert 1 <= span.line <= span.end_line <= max(len(lines_of(text[bom:])), 1), f"past the text: {where}"
    for edit in finding.fix.edits if finding.fix else ():
        lines = {position(text, edit.start)[0], position(text, edit.end)[0]}
        assert lines <= set(range(span.line, span.end_line + 1)), (
            f"fix {edit} off the finding's lines: {where}"
        )
    patterns = MESSAGES.get(finding.code, [])
    match = next((m for pattern in patterns if (m := pattern.fullmatch(finding.message))), None)
    assert match is not None, f"a message this test does not know: {where}"
    said = {name: value for name, value in match.groupdict().items() if value is not None}
    try:
        check_message(text, finding, said)
    except AssertionError as error:
        raise AssertionError(f"{error}: {where}") from error


LINT_SOURCES = {**SOURCES, "any text": st.text(), "markdownish": markdownish}


@pytest.mark.parametrize("source", LINT_SOURCES)
@given(data=st.data())
def test_findings_point_at_what_they_talk_about(source: str, data: st.DataObject) -> None:
    text = text_of(data.draw(LINT_SOURCES[source], label="post"))
    config = data.draw(st.sampled_from(list(CONFIGS)), label="config")
    _, findings = lint_text(text, CONFIGS[config], PATH)
    for finding in findings:
        check_finding(text, finding)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_findings_on_the_fixtures_point_at_what_they_talk_about(path: Path) -> None:
    text = read(path)
    for config in CONFIGS.values():
        for finding in lint_text(text, config, PATH)[1]:
            check_finding(text, finding)


# -- 3. fmt --fix ------------------------------------------------------------------


def changed_lines(old: str, new: str) -> set[int]:
    """1-based lines of ``old`` that ``new`` changed: line by line when both have as many
    lines (fixes never add or remove one; a diff could pair repeated lines differently),
    else as a diff has it (a line added counts against the line it was added before)."""
    old_lines, new_lines = lines_of(old), lines_of(new)
    if len(old_lines) == len(new_lines):
        return {
            number
            for number, pair in enumerate(zip(old_lines, new_lines, strict=True), 1)
            if pair[0] != pair[1]
        }
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    return {
        number
        for tag, first, stop, _, _ in matcher.get_opcodes()
        if tag != "equal"
        for number in range(first + 1, max(stop, first + 1) + 1)
    }


def fixable_lines(findings: list[Finding], unsafe: bool) -> set[int]:
    return {
        number
        for finding in findings
        if finding.fixable(unsafe)
        for number in range(finding.span.line, finding.span.end_line + 1)
    }


def needs_a_person(text: str, config: Config) -> Counter[tuple[int, str]]:
    _, findings = lint_text(text, config, PATH)
    return Counter((f.span.line, f.code) for f in findings if not f.fixable(unsafe=True))


def check_fix(text: str, config: str, unsafe: bool) -> None:
    result = fixed(text, config, unsafe)
    after_text = result.text
    # Idempotent, and converged: nothing left that this mode can fix, but the fixes the
    # fixer refused and said so (they would have changed the entries or lost markup;
    # their findings stay in ``remaining``, as FixResult documents).
    assert fix_text(after_text, CONFIGS[config], PATH, unsafe=unsafe).text == after_text
    refused = {(f.code, f.span.line, f.message) for f in [*result.refused, *result.lost_markup]}
    assert not [
        finding
        for finding in result.remaining
        if finding.fixable(unsafe) and (finding.code, finding.span.line, finding.message) not in refused
    ]
    # Only the lines that carry a fixable finding change; lines are never added or removed.
    _, findings = lint_text(text, CONFIGS[config], PATH)
    allowed = fixable_lines(findings, unsafe)
    assert changed_lines(text, after_text) <= allowed
    assert [BREAK.findall(line) for line in lines_of(after_text)] == [
        BREAK.findall(line) for line in lines_of(text)
    ]
    # The same categories with the same entries (and read states); a category keeps
    # its title unless a fix was due on its heading (mojibake in it, say).
    options = CONFIGS[config].parse_options
    before, after = mdjournal.parse(text, **options), mdjournal.parse(after_text, **options)
    assert shape(after) == shape(before)
    for old, new in zip(before.categories, after.categories, strict=True):
        assert new.heading.span.line == old.heading.span.line
        heading = set(range(old.heading.span.line, old.heading.span.end_line + 1))
        assert new.title == old.title or heading & allowed
    assert (after.bom, after.newline, after.final_newline) == (
        before.bom,
        before.newline,
        before.final_newline,
    )
    # What needs a person is still reported, where it was.
    assert needs_a_person(text, CONFIGS[config]) - needs_a_person(after_text, CONFIGS[config]) == Counter()


@pytest.mark.parametrize("source", SOURCES)
@given(data=st.data())
def test_fix_is_idempotent_keeps_the_entries_and_changes_only_fixable_lines(
    source: str, data: st.DataObject
) -> None:
    text = text_of(data.draw(SOURCES[source], label="post"))
    config = data.draw(st.sampled_from(list(CONFIGS)), label="config")
    check_fix(text, config, unsafe=data.draw(st.booleans(), label="unsafe"))


def test_a_refused_fix_is_left_reported_and_the_rest_converges() -> None:
    """Found by the property above: dropping this ``*TO READ*`` would leave ``  ---``
    under the entry, a setext underline that makes it a heading. The fixer refuses it,
    once for the title as written and once for it repaired (MJ001 runs first), and
    stops; the finding is still reported."""
    text = "---\n## Ideas 2\t\n- ✔️ _[0 itâ€™s](https://aclanthology.org/P19-1001/)_ 2019\r\n*TO READ*  ---\n"
    result = fixed(text, "default", unsafe=True)
    assert [finding.code for finding in result.refused] == ["MJ004", "MJ004"]
    assert [finding.code for finding in result.remaining if finding.fixable(unsafe=True)] == ["MJ004"]
    for config in CONFIGS:
        check_fix(text, config, unsafe=True)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_guarantees_on_every_fixture(path: Path, unsafe: bool) -> None:
    for config in CONFIGS:
        check_fix(read(path), config, unsafe)


# -- 4. protected text -------------------------------------------------------------

LIQUID_TAG = re.compile(r"\{\{[^\r\n]*?\}\}|\{%[^\r\n]*?%\}")
BLOCK_KINDS = {CODE: ("fence", "code_block"), HTML: ("html_block",)}


def parsed_protected(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """(kind, offsets) of what the parser takes for front matter, code and HTML blocks
    (whole lines), and of every Liquid tag."""
    journal = mdjournal.parse(text)
    if journal.front_matter is not None:
        yield FRONT_MATTER, (len(journal.bom), len(journal.bom) + len(journal.front_matter.raw))
    for block in journal.blocks:
        for kind, block_kinds in BLOCK_KINDS.items():
            if block.kind in block_kinds:
                yield kind, (block.span.start, block.span.end)
    yield from ((LIQUID, match.span()) for match in LIQUID_TAG.finditer(text))


def changed_ranges(old: str, new: str) -> Iterator[tuple[int, int]]:
    """Offset ranges of ``old`` that ``new`` replaced (an insertion is an empty range),
    line by line when the lines correspond, as after any fix."""
    old_lines, new_lines = lines_of(old), lines_of(new)
    same = len(old_lines) == len(new_lines)
    pairs = list(zip(old_lines, new_lines, strict=True)) if same else [(old, new)]
    offset = 0
    for before, after in pairs:
        if before != after:
            for tag, first, stop, _, _ in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
                if tag != "equal":
                    yield offset + first, offset + stop
        offset += len(before)


def touches(change: tuple[int, int], protected: tuple[int, int]) -> bool:
    (first, stop), (start, end) = change, protected
    return start < first < end if first == stop else first < end and start < stop


#: An HTML block that is one suppression comment: the only HTML a fix may change
#: (MJ101 removes a comment that suppresses nothing, or the rules it names in vain).
SUPPRESSION_BLOCK = re.compile(r"\s*<!--\s*mdjournal-(?:(?!-->).)*-->\s*", re.DOTALL | re.IGNORECASE)


def protected_changes(value: Post | str, after: str) -> list[str]:
    """What the fix changed in protected text, one line per change, naming the kind."""
    text = text_of(value)
    protected = set(parsed_protected(text))
    if isinstance(value, Post):
        protected |= {(p.kind, (p.start, p.end)) for p in value.protected}
    protected = {
        (kind, (start, end))
        for kind, (start, end) in protected
        if not (kind == HTML and SUPPRESSION_BLOCK.fullmatch(text, start, end))
    }
    return [
        f"a fix changed {kind} {text[start:end]!r}: {text[first:stop]!r} at {first}:{stop}"
        for first, stop in changed_ranges(text, after)
        for kind, (start, end) in sorted(protected)
        if touches((first, stop), (start, end))
    ]


@pytest.mark.parametrize("source", SOURCES)
@given(data=st.data())
def test_fixes_leave_protected_text_alone(source: str, data: st.DataObject) -> None:
    value = data.draw(SOURCES[source], label="post")
    config = data.draw(st.sampled_from(list(CONFIGS)), label="config")
    after = fixed(text_of(value), config, data.draw(st.booleans(), label="unsafe")).text
    assert protected_changes(value, after) == []


def test_changed_ranges_are_the_changes_and_only_them() -> None:
    """Property 4 is only as good as this: repairs next to Liquid tags do not touch them."""
    old = "a {{ x }} b  \nsame\n‚úîÔ∏è {{ y }}\n"
    new = "a {{ x }} b\nsame\n✔️ {{ y }}\n"
    mark = old.index("‚")
    changes = list(changed_ranges(old, new))
    assert changes[0] == (11, 13)  # the trailing spaces
    assert changes[1:] and all(mark <= first <= stop <= mark + len("‚úîÔ∏è") for first, stop in changes[1:])
    assert not any(touches(change, tag.span()) for change in changes for tag in LIQUID_TAG.finditer(old))
    assert touches((3, 3), (2, 9)) and not touches((2, 2), (2, 9)) and touches((8, 10), (2, 9))
