"""Waivers written on a claim in the ledger, as the gate's `Waiver`s.

A ledger waiver accepts one finding about its claim: it is matched on the
claim's id (which follows the claim through re-extraction) and applies to
the ledger's digest only. Waivers left on orphans name claims that are gone,
so they match nothing and are reported as stale, like any other.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

from citecheck.gate.waivers import Waiver
from citecheck.ledger.lookup import read_text

_ANY = re.compile(r"\bwaivers\s*:")


def ledger_waivers(ledger: str | Path, digest: str) -> list[Waiver]:
    """Every waiver in `ledger`, for the digest linted under the name `digest`.

    Most ledgers hold no waiver; those are not parsed, which keeps ruamel.yaml
    (and a fifth of a second) off the lint of their digest.
    """
    text = read_text(ledger)
    if not _ANY.search(text):
        return []
    from citecheck.ledger.commands import load

    data = load(text, Path(ledger))
    if data is None:
        return []
    out = []
    for field in ("claims", "orphans"):
        for entry in data.get(field) or []:
            waivers = entry.get("waivers") or []
            for index, waiver in enumerate(waivers):
                out.append(
                    Waiver(
                        code=waiver["code"],
                        reason=" ".join(waiver["reason"].split()),
                        text=waiver.get("text"),
                        claim=str(entry["id"]),
                        path=glob.escape(digest),
                        source=str(ledger),
                        line=waivers.lc.item(index)[0] + 1,
                    )
                )
    return out
