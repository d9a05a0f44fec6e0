"""What every report shows, computed once: counts, excerpts, citation status.

The HTML, Markdown and JSON reports differ only in markup; keeping the
content here keeps them saying the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from citecheck.model import Citation, Claim, Finding, Severity

if TYPE_CHECKING:
    from citecheck.linter import Report

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Excerpt:
    """A source line cut around a finding: `before` + `marked` + `after`."""

    before: str
    marked: str
    after: str


def title(report: Report) -> str:
    return report.document.title or PurePath(report.path).name


def counts(report: Report) -> dict[str, int]:
    out = {s.value: report.count(s) for s in SEVERITIES}
    out["waived"] = len(report.waived)
    return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word in ("info", "waived") else f"{n} {word}s"


def excerpt(report: Report, finding: Finding, width: int) -> Excerpt:
    """The finding's source line, at most about `width` characters, span marked."""
    line = report.document.line_text(finding.line)
    start = min(finding.column - 1, len(line))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = min(max(end, start + 1), len(line))
    if len(line) <= width:
        return Excerpt(line[:start].lstrip(), line[start:end], line[end:])
    end = min(end, start + width)
    room = max(0, width - (end - start)) // 2
    left = max(0, min(start - room, len(line) - width))
    right = max(end, min(len(line), left + width))
    return Excerpt(
        ("…" if left else "") + line[left:start],
        line[start:end],
        line[end:right] + ("…" if right < len(line) else ""),
    )


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def citation_findings(report: Report, citation: Citation) -> list[Finding]:
    """Findings that point into this citation: its lint status."""
    span = citation.span
    return [
        f
        for f in report.findings
        if f.span.start < span.end and span.start < max(f.span.end, f.span.start + 1)
    ]


def citation_status(report: Report, citation: Citation) -> str:
    found = citation_findings(report, citation)
    return ", ".join(f"{f.code} {f.severity.value}" for f in found) if found else "ok"


def citation_date(citation: Citation) -> str:
    """The date as written: what the editor will search the digest for."""
    return citation.date.text if citation.date else ""


def citation_outlet(citation: Citation) -> str:
    return citation.canonical or citation.outlet or ""


def section_title(claim: Claim) -> str:
    return " › ".join(claim.section.path) if claim.section else ""


def report_names(reports: Sequence[Report]) -> list[str]:
    """A file name stem per report, unique within the run."""
    names: list[str] = []
    for report in reports:
        stem = "stdin" if report.path.startswith("<") else PurePath(report.path).stem
        name, n = stem, 2
        while name in names:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
    return names
