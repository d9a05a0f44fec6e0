"""Citation groups: `(Bloomberg, 04.11.17, Washington Post, 04.11.17)` into (outlet, date) pairs.

Splitting is anchored on the dates, not on commas, because the commas are
exactly what digests get wrong: `04.11.17,Washington Post` and
`Reuters 04.12.17` still split into the citations their author meant, and
the separators are kept as written for the form rules to judge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from citecheck.extract.dates import DATE_TOKEN, parse_date
from citecheck.model import Block, Citation, CitationGroup, Separator, Span
from citecheck.outlets import Registry

_SEGMENT = re.compile(r"(\s*[,;]?\s*)(.*?)(\s*[,;:]?\s*)\Z", re.S)
_PIECES = re.compile(r"\s*[,;]\s*")
_SOURCE_LINE = re.compile(
    r"\(?\s*(?:Sources?|Source material)\b[^:()]{0,80}:\s*(?P<body>.+?)\s*\)?\s*\Z", re.S | re.I
)
_TRAILER = re.compile(r"[\s.,;:!?”\"’'»]*\Z")
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))[a-zA-Z0-9]{1,2}\)")
_MAX_OUTLET_WORDS = 6
_PARENS = re.compile(r"[()]")
# Words that open an aside such as `(Until 04.30.17)`, never an outlet's name.
_NOT_OUTLETS = frozenset(
    [
        "until",
        "since",
        "from",
        "before",
        "after",
        "by",
        "on",
        "in",
        "at",
        "as",
        "of",
        "updated",
        "dated",
        "through",
        "till",
        "to",
        "see",
        "via",
        "circa",
        "approx",
        "expires",
        "expired",
        "effective",
        "valid",
        "between",
        "during",
    ]
)


def parentheticals(text: str) -> Iterator[tuple[int, int]]:
    """(open, close) indexes of the outermost parentheses that pair up.

    A parenthesis opened and never closed is left out rather than allowed to
    swallow the rest of the text: in `… (in an interview: “…” (CNN, 11.11.18)`
    the claim's citation group is still its citation group (Q004 reports the
    unclosed aside).
    """
    opened: list[int] = []
    pairs: list[tuple[int, int]] = []
    for match in _PARENS.finditer(text):
        i = match.start()
        if text[i] == "(":
            opened.append(i)
        elif opened:
            pairs.append((opened.pop(), i))
    end = -1
    for start, close in sorted(pairs):
        if start > end:
            yield start, close
            end = close


def find_groups(block: Block, registry: Registry, order: str) -> list[CitationGroup]:
    """The citation groups of a block: the one closing it, and any citation-shaped one inside."""
    text = block.text
    if "(" not in text:
        return []
    found = list(parentheticals(text))
    groups = []
    for open_, close in found:
        closing = (open_, close) == found[-1] and _TRAILER.match(text, close + 1) is not None
        content_start = open_ + 1
        group = parse_group(
            block, content_start, close, registry, order, lenient=closing, outer=(open_, close + 1)
        )
        if group is None:
            continue
        group.space_before = open_ == 0 or text[open_ - 1].isspace()
        groups.append(group)
    return groups


def source_line(block: Block, registry: Registry, order: str) -> CitationGroup | None:
    """A line such as `(Source for the press conference: RT live broadcast, 04.17.17.)`."""
    match = _SOURCE_LINE.fullmatch(block.text)
    if match is None:
        return None
    body = (match.start("body"), match.end("body"))
    group = parse_group(block, *body, registry, order, lenient=True, outer=body)
    if group is None or not group.citations:
        return None
    group.is_section_source = True
    return group


def parse_group(
    block: Block,
    start: int,
    end: int,
    registry: Registry,
    order: str,
    *,
    lenient: bool,
    outer: tuple[int, int],
) -> CitationGroup | None:
    """Parse `block.text[start:end]`; None when it reads as an editorial aside.

    `lenient` is for the parenthetical that closes a claim, where even an
    empty or half-written group is meant as a citation; elsewhere only a
    complete citation of a known outlet counts.
    """
    content = block.text[start:end]
    layout = _layout(content, registry, order, lenient)
    if layout is None:
        return None
    pieces, seps = layout
    citations = [
        Citation(
            text=content[p.first : p.last],
            span=block.span(start + p.first, start + p.last),
            outlet=p.outlet,
            outlet_span=None
            if p.outlet is None
            else block.span(start + p.first, start + p.first + len(p.outlet)),
            canonical=p.canonical,
            kind=p.kind,
            date=None
            if p.date is None
            else parse_date(p.date[2], block.span(start + p.date[0], start + p.date[1]), order),
            url=_url(block, start + p.first, start + p.last),
        )
        for p in pieces
    ]
    separators = [
        Separator(text, block.span(start + a, start + b), between) for a, b, text, between in seps
    ]
    return CitationGroup(content, block.span(*outer), citations, separators, True)


@dataclass(frozen=True, slots=True)
class _Piece:
    """One citation of a group, as offsets into the group's text."""

    first: int
    last: int
    outlet: str | None
    canonical: str | None
    kind: str
    date: tuple[int, int, str] | None


_Layout = tuple[tuple[_Piece, ...], tuple[tuple[int, int, str, str], ...]]


@lru_cache(maxsize=4096)
def _layout(content: str, registry: Registry, order: str, lenient: bool) -> _Layout | None:
    """Where the citations and separators of a group are: a pure function of its text.

    Digests cite the same few groups again and again (`Reuters, 04.12.17`),
    so the layout is worked out once per distinct text and registry.
    """
    if not content.strip():
        return ((), ()) if lenient else None
    pieces: list[_Piece] = []
    seps: list[tuple[int, int, str, str]] = []
    cursor = 0
    for match in DATE_TOKEN.finditer(content):
        lead, names, gap = _split_segment(content, cursor, match.start())
        names = _join_kinds(content, names, registry)
        if not all(_outlet_shaped(content[a:b], registry) for a, b in names):
            return None
        if pieces and lead:
            seps.append((*lead, "citations"))
        pieces.extend(_piece(content, a, b, None, registry) for a, b in names[:-1])
        outlet = names[-1] if names else None
        if outlet is not None:
            seps.append((*gap, "outlet-date"))
        date = (match.start(), match.end(), match.group(0))
        pieces.append(_piece(content, *(outlet or (None, None)), date, registry))
        cursor = match.end()
    lead, names, _ = _split_segment(content, cursor, len(content))
    if names:
        if not pieces and not all(_known(content[a:b], registry, lenient) for a, b in names):
            return None
        if pieces and not all(_outlet_shaped(content[a:b], registry) for a, b in names):
            return None
        if pieces and lead:
            seps.append((*lead, "citations"))
        pieces.extend(_piece(content, a, b, None, registry) for a, b in names)
    if not pieces:
        return None
    if not lenient and not all(
        p.canonical and p.date and _is_real(p.date[2], order) for p in pieces
    ):
        return None
    return tuple(pieces), tuple(seps)


def _is_real(text: str, order: str) -> bool:
    return parse_date(text, Span(0, 0), order).value is not None


def _piece(
    content: str,
    name_start: int | None,
    name_end: int | None,
    date: tuple[int, int, str] | None,
    registry: Registry,
) -> _Piece:
    first = name_start if name_start is not None else date[0]  # type: ignore[index]
    last = date[1] if date is not None else name_end
    assert first is not None and last is not None
    if name_start is None or name_end is None:
        return _Piece(first, last, None, None, "article", date)
    outlet, kind = registry.split_kind(content[name_start:name_end])
    known = registry.lookup(outlet)
    return _Piece(
        first, last, outlet, known.name if known else None, kind.name if kind else "article", date
    )


def _split_segment(
    content: str, start: int, end: int
) -> tuple[tuple[int, int, str] | None, list[tuple[int, int]], tuple[int, int, str]]:
    """Leading separator, outlet names, and the gap before the date, as content indexes."""
    match = _SEGMENT.match(content, start, end)
    assert match is not None
    lead = (match.start(1), match.end(1), match.group(1)) if match.group(1) else None
    gap = (match.start(3), match.end(3), match.group(3))
    names = []
    core_start = match.start(2)
    core = match.group(2)
    piece_start = 0
    for sep in _PIECES.finditer(core):
        names.append((core_start + piece_start, core_start + sep.start()))
        piece_start = sep.end()
    if core:
        names.append((core_start + piece_start, core_start + len(core)))
    return lead, [(a, b) for a, b in names if any(ch.isalnum() for ch in content[a:b])], gap


def _join_kinds(
    content: str, names: list[tuple[int, int]], registry: Registry
) -> list[tuple[int, int]]:
    """`RT, live broadcast` is one source: a bare kind belongs to the outlet before it."""
    joined: list[tuple[int, int]] = []
    for a, b in names:
        if joined and registry.is_kind(content[a:b]):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _outlet_shaped(name: str, registry: Registry) -> bool:
    """Could this stand before a date as an outlet? `signed on` or a sentence cannot."""
    outlet, _ = registry.split_kind(name)
    if registry.lookup(outlet) is not None:
        return True
    return (
        not outlet[:1].islower()
        and outlet.split(" ", 1)[0].casefold() not in _NOT_OUTLETS
        and len(outlet.split()) <= _MAX_OUTLET_WORDS
        and not any(ch in outlet for ch in '?!“”"')
    )


def _known(name: str, registry: Registry, lenient: bool) -> bool:
    outlet, _ = registry.split_kind(name)
    if registry.lookup(outlet) is not None:
        return True
    if not lenient or not outlet[:1].isupper() or len(outlet.split()) > _MAX_OUTLET_WORDS:
        return False
    close = registry.closest(outlet, cutoff=0.85)
    return close is not None


def _url(block: Block, start: int, end: int) -> str | None:
    return next((link.href for link in block.links if link.start < end and link.end > start), None)


def is_enumerator(text: str, index: int) -> bool:
    """`a)` or `2)` inside running text closes no parenthesis."""
    return any(
        m.end() - 1 == index for m in _ENUMERATOR.finditer(text, max(0, index - 3), index + 1)
    )
