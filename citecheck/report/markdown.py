"""The Markdown report: the HTML report's content, sized for a pull-request comment.

Long tables are collapsed in `<details>`, rows are capped, and a report that
would still pass GitHub's comment limit drops its claims table first.
Digest text is escaped so it cannot turn into markup, links or mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from citecheck.model import Finding
from citecheck.report import view

if TYPE_CHECKING:
    from citecheck.gate.waivers import Waived
    from citecheck.linter import Report

SOURCE_WIDTH = 80
CLAIM_WIDTH = 160
COLLAPSE_AFTER = 10  # rows shown open; longer tables go in <details>
MAX_ROWS = 150
COMMENT_LIMIT = 60_000  # GitHub allows 65,536 characters per comment

_SPACE = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_\[\]|~#@!])")


def escape(text: str) -> str:
    """Plain text for a table cell: no markup, no line breaks, no mentions."""
    text = _SPACE.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _table(headers: Sequence[str], rows: list[str], what: str) -> str:
    shown = rows[:MAX_ROWS]
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        *shown,
    ]
    if len(rows) > len(shown):
        lines.append(f"\n…and {len(rows) - len(shown)} more {what}: see the HTML report.")
    body = "\n".join(lines) + "\n"
    if len(rows) > COLLAPSE_AFTER:
        return f"<details><summary>{len(rows)} {what}</summary>\n\n{body}\n</details>\n"
    return body


def _source(report: Report, finding: Finding) -> str:
    cut = view.excerpt(report, finding, SOURCE_WIDTH)
    marked = escape(cut.marked)
    return f"{escape(cut.before)}**{marked}**{escape(cut.after)}" if marked else escape(cut.before)


def _row(report: Report, finding: Finding, waived: Waived | None = None) -> str:
    severity = finding.severity.value
    label = f"waived ({severity})" if waived else f"**{severity}**"
    note = f"waived: {escape(waived.waiver.reason)}" if waived else escape(finding.suggestion or "")
    return (
        f"| {label} | `{finding.code}` {finding.name} | {finding.line} | "
        f"{escape(finding.message)} | {_source(report, finding)} | {note} |"
    )


def _claim_row(report: Report, claim) -> str:
    cites = "<br>".join(
        f"{escape(view.citation_outlet(c))}, {escape(view.citation_date(c)) or 'no date'} "
        f"({escape(c.kind)}): {escape(view.citation_status(report, c))}"
        for c in claim.citations
    )
    links = f" {_verification(report, claim)} |" if report.verification else ""
    return (
        f"| {escape(view.section_title(claim))} | {escape(claim.speaker or '')} | "
        f"{claim.block.line}: {escape(view.shorten(claim.text, CLAIM_WIDTH))} | "
        f"{cites or '*uncited*'} |{links}"
    )


def _verification(report: Report, claim) -> str:
    """One line per citation, in the citations' order: what its link led to."""
    lines = []
    for citation in claim.citations:
        link = view.citation_link(report, citation)
        if link is None:
            lines.append("*no link*")
            continue
        shown = view.link_view(link)
        title = f" “{escape(shown.title)}”" if shown.title else ""
        date = f", {escape(shown.date)}" if shown.date else ""
        lines.append(
            f"{escape(shown.final_url)}{title}: {escape(shown.verdict)} "
            f"({escape(shown.status)}){date}"
        )
    return "<br>".join(lines)


def render_digest(report: Report, *, heading: str = "##", claims: bool = True) -> str:
    counts = " · ".join(
        f"**{view.plural(n, k)}**" if k == "error" and n else view.plural(n, k)
        for k, n in view.counts(report).items()
    )
    out = [
        f"{heading} citecheck: {escape(view.title(report))}\n",
        f"{escape(report.path)} · digest date {report.digest.date.isoformat()} · "
        f"{view.plural(len(report.claims), 'claim')} · {counts}\n",
    ]
    summary = view.verification_summary(report)
    if summary is not None:
        out.append(f"{escape(summary.line())}\n")
    rows = [_row(report, f) for f in report.findings]
    rows += [_row(report, w.finding, w) for w in report.waived]
    out.append(f"{heading}# Findings\n")
    if rows:
        headers = ("Severity", "Rule", "Line", "Message", "Source", "Suggestion")
        out.append(_table(headers, rows, "findings"))
    else:
        out.append("No problems found.\n")
    if report.unused_waivers:
        out.append(f"{heading}# Waivers that match nothing\n")
        out.extend(
            f"- {escape(w.describe())} in {escape(w.where())}: {escape(w.reason)}\n"
            for w in report.unused_waivers
        )
    if claims and report.claims:
        out.append(f"{heading}# Claims\n")
        claim_rows = [_claim_row(report, c) for c in report.claims]
        headers = ("Section", "Speaker", "Claim", "Citations")
        headers += ("Verification",) if report.verification else ()
        out.append(_table(headers, claim_rows, "claims"))
    text = "\n".join(out)
    if claims and len(text) > COMMENT_LIMIT:
        return render_digest(report, heading=heading, claims=False)
    return text


def render_run(reports: Sequence[Report]) -> str:
    """Every digest of a run in one comment."""
    return "\n".join(render_digest(r) for r in reports)
