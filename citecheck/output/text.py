"""Compiler-style text: `path:line:col: severity CODE message`, the line, a caret, the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from citecheck.model import Finding, Severity

if TYPE_CHECKING:
    from citecheck.linter import Report

WIDTH = 100  # characters of a long source line shown around the finding

_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD, _DIM, _GREEN, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[0m"


def render(reports: list[Report], *, color: bool = False) -> str:
    out: list[str] = []
    for report in reports:
        for finding in report.findings:
            out.append(_finding(report, finding, color))
    out.append(summary_line(reports, color))
    return "\n".join(out) + "\n"


def _finding(report: Report, finding: Finding, color: bool) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    head = (
        f"{paint(_BOLD, f'{finding.path}:{finding.line}:{finding.column}:')} "
        f"{paint(_COLORS[finding.severity], finding.severity.value)} "
        f"{paint(_BOLD, finding.code)} {finding.message}"
    )
    lines = [head]
    source = report.document.line_text(finding.line).replace("\t", " ")
    end = finding.end_column if finding.end_line == finding.line else len(source) + 1
    shown, caret_at, caret_len = window(source, finding.column - 1, max(end - finding.column, 1))
    gutter = " " * len(str(finding.line))
    lines.append(f"{gutter} {paint(_DIM, '|')}")
    lines.append(f"{finding.line} {paint(_DIM, '|')} {shown}")
    lines.append(
        f"{gutter} {paint(_DIM, '|')} {' ' * caret_at}"
        f"{paint(_COLORS[finding.severity], '^' * caret_len)}"
    )
    if finding.suggestion:
        label = "fix" if finding.fix else "help"
        lines.append(f"{gutter} {paint(_DIM, '=')} {paint(_GREEN, label)}: {finding.suggestion}")
    return "\n".join(lines) + "\n"


def window(line: str, start: int, length: int, width: int = WIDTH) -> tuple[str, int, int]:
    """Cut a long line down to `width` characters around [start, start + length)."""
    length = min(length, width)
    if len(line) <= width:
        return line, start, max(1, min(length, len(line) - start + 1))
    left = max(0, min(start - (width - length) // 2, len(line) - width))
    right = left + width
    shown = line[left:right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + shown + suffix, start - left + len(prefix), length


def summary_line(reports: list[Report], color: bool = False) -> str:
    findings = [f for r in reports for f in r.findings]
    files = len(reports)
    claims = sum(len(r.claims) for r in reports)
    where = f"{files} file{'s' if files != 1 else ''}, {claims} claim{'s' if claims != 1 else ''}"
    if not findings:
        return f"{where}: no problems found"
    counts = [
        f"{n} {s.value if s is Severity.INFO or n == 1 else s.value + 's'}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if (n := sum(1 for f in findings if f.severity is s))
    ]
    fixable = sum(1 for f in findings if f.fix is not None)
    tail = f" ({fixable} with a suggested fix)" if fixable else ""
    text = f"{where}: {', '.join(counts)}{tail}"
    return f"{_BOLD}{text}{_RESET}" if color else text
