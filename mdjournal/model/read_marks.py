"""Read marks: the symbol before an entry's link that says "I have read this".

The parser is tolerant (any of these, even damaged by a wrong decode, means read);
the linter is strict (only the configured mark, undamaged, in front of the link).
"""

from __future__ import annotations

from functools import lru_cache

DEFAULT_READ_MARK = "\u2714\ufe0f"  # ✔️ HEAVY CHECK MARK + VARIATION SELECTOR-16

#: Every spelling of "read" that readers write in front of an entry.
READ_MARKS = frozenset(
    {
        "\u2714\ufe0f",  # ✔️
        "\u2714\ufe0e",  # ✔︎ text presentation
        "\u2714",  # ✔ without a variation selector
        "\u2713\ufe0f",  # ✓️
        "\u2713",  # ✓
        "\u2705",  # ✅
        "\u2611\ufe0f",  # ☑️
        "\u2611",  # ☑
        "[x]",
        "[X]",
    }
)

#: A GitHub task-list box that says "not read yet".
UNREAD_BOX = "[ ]"

TASK_BOXES = ("[x]", "[X]", UNREAD_BOX)

MAX_SYMBOL_MARK = 8
#: The longest a read mark can be, even damaged twice by a wrong decode: two code
#: points are at most 6 UTF-8 bytes, each decoded as one character of up to 3 bytes,
#: decoded again (``✔️`` twice through Mac OS Roman is 14 characters). Anything longer
#: is not a mark, and is not handed to the mojibake repair: a 300 KB "word" of marks
#: cost a repair per prefix, quadratic time (15.8 s for 100,000 marks).
MAX_READ_MARK = 18


@lru_cache(maxsize=256)
def repaired(mark: str) -> str:
    """The mark as meant, when a wrong decode damaged it (``‚úîÔ∏è`` is ``✔️``).

    Memoised: a post has thousands of marks but only a handful of spellings.
    """
    from mdjournal.model.mojibake import repair

    return repair(mark)


def is_read_mark(text: str) -> bool:
    """True for a read mark, also one damaged by mojibake."""
    if len(text) > MAX_READ_MARK:
        return False
    return text in READ_MARKS or (not text.isascii() and repaired(text) in READ_MARKS)


def is_symbol_mark(text: str) -> bool:
    """True for a short run of symbols (``🚧``, ``⏳``): a mark mdjournal does not know.

    Such a prefix still leaves the item an entry (unread); words do not.
    """
    return 0 < len(text) <= MAX_SYMBOL_MARK and not any(
        ch.isalnum() or ch.isspace() or ch in "[]()`<>\\!" for ch in text
    )
