"""Shared helpers: lint a small inline digest, or run the command line in-process."""

from __future__ import annotations

import datetime as dt

import citecheck
from citecheck.cli import main
from citecheck.config import Config
from citecheck.linter import Report
from citecheck.model import Finding

DIGEST_DATE = dt.date(2017, 4, 20)


def lint(text: str, *, format: str | None = None, **config: object) -> Report:
    """Lint `text` as a digest written on DIGEST_DATE, so no test depends on today."""
    options = {"digest_date": DIGEST_DATE, **config}
    return citecheck.lint(text, config=Config(**options), format=format)  # type: ignore[arg-type]


def codes(text: str, **config: object) -> list[str]:
    return [f.code for f in lint(text, **config).findings]


def findings(text: str, code: str, **config: object) -> list[Finding]:
    return [f for f in lint(text, **config).findings if f.code == code]


def only(text: str, code: str, **config: object) -> Finding:
    """The one finding of `code`; fails when there are none or several."""
    found = findings(text, code, **config)
    assert len(found) == 1, [f"{f.code} {f.line}:{f.column} {f.message}" for f in found]
    return found[0]


def fixed(text: str, finding: Finding) -> str:
    """`text` with the finding's fix applied."""
    assert finding.fix is not None, f"{finding.code} offers no fix"
    for edit in sorted(finding.fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run `citecheck ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
