"""Keep ledgers in step with the digests `lint --fix` rewrote.

A fix changes a claim's text, and so its ledger entry; regenerating the
ledger right away (curated fields kept) spares a failing
`citecheck extract --check` in CI. ruamel.yaml is imported only when a
fixed digest has a ledger.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from citecheck.config import Config
from citecheck.errors import CitecheckError
from citecheck.ledger.lookup import find_ledger


def update_ledgers(digests: Iterable[str], config: Config) -> list[str]:
    """Regenerate the ledger of each digest that has one; returns the ledgers rewritten.

    The digests are already fixed on disk, so a ledger that cannot be
    regenerated is a warning on stderr, not an error: it is left as it was
    and `citecheck extract --check` will say it is stale.
    """
    updated = []
    for digest in digests:
        ledger = find_ledger(digest)
        if ledger is None:
            continue
        from citecheck.ledger.commands import regenerate

        try:
            if regenerate(ledger, config):
                updated.append(str(ledger))
        except CitecheckError as exc:
            where = f"{exc.path}:{exc.line}" if exc.line else exc.path or str(ledger)
            print(
                f"citecheck: {where}: warning: ledger not updated: {exc.message}",
                file=sys.stderr,
            )
    return updated
