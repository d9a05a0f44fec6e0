"""Extraction: a `Document` into sections and claims, each with its citations.

The bullet tree carries meaning: `Trump › In interview aired on 04.12.17 ›
“…” (Washington Post, 04.12.17)` says who spoke, when, and who reported it.
Extraction walks that tree once, keeping the nearest context for each claim.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from functools import cache, lru_cache
from importlib import resources

from citecheck.extract.citations import find_groups, source_line
from citecheck.extract.dates import first_full_date
from citecheck.extract.marks import quotes_of, scan
from citecheck.model import Block, CitationGroup, Claim, Digest, Document, Marks, Section
from citecheck.outlets import Registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_LEAD = re.compile(r"\A([^:“”\"()]{1,240}?):\s")
_ON_DATE = re.compile(r"\s+(?:on|in|at)\b.*\Z", re.I | re.S)
_DATE_ONLY_LEAD = re.compile(r"\A(?:on|in|at|during|aired|after|before)\b", re.I)
_EDITORIAL_LABELS = {
    "bottom-line",
    "bottom line",
    "background",
    "summary",
    "note",
    "update",
    "context",
    "analysis",
    "comment",
}
_MAX_SPEAKER_WORDS = 5
_SIDE = re.compile(r"\bsides?\Z", re.I)


def extract(document: Document, registry: Registry, order: str, digest_date: dt.date) -> Digest:
    sections: list[Section] = []
    claims: list[Claim] = []
    groups: list[CitationGroup] = []
    open_sections: list[Section] = []
    items: list[Block] = []
    blocks = [b for b in document.blocks if b.kind not in ("title", "boilerplate")]
    used_ids: set[str] = set()
    cited: set[int] = set()  # ids of items that end in their own citation group
    unpaired: list[tuple[Block, Marks]] = []
    for index, block in enumerate(blocks):
        marks, quote_spans = scan(block.text)
        if marks.any():
            unpaired.append((block, marks))
        if block.kind == "heading":
            section = _section(block, open_sections, order)
            sections.append(section)
            items.clear()
            continue
        current = open_sections[-1] if open_sections else None
        if block.kind == "paragraph":
            items.clear()
            source = source_line(block, registry, order)
            if source is not None:
                target = current.chain()[-1] if current is not None else None
                if target is not None:
                    target.sources.append(source)
                groups.append(source)
                continue
            context: list[Block] = []
        else:
            while items and items[-1].depth >= block.depth:
                items.pop()
            context = list(items)
            items.append(block)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        has_children = (
            block.kind == "item"
            and following is not None
            and following.kind == "item"
            and following.depth > block.depth
        )
        block_groups = find_groups(block, registry, order)
        if block_groups:
            cited.add(id(block))
        if has_children and not block_groups and not quote_spans:
            continue
        claim = _claim(block, current, context, block_groups, order, used_ids, cited)
        claim.quotes = quotes_of(block.text, quote_spans, block.span)
        claims.append(claim)
        groups.extend(block_groups)
    return Digest(document, sections, claims, digest_date, order, groups, unpaired)


def _section(block: Block, open_sections: list[Section], order: str) -> Section:
    while open_sections and open_sections[-1].level >= block.level:
        open_sections.pop()
    parent = open_sections[-1] if open_sections else None
    title = block.text.rstrip(" :")
    found = first_full_date(block.text, order)
    section = Section(
        title=title,
        path=(*(parent.path if parent else ()), title),
        level=block.level,
        line=block.line,
        span=block.span(0, len(block.text)),
        event_date=found,
        parent=parent,
    )
    open_sections.append(section)
    return section


def _claim(
    block: Block,
    section: Section | None,
    context: list[Block],
    groups: list[CitationGroup],
    order: str,
    used_ids: set[str],
    cited: set[int],
) -> Claim:
    lead = _LEAD.match(block.text)
    lead_text = lead.group(1).strip() if lead else None
    contexts = [c.text.rstrip(" :") for c in context]
    event_date, event_source = _event_date(lead_text, context, section, order, cited)
    speaker = _speaker(lead_text, contexts) or _side(section)
    path = (*(section.path if section else ()), *contexts)
    text = block.text
    return Claim(
        id=_claim_id(path, text, used_ids),
        block=block,
        section=section,
        context=tuple(contexts),
        speaker=speaker,
        text=text,
        span=block.span(0, len(text)),
        quotes=[],
        event_date=event_date,
        event_date_source=event_source,
        groups=groups,
    )


def _event_date(
    lead: str | None,
    context: list[Block],
    section: Section | None,
    order: str,
    cited: set[int],
) -> tuple[dt.date | None, str | None]:
    """Nearest context wins: the claim's own lead, its bullets, then its sections.

    A parent bullet that is itself a cited claim counts by its lead only: the
    date of its source is not the date of the event beneath it.
    """
    if lead:
        found = first_full_date(lead, order)
        if found:
            return found, f"“{lead}”"
    for block in reversed(context):
        text = block.text
        if id(block) in cited:
            parent_lead = _LEAD.match(text)
            text = parent_lead.group(1) if parent_lead else ""
        found = first_full_date(text, order)
        if found:
            return found, f"“{block.text.rstrip(' :')}” (line {block.line})"
    for candidate in section.chain() if section else []:
        if candidate.event_date is not None:
            return candidate.event_date, f"section “{candidate.title}” (line {candidate.line})"
    return None, None


def _speaker(lead: str | None, contexts: list[str]) -> str | None:
    """The nearest candidate that names a person: the claim's lead, then its bullets."""
    for candidate in [lead, *reversed(contexts)]:
        name = _as_speaker(candidate) if candidate else None
        if name:
            return name
    return None


@lru_cache(maxsize=4096)
def _as_speaker(candidate: str) -> str | None:
    # Every claim under `Lavrov:` asks about the same line; answer once.
    name = _ON_DATE.sub("", candidate).strip()
    if (
        name
        and name[0].isupper()
        and len(name.split()) <= _MAX_SPEAKER_WORDS
        and not _DATE_ONLY_LEAD.match(candidate)
        and name.casefold().rstrip(".") not in not_speakers()
    ):
        return name
    return None


def _side(section: Section | None) -> str | None:
    """Under "U.S. side", an unattributed statement is that side's."""
    for candidate in section.chain() if section else []:
        if _SIDE.search(candidate.title):
            return candidate.title
    return None


@cache
def not_speakers() -> frozenset[str]:
    """Topic and place headings (data/topics.toml): they group claims, nobody said them."""
    data = tomllib.loads((resources.files("citecheck") / "data" / "topics.toml").read_text("utf-8"))
    return frozenset(word.casefold() for key in ("topics", "places") for word in data[key])


def _claim_id(path: tuple[str, ...], text: str, used: set[str]) -> str:
    """Content-derived, so curated ledger entries follow a claim when lines move."""
    digest = hashlib.sha1("\x1f".join((*path, " ".join(text.split()))).encode()).hexdigest()
    base = f"c-{digest[:8]}"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate
