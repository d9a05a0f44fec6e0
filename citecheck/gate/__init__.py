"""Gates between linting and reporting: waivers, baselines and changed lines.

Each gate narrows the findings of a run so CI can block new anomalies
without failing on every old one. They match findings by fingerprint
(rule, offending text, claim), never by line number, so moving lines
around does not wake up old findings.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError

if TYPE_CHECKING:
    from citecheck.config import Config
    from citecheck.gate.waivers import Waiver
    from citecheck.linter import Report
    from citecheck.rules.base import Rule


def apply(
    reports: Sequence[Report],
    config: Config,
    *,
    baseline: str | None = None,
    diff_base: str | None = None,
    rules: Collection[type[Rule]] | None = None,
) -> None:
    """Waive, then drop baselined findings, then keep only changed lines (in place).

    Waivers come from the config and from each digest's claims ledger.
    `rules` are the rules the run could report (default: all); waivers for
    other rules are left out, so `lint` does not call a waiver of a verify
    finding stale, nor `verify` one of a lint finding.
    """
    waivers = _waivers_for([*config.waivers, *_ledger_waivers(reports)], rules)
    if waivers:
        from citecheck.gate.waivers import apply_waivers

        apply_waivers(reports, waivers)
    if baseline is not None:
        from citecheck.gate.baseline import load, subtract

        subtract(reports, load(baseline))
    if diff_base is not None:
        from citecheck.gate.diffbase import keep_changed

        keep_changed(reports, diff_base)


def _waivers_for(waivers: Sequence[Waiver], rules: Collection[type[Rule]] | None) -> list[Waiver]:
    if rules is None or not waivers:
        return list(waivers)
    from citecheck.rules import find_rule

    return [w for w in waivers if find_rule(w.code) in rules]


def write_baseline(reports: Sequence[Report], config: Config, path: str) -> int:
    """Record the run's findings (waived ones need no baseline); returns how many."""
    from citecheck.gate.baseline import write

    apply(reports, config)
    return write(path, reports)


def unused_waivers(reports: Sequence[Report]) -> list[Waiver]:
    """The run's stale waivers, each once: a config waiver is stale in every report."""
    return list(dict.fromkeys(w for r in reports for w in r.unused_waivers))


def unused_waiver_lines(reports: Sequence[Report]) -> list[str]:
    """One warning line per stale waiver, for stderr."""
    return [f"citecheck: {w.where()}: warning: {w.stale()}" for w in unused_waivers(reports)]


def _ledger_waivers(reports: Sequence[Report]) -> list[Waiver]:
    return [w for r in reports if r.document.format != "ledger" for w in ledger_waivers(r.path)]


def ledger_waivers(digest: str, *, quiet: bool = False) -> list[Waiver]:
    """The waivers in the claims ledger of `digest`, scoped to it; none without a ledger.

    A ledger that cannot be read or breaks the format waives nothing: its
    findings fail the run as before, and stderr says why unless `quiet`
    (`lint --fix` reads it again to gate what remains, and says so then).
    """
    from citecheck.ledger.lookup import find_ledger

    ledger = find_ledger(digest)
    if ledger is None:
        return []
    from citecheck.ledger.waivers import ledger_waivers as read

    try:
        return read(ledger, digest)
    except CitecheckError as exc:
        if quiet:
            return []
        print(
            f"citecheck: {exc.path}{f':{exc.line}' if exc.line else ''}: warning: "
            f"its waivers are not applied: {exc.message}",
            file=sys.stderr,
        )
        return []
