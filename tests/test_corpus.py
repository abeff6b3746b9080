"""mdjournal on real posts: the corpus in tests/corpus (see its review.py and REVIEW.md).

Every post round-trips; the findings are the reviewed snapshot, so a change in what
mdjournal says about real text shows up here and is reviewed again; fixes keep
every link and code span; the journals, and only they, get the journal rules.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import zip_longest

import pytest
from markdown_it import MarkdownIt

import mdjournal
from mdjournal.config.settings import Config
from mdjournal.fixing.fixer import fix_text
from mdjournal.linting.context import Context
from mdjournal.model.status_markers import is_marker_phrase
from tests.corpus.review import Post, lint_lines, posts, precision, snapshot

POSTS = posts()
IDS = [post.name for post in POSTS]
#: The reading journals among the posts: the sample post's own journal, in four versions.
JOURNALS = {
    "jackhanke/_posts/2025-06-16-research-journal.md",
    "jackhanke-2025-10/_tabs/research journal.md",
    "jackhanke-2025-12/_tabs/research journal.md",
    "jackhanke/_tabs/research journal.md",
}


def test_the_corpus_is_real_and_varied() -> None:
    styles = Counter(post.style for post in POSTS)
    assert len(POSTS) >= 25 and len(styles) >= 5 and styles["journal"] == 4
    assert any("\r\n" in post.text for post in POSTS)  # a CRLF post
    assert sum(post.heldout for post in POSTS) >= 10


@pytest.mark.parametrize("post", POSTS, ids=IDS)
def test_every_post_round_trips(post: Post) -> None:
    assert mdjournal.parse(post.text).render() == post.text


def test_findings_are_the_reviewed_snapshot() -> None:
    """When this fails, run ``python tests/corpus/review.py --update``, read the diff of
    findings.txt, and mark each new false finding ``  # false: why`` (or fix the rule)."""
    assert [line for post in POSTS for line in lint_lines(post)] == list(snapshot())


def test_precision_on_real_posts() -> None:
    """At most 5% of the findings false overall, and none on a journal."""
    reviewed = snapshot()
    false = [finding for finding, why in reviewed.items() if why]
    assert len(false) <= 0.05 * len(reviewed), precision()
    assert not [finding for finding in false if finding.split(":", 1)[0] in JOURNALS], precision()


@pytest.mark.parametrize("post", POSTS, ids=IDS)
def test_the_journals_and_only_they_are_journals(post: Post) -> None:
    journal = mdjournal.parse(post.text)
    assert Context(journal, Config(), post.name).is_journal == (post.name in JOURNALS)


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _kept(text: str) -> Counter[str]:
    """Links, images, code spans, inline HTML, emphasis (but that of a status marker)
    and the text of every code block, as markdown-it reads the post."""
    seen: Counter[str] = Counter()
    for token in _markdown().parse(text):
        if token.type in ("fence", "code_block"):
            seen[f"code block {token.content!r}"] += 1
        children = token.children or []
        for child, following in zip_longest(children, children[1:]):
            marker = following is not None and is_marker_phrase(following.content)
            if child.type in ("link_open", "image", "code_inline", "html_inline"):
                seen[f"{child.type} {child.attrGet('href') or child.content!r}"] += 1
            elif child.type in ("em_open", "strong_open") and not marker:
                seen[child.type] += 1
    return seen


@pytest.mark.parametrize("post", POSTS, ids=IDS)
def test_fixes_keep_every_link_code_span_and_code_block(post: Post) -> None:
    """Unsafe fixes included (they are the safe ones and more)."""
    result = fix_text(post.text, Config(), post.name, unsafe=True)
    before, after = _kept(post.text), _kept(result.text)
    assert before - after == Counter() and after - before == Counter()


_NOT_WORDS = re.compile(r"\]\([^)]*\)|`[^`]*`|https?://\S+")


@pytest.mark.parametrize("post", POSTS, ids=IDS)
def test_no_year_from_a_url_or_code_and_no_contents_links(post: Post) -> None:
    journal = mdjournal.parse(post.text)
    for entry in journal.entries:
        assert not entry.url.startswith("#"), f"a table of contents link is no entry: {entry.title}"
        if entry.year_span is None:
            continue
        line = journal.source.line(entry.year_span.line)
        for where in _NOT_WORDS.finditer(journal.source.text, line.start, line.end):
            assert not where.start() <= entry.year_span.start < where.end(), (entry.title, where.group())
