"""Benchmark mdjournal against markdown-it itself, and report ratios, not guesses.

    python bench/bench.py [--copies N] [--repeat R]

Builds a large journal from fixtures/research-journal.md (its 12 categories
repeated N times, with fresh titles and arXiv ids so nothing is a duplicate),
then times, best of R runs each:

- markdown-it-py's full CommonMark parse (the floor for any tool that reads the
  post's structure with it) and its block-only parse,
- mdjournal.parse, lint (all rules, ALL selected), fix (fmt --fix, in memory),
- and the start-up of the command line (`mdjournal --version`, `lint` on the
  sample post) in fresh processes.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "research-journal.md"


def big_journal(copies: int) -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    front, _, body = text.partition("\n## ")
    start = body.index("\n")  # keep the preamble once, repeat the categories
    counter = iter(range(10**9))

    def fresh(match: re.Match[str]) -> str:
        n = next(counter)
        return f"[{match.group(1)} #{n}](https://arxiv.org/abs/{2000 + n // 100000:04d}.{n % 100000:05d})"

    parts = [front + "\n## " + body[:start]]
    for _ in range(copies):
        parts.append(re.sub(r"\[([^\]]+)\]\([^)]+\)", fresh, "\n## " + body))
    return "".join(parts)


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def startup(args: list[str], repeat: int) -> float:
    def once() -> None:
        subprocess.run([sys.executable, "-m", "mdjournal", *args], capture_output=True, check=False)

    return statistics.median([best(once, 1) for _ in range(repeat)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=120, help="times to repeat the categories (120: ~5,000 entries)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from markdown_it import MarkdownIt

    import mdjournal
    from mdjournal.config import Config
    from mdjournal.fixer import fix_text
    from mdjournal.linter import lint

    text = big_journal(args.copies)
    journal = mdjournal.parse(text)
    config = Config().overridden(select=["ALL"])
    full = MarkdownIt("commonmark").enable("table")
    block = MarkdownIt("commonmark").enable("table").disable("inline")
    rows = [
        ("markdown-it full parse", best(lambda: full.parse(text), args.repeat)),
        ("markdown-it block parse", best(lambda: block.parse(text), args.repeat)),
        ("mdjournal.parse", best(lambda: mdjournal.parse(text), args.repeat)),
        ("lint (all rules)", best(lambda: lint(mdjournal.parse(text), config), args.repeat)),
        ("fmt --fix (in memory)", best(lambda: fix_text(text), max(1, args.repeat // 2))),
    ]
    floor = rows[0][1]
    size = len(text.encode("utf-8"))
    print(f"journal: {len(journal.entries):,} entries, {len(journal.categories):,} categories, {size / 1e6:.2f} MB")
    print(f"{'step':<26}{'seconds':>9}{'× markdown-it':>15}{'entries/s':>12}")
    for name, seconds in rows:
        print(f"{name:<26}{seconds:>9.3f}{seconds / floor:>15.2f}{len(journal.entries) / seconds:>12,.0f}")
    print()
    print(f"start-up, mdjournal --version:          {startup(['--version'], args.repeat) * 1000:6.0f} ms")
    print(f"start-up, python -c pass:               {startup_python(args.repeat) * 1000:6.0f} ms")
    print(f"mdjournal lint on the sample post:      {startup(['lint', str(FIXTURE)], args.repeat) * 1000:6.0f} ms")


def startup_python(repeat: int) -> float:
    def once() -> None:
        subprocess.run([sys.executable, "-c", "pass"], check=False)

    return statistics.median([best(once, 1) for _ in range(repeat)])


if __name__ == "__main__":
    main()
