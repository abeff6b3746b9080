"""The corpus of real posts: lint it, compare with the reviewed snapshot, measure precision.

``posts/`` holds public Markdown files exactly as published (``SOURCES.toml`` says
where each comes from). ``findings.txt`` is what mdjournal reports on them, one
finding a line, reviewed by hand: a finding judged false carries ``  # false: why``.
Each post is linted with the default settings under its path below ``posts/``, so
``_posts/`` and ``_tabs/`` mean what they mean to Jekyll.

    python tests/corpus/review.py            # precision per rule and per style
    python tests/corpus/review.py --update   # rewrite findings.txt, keeping the verdicts
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
POSTS = HERE / "posts"
SNAPSHOT = HERE / "findings.txt"
VERDICT = "  # false: "


@dataclass(frozen=True)
class Post:
    """One real post: its path below ``posts/``, its style and whether it was held out."""

    name: str
    style: str
    heldout: bool

    @property
    def text(self) -> str:
        """The post's text, exactly: no newline translation."""
        return (POSTS / self.name).read_bytes().decode("utf-8")


def posts() -> list[Post]:
    sources = tomllib.loads((HERE / "SOURCES.toml").read_text(encoding="utf-8"))["files"]
    return sorted(
        (Post(key.removeprefix("posts/"), meta["style"], meta.get("heldout", False)) for key, meta in sources.items()),
        key=lambda post: post.name,
    )


def lint_lines(post: Post) -> list[str]:
    """What ``mdjournal lint`` reports on ``post``, a line per finding."""
    from mdjournal.config.settings import Config
    from mdjournal.linting.linter import lint_text

    _, findings = lint_text(post.text, Config(), post.name)
    return [f"{post.name}:{f.span.line}:{f.span.column}: {f.code} {f.message}" for f in findings]


def snapshot() -> dict[str, str | None]:
    """Each reviewed finding's line, and why it is false (None: true)."""
    reviewed: dict[str, str | None] = {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        finding, _, why = line.partition(VERDICT)
        reviewed[finding] = why or None
    return reviewed


def update() -> None:
    reviewed = snapshot() if SNAPSHOT.exists() else {}
    lines = [line for post in posts() for line in lint_lines(post)]
    SNAPSHOT.write_text(
        "".join(line + (VERDICT + why if (why := reviewed.get(line)) else "") + "\n" for line in lines),
        encoding="utf-8",
    )


def precision() -> str:
    """A table of findings, false ones and precision, per rule and per style."""
    styles = {post.name: post.style for post in posts()}
    total: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for finding, why in snapshot().items():
        name, code = finding.split(":", 1)[0], finding.split(": ", 1)[1].split(" ", 1)[0]
        for key in (code, f"style {styles[name]}", "all"):
            total[key] += 1
            false[key] += why is not None
    rows = ["| | findings | false | precision |", "|---|---:|---:|---:|"]
    for key in sorted(total, key=lambda key: (key == "all", key.startswith("style"), key)):
        rows.append(f"| {key} | {total[key]} | {false[key]} | {1 - false[key] / total[key]:.1%} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    if "--update" in sys.argv:
        update()
    print(precision())
