"""What verification adds to the report files, and that a hostile page cannot inject markup."""

from __future__ import annotations

import json

import responses
from verify_support import fetcher, options

from citecheck.config import Config
from citecheck.linter import lint
from citecheck.report import render_reports
from citecheck.verify.checks import verify_reports

WAPO = "https://www.washingtonpost.com/world/2017/04/12/tillerson-moscow.html"
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=alert(1)> a & b | c"
DIGEST = (
    "# Digest for 04.20.17\n\n## Tillerson in Moscow (04.12.17)\n\n"
    f"- Tillerson: relations are poor. ([Washington Post]({WAPO}), 04.12.17)\n"
    "- Lavrov: talks were frank. (Reuters, 04.12.17)\n"
)


def verified_files(tmp_path) -> dict[str, str]:
    report = lint(DIGEST, path="digest.md", format="markdown", config=Config(digest_date=None))
    opts = options(tmp_path)
    reports, _ = verify_reports([report], opts, fetcher=fetcher(opts))
    return render_reports(reports)


@responses.activate
def test_a_hostile_title_and_redirect_target_are_escaped(tmp_path):
    target = 'https://www.washingtonpost.com/x?a="><script>alert(2)</script>'
    responses.get(WAPO, status=302, headers={"Location": target})
    responses.get(
        target,
        body=(
            f"<html><head><title>{HOSTILE.replace('&', '&amp;').replace('<', '&lt;')}</title>"
            '<meta property="article:published_time" content="2017-04-12T10:00:00-04:00">'
            "</head><body><article><p>Relations are poor.</p></article></body></html>"
        ),
        content_type="text/html; charset=utf-8",
    )
    files = verified_files(tmp_path)
    page = files["digest.html"]
    assert "<script>alert" not in page and "<script>document" not in page
    assert "<img" not in page and 'a="><' not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "a &amp; b | c" in page
    assert 'href="https://www.washingtonpost.com/x?a=&quot;&gt;&lt;script&gt;' in page
    markdown = files["digest.md"]
    assert "<script" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in markdown
    assert "a &amp; b \\| c" in markdown  # a pipe cannot end the table cell
    link = json.loads(files["digest.json"])["verification"]["links"][0]
    assert link["page"]["title"] == HOSTILE
    assert link["final_url"].endswith("<script>alert(2)</script>")


@responses.activate
def test_citations_without_a_link_say_so_and_a_lint_only_report_has_no_column(tmp_path):
    responses.get(
        WAPO,
        body='<html><head><meta property="article:published_time" content="2017-04-12">'
        "</head><body><article><p>Relations are poor.</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    files = verified_files(tmp_path)
    assert '<span class="uncited">no link</span>' in files["digest.html"]
    assert "| *no link* |" in files["digest.md"]
    assert "verified 1 link: 1 fine, 0 with problems" in files["digest.html"]

    lint_only = render_reports([lint(DIGEST, path="digest.md", format="markdown")])
    assert "Verification" not in lint_only["digest.html"]
    assert "verified" not in lint_only["digest.md"]
    assert "verification" not in json.loads(lint_only["digest.json"])
