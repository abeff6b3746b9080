"""Characters a terminal draws as nothing, or as a blank box, written out so a person sees them."""

from __future__ import annotations

#: Unicode categories drawn as nothing or a box: private use, unassigned, controls, format
#: characters (a soft hyphen, a zero-width space, a BOM) but for the joiners of emoji sequences.
_INVISIBLE = frozenset({"Co", "Cn", "Cc", "Cf"})
_JOINERS = frozenset("\u200c\u200d")


def visible(text: str) -> str:
    r"""``text`` with each invisible character written as ``\uf8ff``.

    Mac OS Roman's Apple logo is a private-use character (U+F8FF) most fonts do not
    draw: ``'\uf8ffüöß'`` says what a span of mojibake holds, where ``'üöß'`` would not.
    """
    if text.isascii() and text.isprintable():
        return text
    import unicodedata  # only for text with something to look at

    return "".join(
        f"\\u{ord(char):04x}"
        if unicodedata.category(char) in _INVISIBLE and char not in _JOINERS and char != "\t"
        else char
        for char in text
    )
