"""Machine-readable findings: a stable, versioned JSON document (see README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from citecheck.model import Finding, Severity

if TYPE_CHECKING:
    from citecheck.linter import Report

SCHEMA_VERSION = 1


def finding_dict(finding: Finding) -> dict:
    fix = finding.fix
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "fix": None
        if fix is None
        else {
            "applicability": "safe" if fix.safe else "unsafe",
            "description": fix.description,
            "edits": [
                {"start": e.span.start, "end": e.span.end, "replacement": e.replacement}
                for e in fix.edits
            ],
        },
        "claim": finding.claim_id,
    }


def summary(reports: list[Report]) -> dict:
    findings = [f for r in reports for f in r.findings]
    return {
        "files": len(reports),
        "claims": sum(len(r.claims) for r in reports),
        "findings": len(findings),
        **{s.value: sum(1 for f in findings if f.severity is s) for s in Severity},
    }


def render(reports: list[Report], *, color: bool = False) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "findings": [finding_dict(f) for r in reports for f in r.findings],
        "summary": summary(reports),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
