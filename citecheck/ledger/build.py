"""What a ledger records about a digest, as plain data ready to merge or dump.

Only generated fields are built here; curated ones (notes, tags, URLs a
person found) come from the existing ledger in `merge`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path

from citecheck.config import Config
from citecheck.model import Citation, CitationGroup, Digest, Section

FORMAT_VERSION = 1
CLAIM_FIELDS = (
    "id",
    "line",
    "section",
    "context",
    "speaker",
    "text",
    "quotes",
    "event_date",
    "citations",
)
SOURCE_FIELDS = ("id", "line", "section", "text", "citations")
CITATION_FIELDS = ("text", "outlet", "canonical", "kind", "date_text", "date", "url")
CLAIM_CURATED = ("note", "tags", "waivers")
CITATION_CURATED = ("note",)  # and `url`, where the digest has no link


def read_digest(path: str | Path, config: Config) -> Digest:
    """Read and extract a digest (no rules run: the ledger needs claims, not findings)."""
    from citecheck.extract import extract
    from citecheck.linter import digest_date, registry_for
    from citecheck.reading import read_file

    document = read_file(path)
    return extract(document, registry_for(config), config.date_order, digest_date(document, config))


def claim_entries(digest: Digest) -> list[dict]:
    return [
        {
            "id": claim.id,
            "line": claim.block.line,
            "section": list(claim.section.path) if claim.section else [],
            "context": list(claim.context),
            "speaker": claim.speaker,
            "text": claim.text,
            "quotes": [q.text for q in claim.quotes],
            "event_date": claim.event_date,
            "citations": [citation_entry(c) for c in claim.citations],
        }
        for claim in digest.claims
    ]


def source_entries(digest: Digest) -> list[dict]:
    """Section source lines: `RT live broadcast, 04.17.17.` under a heading vouches for it."""
    owner: dict[int, Section] = {id(g): s for s in digest.sections for g in s.sources}
    used: set[str] = set()
    out = []
    for group in digest.groups:
        if not group.is_section_source:
            continue
        section = owner.get(id(group))
        path = list(section.path) if section else []
        out.append(
            {
                "id": _source_id(path, group, used),
                "line": digest.document.position(group.span.start)[0],
                "section": path,
                "text": group.text,
                "citations": [citation_entry(c) for c in group.citations],
            }
        )
    return out


def citation_entry(citation: Citation) -> dict:
    return {
        "text": citation.text,
        "outlet": citation.outlet,
        "canonical": citation.canonical,
        "kind": citation.kind,
        "date_text": citation.date.text if citation.date else None,
        "date": citation.date.value if citation.date else None,
        "url": citation.url,
    }


def plain(value: object) -> object:
    """Loaded YAML or built entries as comparable plain data (dates as ISO text)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _source_id(path: list[str], group: CitationGroup, used: set[str]) -> str:
    """Content-derived like claim ids, so a curated URL follows its source line."""
    key = "\x1f".join((*path, " ".join(group.text.split())))
    base = f"s-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate
