"""Find and repair mojibake: UTF-8 text that was decoded with the wrong 8-bit codec.

A post written on a Mac and round-tripped through the wrong tool ends up with
``‚úîÔ∏è`` where the author typed ``✔️``: the UTF-8 bytes ``E2 9C 94 EF B8 8F`` were
read as Mac OS Roman. The same happens with Windows-1252 (``itâ€™s`` for ``it’s``).
The linter must point at the exact damaged characters and the fixer must put back
exactly what was meant while leaving every healthy character alone, so this module
is hand-written rather than built on ftfy: ftfy gives no spans, does not recognise
Mac Roman sequences that begin with U+F8FF (the Apple logo, byte ``F0``, the lead
byte of every emoji) and takes about 110 ms to import.

How a run is found
------------------
Each character is mapped back to the byte the wrong codec would have decoded it
from (tables built once at import). A *damaged run* is a maximal stretch of
characters that, in **one** codec, maps to one or more complete, strictly valid
UTF-8 multi-byte sequences (lead ``C2``-``F4`` plus the right number of ``80``-``BF``
continuation bytes; overlongs and surrogates are rejected by Python's decoder).
UTF-8 is self-synchronising (a continuation byte is never a lead byte), so within
one codec a greedy left-to-right scan that starts runs only at lead characters
cannot start a run too early. Where both codecs can start a run at the same
character the longer run wins, Windows-1252 on a tie (it is the more common wrong
decode); a run of the other codec overlapping the winner is not looked for.
Adjacent runs in different codecs stay separate :class:`Damage` values.

Codecs:

* "Windows-1252", the *sloppy* variant: cp1252, plus its five undefined bytes
  ``81 8D 8F 90 9D`` read as U+0081... (as Latin-1 and most tools do), plus every C1
  control U+0080-U+009F accepted as its own byte value, so text mis-decoded as
  Latin-1 is caught too. This is what ftfy calls ``sloppy-windows-1252``.
* "Mac OS Roman": Python's ``mac_roman``, where byte ``F0`` is U+F8FF.

Heuristics against false positives, and their trade-offs
---------------------------------------------------------
Healthy text often *looks* like mojibake: Latin-1 capitals (``Â``-``ß``) are
2-byte lead characters in Windows-1252, and in Mac Roman so are ``“ ” ‘ ’ – — «
» …``. Every accepted decode must therefore also be plausible:

1. **No impossible characters.** A decoded control (Cc), private-use (Co) or
   unassigned (Cn) character rejects the sequence. Unassigned code points in
   planes 1-3 from a 4-byte sequence are allowed, so emoji newer than the running
   Python's Unicode database still repair; the bytes ``F0 9x``-``F0 Bx`` followed
   by two more continuation characters almost never occur in healthy text.
2. **No leading mark.** A combining mark or variation selector (category M) may
   not be the first character of a run: ``Ã©`` read as Mac Roman would be U+0329,
   and ``Ô∏è`` alone would be a bare VS16. Cost: mojibake of decomposed (NFD)
   accents, ``e`` + ``Ì\\x81``, is not repaired.
3. **2-byte decodes are restricted.** Lead bytes ``C2``-``DF`` come from ordinary
   accented capitals, so a 2-byte result is accepted only if it is in U+00A0-U+017F
   (Latin-1 Supplement, Latin Extended-A), one of Romanian ``ȘșȚț`` (U+0218-U+021B),
   a modern Greek letter (U+0386-U+03CE; ``Î²`` is β, common in ML titles), or basic
   Cyrillic (U+0400-U+045F) from Windows-1252 only (leads ``Ð Ñ``): the Mac Roman
   leads of Cyrillic are the dashes ``– —``, and ``—é`` would otherwise become ``ю``.
   Inside a run (not first), the other characters a wrong decode produces (``ƒ``
   and the spacing accents ``ˆ ˜ ˇ ˘ ˙ ˚ ˛ ˝``) are accepted too, because the
   middle layer of a triple encoding is made of them (``ÃƒÆ’Ã‚Â©`` is ``é``).
   This keeps ``CAFÉ”`` (→ U+0254), ``“É`` (→ U+0483), ``—é``, ``Ørsted`` healthy.
   Cost: damaged Hebrew, Arabic, Armenian, IPA and most of Latin Extended-B go
   undetected.
4. **A quoted or word-final capital stays.** A Windows-1252 run of one 2-byte
   sequence is healthy when it is a capital between quotation marks (``„Ä“``: German
   quotes around a letter) or a capital before closing or other punctuation at the
   end of an all-caps word (``IRMÃ”``: Portuguese capitals and a closing quote, not
   ``IRMÔ``). Opening punctuation elsewhere is still damage, because ``Å‘`` (ő) and
   ``Å“`` (œ) are everyday damage. Cost: ``CAFÃ‰`` for ``CAFÉ`` and a damaged letter
   that is itself quoted (``“Å‘”``) are missed.
5. **A lowercase accented letter followed by two symbols stays.** ``café”…`` maps
   to ``E9 94 85``, a valid CJK character. A run of one 3-byte sequence whose lead
   character is a letter directly after another letter, whose two continuation
   characters are both non-alphanumeric, and whose result is a letter of a
   non-Latin script, is rejected. Punctuation results (``itâ€™s``) and Latin letters
   (Vietnamese ``Viá»‡t``) are unaffected. Cost: a lone CJK character glued to a
   Latin word, ``Tokyo東``, is missed when damaged; ``«é»…`` (no letter before) is
   still flagged.
6. **A lost undefined byte is restored in two cases only.** Windows-1252 leaves
   ``81 8D 8F 90 9D`` undefined; many decoders drop them, or an editor strips the
   invisible C1 control they became, so ``✔️`` arrives as ``âœ”ï¸`` and ``”`` as
   ``â€``. A truncated ``ï¸`` right after another sequence of the run is VS16
   (``EF B8 8F``: the overwhelmingly common case, and a bare VS16 is never meant);
   a truncated ``â€`` is ZWJ (``8D``) before an emoji's lead ``ð`` and the closing
   quote ``”`` (``9D``) elsewhere. Other truncations are ambiguous and left alone.

7. **A lone Mac Roman pair must look like a letter, not mathematics.** A Mac Roman
   run of one 2-byte sequence is damage only if its lead is ``¬`` or ``√`` (the
   Latin-1 range, where Mac damage happens) or ``Œ``/``œ`` (Greek letters, common in
   ML titles), and, when its second character is a Greek letter (``√π``, ``¬π``) or,
   after ``√``, a mathematical symbol (``√∂``), only if a letter touches it, or for
   ``¬`` a digit (``o√π`` is ``où``, ``sch√∂n`` is ``schön``, ``1¬Ω`` is ``1½``, but
   ``2√π`` is mathematics; ``¬∞`` is always ``°``). So ``√π``, ``θ≈π``, ``≈µ`` and ``»ö`` (mathematics,
   quotes) stay healthy. Cost: Latin Extended-A damaged through Mac Roman (``≈ë``),
   and ``í ñ ò ó ö ø ù ú ý ¹ ½`` damaged standing alone, are missed; longer runs
   (``‚úîÔ∏è``) are unaffected.

Heuristics 4, 5 and 7 look at the neighbours of a run, but only inside the scanned
region (``text[start:end]``), as if the region were the whole text: scanning a
region gives the same runs as scanning that slice.

Double encodings (``Ã¢â‚¬â„¢`` for ``’``: UTF-8 decoded wrongly, re-encoded as UTF-8,
decoded wrongly again) are unwrapped layer by layer while the repair of a run is
itself one damaged run from end to end, at most :data:`MAX_LAYERS` layers, and only
when the inner repair holds no letter of a non-Latin script: ``á’’`` and ``Á™™``
read once more would be ``ᒒ`` and ``窪``, a coincidence rather than damage. (A
doubly damaged CJK text loses one layer per ``fmt`` round instead; the fixer
repeats until nothing is left.) Such a
run is reported once, with the codec of its outermost layer. A text that really is
about mojibake (the two characters ``Ã©``, damaged once) is indistinguishable and
gets unwrapped too far.

Speed: one precompiled class of lead characters followed by a continuation
character lets ``re`` skip ASCII and healthy non-ASCII text in C; Python runs only
at candidates. Measured on 1 MB (CPython 3.11): about 6 ms for pure ASCII, 13 ms
for Markdown with 2% non-ASCII and 1,400 damaged runs, 25 ms for 2,400 runs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["MAX_LAYERS", "Damage", "find_mojibake", "repair"]

WINDOWS_1252 = "Windows-1252"
MAC_ROMAN = "Mac OS Roman"

#: How many wrong-decode layers one run may be unwrapped through (``Ã¢â‚¬â„¢`` needs 2).
MAX_LAYERS = 4


class Damage(NamedTuple):
    """One maximal damaged run: ``text[start:end]`` should read ``repaired``."""

    start: int
    end: int
    repaired: str
    codec: str


class _Codec(NamedTuple):
    """A wrong codec, as a map from each non-ASCII character back to its byte."""

    name: str
    to_byte: dict[str, int]
    cyrillic: bool  # may a 2-byte run decode to Cyrillic (heuristic 3)?
    lossy: bool  # may a run's final undefined byte have been lost (heuristic 6)?


def _sloppy_windows_1252() -> dict[str, int]:
    """Character -> byte for cp1252 as real-world decoders apply it (see above)."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            char = bytes((byte,)).decode("cp1252")
        except UnicodeDecodeError:  # 81 8D 8F 90 9D: undefined, read as Latin-1
            char = chr(byte)
        table[char] = byte
    for byte in range(0x80, 0xA0):  # C1 controls: text mis-decoded as Latin-1
        table.setdefault(chr(byte), byte)
    return table


def _mac_roman() -> dict[str, int]:
    """Character -> byte for Mac OS Roman, which defines all 128 high bytes."""
    chars = bytes(range(0x80, 0x100)).decode("mac_roman")
    return {char: byte for byte, char in enumerate(chars, 0x80)}


_CODECS = (
    _Codec(WINDOWS_1252, _sloppy_windows_1252(), cyrillic=True, lossy=True),
    _Codec(MAC_ROMAN, _mac_roman(), cyrillic=False, lossy=False),
)


#: Every character a wrong decode produces; ``ƒ`` (U+0192) and the spacing accents
#: ``ˆ ˜ ˇ ˘ ˙ ˚ ˛ ˝`` are the ones outside the 2-byte ranges of heuristic 3.
_REPERTOIRE = frozenset(char for codec in _CODECS for char in codec.to_byte)


def _chars(low: int, high: int) -> str:
    """A regex class of the characters either codec maps to a byte in low-high."""
    chars = {char for codec in _CODECS for char, byte in codec.to_byte.items() if low <= byte <= high}
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


#: Where a run may start: a lead character (C2-F4) before a continuation character
#: (80-BF), in either codec. One class, no alternation, so that ``re`` skips ASCII and
#: healthy non-ASCII text in C (an alternation of per-codec patterns is 4x slower).
_CANDIDATE = re.compile(f"{_chars(0xC2, 0xF4)}(?={_chars(0x80, 0xBF)})")


def _plausible(char: str, size: int, codec: _Codec, first: bool) -> bool:
    """Heuristics 1-3 for one decoded sequence of ``size`` bytes."""
    category = unicodedata.category(char)
    if category in ("Cc", "Co", "Cs"):
        return False
    if category == "Cn" and not (size == 4 and ord(char) < 0x40000):
        return False
    if first and category[0] == "M":
        return False
    if size > 2:
        return True
    code = ord(char)
    if 0xA0 <= code <= 0x17F or 0x218 <= code <= 0x21B:
        return True
    if 0x386 <= code <= 0x3CE:  # modern Greek, leads CE CF
        return char.isalpha()
    if 0x400 <= code <= 0x45F:  # basic Cyrillic, leads D0 D1
        return codec.cyrillic
    return not first and char in _REPERTOIRE  # ƒ ˆ ˜ ˇ ...: a layer of double encoding


def _decode_run(text: str, pos: int, end: int, codec: _Codec) -> tuple[int, str, int]:
    """Decode as many sequences as possible from ``pos``: (run end, decoded, count)."""
    to_byte = codec.to_byte
    out: list[str] = []
    while pos < end:
        lead = to_byte.get(text[pos], 0)
        if not 0xC2 <= lead <= 0xF4:
            break
        size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        raw = bytearray((lead,))
        for char in text[pos + 1 : min(pos + size, end)]:
            byte = to_byte.get(char, 0)
            if not 0x80 <= byte <= 0xBF:
                break
            raw.append(byte)
        if len(raw) == size:
            try:
                char = raw.decode("utf-8")
            except UnicodeDecodeError:  # overlong, surrogate or beyond U+10FFFF
                break
        elif codec.lossy and len(raw) == size - 1:
            lost = _lost_final_byte(bytes(raw), text, pos + len(raw), end, bool(out))
            if lost is None:
                break
            char = lost
        else:
            break
        if not _plausible(char, len(char.encode()), codec, first=not out):
            break
        out.append(char)
        pos += len(raw)
    return pos, "".join(out), len(out)


def _lost_final_byte(raw: bytes, text: str, after: int, end: int, inside: bool) -> str | None:
    """What a sequence meant whose last byte, undefined in cp1252, was lost (heuristic 6)."""
    if raw == b"\xef\xb8":
        return "\ufe0f" if inside else None
    if raw == b"\xe2\x80":
        return "\u200d" if after < end and text[after] == "\u00f0" else "\u201d"
    return None


def _foreign_letter(char: str) -> bool:
    """A letter of a non-Latin script (heuristic 5)."""
    return char.isalpha() and "LATIN" not in unicodedata.name(char, "")


def _runs(text: str, start: int, end: int, layers: int) -> Iterator[Damage]:
    """The scan behind :func:`find_mojibake`; ``layers`` bounds double-encoding unwrapping."""
    pos = start
    search = _CANDIDATE.search
    while True:
        match = search(text, pos, end)
        if match is None:
            return
        i = match.start()
        best: tuple[int, str, int] | None = None
        best_codec: _Codec | None = None
        for codec in _CODECS:
            if not 0xC2 <= codec.to_byte.get(text[i], 0) <= 0xF4:
                continue
            found = _decode_run(text, i, end, codec)
            if found[2] and (best is None or found[0] > best[0]):
                best, best_codec = found, codec
        if best is None or best_codec is None:
            pos = i + 1
            continue
        stop, repaired, count = best
        if count == 1 and _suspicious_single(text, i, stop, end, start, repaired, best_codec):
            pos = i + 1
            continue
        if layers > 1 and _CANDIDATE.search(repaired):
            inner = list(_runs(repaired, 0, len(repaired), layers - 1))
            whole = len(inner) == 1 and inner[0].start == 0 and inner[0].end == len(repaired)
            if whole and not any(_foreign_letter(char) for char in inner[0].repaired):
                repaired = inner[0].repaired
        yield Damage(i, stop, repaired, best_codec.name)
        pos = stop


_QUOTES = frozenset("\"'«»‹›‘’‚‛“”„‟")


def _suspicious_single(
    text: str, start: int, stop: int, end: int, region_start: int, decoded: str, codec: _Codec
) -> bool:
    """True when a one-sequence run is more likely healthy text (heuristics 4, 5, 7)."""
    before = text[start - 1] if start > region_start else ""
    tail = text[start + 1 : stop]
    if stop - start == 2:
        after = text[stop] if stop < end else ""
        if codec.name == MAC_ROMAN:  # heuristic 7
            lead = codec.to_byte[text[start]]
            if lead not in (0xC2, 0xC3, 0xCE, 0xCF):
                return True
            greek = "GREEK" in unicodedata.name(tail, "")
            mathematical = greek or (lead == 0xC3 and unicodedata.category(tail) == "Sm")
            # A letter next to it makes a word (o√π is où); for ¬ a digit does too (1¬Ω is 1½).
            touching = before + after
            in_word = any(char.isalpha() or (lead == 0xC2 and char.isdigit()) for char in touching)
            return lead in (0xC2, 0xC3) and mathematical and not in_word
        category = unicodedata.category(tail)
        if category[0] == "P" and before in _QUOTES and tail in _QUOTES:
            return True  # heuristic 4: a capital quoted on its own, „Ä“
        return (
            category[0] == "P" and category not in ("Pi", "Ps") and before.isupper() and not after.isalpha()
        )
    if stop - start == 3:
        return (
            before.isalpha()
            and text[start].isalpha()
            and not any(char.isalnum() for char in tail)
            and _foreign_letter(decoded)
        )
    return False


def find_mojibake(text: str, start: int = 0, end: int | None = None) -> Iterator[Damage]:
    """Yield each maximal damaged run within text[start:end], in order, offsets relative to `text`.

    The region lets the linter skip code spans, where ``Ã©`` may be a deliberate
    example; it is scanned as if it were the whole text (see the module docstring).
    """
    length = len(text)
    start = max(0, min(start, length))
    end = length if end is None else max(start, min(end, length))
    return _runs(text, start, end, MAX_LAYERS)


def repair(text: str) -> str:
    """Return text with every damaged run replaced by its repair (healthy text untouched)."""
    if text.isascii():
        return text
    parts: list[str] = []
    last = 0
    for damage in find_mojibake(text):
        parts.append(text[last : damage.start])
        parts.append(damage.repaired)
        last = damage.end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
