"""Gates between linting and reporting: waivers, baselines and changed lines.

Each gate narrows the findings of a run so CI can block new anomalies
without failing on every old one. They match findings by fingerprint
(rule, offending text, claim), never by line number, so moving lines
around does not wake up old findings.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

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

    `rules` are the rules the run could report (default: all); waivers for
    other rules are left out, so `lint` does not call a waiver of a verify
    finding stale, nor `verify` one of a lint finding.
    """
    waivers = _waivers_for(config.waivers, rules)
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


def unused_waiver_lines(reports: Sequence[Report]) -> list[str]:
    """One warning line per stale waiver, for stderr."""
    seen = dict.fromkeys(w for r in reports for w in r.unused_waivers)
    return [
        f"citecheck: {w.source or 'config'}: warning: waiver {w.describe()} matches no "
        "finding; remove it or update it"
        for w in seen
    ]
