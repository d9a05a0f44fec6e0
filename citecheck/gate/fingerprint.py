"""Fingerprints that identify a finding across edits of its digest.

A fingerprint hashes the rule code, the offending text (whitespace
normalised) and the claim the finding is about: the claim's id is derived
from its section path and text, so it follows the claim when lines move.
The line number is deliberately left out.
"""

from __future__ import annotations

import hashlib

from citecheck.model import Finding

VERSION = "v1"


def fingerprint(finding: Finding) -> str:
    parts = (finding.code, " ".join(finding.context.split()), finding.claim_id or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
