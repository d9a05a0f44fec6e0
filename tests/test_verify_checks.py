"""Each V rule fires on what a page shows, through `verify_reports` and `responses`."""

from __future__ import annotations

import json

import pytest
import responses
from verify_support import fetcher, options

from citecheck.config import Config
from citecheck.linter import lint
from citecheck.rules import find_rule
from citecheck.verify.checks import verify_reports
from citecheck.verify.command import parse_remap

WAPO = "https://www.washingtonpost.com/world/2017/04/12/tillerson-moscow.html"
QUOTE = "The current state of U.S.-Russia relations is at a low point"


def page(
    *,
    published: str | None = "2017-04-12T10:00:00-04:00",
    modified: str | None = None,
    site: str | None = "The Washington Post",
    text: str = f"\u201c{QUOTE},\u201d Tillerson said.",
    aside: str = "",
) -> str:
    head = []
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if modified:
        head.append(f'<meta property="article:modified_time" content="{modified}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    return (
        f"<html><head>{''.join(head)}</head><body>"
        f"<article><p>{text}</p></article><aside class='related'>{aside}</aside></body></html>"
    )


def digest(url: str = WAPO, outlet: str = "Washington Post", date: str = "04.12.17") -> str:
    return (
        "# Digest for 04.20.17\n\n## Tillerson in Moscow (04.12.17)\n\n"
        f"- Tillerson: \u201c{QUOTE}.\u201d ([{outlet}]({url}), {date})\n"
    )


def verify(text: str, tmp_path, **changes):
    report = lint(text, format="markdown", config=Config(digest_date=None))
    opts = options(tmp_path, **changes)
    reports, summary = verify_reports([report], opts, fetcher=fetcher(opts))
    return reports[0], summary


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


def serve(url: str = WAPO, body: str | None = None, **kwargs) -> None:
    kwargs.setdefault("content_type", "text/html; charset=utf-8")
    responses.get(url, body=page() if body is None else body, **kwargs)


@responses.activate
def test_a_good_citation_has_no_findings_and_records_the_verification(tmp_path):
    serve()
    report, summary = verify(digest(), tmp_path)
    assert codes(report) == []
    (link,) = report.verification
    assert link.fetched.status == 200 and link.page.published.day.isoformat() == "2017-04-12"
    assert (summary.checked, summary.fine, summary.problems) == (1, 1, 0)


@pytest.mark.parametrize(("status", "code"), [(404, "V001"), (410, "V001"), (500, "V003")])
@responses.activate
def test_dead_and_failing_links(tmp_path, status, code):
    serve(status=status)
    report, _ = verify(digest(), tmp_path, retries=0)
    assert codes(report) == [code]
    assert f"HTTP {status}" in report.findings[0].message


@pytest.mark.parametrize("status", [401, 403, 429, 451])
@responses.activate
def test_blocked_links_are_info_never_dead(tmp_path, status):
    serve(status=status)
    report, summary = verify(digest(), tmp_path, retries=0)
    assert codes(report) == ["V006"]
    assert report.findings[0].severity.value == "info"
    assert summary.unverifiable == 1


@responses.activate
def test_bot_challenge_page_is_unverifiable(tmp_path):
    serve(body="<html><head><title>Just a moment...</title></head><body></body></html>")
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == ["V006"]
    assert "bot-check" in report.findings[0].message


@responses.activate
def test_timeout(tmp_path):
    import requests

    responses.get(WAPO, body=requests.exceptions.ConnectTimeout("timed out"))
    report, _ = verify(digest(), tmp_path, retries=0)
    assert codes(report) == ["V002"]


@responses.activate
def test_refused_link_sends_nothing(tmp_path):
    report, _ = verify(digest("http://169.254.169.254/latest/meta-data"), tmp_path)
    assert codes(report) == ["V007"]
    assert "link-local" in report.findings[0].message
    assert not responses.calls


@responses.activate
def test_redirect_to_the_home_page_is_a_soft_404(tmp_path):
    serve(status=301, headers={"Location": "https://www.washingtonpost.com/"})
    serve("https://www.washingtonpost.com/", page(published=None))
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == ["V005"]


@responses.activate
def test_redirect_to_another_site(tmp_path):
    serve(status=302, headers={"Location": "https://parked.example/story"})
    serve("https://parked.example/story", page())
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == ["V004"]
    assert "https://parked.example/story" in report.findings[0].message


@responses.activate
def test_page_of_another_outlet(tmp_path):
    url = "https://news.yahoo.example/tillerson-moscow"
    serve(url, page(site="Yahoo News"))
    report, _ = verify(digest(url), tmp_path)
    assert codes(report) == ["V008"]
    assert "“Yahoo News” (og:site_name)" in report.findings[0].message


@responses.activate
def test_site_name_of_the_cited_outlet_on_an_unknown_domain_is_fine(tmp_path):
    url = "https://mirror.example/tillerson-moscow"
    serve(url, page(site="The Washington Post"))
    report, _ = verify(digest(url), tmp_path)
    assert codes(report) == []


@pytest.mark.parametrize("published", ["2017-04-11T23:00:00-04:00", "2017-04-13T02:00:00Z"])
@responses.activate
def test_a_day_either_way_is_fine(tmp_path, published):
    serve(body=page(published=published))
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == []


@responses.activate
def test_date_mismatch_names_the_date_and_its_signal(tmp_path):
    serve(body=page(published="2017-04-03T09:00:00-04:00", modified="2017-04-12T09:00:00-04:00"))
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == ["V009"]
    message = report.findings[0].message
    assert "cited 2017-04-12" in message
    assert "published 2017-04-03T09:00-04:00 (meta article:published_time)" in message
    assert "modified 2017-04-12" in message


@responses.activate
def test_date_mismatch_says_when_only_a_modified_date_was_found(tmp_path):
    undated = "https://www.washingtonpost.com/world/tillerson-moscow"
    serve(undated, page(published=None, modified="2017-05-02T09:00:00Z"))
    report, _ = verify(digest(undated), tmp_path)
    assert codes(report) == ["V009"]
    assert "only a modified date, 2017-05-02" in report.findings[0].message


@responses.activate
def test_page_without_any_date(tmp_path):
    undated = "https://www.washingtonpost.com/world/tillerson-moscow"
    serve(undated, page(published=None))
    report, _ = verify(digest(undated), tmp_path)
    assert codes(report) == ["V010"]


@responses.activate
def test_quote_not_found_gives_the_best_sentence(tmp_path):
    serve(body=page(text="Relations are at their worst in years, Tillerson said. Lavrov agreed."))
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == ["V011"]
    assert "best match" in report.findings[0].message
    assert "Relations are at their worst" in report.findings[0].message


@responses.activate
def test_quote_found_only_outside_the_article(tmp_path):
    serve(body=page(text="Tillerson met Lavrov.", aside=f"Most read: \u201c{QUOTE}\u201d"))
    report, _ = verify(digest(), tmp_path)
    assert codes(report) == ["V012"]


@responses.activate
def test_archive_suggests_the_nearest_snapshot(tmp_path):
    serve(status=404)
    snapshot = "http://web.archive.org/web/20170412000000/" + WAPO
    responses.get(
        "https://archive.org/wayback/available",
        json={"archived_snapshots": {"closest": {"available": True, "url": snapshot}}},
    )
    report, _ = verify(digest(), tmp_path, archive=True)
    assert codes(report) == ["V001"]
    assert report.findings[0].suggestion == f"archived copy: {snapshot}"
    assert "timestamp=20170412" in responses.calls[1].request.url


@pytest.mark.parametrize(
    "snapshot",
    ["httpx://web.archive.org/web/2017/x", "javascript:alert(1)", "https://[::1/x", "//evil.test/"],
)
@responses.activate
def test_archive_answer_that_is_not_an_http_url_is_dropped(tmp_path, snapshot):
    serve(status=404)
    responses.get(
        "https://archive.org/wayback/available",
        json={"archived_snapshots": {"closest": {"available": True, "url": snapshot}}},
    )
    report, _ = verify(digest(), tmp_path, archive=True)
    assert codes(report) == ["V001"]
    assert report.findings[0].suggestion is None


@responses.activate
def test_second_run_answers_from_the_cache(tmp_path):
    serve()
    verify(digest(), tmp_path)
    report, summary = verify(digest(), tmp_path)
    assert len(responses.calls) == 1
    assert summary.from_cache == 1 and codes(report) == []


@responses.activate
def test_offline_uses_the_cache_only(tmp_path):
    report, _ = verify(digest(), tmp_path, offline=True)
    assert codes(report) == ["V006"] and "--offline" in report.findings[0].message
    assert not responses.calls


@responses.activate
def test_refresh_ignores_the_cache(tmp_path):
    serve()
    verify(digest(), tmp_path)
    verify(digest(), tmp_path, refresh=True)
    assert len(responses.calls) == 2


@pytest.mark.parametrize("status", [429, 503])
@responses.activate
def test_rate_limits_and_server_errors_are_never_cached(tmp_path, status):
    serve(status=status)
    verify(digest(), tmp_path, retries=0)
    verify(digest(), tmp_path, retries=0)
    assert len(responses.calls) == 2


@responses.activate
def test_identical_urls_are_fetched_once(tmp_path):
    serve()
    text = (
        digest() + f"- Tillerson again: relations are poor. ([Washington Post]({WAPO}), 04.12.17)\n"
    )
    _, summary = verify(text, tmp_path)
    assert len(responses.calls) == 1 and summary.checked == 2


@responses.activate
def test_remap_moves_the_request_but_checks_use_the_cited_url(tmp_path):
    mirror = "https://mirror.example/world/2017/04/12/tillerson-moscow.html"
    serve(mirror, page(site=None, published=None))
    remap = parse_remap(r"https://www\.washingtonpost\.com/ https://mirror.example/")
    report, _ = verify(digest(), tmp_path, remaps=(remap,))
    assert [c.request.url for c in responses.calls] == [mirror]
    assert codes(report) == []  # outlet from the cited domain, date from the cited URL path
    assert report.verification[0].page.published.source == "URL path"


def test_verify_rules_are_documented_and_findable():
    rule = find_rule("V009")
    assert rule is not None and rule.name == "page-date-mismatch"
    assert json.dumps(rule.doc())


def test_readme_verify_rule_table_matches_the_rules():
    from pathlib import Path

    from citecheck.rules import VERIFY_RULES

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    table = readme.split("<!-- verify-rules-table")[1].split("<!-- /verify-rules-table -->")[0]
    rows = [
        tuple(cell.strip() for cell in line.strip("|").split("|"))[:3]
        for line in table.splitlines()
        if line.startswith("| V")
    ]
    assert rows == [(r.code, r.name, r.severity.value) for r in VERIFY_RULES]


def test_lint_and_rules_never_load_the_verify_machinery(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "d.md"
    path.write_text(digest(), "utf-8")
    code = (
        "import sys; from citecheck.cli import main\n"
        f"main(['lint', {str(path)!r}]); main(['rules']); main(['rule', 'V001'])\n"
        "loaded = {'requests', 'bs4', 'urllib3', 'citecheck.verify'} & set(sys.modules)\n"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
