"""Time grows with the post as markdown-it's own parse does, on pathological input too.

Each pattern is fixed (parsed, linted and repaired: what ``fmt --fix`` does, and
all that ``lint`` does) at N, 2N and 4N and timed against markdown-it parsing the
same text in the same test (best of three, so a busy machine does not decide), so
the check is a ratio, not a wall-clock figure. Quadratic work shows as a ratio that
grows with N: 100,000 read marks in one word took 15.8 s where markdown-it takes a
few milliseconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import pytest

from mdjournal.fixing.fixer import fix_text

HEAD = "---\ntitle: T\ndate: 2025-01-01\n---\n\n## Papers\n\n"

#: Each pattern, and the N it is tried at here (4N costs markdown-it about 0.1 s at most).
PATTERNS: dict[str, tuple[Callable[[int], str], int]] = {
    "marks": (lambda n: HEAD + "- " + "\u2714" * n + "\n", 2_000),
    "damaged marks": (lambda n: HEAD + "- " + "\u201a\u00fa\u00ee" * n + " [T](https://a.org)\n", 2_000),
    "marks and symbols": (
        lambda n: HEAD + "- \u2714\ufe0f" + "\U0001f6a7" * n + " [T](https://a.org)\n",
        2_000,
    ),
    "nested emphasis": (lambda n: HEAD + "- " + "**" * n + "[T](https://a.org)" + "**" * n + "\n", 500),
    "stars": (lambda n: HEAD + "- " + "*" * n + "[T](https://a.org)\n", 1_000),
    "brackets": (lambda n: HEAD + "- \u2714\ufe0f " + "[" * n + "T](https://a.org)\n", 500),
    "backticks": (
        lambda n: HEAD + "- \u2714\ufe0f [" + "`" * n + "](https://a.org) " + "`a" * n + "\n",
        1_000,
    ),
    "angle brackets": (lambda n: HEAD + "- \u2714\ufe0f [T](" + "<" * n + "\n", 1_000),
    "long line": (
        lambda n: HEAD + "- \u2714\ufe0f [T](https://a.org) (2017) " + "word (2017) " * n + "\n",
        2_000,
    ),
    "many items": (lambda n: HEAD + "- \u2714\ufe0f\n" * n, 500),
}


def best(function: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def markdown_it_parse(text: str) -> float:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    return best(lambda: md.parse(text))


def check_growth(pattern: str, n: int) -> None:
    """Fixing grows linearly, and costs a bounded multiple of markdown-it's parse.

    From N to 4N the time may grow 8× (linear is 4×, quadratic 16×); the floor
    (5 ms) keeps timer noise on tiny inputs from deciding. Against markdown-it the
    margin is wide (50×: a post of 100,000 damaged marks has 100,000 findings to
    build, where markdown-it sees one paragraph; measured 25×), and far below what
    quadratic work reaches (2,300× on 20,000 marks before the fix).
    """
    build = PATTERNS[pattern][0]
    times = {size: best(partial(fix_text, build(size))) for size in (n, 2 * n, 4 * n)}
    assert times[4 * n] <= 8 * max(times[n], 0.005), f"{pattern}: {times}"
    theirs = markdown_it_parse(build(4 * n))
    assert times[4 * n] <= 50 * max(theirs, 0.01), (
        f"{pattern} at {4 * n}: {times[4 * n]:.3f} s, markdown-it {theirs:.3f} s"
    )


@pytest.mark.parametrize("pattern", PATTERNS)
def test_time_grows_as_markdown_it_does(pattern: str) -> None:
    check_growth(pattern, PATTERNS[pattern][1])


@pytest.mark.slow
@pytest.mark.parametrize("pattern", ["marks", "nested emphasis", "stars", "brackets"])
def test_time_grows_as_markdown_it_does_on_big_input(pattern: str) -> None:
    check_growth(pattern, 10 * PATTERNS[pattern][1])
