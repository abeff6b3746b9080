"""Charts for ``mdjournal stats --plot``, drawn with matplotlib (``pip install 'mdjournal[plot]'``).

matplotlib is imported only here, and this module only when a chart is asked for:
importing it takes longer than a whole ``mdjournal lint`` of the sample post. The
figure is drawn with matplotlib's object API (no pyplot, no GUI backend) and
returned as bytes, so the caller writes it atomically. Every bar has an SVG id
(``year-read-2017``, ``year-unread-2017``, ``category-3``) that names what it shows,
and the output is the same bytes on every run (no date, a fixed SVG hash salt).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdjournal.reporting.stats import HistoryPoint, Stats

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The formats a chart can be written in, by file suffix.
FORMATS = ("svg", "png")
_READ, _UNREAD = "#2e7d32", "#b0bec5"


def stats_chart(stats: Stats, file_format: str) -> bytes:
    """Papers per year (read and unread stacked) beside the share read per category."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    categories = list(stats.categories.items())
    figure = Figure(figsize=(12, max(4.0, 0.4 * len(categories) + 1.5)), layout="constrained")
    by_year, by_category = figure.subplots(1, 2, width_ratios=(3, 2))
    years = stats.sorted_years()
    labels = [str(year) if year is not None else "no year" for year, _ in years]
    read = [counts.read for _, counts in years]
    unread = [counts.unread for _, counts in years]
    positions = range(len(years))
    for state, heights, bottoms, colour in (("read", read, None, _READ), ("unread", unread, read, _UNREAD)):
        bars = by_year.bar(positions, heights, bottom=bottoms, color=colour, label=state)
        for patch, label in zip(bars.patches, labels, strict=True):
            patch.set_gid(f"year-{state}-{label.replace(' ', '-')}")
    by_year.set_xticks(list(positions), labels, rotation=45, ha="right")
    by_year.set_ylabel("entries")
    by_year.set_title("Entries per year of publication")
    by_year.yaxis.set_major_locator(MaxNLocator(integer=True))
    by_year.legend()

    shares = [100 * counts.read / counts.entries if counts.entries else 0.0 for _, counts in categories]
    rows = range(len(categories))
    bars = by_category.barh(rows, shares, color=_READ)
    for index, patch in enumerate(bars.patches):
        patch.set_gid(f"category-{index}")
    by_category.set_yticks(list(rows), [title for title, _ in categories])
    by_category.invert_yaxis()
    by_category.set_xlim(0, 112)  # room for the last label beside a full bar
    by_category.set_xticks(range(0, 101, 20))
    by_category.set_xlabel("% read")
    by_category.set_title("Share read per category")
    for row, share, (_, counts) in zip(rows, shares, categories, strict=True):
        by_category.annotate(f" {counts.read}/{counts.entries}", (share, row), va="center", fontsize=8)
    return _save(figure, file_format)


def history_chart(histories: Sequence[tuple[str, Sequence[HistoryPoint]]], file_format: str) -> bytes:
    """Entries and read entries at each commit, one pair of lines per post."""
    from datetime import datetime

    from matplotlib.dates import date2num
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(10, 5), layout="constrained")
    axes = figure.subplots()
    for post, points in histories:
        dates = date2num([datetime.fromisoformat(point.date) for point in points])  # type: ignore[no-untyped-call]
        prefix = f"{post}: " if len(histories) > 1 else ""
        for name, values in (
            ("entries", [p.counts.entries for p in points]),
            ("read", [p.counts.read for p in points]),
        ):
            # A count holds from its commit to the next: steps, with a dot at each commit.
            axes.plot(dates, values, marker="o", drawstyle="steps-post", label=f"{prefix}{name}")
    axes.set_ylabel("entries")
    axes.set_title("Reading progress")
    axes.xaxis_date()
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend()
    figure.autofmt_xdate()
    return _save(figure, file_format)


def _save(figure: Figure, file_format: str) -> bytes:
    import matplotlib

    out = io.BytesIO()
    # Same input, same bytes: no creation date, and SVG ids from a fixed salt.
    metadata = {"Date": None} if file_format == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.hashsalt": "mdjournal", "svg.fonttype": "none"}):
        figure.savefig(out, format=file_format, metadata=metadata)
    return out.getvalue()
