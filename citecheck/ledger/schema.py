"""The ledger format, checked key by key so each problem names its YAML line.

Hand-written rather than JSON Schema: the messages say what a person should
write ("an ISO date such as 2017-04-12"), and it needs no runtime dependency.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from citecheck.ledger.build import FORMAT_VERSION

_CLAIM_ID = re.compile(r"c-[0-9a-f]{8}(?:-[0-9]+)?\Z")
_SOURCE_ID = re.compile(r"s-[0-9a-f]{8}(?:-[0-9]+)?\Z")

# key -> (kind, required)
TOP = {
    "version": ("version", True),
    "digest": ("str", True),
    "claims": ("claims", True),
    "sources": ("sources", False),
    "orphans": ("orphans", False),
}
CITATION = {
    "text": ("str", True),
    "outlet": ("str?", True),
    "canonical": ("str?", True),
    "kind": ("str", True),
    "date_text": ("str?", True),
    "date": ("date?", True),
    "url": ("url?", True),
    "note": ("str?", False),
}
CLAIM = {
    "id": ("claim-id", True),
    "line": ("line", True),
    "section": ("strs", True),
    "context": ("strs", True),
    "speaker": ("str?", True),
    "text": ("str", True),
    "quotes": ("strs", True),
    "event_date": ("date?", True),
    "citations": ("citations", True),
    "note": ("str?", False),
    "tags": ("strs", False),
    "waivers": ("waivers", False),
}
# A waiver on a claim: accept one of its findings, with the reason why.
WAIVER = {
    "code": ("rule", True),
    "reason": ("reason", True),
    "text": ("str", False),
}
SOURCE = {
    "id": ("source-id", True),
    "line": ("line", True),
    "section": ("strs", True),
    "text": ("str", True),
    "citations": ("citations", True),
}
# An orphan is what is left of an entry: what a person wrote, and keys holding comments.
ORPHAN_CITATION = {key: (kind, key == "text") for key, (kind, _) in CITATION.items()}
ORPHAN = {
    **{key: (kind, False) for key, (kind, _) in CLAIM.items()},
    "id": ("str", True),
    "text": ("str", True),
    "citations": ("orphan-citations", False),
}
_NESTED = {
    "claims": (CLAIM, "claim"),
    "sources": (SOURCE, "source"),
    "orphans": (ORPHAN, "orphan"),
    "citations": (CITATION, "citation"),
    "orphan-citations": (ORPHAN_CITATION, "citation"),
    "waivers": (WAIVER, "waiver"),
}


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    column: int
    message: str


def validate(document: object) -> list[Problem]:
    """Every way `document` (as loaded by ruamel round-trip) breaks the format."""
    checker = _Checker()
    if not isinstance(document, dict):
        return [Problem(1, 1, "a ledger is a mapping with `version`, `digest` and `claims`")]
    checker.mapping(document, TOP, "the ledger")
    return sorted(checker.problems, key=lambda p: (p.line, p.column))


def _is_date(value: object) -> bool:
    """YAML reads `2017-04-12` as a date; a quoted "2017-04-12" is fine too."""
    if isinstance(value, dt.datetime):
        return False
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return len(value) == 10
    return isinstance(value, dt.date)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[str, int] = {}

    def add(self, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(where[0] + 1, where[1] + 1, message))

    def mapping(self, node: dict, spec: dict, what: str) -> None:
        here = (node.lc.line, node.lc.col)  # type: ignore[attr-defined]
        for key in node:
            if key not in spec:
                known = ", ".join(spec)
                self.add(node.lc.key(key), f"unknown key `{key}` in {what} (known: {known})")  # type: ignore[attr-defined]
        for key, (kind, required) in spec.items():
            if key in node:
                self.value(node[key], kind, f"`{key}`", node.lc.value(key))  # type: ignore[attr-defined]
            elif required:
                self.add(here, f"{what} has no `{key}`")

    def value(self, value: object, kind: str, name: str, where: tuple[int, int]) -> None:
        if kind in _NESTED:
            spec, what = _NESTED[kind]
            if not isinstance(value, list):
                self.add(where, f"{name}: expected a list of {what}s")
                return
            for index, item in enumerate(value):
                spot = value.lc.item(index)  # type: ignore[attr-defined]
                if isinstance(item, dict):
                    self.mapping(item, spec, f"a {what}")
                else:
                    self.add(spot, f"{name}: each {what} is a mapping of keys")
            return
        if kind == "strs":
            if not isinstance(value, list):
                self.add(where, f"{name}: expected a list of strings")
                return
            for index, item in enumerate(value):
                if not isinstance(item, str):
                    self.add(value.lc.item(index), f"{name}: expected a string, got {item!r}")  # type: ignore[attr-defined]
            return
        expected = _scalar_problem(value, kind)
        if expected:
            self.add(where, f"{name}: expected {expected}, got {_shown(value)}")
        elif kind in ("claim-id", "source-id"):
            assert isinstance(value, str)
            if value in self.ids:
                self.add(where, f"duplicate id {value} (first on line {self.ids[value]})")
            else:
                self.ids[value] = where[0] + 1


def _scalar_problem(value: object, kind: str) -> str | None:
    """What was expected, when `value` is not a valid `kind`; None when it is."""
    if kind == "version":
        ok = value == FORMAT_VERSION and not isinstance(value, bool)
        return None if ok else f"{FORMAT_VERSION} (the ledger format this citecheck writes)"
    if kind == "line":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        return None if ok else "a line number"
    if kind == "str":
        return None if isinstance(value, str) else "a string"
    if kind == "rule":
        from citecheck.rules import find_rule

        ok = isinstance(value, str) and find_rule(value) is not None
        return None if ok else "a rule code such as Q001, or its name"
    if kind == "reason":
        ok = isinstance(value, str) and bool(value.strip())
        return None if ok else "the reason the finding is accepted"
    if value is None and kind.endswith("?"):
        return None
    if kind == "str?":
        return None if isinstance(value, str) else "a string or nothing"
    if kind == "date?":
        return None if _is_date(value) else "an ISO date such as 2017-04-12, or nothing"
    if kind == "url?":
        parts = urlsplit(value) if isinstance(value, str) else None
        ok = parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)
        return None if ok else "an http(s) URL, or nothing"
    pattern = _CLAIM_ID if kind == "claim-id" else _SOURCE_ID
    example = "c-0e543284" if kind == "claim-id" else "s-1a2b3c4d"
    ok = isinstance(value, str) and pattern.match(value) is not None
    return None if ok else f"an id such as {example}"


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(value) if not isinstance(value, dt.date) else value.isoformat()
