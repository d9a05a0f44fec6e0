"""S001–S003: the digest's outline, and what the reader noticed about the input."""

from __future__ import annotations

import pytest
from conftest import DIGEST_DATE, codes, findings, fixed, only

import citecheck
from citecheck.config import Config

CLAIM = "• Lavrov said Russia was worried. (Reuters, 04.12.17)\n\n"

# S001 numbering-broken: the example's outline, pasted from a word processor.
PASTED = (
    "1. Preparation fire ahead of the meetings:\n"
    "1. U.S. side:\n\n" + CLAIM + "1. Russian side:\n\n" + CLAIM + "1. 04.12.17 meeting:\n"
    "1. U.S. side:\n\n" + CLAIM + "III. 04.12.17 meeting with Putin:\n\n" + CLAIM
)


def test_broken_numbering_fires_in_the_style_one_part_shows():
    found = findings(PASTED, "S001")
    assert [(f.line, f.column) for f in found] == [(1, 1), (6, 1), (10, 1)]
    first, sub_part, second = found
    assert first.message == "part numbered “1.”, expected “I.” (this list runs 1., 1., III.)"
    assert first.suggestion == "write “I.”"
    assert first.fix is not None and not first.fix.safe
    assert fixed(PASTED, first).startswith("I. Preparation fire")
    assert sub_part.message == "part numbered “1.”, expected “2.” (this list runs 1., 1.)"
    assert fixed(PASTED, sub_part).split("\n")[5] == "2. Russian side:"
    assert second.message.startswith("part numbered “1.”, expected “II.”")


def test_broken_numbering_in_a_lettered_list():
    text = "I. Meeting:\nA. U.S. side:\n\n" + CLAIM + "C. Russian side:\n\n" + CLAIM
    finding = only(text, "S001")
    assert finding.line == 6
    assert finding.message == "part numbered “C.”, expected “B.” (this list runs A., C.)"


@pytest.mark.parametrize(
    "outline",
    [
        ("I. Preparation:", "II. Meeting:", "III. Meeting with Putin:"),
        ("1. Preparation:", "2. Meeting:", "3. Meeting with Putin:"),
        ("A. Preparation:", "B. Meeting:", "C. Meeting with Putin:"),
        ("I. Preparation:", "A. U.S. side:", "B. Russian side:", "II. Meeting:", "A. U.S. side:"),
        ("1) Preparation:", "2) Meeting:"),
    ],
)
def test_broken_numbering_quiet_on_lists_that_count_up(outline):
    text = "".join(f"{heading}\n\n{CLAIM}" for heading in outline)
    assert codes(text) == []


def test_broken_numbering_quiet_on_parts_and_sub_parts_without_claims_between():
    text = (
        "I. 04.12.17 press conference:\n1. U.S. side\n\n"
        + CLAIM
        + "2. Russian side\n\n"
        + CLAIM
        + "II. Other:\n\n"
        + CLAIM
    )
    assert codes(text) == []


# S002 page-furniture

FURNITURE = (
    "Leave a Reply\n\n"
    "Please log in using one of these methods to post your comment:\n\n"
    "You are commenting using your WordPress.com account. ( Log Out / Change )\n"
)


def test_page_furniture_is_noted_once():
    text = CLAIM + FURNITURE
    finding = only(text, "S002")
    assert (finding.line, finding.column) == (3, 1)
    assert finding.severity.value == "info"
    assert finding.message == (
        "page furniture left out of the claims: 3 lines of page furniture from line 3 "
        "(“Leave a Reply”)"
    )
    assert finding.suggestion == "delete these lines from the digest"
    assert len(citecheck.lint(text, config=Config(digest_date=DIGEST_DATE)).claims) == 1


def test_page_furniture_quiet_when_a_claim_merely_quotes_it():
    text = (
        CLAIM + "Leave a Reply\n\n"
        "Lavrov said the talks on Syria would go on for a long while, and nobody "
        "expected a quick result. (Reuters, 04.12.17)\n"
    )
    assert codes(text) == []


# S003 encoding-fallback


def test_encoding_fallback_noted_for_a_cp1252_file(tmp_path):
    digest = tmp_path / "digest.txt"
    digest.write_bytes("• Lavrov: “Frank talks.” (Reuters, 04.12.17)\n".encode("cp1252"))
    report = citecheck.lint_file(digest, Config(digest_date=DIGEST_DATE))
    assert [f.code for f in report.findings] == ["S003"]
    finding = report.findings[0]
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message == "not valid UTF-8; read as cp1252"
    assert finding.suggestion == "save it as UTF-8"
    assert report.claims[0].quotes[0].text == "Frank talks."


def test_encoding_fallback_quiet_on_utf8(tmp_path):
    digest = tmp_path / "digest.txt"
    digest.write_text("• Lavrov: “Frank talks.” (Reuters, 04.12.17)\n", encoding="utf-8")
    report = citecheck.lint_file(digest, Config(digest_date=DIGEST_DATE))
    assert report.findings == []


def test_lower_case_roman_parts_are_counted_in_lower_case_roman():
    html = (
        '<ol type="i"><li value="1"><h2>Preparation</h2></li>'
        '<li value="1"><h2>Meeting</h2></li></ol>'
    )
    found = findings(html, "S001", format="html")
    assert [f.message for f in found] == [
        "part numbered “i.”, expected “ii.” (this list runs i., i.)"
    ]
