"""The JSON report of one digest: findings, waived findings and the claims table."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from citecheck.gate.fingerprint import fingerprint
from citecheck.output.json import SCHEMA_VERSION, finding_dict
from citecheck.report import view

if TYPE_CHECKING:
    from citecheck.linter import Report


def _claim(report: Report, claim) -> dict:
    return {
        "id": claim.id,
        "line": claim.block.line,
        "section": list(claim.section.path) if claim.section else [],
        "speaker": claim.speaker,
        "text": claim.text,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "citations": [
            {
                "text": c.text,
                "outlet": c.outlet,
                "canonical": c.canonical,
                "kind": c.kind,
                "date": c.date.text if c.date else None,
                "date_value": c.date.value.isoformat() if c.date and c.date.value else None,
                "status": [f.code for f in view.citation_findings(report, c)],
            }
            for c in claim.citations
        ],
    }


def _link(report: Report, link) -> dict:
    shown = view.link_view(link)
    fetched, page = link.fetched, link.page
    return {
        "claim": link.claim.id if link.claim else None,
        "line": report.document.position(link.citation.span.start)[0],
        "citation": link.citation.text,
        "url": link.cited_url,
        "request_url": link.request_url,
        "final_url": fetched.final_url,
        "http_status": fetched.status,
        "redirects": [{"status": s, "location": u} for s, u in fetched.chain],
        "problem": fetched.problem,
        "status": shown.status,
        "verdict": shown.verdict,
        "from_cache": fetched.from_cache,
        "page": None
        if page is None
        else {
            "title": page.title,
            "site_name": page.site_name,
            "canonical": page.canonical,
            "published": page.published.shown() if page.published else None,
            "published_source": page.published.source if page.published else None,
            "modified": page.modified.shown() if page.modified else None,
            "modified_source": page.modified.source if page.modified else None,
        },
        "archive": link.archive,
    }


def render_digest(report: Report) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "digest": {
            "path": report.path,
            "title": view.title(report),
            "date": report.digest.date.isoformat(),
        },
        "counts": view.counts(report),
        "findings": [finding_dict(f) | {"fingerprint": fingerprint(f)} for f in report.findings],
        "waived": [
            finding_dict(w.finding)
            | {"fingerprint": fingerprint(w.finding), "waiver": {"reason": w.waiver.reason}}
            for w in report.waived
        ],
        "unused_waivers": [
            {"waiver": w.describe(), "reason": w.reason, "source": w.source}
            for w in report.unused_waivers
        ],
        "claims": [_claim(report, c) for c in report.claims],
    }
    summary = view.verification_summary(report)
    if summary is not None:
        document["verification"] = asdict(summary) | {
            "links": [_link(report, link) for link in report.verification]
        }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
