"""The CI formats: GitHub annotations, SARIF, JUnit XML and Markdown."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

import citecheck
from citecheck.config import Config
from citecheck.gate.waivers import Waived, Waiver
from citecheck.model import Severity
from citecheck.output import renderer
from citecheck.output.github import annotation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tillerson-moscow-2017-04.txt"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
HOSTILE = "• Lavrov, 100% sure: a|b, c:d “<b>x</b>” (Reuters, 04.1217)\n"


@pytest.fixture(scope="module")
def reports():
    return [citecheck.lint_file(EXAMPLE, Config())]


@pytest.fixture
def hostile():
    return [citecheck.lint(HOSTILE, path="odd, name:1.txt", config=Config())]


# https://docs.github.com/actions/reference/workflow-commands-for-github-actions
ANNOTATION = re.compile(
    r"::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:]+),line=(?P<line>\d+),endLine=(?P<end_line>\d+)"
    r"(?:,col=(?P<col>\d+),endColumn=(?P<end_col>\d+))?"
    r",title=(?P<title>[A-Z]\d{3})::(?P<message>[^\r\n]+)"
)


def test_github_annotations_follow_the_documented_syntax(reports):
    lines = renderer("github")(reports).splitlines()
    findings = reports[0].findings
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings, strict=True):
        match = ANNOTATION.fullmatch(line)
        assert match, line
        assert (
            match["command"]
            == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value]
        )
        assert (match["file"], int(match["line"]), match["title"]) == (
            finding.path,
            finding.line,
            finding.code,
        )
        assert match["message"].startswith(finding.message)


def test_github_escapes_properties_and_data(hostile):
    finding = replace(
        hostile[0].findings[0], message="100% sure\r\nor not", suggestion="write “a:b, c”"
    )
    line = annotation(finding)
    assert line.startswith("::error file=odd%2C name%3A1.txt,line=1,")
    assert line.endswith("::100%25 sure%0D%0Aor not [date-malformed]%0Awrite “a:b, c”")
    assert ANNOTATION.fullmatch(line)


def test_sarif_validates_against_the_2_1_0_schema(reports, hostile):
    schema = json.loads(SCHEMA.read_text("utf-8"))
    waived = citecheck.lint_file(EXAMPLE, Config())
    waiver = Waiver(code="T001", text="04.17.17", reason="re-aired")
    waived.waived = [Waived(f, waiver) for f in waived.findings if f.code == "T001"]
    for run in (reports, hostile, [waived]):
        document = json.loads(renderer("sarif")(run))
        jsonschema.Draft4Validator(schema).validate(document)
    document = json.loads(renderer("sarif")([waived]))
    suppressed = [r for r in document["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 2
    assert suppressed[0]["suppressions"][0]["justification"] == "re-aired"


def test_sarif_carries_rule_help_and_fingerprints(reports):
    run = json.loads(renderer("sarif")(reports))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all("## Why it matters" in r["help"]["markdown"] for r in rules)
    results = run["results"]
    assert len(results) == len(reports[0].findings)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"]["citecheck/v1"])
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == "U.S"


def test_sarif_fingerprints_survive_moving_lines():
    text = EXAMPLE.read_text("utf-8")
    before = json.loads(renderer("sarif")([citecheck.lint(text, path="d.txt")]))
    moved = json.loads(renderer("sarif")([citecheck.lint("\n\n" + text, path="d.txt")]))

    def prints(doc):
        return [r["partialFingerprints"]["citecheck/v1"] for r in doc["runs"][0]["results"]]

    assert prints(before) == prints(moved)
    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in moved["runs"][0]["results"]
    ]
    assert lines[0] == 6


def test_junit_counts_failures_per_digest(reports, hostile):
    root = ET.fromstring(renderer("junit")(reports + hostile))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [reports[0].path, "odd, name:1.txt"]
    assert root.get("failures") == str(len(reports[0].findings) + len(hostile[0].findings))
    assert len(suites[0].findall("testcase/failure")) == len(reports[0].findings)


def test_junit_passes_a_clean_digest():
    clean = citecheck.lint("• Lavrov: “Frank.” (Reuters, 04.12.17)\n", path="c.txt")
    root = ET.fromstring(renderer("junit")([clean]))
    assert root.get("failures") == "0"
    assert [c.get("name") for c in root.iter("testcase")] == ["no findings"]


def test_markdown_escapes_digest_text_and_collapses_long_tables(reports, hostile):
    text = renderer("markdown")(hostile)
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "a\\|b" in text  # a pipe would otherwise split the table cell
    long = renderer("markdown")(reports)
    assert long.count("<details>") == 2  # findings and claims
    assert long.count("\n| **error** |") == reports[0].count(Severity.ERROR)
