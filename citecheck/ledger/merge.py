"""Re-extraction that keeps what people added, and the diff behind `--check`.

Old entries are matched to new ones by id (content-derived, so it survives
moved lines), then by the most similar text, so a note follows a claim whose
wording was edited. Matched entries are updated in place: the ruamel nodes,
and so the comments attached to them, stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from citecheck.ledger.build import (
    CITATION_CURATED,
    CITATION_FIELDS,
    CLAIM_CURATED,
    FORMAT_VERSION,
    plain,
)

SIMILAR = 0.8  # difflib ratio above which an edited claim is "the same claim"


def pair(
    old: Sequence[dict], new: Sequence[dict], key: Callable[[Sequence[dict], int], object]
) -> dict[int, int]:
    """Map new index -> old index: same key first, then most similar `text`."""
    first: dict[object, int] = {}
    for i in range(len(old)):
        first.setdefault(key(old, i), i)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for j in range(len(new)):
        i = first.get(key(new, j))
        if i is not None and i not in taken:
            pairs[j] = i
            taken.add(i)
    scored = []
    matcher = SequenceMatcher(autojunk=False)
    for i in (i for i in range(len(old)) if i not in taken):
        matcher.set_seq2(str(old[i].get("text", "")))
        for j in (j for j in range(len(new)) if j not in pairs):
            matcher.set_seq1(str(new[j]["text"]))
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    scored.append((-ratio, i, j))
    for _, i, j in sorted(scored):
        if i not in taken and j not in pairs:
            pairs[j] = i
            taken.add(i)
    return pairs


def by_id(entries: Sequence[dict], index: int) -> object:
    return entries[index].get("id")


def by_text(entries: Sequence[dict], index: int) -> object:
    """A citation's key: its text and which occurrence of that text it is."""
    text = entries[index].get("text")
    return text, sum(1 for e in entries[:index] if e.get("text") == text)


def merge(
    old: CommentedMap | None, digest: str, claims: list[dict], sources: list[dict]
) -> tuple[CommentedMap, int]:
    """The new ledger, built into `old` where there is one; also how many entries were orphaned."""
    document = old if old is not None else CommentedMap()
    document["version"] = FORMAT_VERSION
    document["digest"] = digest
    orphans = list(document.get("orphans") or [])
    kept = len(orphans)
    for field, entries in (("claims", claims), ("sources", sources)):
        current = document.get(field)
        merged = _merge_entries(list(current or []), entries, orphans)
        if isinstance(current, CommentedSeq):
            current[:] = merged
        else:
            document[field] = CommentedSeq(merged)
    if orphans:
        if isinstance(document.get("orphans"), CommentedSeq):
            document["orphans"][:] = orphans
        else:
            document["orphans"] = CommentedSeq(orphans)
    return document, len(orphans) - kept


def _merge_entries(old: list, new: list[dict], orphans: list) -> list:
    pairs = pair(old, new, by_id)
    merged = []
    for j, entry in enumerate(new):
        if j not in pairs:
            merged.append(_fresh(entry))
            continue
        target = old[pairs[j]]
        lost = _update(target, entry)
        if lost:
            orphans.append(CommentedMap(id=entry["id"], text=entry["text"], citations=lost))
        merged.append(target)
    matched = set(pairs.values())
    orphans.extend(_orphan(e) for i, e in enumerate(old) if i not in matched and _curated(e))
    return merged


def _fresh(entry: dict) -> CommentedMap:
    out = CommentedMap(entry)
    out["citations"] = CommentedSeq(CommentedMap(c) for c in entry["citations"])
    return out


def _update(target: CommentedMap, entry: dict) -> list:
    """Write `entry`'s generated fields into `target`; return curated citations left over."""
    for key, value in entry.items():
        if key != "citations" and plain(target.get(key)) != plain(value):
            target[key] = value
    old = target.get("citations")
    old = old if isinstance(old, CommentedSeq) else CommentedSeq(old or [])
    pairs = pair(old, entry["citations"], by_text)
    merged = []
    for j, citation in enumerate(entry["citations"]):
        if j not in pairs:
            merged.append(CommentedMap(citation))
            continue
        kept = old[pairs[j]]
        for key, value in citation.items():
            if key == "url" and value is None:
                continue  # no link in the digest: a URL a person added stays
            if plain(kept.get(key)) != plain(value):
                kept[key] = value
        merged.append(kept)
    matched = set(pairs.values())
    lost = [
        _orphan_citation(c) for i, c in enumerate(old) if i not in matched and _curated_citation(c)
    ]
    old[:] = merged
    target["citations"] = old
    return lost


def _has(entry: dict, *keys: str) -> bool:
    return any(entry.get(k) not in (None, "", []) for k in keys)


def _commented(node: object, keys: tuple[str, ...] | None = None) -> bool:
    """Does a person's comment sit in this node (or, given `keys`, on one of those keys)?"""
    ca = getattr(node, "ca", None)
    if ca is not None:
        if keys is not None:
            return any(_tokens(ca.items.get(k)) for k in keys)
        if _tokens([ca.comment, list(ca.items.values()), getattr(ca, "end", None)]):
            return True
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return any(_commented(v) for v in values)


def _tokens(found: object) -> bool:
    if isinstance(found, list):
        return any(_tokens(item) for item in found)
    return "#" in str(getattr(found, "value", ""))


def _curated_citation(citation: dict) -> bool:
    return _has(citation, "url", *CITATION_CURATED) or _commented(citation)


def _curated(entry: dict) -> bool:
    return (
        _has(entry, *CLAIM_CURATED)
        or _commented(entry)
        or any(_curated_citation(c) for c in entry.get("citations") or [])
    )


def _orphan(entry: CommentedMap) -> CommentedMap:
    """Only what a person wrote survives, in the same node so its comments do too."""
    keep = ("id", "text", *CLAIM_CURATED, "citations")
    for key in [k for k in entry if k not in keep and not _commented(entry, (k,))]:
        del entry[key]
    citations = entry.get("citations") or []
    kept = [c for c in citations if _curated_citation(c)]
    if not kept and citations and _tokens(getattr(getattr(citations, "ca", None), "end", None)):
        kept = [citations[-1]]  # comment lines follow it, and an empty `[]` would drop them
    if kept and isinstance(citations, CommentedSeq):
        citations[:] = [_orphan_citation(c) for c in kept]
    elif kept:
        entry["citations"] = CommentedSeq(_orphan_citation(c) for c in kept)
    elif "citations" in entry:
        del entry["citations"]
    return entry


def _orphan_citation(citation: CommentedMap) -> CommentedMap:
    for key in list(citation):
        if key == "text" or _commented(citation, (key,)):
            continue
        if key not in ("url", *CITATION_CURATED) or citation[key] in (None, ""):
            del citation[key]
    return citation


@dataclass
class Changes:
    """How a ledger differs from a fresh extraction, in generated fields only."""

    changed: int = 0
    added: int = 0
    removed: int = 0
    sources: int = 0
    digest: str | None = None  # the other digest the ledger names, when it does

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed or self.sources or self.digest)

    def summary(self) -> str:
        parts = [
            f"{self.changed} claim{'s' if self.changed != 1 else ''} changed",
            f"{self.added} added",
            f"{self.removed} removed",
        ]
        if self.sources:
            parts.append(f"{self.sources} source line{'s' if self.sources != 1 else ''} changed")
        if self.digest:
            parts.insert(0, f"it names {self.digest}")
        return ", ".join(parts)


def changes(old: CommentedMap, digest: str, claims: list[dict], sources: list[dict]) -> Changes:
    result = Changes(digest=old.get("digest") if old.get("digest") != digest else None)
    pairs = pair(list(old["claims"]), claims, by_id)
    result.added = len(claims) - len(pairs)
    result.removed = len(old["claims"]) - len(pairs)
    result.changed = sum(1 for j, i in pairs.items() if _differs(old["claims"][i], claims[j]))
    old_sources = list(old.get("sources") or [])
    source_pairs = pair(old_sources, sources, by_id)
    result.sources = (
        len(sources)
        + len(old_sources)
        - 2 * len(source_pairs)
        + sum(1 for j, i in source_pairs.items() if _differs(old_sources[i], sources[j]))
    )
    return result


def _differs(old: dict, new: dict) -> bool:
    if any(plain(old.get(k)) != plain(v) for k, v in new.items() if k != "citations"):
        return True
    old_citations = old.get("citations") or []
    if len(old_citations) != len(new["citations"]):
        return True
    for was, now in zip(old_citations, new["citations"], strict=True):
        fields = [f for f in CITATION_FIELDS if f != "url" or now["url"] is not None]
        if any(plain(was.get(f)) != plain(now[f]) for f in fields):
            return True
    return False
