"""`citecheck verify`: options into `Options`, then lint, verify and render like `lint`."""

from __future__ import annotations

import argparse
import re
import sys

from citecheck.errors import CitecheckError
from citecheck.verify.model import Options


def options_from_args(args: argparse.Namespace, contact: str | None = None) -> Options:
    values: dict[str, object] = {
        "allow_private": args.allow_private,
        "offline": args.offline,
        "refresh": args.refresh,
        "archive": args.archive,
        "remaps": tuple(parse_remap(r) for r in args.remap),
        "contact": contact,
    }
    if args.offline and args.refresh:
        raise CitecheckError("--offline and --refresh cannot be used together")
    numbers = {
        "cache_dir": args.cache_dir,
        "cache_ttl": args.cache_ttl,
        "connect_timeout": args.timeout,
        "read_timeout": args.timeout,
        "deadline": args.deadline,
        "retries": args.retries,
        "max_concurrency": args.max_concurrency,
        "per_host": args.max_per_host,
        "max_bytes": args.max_bytes,
    }
    for name, value in numbers.items():
        if value is None:
            continue
        if not isinstance(value, str) and value < (0 if name == "retries" else 1e-9):
            flag = {
                "connect_timeout": "timeout",
                "read_timeout": "timeout",
                "per_host": "max_per_host",
            }
            raise CitecheckError(f"--{flag.get(name, name).replace('_', '-')}: must be positive")
        values[name] = value
    return Options(**values)  # type: ignore[arg-type]


def parse_remap(text: str) -> tuple[re.Pattern[str], str]:
    """`'REGEX REPLACEMENT'`: the pattern, then whitespace, then the replacement."""
    parts = text.strip().split(None, 1)
    if len(parts) != 2:
        raise CitecheckError(f"--remap: expected 'REGEX REPLACEMENT', got {text!r}")
    try:
        pattern = re.compile(parts[0])
        pattern.sub(parts[1], "")  # a bad group reference fails here, not mid-run
    except re.error as exc:
        raise CitecheckError(f"--remap: {exc} in {text!r}") from None
    return pattern, parts[1]


def run(args: argparse.Namespace) -> int:
    from citecheck.cli import collect, load_config
    from citecheck.publish import check_format, publish
    from citecheck.rules import VERIFY_RULES
    from citecheck.verify.checks import verify_reports
    from citecheck.verify.ledger import lint_inputs

    check_format(args.format)
    config = load_config(args)
    options = options_from_args(args, config.user_agent_contact)
    reports = lint_inputs(collect(args.paths, config.paths), config)
    verified, summary = verify_reports(reports, options, progress=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return publish(args, verified, config, rules=VERIFY_RULES)
