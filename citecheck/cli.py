"""The `citecheck` command: a thin layer over the Python API.

Exit codes, for every command: 0 nothing at or above the fail level, 1 something
is, 2 usage error or unreadable input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from citecheck import __version__
from citecheck.errors import CitecheckError
from citecheck.ledger.lookup import LEDGER_NAMES

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, as bad input does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="citecheck",
        description="Lint and verify the citations in news digests.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    lint = commands.add_parser("lint", help="check digests and report problems")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    add_common_options(lint)
    add_output_options(lint)
    lint.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    lint.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write nothing (exit 1 if any)",
    )
    lint.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes inferred from context",
    )
    lint.add_argument(
        "--no-ledger-update",
        action="store_true",
        help="with --fix, leave the claims ledgers of fixed digests as they are",
    )

    verify = commands.add_parser("verify", help="fetch the cited pages and check them")
    verify.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    add_common_options(verify)
    add_output_options(verify)
    add_verify_options(verify)

    commands.add_parser("rules", help="list every rule").add_argument(
        "--format", choices=("text", "json"), default="text"
    )
    rule = commands.add_parser("rule", help="explain one rule")
    rule.add_argument("code", metavar="CODE", help="a rule code (D001) or name (date-malformed)")

    extract = commands.add_parser("extract", help="write or check the claims ledger")
    extract.add_argument("path", nargs="?", metavar="PATH", help="the digest to extract")
    extract.add_argument("-o", "--output", metavar="FILE", help="ledger to write (claims.yaml)")
    extract.add_argument(
        "--check", action="store_true", help="exit 1 if the ledger no longer matches its digest"
    )
    extract.add_argument("--date-order", choices=("mdy", "dmy", "ymd"))
    extract.add_argument("--config", metavar="FILE")
    return parser


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select", metavar="RULES", help="comma-separated codes, prefixes or names"
    )
    parser.add_argument(
        "--ignore", metavar="RULES", help="comma-separated codes, prefixes or names"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    parser.add_argument("--date-order", choices=("mdy", "dmy", "ymd"), help="default: mdy")
    parser.add_argument(
        "--digest-date", metavar="YYYY-MM-DD", help="the date the digest was written"
    )
    parser.add_argument("--config", metavar="FILE", help="citecheck.toml or pyproject.toml")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="default: auto"
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """What `publish` reads: the format, where it goes, reports and gates."""
    parser.add_argument(
        "--format", default="text", help="text (default), json, github, sarif, junit or markdown"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    parser.add_argument(
        "--report",
        nargs="?",
        const="reports",
        metavar="DIR",
        help="also write HTML, Markdown and JSON reports and an index to DIR (default: reports)",
    )
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not in FILE")
    parser.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in FILE and exit"
    )
    parser.add_argument(
        "--diff-base", metavar="REV", help="report only findings on lines changed since git REV"
    )


def add_verify_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch loopback, private and link-local addresses too (local mirrors, tests)",
    )
    parser.add_argument(
        "--remap",
        action="append",
        default=[],
        metavar="'REGEX REPLACEMENT'",
        help="send requests for matching URLs elsewhere (re.sub syntax); repeatable",
    )
    parser.add_argument("--cache-dir", metavar="DIR", help="default: .citecheck-cache")
    parser.add_argument("--cache-ttl", type=float, metavar="SECONDS", help="default: 86400")
    parser.add_argument("--offline", action="store_true", help="answer from the cache only")
    parser.add_argument("--refresh", action="store_true", help="ignore the cache")
    parser.add_argument(
        "--archive", action="store_true", help="suggest Wayback snapshots for dead links"
    )
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="connect and read")
    parser.add_argument("--deadline", type=float, metavar="SECONDS", help="per URL; default 30")
    parser.add_argument("--retries", type=int, metavar="N", help="default: 2")
    parser.add_argument("--max-concurrency", type=int, metavar="N", help="default: 8")
    parser.add_argument("--max-per-host", type=int, metavar="N", help="default: 2")
    parser.add_argument("--max-bytes", type=int, metavar="N", help="default: 5 MB")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except CitecheckError as exc:
        print(f"citecheck: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK


def load_config(args: argparse.Namespace):
    from citecheck import config as config_module
    from citecheck.rules import unknown_selectors

    config = config_module.load(getattr(args, "config", None))
    changes: dict[str, object] = {"date_order": getattr(args, "date_order", None)}
    for name in ("select", "ignore"):
        value = getattr(args, name, None)
        if value is not None:
            selectors = tuple(s.strip() for s in value.split(",") if s.strip())
            unknown = unknown_selectors(selectors)
            if unknown:
                raise CitecheckError(f"--{name}: no rule matches {unknown[0]!r}")
            changes[name] = selectors
    changes["fail_on"] = getattr(args, "fail_on", None)
    digest_date = getattr(args, "digest_date", None)
    if digest_date is not None:
        from citecheck.extract.dates import parse_config_date

        try:
            changes["digest_date"] = parse_config_date(digest_date)
        except ValueError:
            raise CitecheckError(
                f"--digest-date: expected YYYY-MM-DD, got {digest_date!r}"
            ) from None
    return config.with_overrides(**changes)


def collect(paths: Sequence[str], config_paths: Sequence[str] = ()) -> list[str]:
    """Expand folders into the digests and ledgers they hold, in a stable order."""
    from citecheck.reading import EXTENSIONS

    given = list(paths) or list(config_paths)
    if not given:
        raise CitecheckError("no PATH given and no `paths` in the config")
    found: list[str] = []
    for name in given:
        if name == "-":
            found.append(name)
            continue
        path = Path(name)
        if path.is_dir():
            inside = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and (p.suffix.lower() in EXTENSIONS or p.name in LEDGER_NAMES)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise CitecheckError("folder holds no digests (.txt .md .html .htm)", name)
            found.extend(inside)
        elif path.exists():
            found.append(name)
        else:
            raise CitecheckError("no such file or folder", name)
    return found


def lint_paths(paths: Sequence[str], config) -> list:
    from citecheck.linter import lint_document, lint_file
    from citecheck.reading import read_bytes

    reports = []
    for name in paths:
        if name == "-":
            document = read_bytes(sys.stdin.buffer.read(), path="<stdin>")
            reports.append(lint_document(document, config))
        elif Path(name).name in LEDGER_NAMES:
            from citecheck.ledger import lint_ledger

            reports.append(lint_ledger(name, config))
        else:
            reports.append(lint_file(name, config))
    return reports


def use_color(choice: str, stream) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def cmd_lint(args: argparse.Namespace) -> int:
    from citecheck.publish import check_format, publish

    check_format(args.format)
    config = load_config(args)
    paths = collect(args.paths, config.paths)
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise CitecheckError("--unsafe-fixes needs --fix or --diff")
    if args.no_ledger_update and not args.fix:
        raise CitecheckError("--no-ledger-update needs --fix")
    if args.diff:
        return diff_paths(paths, config, unsafe=args.unsafe_fixes)
    reports = (
        fix_paths(paths, config, args.unsafe_fixes, ledgers=not args.no_ledger_update)
        if args.fix
        else lint_paths(paths, config)
    )
    from citecheck.rules import RULES

    return publish(args, reports, config, rules=RULES)


def fix_paths(paths: Sequence[str], config, unsafe: bool, ledgers: bool = True) -> list:
    """Fix digests in place and, with `ledgers`, regenerate their claims ledgers.

    Ledgers given as paths are only linted, after the fixes, so they are
    judged against the fixed digests. Returns what remains.
    """
    from citecheck.fix import fix_file, summary
    from citecheck.gate import ledger_waivers

    if "-" in paths:
        raise CitecheckError("cannot fix stdin in place; use --diff", "<stdin>")
    reports: dict[int, object] = {}
    results = []
    for n, name in enumerate(paths):
        if Path(name).name not in LEDGER_NAMES:
            waivers = (*config.waivers, *ledger_waivers(name, quiet=True))
            results.append(fix_file(name, config, unsafe=unsafe, waivers=waivers))
            reports[n] = results[-1].report
    updated = []
    if ledgers:
        from citecheck.ledger.refresh import update_ledgers

        updated = update_ledgers([r.path for r in results if r.changed], config)
    for n, name in enumerate(paths):
        if n not in reports:
            reports[n] = lint_paths([name], config)[0]
    done = "".join(f"; updated {ledger}" for ledger in updated)
    print(f"citecheck: {summary(results)}{done}", file=sys.stderr)
    return [reports[n] for n in range(len(paths))]


def diff_paths(paths: Sequence[str], config, unsafe: bool) -> int:
    from citecheck.fix import fix, fix_file, summary
    from citecheck.gate import ledger_waivers

    results = [
        fix(lint_paths([name], config)[0], unsafe=unsafe, waivers=config.waivers)
        if name == "-"
        else fix_file(
            name,
            config,
            unsafe=unsafe,
            write=False,
            waivers=(*config.waivers, *ledger_waivers(name)),
        )
        for name in paths
        if Path(name).name not in LEDGER_NAMES
    ]
    sys.stdout.write("".join(r.diff() for r in results))
    print(f"citecheck: {summary(results, dry_run=True)}", file=sys.stderr)
    return EXIT_FINDINGS if any(r.changed for r in results) else EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from citecheck.verify.command import run

    return run(args)


def cmd_rules(args: argparse.Namespace) -> int:
    from citecheck.rules import ALL_RULES

    if args.format == "json":
        import json

        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fix": r.fix_safety,
                "summary": r.summary(),
            }
            for r in ALL_RULES
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in ALL_RULES:
        print(f"{r.code}  {r.name:<26} {r.severity.value:<8} {r.fix_safety:<7} {r.summary()}")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    from citecheck.rules import find_rule

    rule = find_rule(args.code)
    if rule is None:
        raise CitecheckError(f"no rule {args.code!r}; `citecheck rules` lists them")
    fix = {"safe": "safe fix", "unsafe": "unsafe fix (--unsafe-fixes)", "none": "no automatic fix"}
    print(f"{rule.code} {rule.name}")
    print(f"Default severity: {rule.severity.value}. {fix[rule.fix_safety].capitalize()}.")
    print()
    print(rule.doc())
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from citecheck.ledger import extract_command

    return extract_command(
        digest=args.path, output=args.output, check=args.check, config=load_config(args)
    )


COMMANDS = {
    "lint": cmd_lint,
    "verify": cmd_verify,
    "rules": cmd_rules,
    "rule": cmd_rule,
    "extract": cmd_extract,
}


if __name__ == "__main__":
    sys.exit(main())
