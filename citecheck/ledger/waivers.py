"""Waivers written on a claim in the ledger, as the gate's `Waiver`s.

A ledger waiver accepts one finding about its claim: it is matched on the
claim's id (which follows the claim through re-extraction) and applies to
the ledger's digest only. Waivers left on orphans name claims that are gone,
so they match nothing and are reported as stale, like any other.
"""

from __future__ import annotations

import glob
from pathlib import Path

from citecheck.gate.waivers import Waiver
from citecheck.ledger.commands import load
from citecheck.ledger.files import read_text


def ledger_waivers(ledger: str | Path, digest: str) -> list[Waiver]:
    """Every waiver in `ledger`, for the digest linted under the name `digest`."""
    data = load(read_text(ledger), Path(ledger))
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
