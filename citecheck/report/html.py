"""The HTML report: one self-contained page per digest, plus an index.

It works offline (CSS and JS are inlined from package data) and escapes every
piece of digest text it shows. A Content-Security-Policy that allows only
the report's own script and style is a second line of defence: markup that
slipped through escaping still could not run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from citecheck.model import Finding
from citecheck.report import view

if TYPE_CHECKING:
    from citecheck.gate.waivers import Waived
    from citecheck.linter import Report

SOURCE_WIDTH = 160
CLAIM_WIDTH = 300


@cache
def _asset(name: str) -> str:
    return resources.files("citecheck").joinpath("data", name).read_text("utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _page(title: str, body: str, *, script: bool) -> str:
    css = _asset("report.css")
    js = _asset("report.js") if script else ""
    policy = f"default-src 'none'; style-src {_hash(css)}; img-src data:"
    if script:
        policy += f"; script-src {_hash(js)}"
    tail = f"<script>{js}</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{body}{tail}</body>\n</html>\n"
    )


def _counts(report: Report) -> str:
    items = "".join(
        f'<li class="sev-{key}">{escape(view.plural(n, key))}</li>'
        for key, n in view.counts(report).items()
    )
    return f'<ul class="counts">{items}</ul>'


def _source(report: Report, finding: Finding) -> str:
    cut = view.excerpt(report, finding, SOURCE_WIDTH)
    return f"<code>{escape(cut.before)}<mark>{escape(cut.marked)}</mark>{escape(cut.after)}</code>"


def _row(report: Report, finding: Finding, waived: Waived | None = None) -> str:
    severity = finding.severity.value
    state = "waived" if waived else severity
    label = f"waived ({severity})" if waived else severity
    note = (
        f'<span class="waiver">Waived: {escape(waived.waiver.reason)}</span>'
        if waived
        else escape(finding.suggestion or "")
    )
    rank = -1 if waived else finding.severity.rank
    return (
        f'<tr class="sev-{state}" data-severity="{state}" data-rule="{escape(finding.code)}">'
        f'<td data-key="{rank}"><span class="badge">{escape(label)}</span></td>'
        f'<td data-key="{escape(finding.code)}"><code>{escape(finding.code)}</code> '
        f"{escape(finding.name)}</td>"
        f'<td data-key="{finding.line}" class="num">{finding.line}</td>'
        f"<td>{escape(finding.message)}</td>"
        f'<td class="src">{_source(report, finding)}</td>'
        f"<td>{note}</td></tr>\n"
    )


def _findings(report: Report) -> str:
    rows = [_row(report, f) for f in report.findings]
    rows += [_row(report, w.finding, w) for w in report.waived]
    if not rows:
        return '<section id="findings"><h2>Findings</h2><p class="empty">No problems found.</p></section>\n'
    states = [s.value for s in view.SEVERITIES] + ["waived"]
    present = sorted({f.code for f in report.findings} | {w.finding.code for w in report.waived})
    severity_options = "".join(f'<option value="{s}">{s}</option>' for s in states)
    rule_options = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in present)
    headers = ("Severity", "Rule", "Line", "Message", "Source", "Suggestion")
    sortable = {0, 1, 2}
    head = "".join(
        f'<th scope="col"><button type="button" data-col="{i}">{h}</button></th>'
        if i in sortable
        else f'<th scope="col">{h}</th>'
        for i, h in enumerate(headers)
    )
    return (
        '<section id="findings">\n<h2>Findings</h2>\n'
        '<form class="filters" id="filters" hidden>'
        '<label>Severity <select id="filter-severity"><option value="">all</option>'
        f"{severity_options}</select></label> "
        '<label>Rule <select id="filter-rule"><option value="">all</option>'
        f"{rule_options}</select></label> "
        '<output id="shown"></output></form>\n'
        f'<table id="findings-table" class="sortable">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


def _claims(report: Report) -> str:
    if not report.claims:
        return (
            '<section id="claims"><h2>Claims</h2><p class="empty">No claims found.</p></section>\n'
        )
    verified = bool(report.verification)
    rows = []
    for claim in report.claims:
        cites = "".join(
            "<li>"
            f'<span class="outlet">{escape(view.citation_outlet(c))}</span> · '
            f'<span class="date">{escape(view.citation_date(c)) or "no date"}</span> · '
            f'<span class="kind">{escape(c.kind)}</span> '
            f'<span class="status{" ok" if status == "ok" else ""}">{escape(status)}</span>'
            "</li>"
            for c in claim.citations
            for status in (view.citation_status(report, c),)
        )
        links = _verification(report, claim) if verified else ""
        rows.append(
            f'<tr id="{escape(claim.id)}"><td>{escape(view.section_title(claim))}</td>'
            f"<td>{escape(claim.speaker or '')}</td>"
            f'<td class="claim"><span class="line">line {claim.block.line}</span> '
            f"{escape(view.shorten(claim.text, CLAIM_WIDTH))}</td>"
            f"<td>{f'<ul class=cites>{cites}</ul>' if cites else '<span class=uncited>uncited</span>'}"
            f"</td>{links}</tr>\n"
        )
    extra = "<th scope=col>Verification</th>" if verified else ""
    return (
        '<section id="claims">\n<h2>Claims</h2>\n<p class="hint">Who said what, when, '
        "cited to whom.</p>\n<table>\n<thead><tr><th scope=col>Section</th>"
        "<th scope=col>Speaker</th><th scope=col>Claim</th><th scope=col>Citations</th>"
        f"{extra}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


def _verification(report: Report, claim) -> str:
    """One item per citation, in the citations' order: what its link led to."""
    items = []
    for citation in claim.citations:
        link = view.citation_link(report, citation)
        if link is None:
            items.append('<li><span class="uncited">no link</span></li>')
            continue
        shown = view.link_view(link)
        url = escape(shown.final_url)
        target = (
            f'<a href="{url}" rel="noreferrer noopener">{url}</a>'
            if urlsplit(shown.final_url).scheme in ("http", "https")
            else f"<code>{url}</code>"
        )
        title = f" “{escape(shown.title)}”" if shown.title else ""
        date = f' · <span class="date">{escape(shown.date)}</span>' if shown.date else ""
        items.append(
            f'<li data-verdict="{escape(shown.verdict)}">{target}{title} · '
            f'<span class="status{" ok" if shown.verdict == "fine" else ""}">'
            f"{escape(shown.verdict)}</span> ({escape(shown.status)}){date}</li>"
        )
    return f"<td><ul class=cites>{''.join(items)}</ul></td>" if items else "<td></td>"


def _unused_waivers(report: Report) -> str:
    if not report.unused_waivers:
        return ""
    items = "".join(
        f"<li><code>{escape(w.describe())}</code> in {escape(w.where())}: "
        f"matches no finding ({escape(w.reason)})</li>"
        for w in report.unused_waivers
    )
    return (
        '<section id="stale-waivers"><h2>Waivers that match nothing</h2>'
        f'<ul class="stale">{items}</ul></section>\n'
    )


def _summary(report: Report) -> str:
    summary = view.verification_summary(report)
    return f'<p class="meta verification">{escape(summary.line())}</p>\n' if summary else ""


def render_digest(report: Report) -> str:
    name = view.title(report)
    header = (
        f"<header>\n<h1>{escape(name)}</h1>\n"
        f'<p class="meta"><code>{escape(report.path)}</code> · digest date '
        f"{report.digest.date.isoformat()} · {view.plural(len(report.claims), 'claim')}</p>\n"
        f"{_summary(report)}{_counts(report)}\n</header>\n"
    )
    body = header + "<main>\n" + _findings(report) + _unused_waivers(report) + _claims(report)
    return _page(
        f"citecheck: {name}", body + "</main>\n", script=bool(report.findings or report.waived)
    )


def render_index(reports: Sequence[Report], names: Sequence[str]) -> str:
    rows = []
    for report, name in zip(reports, names, strict=True):
        counts = view.counts(report)
        cells = "".join(f'<td class="num sev-{k}">{n}</td>' for k, n in counts.items())
        # "./" and percent-encoding keep a file name like `javascript:x` a relative link.
        href = f"./{escape(quote(name))}"
        rows.append(
            f'<tr><td><a href="{href}.html">{escape(view.title(report))}</a><br>'
            f"<code>{escape(report.path)}</code></td>"
            f"<td>{report.digest.date.isoformat()}</td>"
            f'<td class="num">{len(report.claims)}</td>{cells}'
            f'<td><a href="{href}.md">Markdown</a> · '
            f'<a href="{href}.json">JSON</a></td></tr>\n'
        )
    total = len(reports)
    body = (
        f"<header>\n<h1>citecheck reports</h1>\n<p class=meta>{view.plural(total, 'digest')}</p>\n"
        "</header>\n<main>\n<table>\n<thead><tr><th scope=col>Digest</th>"
        "<th scope=col>Date</th><th scope=col>Claims</th><th scope=col>Errors</th>"
        "<th scope=col>Warnings</th><th scope=col>Info</th><th scope=col>Waived</th>"
        f"<th scope=col>Other formats</th></tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n"
        "</table>\n</main>\n"
    )
    return _page("citecheck reports", body, script=False)
