"""Paper identifiers in URLs: which paper a link names, and the year that implies.

A reading-list entry usually links to the paper itself, and most scholarly links
carry an identifier that was minted when the paper appeared: an arXiv id starts with
its submission month, a ScienceDirect PII and many DOIs embed the publication year,
proceedings sites file papers under the conference year. Reading that year from the
link lets the linter fill in or check an entry's ``(YYYY)`` without any network
access, so it runs the same offline, in CI and on a plane.

Everything here is a pure function of the URL text (and of :data:`CURRENT_YEAR`, used
only to reject years from the future and to expand two-digit years). Nothing raises
on malformed input: a link the parser hands over may be any string at all.

Years are only ever taken from an identifier whose format defines where the year is.
Generic date-like paths (``/2019/05/my-post``) are never read as publication years:
a blog's path is when the post went up, not when the work it discusses appeared.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from mdjournal.text.patterns import lazy

__all__ = [
    "CURRENT_YEAR",
    "Identifier",
    "arxiv_id",
    "canonical_arxiv_url",
    "doi",
    "expand_two_digit_year",
    "identify",
    "normalise_url",
]

#: The year "now". Identifiers implying a year after next year are rejected, and
#: two-digit years (PIIs) at or below ``CURRENT_YEAR % 100`` expand to 20YY. A module
#: global, read at call time, so tests can pin it.
CURRENT_YEAR: int = date.today().year

ARXIV = "arXiv id"
DOI = "DOI"
PII = "ScienceDirect PII"
PROCEEDINGS = "proceedings URL"
ACL = "ACL Anthology id"
CVF = "CVF open access URL"


class Identifier(NamedTuple):
    """A paper identifier found in a URL.

    ``kind`` is the human name used in messages (one of "arXiv id", "DOI",
    "ScienceDirect PII", "proceedings URL", "ACL Anthology id", "CVF open access URL");
    ``value`` is the identifier as the URL spells it (version suffixes such as ``v2``
    dropped, since they do not change which paper it is); ``year`` is the year the
    identifier implies, or None when its format carries no year (most DOIs).
    """

    kind: str
    value: str
    year: int | None


# --------------------------------------------------------------------------- URLs


class _Url(NamedTuple):
    """The pieces of a URL the recognisers look at, split once."""

    scheme: str  # lower-case, "" for scheme-less input
    host: str  # lower-case, leading "www." dropped, "" when there is none
    port: int | None
    path: str  # as written (percent-escapes kept): used for normalisation
    upath: str  # percent-decoded: used for recognition
    query: str
    fragment: str = ""


#: Entries whose URLs the memoised functions remember: more than a big blog's
#: posts hold, since an LRU cache smaller than one pass over them would never hit.
_CACHE = 1 << 16

# "arxiv.org/abs/1706.03762" written without a scheme is still a URL to a reader;
# "10.1007/s11023-..." (no letters in the last label) and "arXiv:1706.03762" are not.
_schemeless_host = lazy(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d*)?(?:[/?#]|$)", re.I)


@lru_cache(maxsize=_CACHE)
def _split(url: str) -> _Url | None:
    """Split url into :class:`_Url`, or None when it is not parseable as a URL at all.

    Memoised, as are :func:`_doi` and :func:`_arxiv`: identifying a URL and
    normalising it both start here, and most recognisers look for a DOI.
    """
    text = url.strip().strip("<>").strip()
    if not text:
        return None
    if "://" not in text and not text.startswith("//") and _schemeless_host().match(text):
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    if host.startswith("www."):
        host = host[4:]
    return _Url(
        scheme=parts.scheme.lower(),
        host=host,
        port=port,
        path=parts.path,
        upath=unquote(parts.path),
        query=parts.query,
        fragment=parts.fragment,
    )


def _on(host: str, *domains: str) -> bool:
    """True when host is one of domains or a subdomain of one."""
    return any(host == d or host.endswith("." + d) for d in domains)


def _plausible(year: int, earliest: int = 1900) -> bool:
    """A publication year we are willing to report: not before earliest, not past next year."""
    return earliest <= year <= CURRENT_YEAR + 1


def expand_two_digit_year(yy: str) -> int:
    """The year ``yy`` most likely means: up to this year is 20YY, above is 19YY (PIIs, ``(97)``)."""
    n = int(yy)
    return 2000 + n if n <= CURRENT_YEAR % 100 else 1900 + n


# ------------------------------------------------------------------------- arXiv

# New style (April 2007 on): YYMM.NNNN until the end of 2014, YYMM.NNNNN since.
# Old style (1991 to March 2007): archive[.SUBJECT-CLASS]/YYMMNNN; the subject class is
# informational, not part of the identifier (arXiv's own metadata says math/0309136).
_ARXIV_ID = (
    r"(?:(?P<new>(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<seq>\d{4,5}))"
    r"|(?P<old>(?P<archive>[a-zA-Z]+(?:-[a-zA-Z]+)?)(?:\.(?P<subj>[A-Za-z]{2}))?"
    r"/(?P<oyy>\d{2})(?P<omm>\d{2})(?P<onum>\d{3})))"
    r"(?P<version>v\d+)?"
)
_arxiv_path = lazy(
    r"/(?:abs|pdf|html|format|ps|src|e-print|cite)/(?:(?i:arxiv):)?" + _ARXIV_ID + r"(?:\.pdf)?(?:/.*)?",
    re.S,
)
# The "arxiv:" pseudo-scheme ("arXiv:1706.03762" pasted as a link target).
_arxiv_bare = lazy(_ARXIV_ID)
_ARXIV_DOI = re.compile(r"10\.48550/(?i:arxiv)\." + _ARXIV_ID)


class _Arxiv(NamedTuple):
    canonical: str  # bare id: no version, no subject class, archive lower-cased
    written: str  # as the URL spells it, without the version
    version: str  # "v2", or "" when none was written
    year: int


def _arxiv_from_match(m: re.Match[str]) -> _Arxiv | None:
    """Validate a regex match as a real arXiv id: the month exists and the id format
    was in use then (4-digit numbers 2007-04..2014-12, 5-digit from 2015-01, old
    style 1991-08..2007-03). Anything else is a lookalike, not an arXiv id."""
    version = m["version"] or ""
    if m["new"]:
        year, month = 2000 + int(m["yy"]), int(m["mm"])
        five = len(m["seq"]) == 5
        if (
            not 1 <= month <= 12
            or (year, month) < (2007, 4)
            or five != ((year, month) >= (2015, 1))
            or not _plausible(year, 2007)
        ):
            return None
        return _Arxiv(m["new"], m["new"], version, year)
    yy, month = int(m["oyy"]), int(m["omm"])
    year = 1900 + yy if yy >= 91 else 2000 + yy
    if not 1 <= month <= 12 or not (1991, 8) <= (year, month) <= (2007, 3):
        return None
    if m["onum"] == "000":
        return None
    number = m["oyy"] + m["omm"] + m["onum"]
    return _Arxiv(f"{m['archive'].lower()}/{number}", m["old"], version, year)


def _arxiv_url(u: _Url) -> _Arxiv | None:
    """The arXiv id of a link to arxiv.org itself (any subdomain, any page kind)."""
    if u.scheme == "arxiv":
        m = _arxiv_bare().fullmatch(u.upath)
    elif _on(u.host, "arxiv.org"):
        m = _arxiv_path().fullmatch(u.upath)
    else:
        return None
    return _arxiv_from_match(m) if m else None


# The usual arXiv link, https://arxiv.org/abs/1706.03762 (or /pdf/, a version, .pdf),
# is read in one match. It is a plain URL whose host is arxiv.org and whose path
# _arxiv_path matches, so _split and _arxiv_url would read the same id from it.
_USUAL_ARXIV = re.compile(
    r"https?://(?i:(?:www\.|export\.)?arxiv\.org)/(?:abs|pdf)/" + _ARXIV_ID + r"(?:\.pdf)?"
)


def _usual_arxiv(url: str) -> _Arxiv | None:
    """The arXiv id of a usual arXiv link, without splitting it: every entry's URL is
    identified, and most are these. None for any other URL, even another arXiv one.

    What it is worth (issue 12): 1.2% of lint's instructions and 0.7% of ``fmt
    --fix``'s (callgrind, 2,000-entry generated journal), under the 10% bar; it stays
    because lint's start-up relies on it to leave ``_arxiv_path`` uncompiled
    (``tests/cli/test_startup.py``, which fails when it stops firing on the sample post).
    """
    m = _USUAL_ARXIV.fullmatch(url)
    return _arxiv_from_match(m) if m else None


def _arxiv(u: _Url) -> _Arxiv | None:
    """The arXiv id of an arXiv link or of an arXiv DOI (10.48550/arXiv.ID)."""
    return _arxiv_in(u, CURRENT_YEAR)


@lru_cache(maxsize=_CACHE)
def _arxiv_in(u: _Url, current_year: int) -> _Arxiv | None:
    """:func:`_arxiv`, memoised on the URL and on :data:`CURRENT_YEAR`, as ids from
    after next year are rejected."""
    del current_year  # only part of the cache key: _arxiv_from_match reads CURRENT_YEAR
    found = _arxiv_url(u)
    if found is None:
        written = _doi(u)
        m = _ARXIV_DOI.fullmatch(written) if written else None
        found = _arxiv_from_match(m) if m else None
    return found


def arxiv_id(url: str) -> str | None:
    """The bare arXiv id of url, or None when url is not an arXiv link.

    Recognises arxiv.org (and subdomains such as export.) ``/abs/``, ``/pdf/`` (with or
    without ``.pdf``), ``/html/`` and similar pages, ``http:`` or ``https:``, the
    ``arXiv:`` pseudo-scheme, and arXiv DOIs (``doi.org/10.48550/arXiv.ID``).

    The id is returned *without* its version suffix and, for old-style ids, without
    the subject class (``math.GT/0309136`` → ``math/0309136``): both only refine a
    reference to the same paper, and this id is what duplicate detection and year
    checks key on. :func:`canonical_arxiv_url` keeps an explicit version.
    """
    u = _split(url)
    found = _arxiv(u) if u else None
    return found.canonical if found else None


def canonical_arxiv_url(url: str) -> str | None:
    """``https://arxiv.org/abs/ID`` for an arXiv link in any other form, else None.

    The abstract page is the stable landing page: it links the PDF, HTML and every
    version, survives arXiv's site changes, and is what other tools dedupe on. A
    version suffix the user wrote (``v2``) is kept, because pinning a version is a
    deliberate choice; old-style ids lose their subject class. Returns None when url
    is not an arXiv link or is already exactly the canonical form, so callers can
    treat any string result as "rewrite this link". arXiv DOIs are left alone: a DOI
    resolver link is already a stable, canonical reference.
    """
    u = _split(url)
    found = _arxiv_url(u) if u else None
    if found is None:
        return None
    canonical = f"https://arxiv.org/abs/{found.canonical}{found.version}"
    return None if url.strip() == canonical else canonical


# --------------------------------------------------------------------------- DOIs

_DOI_SHAPE = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
# A DOI inside a publisher path (dl.acm.org/doi/10.1145/..., link.springer.com/
# article/10.1007/...) starts at a path segment and runs to the end of the path, less
# the page-kind tails publishers append after it. Tails are stripped with endswith
# rather than an end-anchored regex, which would rescan the path from every
# position and go quadratic on a long run of them.
_DOI_START = re.compile(r"(?:^|/)(10\.\d{4,9}(?:\.\d+)*/)")
_DOI_TAILS = (
    "/",
    "/abstract",
    "/full",
    "/pdf",
    "/epdf",
    "/pdfdirect",
    "/fulltext",
    "/html",
    "/summary",
    "/meta",
    "/references",
    "/figures",
    "/tables",
    "/citations",
    "/metrics",
    "/suppinfo",
    "/supplemental",
    ".full",
    ".pdf",
    ".abstract",
    ".html",
)
# bioRxiv/medRxiv (10.1101) put the revision straight after the DOI: 10.1101/X v2.
_BIORXIV_VERSION = re.compile(r"(10\.1101/.+)v\d+")
# nature.com/articles/SLUG is the DOI 10.1038/SLUG (nature24270, s41586-019-1724-z).
_NATURE_ARTICLE = re.compile(r"/articles/([A-Za-z0-9][A-Za-z0-9._-]*?)(?:\.pdf)?/?")
_RESOLVERS = ("doi.org", "dx.doi.org")


@lru_cache(maxsize=_CACHE)
def _doi(u: _Url) -> str | None:
    """The DOI a URL names, as written (case kept, percent-escapes decoded)."""
    if u.scheme == "doi":
        candidate: str | None = u.upath.rstrip("/")
    elif u.host in _RESOLVERS:
        candidate = u.upath[1:].rstrip("/")
    elif _on(u.host, "nature.com") and (m := _NATURE_ARTICLE.fullmatch(u.upath)):
        candidate = "10.1038/" + m[1]
    elif m := _DOI_START.search(u.upath):
        candidate = _strip_doi_tails(u.upath[m.start(1) :])
        if revision := _BIORXIV_VERSION.fullmatch(candidate):
            candidate = revision[1]
    else:
        candidate = next((v.strip() for k, v in _query_pairs(u.query) if k.lower() == "doi"), None)
    if candidate and _DOI_SHAPE.fullmatch(candidate):
        return candidate
    return None


def _strip_doi_tails(text: str) -> str:
    """text less any run of publisher page-kind tails (``/abstract``, ``.pdf``, ...)."""
    lowered, end = text.lower(), len(text)
    while tail := next((t for t in _DOI_TAILS if lowered.endswith(t, 0, end)), ""):
        end -= len(tail)
    return text[:end]


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """Decoded query parameters; a malformed query is simply empty, never an error."""
    if not query:
        return []
    try:
        return parse_qsl(query, keep_blank_values=True)
    except ValueError:
        return []


def doi(url: str) -> str | None:
    """The DOI url names, lower-cased (DOIs are case-insensitive), or None.

    Found in doi.org / dx.doi.org links, the ``doi:`` scheme, publisher URLs that
    carry the DOI in their path (link.springer.com/article/10.1007/...,
    dl.acm.org/doi/10.1145/..., onlinelibrary.wiley.com/doi/..., with ``.pdf``,
    ``/abstract``, ``/full`` and bioRxiv ``v2`` tails removed), a ``?doi=`` query
    parameter, and nature.com/articles/SLUG (whose DOI is 10.1038/SLUG by
    construction).
    """
    u = _split(url)
    found = _doi(u) if u else None
    return found.lower() if found else None


# Springer Nature journal articles: s + 5-digit journal + 3-digit years since 2000.
_SPRINGER_DOI = re.compile(r"10\.\d{4,9}/s\d{5}-(\d{3})-\d{4,5}-[0-9a-z]", re.I)
_FOUR_DIGITS = re.compile(r"\d{4}")


def _doi_year(written: str) -> int | None:
    """The year a DOI's own structure implies, or None.

    Springer Nature article DOIs (10.1007/s11023-012-9281-3, 10.1038/s41586-019-...)
    carry years since 2000; Elsevier, IEEE, MIT Press and others put the year as a
    whole dotted component (10.1016/j.neunet.2014.09.003, 10.1109/CVPR.2016.90,
    10.1162/neco.1997.9.8.1735). Only 1900..next year (and never past 2099) counts.
    """
    if m := _SPRINGER_DOI.fullmatch(written):
        year = 2000 + int(m[1])
        return year if _plausible(year, 2000) else None
    suffix = written.split("/", 1)[1]
    for part in suffix.split("."):
        if _FOUR_DIGITS.fullmatch(part) and _plausible(int(part)) and int(part) <= 2099:
            return int(part)
    return None


# --------------------------------------------------------------------------- PIIs

# Elsevier's Publisher Item Identifier: [S] + ISSN (8, last may be X) + YY + 5-digit
# item + check character. Compact in ScienceDirect /pii/ URLs (S0893608097000117;
# pre-1995 ones have no S: 0893608089900208), bracketed in DOIs and cell.com /
# thelancet.com URLs (S0893-6080(97)00011-7).
_PII_COMPACT = re.compile(r"/pii/(?P<pii>[sS]?(?P<issn>\d{7}[\dxX])(?P<yy>\d{2})\d{5}[\dxX])(?![0-9A-Za-z])")
_PII_BRACKETED = re.compile(
    r"(?<!\d)(?P<pii>[sS]?(?P<issn>\d{4}-?\d{3}[\dxX])\((?P<yy>\d{2})\)\d{5}-?[\dxX])"
    r"(?![0-9A-Za-z])"
)


def _issn_ok(issn: str) -> bool:
    """ISSN check digit (mod 11): rules out most digit runs that merely look like PIIs."""
    digits = issn.replace("-", "").upper()
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def _pii(u: _Url) -> tuple[str, int] | None:
    """(PII as written, year) from a /pii/ path or a bracketed PII anywhere in the URL."""
    haystacks = [u.upath]
    if (written := _doi(u)) and written not in u.upath:
        haystacks.append(written)
    for pattern in (_PII_COMPACT, _PII_BRACKETED):
        for text in haystacks:
            for m in pattern.finditer(text):
                if _issn_ok(m["issn"]):
                    year = expand_two_digit_year(m["yy"])
                    if _plausible(year):
                        return m["pii"], year
    return None


_PII_PUNCTUATION = str.maketrans("", "", "-()")


def _pii_key(pii: str) -> str:
    """One spelling per PII, so compact and bracketed forms compare equal."""
    return pii.translate(_PII_PUNCTUATION).upper()


# ------------------------------------------------------------------ ACL Anthology

# Old ids: venue letter + YY + "-" + 4 digits (P19-1001, J98-1001); new ids since
# 2020: YYYY.venue.N (2020.acl-main.1). Either may carry a revision (v2) and an
# extension (.pdf) in Anthology URLs.
_ACL_ID = (
    r"(?P<id>(?P<letter>[A-Z])(?P<yy>\d{2})-\d{4}"
    r"|(?P<year>\d{4})\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.\d+)"
)
_acl_path = lazy(r"(?:^|/)" + _ACL_ID + r"(?:v\d+)?(?:\.(?:pdf|bib|xml))?(?=/|$)")
_ACL_DOI = re.compile(r"10\.18653/v1/" + _ACL_ID, re.I)
_ACL_HOSTS = ("aclanthology.org", "aclweb.org", "aclanthology.info")


def _acl_year(m: re.Match[str]) -> int | None:
    """Old ids stopped in 2020, so YY <= 20 is 20YY and the rest (C65, J98) 19YY."""
    if m["year"]:
        year = int(m["year"])
    else:
        yy = int(m["yy"])
        year = 2000 + yy if yy <= 20 else 1900 + yy
    return year if _plausible(year) else None


def _acl(u: _Url) -> Identifier | None:
    m: re.Match[str] | None = None
    if _on(u.host, *_ACL_HOSTS):
        m = _acl_path().search(u.upath)
    if m is None and (written := _doi(u)):
        m = _ACL_DOI.fullmatch(written)
    if m is None:
        return None
    year = _acl_year(m)
    return Identifier(ACL, m["id"], year) if year else None


# ------------------------------------------------------------- proceedings sites

# openaccess.thecvf.com/content_cvpr_2016/..., /content_ICCV_2017/...,
# /content_cvpr_workshops_2014/..., /content/CVPR2023/..., /content/CVPR2023W/...;
# the older www.cv-foundation.org/openaccess/content_cvpr_2015/... too.
_cvf_path = lazy(
    r"/(?:openaccess/)?(?P<seg>content_[a-z]+(?:_[a-z]+)*_(?P<y1>\d{4})"
    r"|content/[a-z]+(?P<y2>\d{4})w?)(?=/|$)",
    re.I,
)
_CVF_HOSTS = ("thecvf.com", "cv-foundation.org")

# proceedings.neurips.cc/paper_files/paper/2002/..., /paper/2019/...,
# papers.nips.cc/paper/2012/hash/... (the old papers.nips.cc/paper/4824-slug is
# numbered, not dated, and so not recognised).
_NEURIPS_PATH = re.compile(r"/(?P<seg>(?:paper_files/)?paper/(?P<year>\d{4}))(?=/|$)")
_NEURIPS_HOSTS = ("neurips.cc", "nips.cc")


def _cvf(u: _Url) -> Identifier | None:
    if not _on(u.host, *_CVF_HOSTS) or not (m := _cvf_path().match(u.upath)):
        return None
    year = int(m["y1"] or m["y2"])
    return Identifier(CVF, m["seg"], year) if _plausible(year, 1980) else None


def _neurips(u: _Url) -> Identifier | None:
    if not _on(u.host, *_NEURIPS_HOSTS) or not (m := _NEURIPS_PATH.match(u.upath)):
        return None
    year = int(m["year"])
    return Identifier(PROCEEDINGS, m["seg"], year) if _plausible(year, 1987) else None


# ------------------------------------------------------------------- identify


def _arxiv_identifier(u: _Url) -> Identifier | None:
    found = _arxiv(u)
    return Identifier(ARXIV, found.written, found.year) if found else None


def _pii_identifier(u: _Url) -> Identifier | None:
    found = _pii(u)
    return Identifier(PII, found[0], found[1]) if found else None


def _doi_identifier(u: _Url) -> Identifier | None:
    written = _doi(u)
    return Identifier(DOI, written, _doi_year(written)) if written else None


# Most specific first: an arXiv DOI is better reported as the arXiv id, a bracketed
# PII inside an Elsevier DOI as the PII, and a plain DOI comes last because many
# carry no year.
_RECOGNISERS = (_arxiv_identifier, _acl, _cvf, _neurips, _pii_identifier, _doi_identifier)


def identify(url: str) -> Identifier | None:
    """The identifier in ``url`` (the most specific one that carries a year), or None.

    Memoised (several rules ask about each entry's URL), keyed on the URL and on
    :data:`CURRENT_YEAR`, which the answer depends on.
    """
    return _identify(url, CURRENT_YEAR)


@lru_cache(maxsize=_CACHE)
def _identify(url: str, current_year: int) -> Identifier | None:
    """The paper identifier in url, preferring the most specific one that carries a year.

    Returns None when url holds no recognised identifier (blog posts, book sites,
    generic pages: no year is ever guessed from them). Returns an Identifier whose
    ``year`` is None only when an identifier was recognised but its format carries
    no year, e.g. the DOI 10.1038/nature24270; the caller can still use it in
    messages, it just cannot date the entry.
    """
    del current_year  # only part of the cache key: the recognisers read CURRENT_YEAR
    if (usual := _usual_arxiv(url)) is not None:
        return Identifier(ARXIV, usual.written, usual.year)
    u = _split(url)
    if u is None:
        return None
    yearless: Identifier | None = None
    for recognise in _RECOGNISERS:
        found = recognise(u)
        if found is None:
            continue
        if found.year is not None:
            return found
        yearless = yearless or found
    return yearless


# ------------------------------------------------------------------ normalise_url

_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi"})
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
_KEY_SCHEMES = frozenset({"arxiv", "doi", "pii", "acl"})


def _is_tracking(param: str) -> bool:
    name = unquote(param.split("=", 1)[0]).lower()
    return name.startswith("utm_") or name in _TRACKING


_view_fragment = lazy(r"page=\d+|:~:|view=|zoom=", re.IGNORECASE)


def normalise_url(url: str) -> str:
    """A key under which two links to the same thing compare equal (see :func:`_normalise_url`)."""
    return _normalise_url(url, CURRENT_YEAR)


@lru_cache(maxsize=_CACHE)
def _normalise_url(url: str, current_year: int) -> str:
    """A key under which two links to the same thing compare equal (duplicate detection).

    Links that name a paper by identifier key on the identifier, most specific
    first, so every spelling of the same paper collides:

    * arXiv links (abs/pdf/html, export., any version) and arXiv DOIs → ``arxiv:ID``
      (bare id, see :func:`arxiv_id`);
    * ACL Anthology links and ACL DOIs → ``acl:ID``;
    * ScienceDirect /pii/ links and bracketed PIIs (also inside an Elsevier DOI) →
      ``pii:COMPACTPII`` upper-cased;
    * any other DOI-bearing link (doi.org, dx.doi.org, publisher paths) →
      ``doi:10.xxx/...`` lower-cased.

    Other URLs drop the scheme, a leading ``www.``, default ports, user info, a
    fragment that only says where to look (``#page=3``, ``#:~:text=``), trailing
    slashes and tracking parameters (``utm_*``, ``fbclid``, ...);
    the host is lower-cased, the path and remaining query are kept as written (paths
    are case-sensitive). Keys are themselves accepted as input and map to
    themselves, so normalising twice changes nothing. Input that does not parse as a
    URL comes back stripped but otherwise unchanged.
    """
    del current_year  # only part of the cache key
    text = url.strip()
    if (usual := _usual_arxiv(text)) is not None:
        return "arxiv:" + usual.canonical
    u = _split(text)
    if u is None:
        return text
    if (found := _arxiv(u)) is not None:
        return "arxiv:" + found.canonical
    if (acl := _acl(u)) is not None:
        return "acl:" + acl.value
    if (pii := _pii(u)) is not None:
        return "pii:" + _pii_key(pii[0])
    if (written := _doi(u)) is not None:
        return "doi:" + written.lower()
    if u.scheme in _KEY_SCHEMES:
        return text
    if u.scheme not in ("", "http", "https", "ftp") and not u.host:
        return text  # mailto:, tel:, ... : nothing to normalise
    host = f"[{u.host}]" if ":" in u.host else u.host
    if u.port is not None and u.port != _DEFAULT_PORTS.get(u.scheme):
        host += f":{u.port}"
    query = "&".join(p for p in u.query.split("&") if p and not _is_tracking(p))
    key = host + u.path.rstrip("/")
    key = f"{key}?{query}" if query else key
    # A fragment names a part (#chapter-2: another entry); a PDF page or a text
    # highlight (#page=3, #:~:text=) is only where to look in the same thing.
    if u.fragment and not _view_fragment().match(u.fragment):
        key += "#" + u.fragment
    return key
