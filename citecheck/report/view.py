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
    from citecheck.verify.model import LinkCheck, Summary

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
TITLE_WIDTH = 120


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


@dataclass(frozen=True)
class LinkView:
    """A verified link as the claims table shows it."""

    final_url: str
    status: str  # "HTTP 200 after 1 redirect", "refused: …", "timeout: …"
    date: str  # the page's publication date and its signal, or what stands in for it
    verdict: str  # fine, problem or unverifiable
    title: str  # the page's title, "" when none was read


_REDIRECTED = {"home": "to a home page", "offsite": "to another site"}


def verification_summary(report: Report) -> Summary | None:
    """None when the report is lint-only: then no verification is shown at all."""
    if not report.verification:
        return None
    from citecheck.verify.model import Summary

    return Summary.of(report.verification)


def citation_link(report: Report, citation: Citation) -> LinkCheck | None:
    return next((link for link in report.verification if link.citation is citation), None)


def link_view(link: LinkCheck) -> LinkView:
    from citecheck.rules.verify import redirect_kind

    fetched = link.fetched
    parts = [f"HTTP {fetched.status}"] if fetched.status is not None else []
    if fetched.problem:
        parts.append(f"{fetched.problem}: {fetched.detail}" if fetched.detail else fetched.problem)
    if link.page is not None and link.page.challenge:
        parts.append("a bot-check page")
    if fetched.chain:
        hops = len(fetched.chain)
        kind = redirect_kind(link)
        parts.append(
            f"after {plural(hops, 'redirect')}" + (f" {_REDIRECTED[kind]}" if kind else "")
        )
    if fetched.from_cache:
        parts.append("from cache")
    title = shorten(link.page.title, TITLE_WIDTH) if link.page and link.page.title else ""
    return LinkView(fetched.final_url, ", ".join(parts), _page_date(link), link.verdict, title)


def _page_date(link: LinkCheck) -> str:
    """Only an article's date: an error page or a home page has none worth showing."""
    from citecheck.rules.verify import page_readable

    page = link.page
    if page is None or not page_readable(link):
        return ""
    if page.published is not None:
        return f"{page.published.shown()} ({page.published.source})"
    if page.modified is not None:
        return f"only modified {page.modified.shown()} ({page.modified.source})"
    return "no date"


def report_names(reports: Sequence[Report]) -> list[str]:
    """A file name stem per report, unique within the run."""
    names: list[str] = []
    taken = {"index"}  # the run's index.html
    for report in reports:
        stem = "stdin" if report.path.startswith("<") else PurePath(report.path).stem
        name, n = stem, 2
        while name in taken:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
        taken.add(name)
    return names
