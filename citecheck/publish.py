"""The end of a `lint` or `verify` run: gate, render, write, and pick the exit code.

Both commands share this so they keep one contract: the same formats,
reports, baselines, changed-line gating, waivers and exit codes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError

if TYPE_CHECKING:
    from citecheck.config import Config
    from citecheck.linter import Report
    from citecheck.rules.base import Rule


def check_format(name: str) -> None:
    """Refuse an unknown --format before any work is done."""
    from citecheck.output import FORMATS

    if name not in FORMATS:
        raise CitecheckError(
            f"--format: unknown format {name!r} (choose from {', '.join(FORMATS)})"
        )


def publish(
    args: argparse.Namespace,
    reports: Sequence[Report],
    config: Config,
    *,
    rules: Collection[type[Rule]] | None = None,
) -> int:
    """Gate the findings of `reports` as `args` say, then print and write them.

    `rules` are the rules the run could report, so waivers for the others
    are not called stale. Returns the exit code: 1 if a finding that
    survived the gates reaches the fail level, else 0.
    """
    from citecheck import gate
    from citecheck.cli import EXIT_FINDINGS, EXIT_OK, use_color
    from citecheck.output import renderer

    if args.write_baseline:
        count = gate.write_baseline(reports, config, args.write_baseline)
        print(f"citecheck: recorded {count} findings in {args.write_baseline}", file=sys.stderr)
        return EXIT_OK
    gate.apply(reports, config, baseline=args.baseline, diff_base=args.diff_base, rules=rules)
    stream = sys.stdout
    text = renderer(args.format)(
        reports, color=args.output is None and use_color(args.color, stream)
    )
    if args.output:  # before the reports: a bad -o target then leaves no reports behind
        from citecheck.atomic import write_text

        write_text(args.output, text)
    if args.report:
        from citecheck.report import write_reports

        write_reports(args.report, reports)
    for line in gate.unused_waiver_lines(reports):
        print(line, file=sys.stderr)
    if not args.output:
        stream.write(text)
    return EXIT_FINDINGS if any(r.fails() for r in reports) else EXIT_OK
