"""GitHub Actions workflow commands: findings as pull-request annotations.

One line per finding, in the documented syntax
`::error file={name},line={line},endLine={endLine},col={col},endColumn={endColumn},title={title}::{message}`.
Info findings become notices. Values are escaped as the runner expects:
`%`, CR and LF everywhere, plus `:` and `,` inside properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from citecheck.gate import unused_waivers
from citecheck.model import Finding, Severity

if TYPE_CHECKING:
    from citecheck.linter import Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = {
        "file": finding.path,
        "line": finding.line,
        "endLine": finding.end_line,
        "col": finding.column,
        "endColumn": finding.end_column,
        "title": finding.code,
    }
    if finding.end_line != finding.line:
        del properties["col"], properties["endColumn"]  # columns only for one-line spans
    listed = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    message = f"{finding.message} [{finding.name}]"
    if finding.suggestion:
        message += f"\n{finding.suggestion}"
    return f"::{_COMMANDS[finding.severity]} {listed}::{escape_data(message)}"


def render(reports: list[Report], *, color: bool = False) -> str:
    lines = [annotation(f) for r in reports for f in r.findings]
    lines += [
        f"::warning file={escape_property(w.source or 'config')}"
        f"{f',line={w.line}' if w.line else ''},title=unused-waiver::{escape_data(w.stale())}"
        for w in unused_waivers(reports)
    ]
    return "".join(line + "\n" for line in lines)
