"""Waivers: accepted findings, with the reason they are accepted.

A waiver names a rule (code or name) and the finding's offending `text`
and/or a `claim` (text the claim contains, or its id), never a line number,
so it keeps matching when lines move. Waived findings leave the run's
failures but stay in the reports, marked waived with their reason. A waiver
that matches nothing is stale: it is reported, so waivers do not silently
outlive the anomaly they excused.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError
from citecheck.model import Claim, Finding

if TYPE_CHECKING:
    from citecheck.linter import Report

_FIELDS = {"code", "text", "claim", "path", "reason"}


@dataclass(frozen=True)
class Waiver:
    code: str  # rule code (T001) or name (live-source-date)
    reason: str
    text: str | None = None  # contained in the finding's offending text
    claim: str | None = None  # a claim id, or text the claim contains
    path: str | None = None  # glob of the digests it applies to; None: every digest
    source: str | None = None  # the file it was written in
    line: int | None = None  # where in that file, when known (a claims.yaml waiver)

    def where(self) -> str:
        """`claims.yaml:57`, the config file's name, or `config`."""
        if self.source and self.line is not None:
            return f"{self.source}:{self.line}"
        return self.source or "config"

    def describe(self) -> str:
        what = " ".join(
            f"{k}={v!r}" for k, v in (("text", self.text), ("claim", self.claim)) if v is not None
        )
        return f"{self.code} {what}"

    def stale(self) -> str:
        """What to say of a waiver that matched no finding."""
        return f"waiver {self.describe()} matches no finding; remove it or update it"


@dataclass(frozen=True)
class Waived:
    finding: Finding
    waiver: Waiver


def waivers_from_table(value: object, file: str) -> tuple[Waiver, ...]:
    """Validate `waivers = [{code, reason, text?, claim?, path?}, ...]` from a config."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CitecheckError(
            "waivers: expected an array of tables ([[tool.citecheck.waivers]])", file
        )
    from citecheck.rules import find_rule

    out = []
    for n, table in enumerate(value, 1):
        where = f"waivers #{n}"
        unknown = sorted(set(table) - _FIELDS)
        if unknown:
            raise CitecheckError(
                f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_FIELDS))})", file
            )
        if not all(isinstance(v, str) for v in table.values()):
            raise CitecheckError(f"{where}: every value must be a string", file)
        if find_rule(table.get("code", "")) is None:
            raise CitecheckError(f"{where}: code {table.get('code')!r} names no rule", file)
        if not table.get("reason", "").strip():
            raise CitecheckError(f"{where}: a waiver needs a reason", file)
        if not (table.get("text") or table.get("claim")):
            raise CitecheckError(
                f"{where}: say which finding it waives with text or claim (not a line number)",
                file,
            )
        out.append(
            Waiver(
                code=table["code"],
                reason=" ".join(table["reason"].split()),
                text=table.get("text"),
                claim=table.get("claim"),
                path=table.get("path"),
                source=file,
            )
        )
    return tuple(out)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def applies_to(waiver: Waiver, path: str) -> bool:
    """Does the waiver cover this digest? Its `path` glob may match the path or the name."""
    if waiver.path is None:
        return True
    pure = PurePath(path)
    return fnmatch.fnmatch(pure.as_posix(), waiver.path) or fnmatch.fnmatch(pure.name, waiver.path)


def matches(waiver: Waiver, finding: Finding, claim: Claim | None) -> bool:
    key = waiver.code.strip()
    if key.upper() != finding.code.upper() and key.lower() != finding.name:
        return False
    if not applies_to(waiver, finding.path):
        return False
    if waiver.text is not None and _squash(waiver.text) not in _squash(finding.context):
        return False
    if waiver.claim is not None:
        return claim is not None and (
            waiver.claim == claim.id or _squash(waiver.claim) in _squash(claim.text)
        )
    return True


def claim_of(finding: Finding, claims: Sequence[Claim]) -> Claim | None:
    """The claim a finding is about: the one it names, else the one whose text holds it.

    Rules about a citation group's form (spacing, commas) do not name a claim,
    yet a person waiving one thinks of the claim it sits in.
    """
    if finding.claim_id is not None:
        return next((c for c in claims if c.id == finding.claim_id), None)
    span = finding.span
    return next((c for c in claims if c.span.start <= span.start and span.end <= c.span.end), None)


def apply_waivers(reports: Sequence[Report], waivers: Sequence[Waiver]) -> None:
    """Move waived findings to `report.waived`; record stale waivers on the reports."""
    used: set[Waiver] = set()
    for report in reports:
        kept = []
        for finding in report.findings:
            claim = claim_of(finding, report.claims)
            waiver = next((w for w in waivers if matches(w, finding, claim)), None)
            if waiver is None:
                kept.append(finding)
            else:
                used.add(waiver)
                report.waived.append(Waived(finding, waiver))
        report.findings = kept
    stale = [w for w in waivers if w not in used]
    for report in reports:
        report.unused_waivers = [w for w in stale if applies_to(w, report.path)]
