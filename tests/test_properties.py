"""Lint never raises, whatever it is given, and its findings always point inside the file."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import citecheck
from citecheck.config import Config

CONFIG = Config(digest_date=dt.date(2017, 4, 20))
PIECES = [
    "• ", "  • ", "    • ", "1. ", "III. ", "a) ", "- ", "* ", "# ", "## ", "\n", "\n\n", "\t",
    "(", ")", "()", "“", "”", '"', "«", "»", "’", ",", ", ", ":", ";", ".", "…",
    "Reuters", "RT live broadcast", "Reuter", "AP", "RFE/RL", "Lavrov", "On 04.11.17",
    "04.12.17", "11.17", "13.45.17", "4/12/2017", "2017-04-12", "April 12, 2017", "29 Feb 2019",
    "U,S,", "S. probe", "(Source: ", "Leave a Reply", "[Reuters](https://www.reuters.com/x)",
    "<p>", "</p>", "<ul><li>", "</li></ul>", "<a href='https://bloomberg.com/a'>", "</a>",
    "&amp;", "&#8217;", "<script>alert(1)</script>", "<!--", "-->", "---\ndate: 2017-04-14\n---\n",
    "\r\n", "\ufeff", "\x00",
]  # fmt: skip
digests = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60).map("".join)


def check(text: str, fmt: str) -> None:
    report = citecheck.lint(text, config=CONFIG, format=fmt)
    for finding in report.findings:
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        assert finding.line >= 1 and finding.column >= 1
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert 0 <= edit.span.start <= edit.span.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(digests)
def test_plain_text_never_raises(text):
    check(text, "text")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(digests)
def test_markdown_never_raises(text):
    check(text, "markdown")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(digests)
def test_html_never_raises(text):
    check(text, "html")


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    for fmt in ("text", "markdown", "html"):
        check(text, fmt)
