"""Front matter that Jekyll will not read as intended.

Jekyll only publishes a post with YAML front matter between `---` lines at the
very top. In any post, the rule reports front matter that is never closed or is
not valid YAML (at the line of the error), repeats a key (`title:` twice: Jekyll
keeps the last one silently, as yamllint warns), and a post in `_posts/` whose file name
holds a date that does not exist (`2024-02-31-x.md`: Jekyll stops the build). In a
journal it also reports front matter that is missing, lacks a `title` (except in
Chirpy's `_tabs/`, which take the title from the file name), lacks a `date` in a
post of `_posts/` whose file name is not dated (Jekyll dates `2021-1-16-x.md` by
its name, one-digit month and day included; pages need no date), and a `date`
Jekyll would reject. Jekyll accepts `YYYY-MM-DD`, optionally followed by `HH:MM`,
`HH:MM:SS` and a time zone offset: `2025-06-16 10:58:32 -0600`.

Bad::

    ---
    title: "My Research Journal"
    date: 16/06/2025
    ---

Good::

    ---
    title: "My Research Journal"
    date: 2025-06-16 10:58:32 -0600
    ---

No fix: what the title or date should be is yours to say.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mdjournal.linting.finding import Problem, Severity
from mdjournal.parsing.front_matter import opens_front_matter

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.model.nodes import FrontMatter
    from mdjournal.text.source import Span

CODE = "MJ012"
NAME = "front-matter"
DEFAULT = True
FIX = None
SCOPE = "post"
SEVERITY = Severity.ERROR
ANYWHERE = True

_JEKYLL_DATE = re.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"(?:\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?\s*\Z"
)
#: Jekyll's own pattern for a post's file name (``Jekyll::Document::DATE_FILENAME_MATCHER``).
_DATED_NAME = re.compile(r"(?P<year>\d{2,4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})-.")


def check(context: Context) -> Iterator[Problem]:
    front = context.journal.front_matter
    folders = _folders(context.path)
    in_posts = "_posts" in folders
    name = _DATED_NAME.match(os.path.basename(context.path or ""))
    if in_posts and name is not None and not _exists(name):
        yield Problem(
            context.span(0, 0),
            f"the file name's date '{name.group()[:-2]}' does not exist: Jekyll will not build the site",
        )
    if front is None:
        if opens_front_matter(context.source):
            yield Problem(
                context.source.lines_span(1, 1),
                "front matter opened on line 1 is never closed: end it with a '---' line",
            )
        elif context.is_journal:
            yield Problem(
                context.span(0, 0),
                "no front matter: Jekyll needs '---' lines with at least a title at the top",
            )
        return
    if front.data is None:
        line = front.error_line or front.line
        yield Problem(context.source.lines_span(line, line), f"front matter is not valid YAML: {front.error}")
        return
    for key, first, line in front.duplicates:
        yield Problem(
            context.source.lines_span(line, line),
            f"duplicate key '{key}' (first on line {first}); Jekyll keeps only the last value: keep one",
        )
    if not context.is_journal:
        return
    if not front.data.get("title") and "_tabs" not in folders:
        yield Problem(context.source.lines_span(front.line, front.line), "front matter has no 'title'")
    date = front.data.get("date")
    if date is None:
        if in_posts and name is None:
            yield Problem(
                context.source.lines_span(front.line, front.line),
                "front matter has no 'date' (and the file name does not start with one)",
            )
    elif not _jekyll_accepts(date):
        yield Problem(
            _key_span(context, front, "date"),
            f"date '{date}' is not a date Jekyll accepts; write YYYY-MM-DD HH:MM:SS +/-TTTT",
        )


def _folders(path: str | None) -> tuple[str, ...]:
    """The folders above ``path`` (any separator), nearest last."""
    return tuple(re.split(r"[\\/]", path or ""))[:-1]


def _exists(name: re.Match[str]) -> bool:
    try:
        datetime.date(int(name["year"]), int(name["month"]), int(name["day"]))
    except ValueError:
        return False
    return True


def _jekyll_accepts(value: Any) -> bool:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return True
    match = _JEKYLL_DATE.match(str(value).strip())
    if not match:
        return False
    try:
        datetime.date.fromisoformat("-".join(part.zfill(2) for part in match.group("date").split("-")))
    except ValueError:
        return False
    time = match.group("time")
    if time:
        hour, minute = (int(part) for part in time.split(":")[:2])
        seconds = float(time.split(":")[2]) if time.count(":") == 2 else 0
        return hour < 24 and minute < 60 and seconds < 61
    return True


def _key_span(context: Context, front: FrontMatter, key: str) -> Span:
    """The line where `key:` is written, or the opening `---`."""
    pattern = re.compile(rf"{re.escape(key)}\s*:")
    for number in range(front.line + 1, front.end_line):
        line = context.source.line(number)
        if pattern.match(context.text, line.start, line.end):
            return context.source.lines_span(number, number)
    return context.source.lines_span(front.line, front.line)
