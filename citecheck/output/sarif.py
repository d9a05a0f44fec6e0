"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every rule is described in the driver (summary, full documentation as help,
default level), so a viewer can explain a finding without citecheck.
Results carry `partialFingerprints` from the same fingerprint baselines use,
so code scanning keeps tracking an alert when lines move. Waived findings
are results with an accepted external suppression and its justification.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from citecheck import __version__
from citecheck.gate.fingerprint import VERSION, fingerprint
from citecheck.model import Finding, Severity

if TYPE_CHECKING:
    from citecheck.gate.waivers import Waived
    from citecheck.linter import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


def _rules() -> list[dict]:
    from citecheck.rules import RULES

    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.doc()},
            "help": {"text": rule.doc(), "markdown": rule.doc()},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            "properties": {"fix": rule.fix_safety},
        }
        for rule in RULES
    ]


def _result(report: Report, finding: Finding, index: dict[str, int], waived: Waived | None) -> dict:
    region: dict = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "snippet": {"text": report.document.source[finding.span.start : finding.span.end]},
    }
    result: dict = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {f"citecheck/{VERSION}": fingerprint(finding)},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.suggestion:
        result["message"]["text"] += f" ({finding.suggestion})"
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.description},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(finding.path)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": edit.span.start,
                                    "charLength": edit.span.end - edit.span.start,
                                },
                                "insertedContent": {"text": edit.replacement},
                            }
                            for edit in finding.fix.edits
                        ],
                    }
                ],
            }
        ]
    if waived is not None:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": waived.waiver.reason}
        ]
    return result


def render(reports: list[Report], *, color: bool = False) -> str:
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for report in reports:
        results += [_result(report, f, index, None) for f in report.findings]
        results += [_result(report, w.finding, index, w) for w in report.waived]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
