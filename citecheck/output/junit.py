"""JUnit XML: one test suite per digest, one failed test case per finding.

CI systems that only understand test results (GitLab, Jenkins, Azure) can
show findings this way. A digest without findings is one passing case;
waived findings are skipped cases that carry their reason.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from citecheck.model import Finding

if TYPE_CHECKING:
    from citecheck.linter import Report


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ET.Element, report: Report, finding: Finding) -> ET.Element:
    return ET.SubElement(
        suite,
        "testcase",
        name=f"{finding.code} {finding.name} at line {finding.line}, column {finding.column}",
        classname=report.path,
        file=report.path,
        line=str(finding.line),
    )


def render(reports: list[Report], *, color: bool = False) -> str:
    root = ET.Element("testsuites", name="citecheck")
    total = failures = skipped = 0
    for report in reports:
        cases = max(1, len(report.findings) + len(report.waived))
        suite = ET.SubElement(
            root,
            "testsuite",
            name=report.path,
            tests=str(cases),
            failures=str(len(report.findings)),
            errors="0",
            skipped=str(len(report.waived)),
        )
        for finding in report.findings:
            failure = ET.SubElement(
                _case(suite, report, finding),
                "failure",
                message=_xml(finding.message),
                type=finding.severity.value,
            )
            failure.text = _xml(
                f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} "
                f"{finding.code} {finding.message}"
                + (f"\nsuggestion: {finding.suggestion}" if finding.suggestion else "")
            )
        for waived in report.waived:
            ET.SubElement(
                _case(suite, report, waived.finding),
                "skipped",
                message=_xml(f"waived: {waived.waiver.reason}"),
            )
        if not report.findings and not report.waived:
            ET.SubElement(suite, "testcase", name="no findings", classname=report.path)
        total += cases
        failures += len(report.findings)
        skipped += len(report.waived)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
