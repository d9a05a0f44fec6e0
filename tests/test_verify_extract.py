"""Page reading: dates by CMS convention, site name, canonical URL, article text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from citecheck.verify.extract import extract_page, parse_timestamp

PAGES = Path(__file__).parent / "data" / "verify_pages"
TRUTHS = json.loads((PAGES / "truth.json").read_text("utf-8"))


def test_the_corpus_covers_every_convention_the_issue_lists():
    conventions = {t["convention"] for t in TRUTHS}
    assert len(TRUTHS) >= 40
    assert {
        "jsonld-only",
        "opengraph-only",
        "time-only",
        "url-only",
        "modified-apart",
        "utc-previous-day",
    } <= conventions


@pytest.mark.parametrize("truth", TRUTHS, ids=[t["file"] for t in TRUTHS])
def test_dates_of_each_page(truth):
    page = extract_page((PAGES / truth["file"]).read_text("utf-8"), truth["url"])
    published = page.published.day.isoformat() if page.published else None
    modified = page.modified.day.isoformat() if page.modified else None
    assert published == truth["published"], page.published
    if truth["modified"]:
        assert modified == truth["modified"], page.modified
    assert truth["quote"] in page.article_text
    assert "Most read" not in page.article_text and "Great piece" not in page.article_text
    assert "Most read" in page.page_text


def article(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_json_ld_keeps_the_time_zone_and_beats_meta_tags():
    data = {"@type": "NewsArticle", "datePublished": "2017-04-12T23:50:00+03:00"}
    page = extract_page(
        article(
            f'<script type="application/ld+json">{json.dumps(data)}</script>'
            '<meta property="article:published_time" content="2017-04-01">'
        ),
        "https://tass.com/politics/1",
    )
    assert page.published.value == dt.datetime(
        2017, 4, 12, 23, 50, tzinfo=dt.timezone(dt.timedelta(hours=3))
    )
    assert page.published.source == "JSON-LD datePublished"


def test_broken_json_ld_is_skipped():
    page = extract_page(
        article(
            '<script type="application/ld+json">{"@type": "Article",</script>'
            '<meta name="pubdate" content="2017-04-12">'
        ),
        "https://x.example/a",
    )
    assert page.published.source == "meta pubdate"


def test_a_page_without_any_date():
    page = extract_page(
        article(body="<article><p>Text without a date.</p></article>"), "https://x.example/a"
    )
    assert page.published is None and page.modified is None


def test_site_name_from_og_then_publisher_then_title_suffix():
    og = extract_page(article('<meta property="og:site_name" content="Reuters">'), "https://x/")
    assert (og.site_name, og.site_source) == ("Reuters", "og:site_name")
    ld = extract_page(
        article(
            '<script type="application/ld+json">'
            '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "TASS"}}'
            "</script>"
        ),
        "https://x/",
    )
    assert (ld.site_name, ld.site_source) == ("TASS", "JSON-LD publisher")
    titled = extract_page(article("<title>Talks end - The Washington Post</title>"), "https://x/")
    assert (titled.site_name, titled.site_source) == ("The Washington Post", "title suffix")


def test_canonical_and_title():
    page = extract_page(
        article(
            '<link rel="canonical" href="https://www.reuters.com/article/idUS1">'
            '<meta property="og:title" content="Talks end">'
        ),
        "https://x/",
    )
    assert page.canonical == "https://www.reuters.com/article/idUS1"
    assert page.title == "Talks end"


def test_article_text_leaves_out_navigation_scripts_and_footers():
    page = extract_page(
        article(
            body='<nav>Home World</nav><div class="sidebar">Trending now</div>'
            '<div class="article-body"><p>The words that matter.</p></div>'
            "<script>var ad = 'tracking';</script><footer>Copyright</footer>"
        ),
        "https://x/",
    )
    assert page.article_text == "The words that matter."
    assert "tracking" not in page.page_text and "Trending now" in page.page_text


def test_bot_challenge_pages_are_recognised():
    page = extract_page(article("<title>Just a moment...</title>"), "https://x/")
    assert page.challenge


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-04-12", dt.date(2017, 4, 12)),
        ("2017-04-12T02:30:00Z", dt.datetime(2017, 4, 12, 2, 30, tzinfo=dt.timezone.utc)),
        ("Wed, 12 Apr 2017 14:00:00 GMT", dt.datetime(2017, 4, 12, 14, tzinfo=dt.timezone.utc)),
        ("April 12, 2017", dt.date(2017, 4, 12)),
        ("1491964200", dt.datetime(2017, 4, 12, 2, 30, tzinfo=dt.timezone.utc)),
        ("April 2017", None),
        ("yesterday", None),
        ("1066-10-14", None),
    ],
)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected
