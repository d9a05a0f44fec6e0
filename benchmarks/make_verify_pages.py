"""Generate the article pages that measure date extraction: tests/data/verify_pages/.

Each page follows one CMS convention for its dates (JSON-LD only, OpenGraph
only, `<time>` only, URL only, vendor meta tags, microdata, byline text, a
modified date apart from the published one, a UTC timestamp that is the
previous day where the outlet is, no date at all) and carries the furniture
that misleads extractors: dated "most read" boxes, comment timestamps,
copyright years. `truth.json` records what a careful reader would answer.

Run from the repository root: python benchmarks/make_verify_pages.py
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
from pathlib import Path

OUT = Path("tests/data/verify_pages")

OUTLETS = [
    ("The Washington Post", "www.washingtonpost.com", "-04:00", "EDT"),
    ("Reuters", "www.reuters.com", "+00:00", "GMT"),
    ("TASS", "tass.com", "+03:00", "MSK"),
    ("The Guardian", "www.theguardian.com", "+01:00", "BST"),
    ("CNN", "edition.cnn.com", "-04:00", "ET"),
    ("Bloomberg", "www.bloomberg.com", "-04:00", "EDT"),
    ("RT", "www.rt.com", "+03:00", "MSK"),
    ("The New York Times", "www.nytimes.com", "-04:00", "EDT"),
    ("Associated Press", "apnews.com", "-04:00", "EDT"),
    ("Interfax", "www.interfax.ru", "+03:00", "MSK"),
]
QUOTES = [
    "The current state of U.S.-Russia relations is at a low point",
    "There is a low level of trust between our two countries",
    "We will not accept this kind of ultimatum",
    "The reign of the Assad family is coming to an end",
    "Russia was either complicit or simply incompetent",
]
CONVENTIONS = [
    "wordpress",
    "jsonld-only",
    "opengraph-only",
    "time-only",
    "url-only",
    "modified-apart",
    "utc-previous-day",
    "microdata",
    "vendor-meta",
    "byline-only",
    "only-modified",
    "no-date",
]
VENDOR_TAGS = [
    ("name", "sailthru.date", "%Y-%m-%d %H:%M:%S"),
    ("name", "parsely-pub-date", "%Y-%m-%dT%H:%M:%SZ"),
    ("name", "DC.date.issued", "%Y-%m-%d"),
    ("name", "pubdate", "%Y%m%dT%H%M%S"),
    ("name", "publishdate", "%Y-%m-%d"),
    ("property", "og:published_time", "%Y-%m-%dT%H:%M:%S"),
    ("name", "cXenseParse:recs:publishtime", "%Y-%m-%dT%H:%M:%S.000Z"),
    ("itemprop", "datePublished", "%Y-%m-%d"),
]
BYLINE_FORMATS = [
    "Published {long}",
    "By Jane Doe | {short}",
    "{long} at {clock} {zone}",
    "Posted on {dmy}",
]


def tz(offset: str) -> dt.timezone:
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def build(index: int, rng: random.Random) -> tuple[str, str, dict]:
    convention = CONVENTIONS[index % len(CONVENTIONS)]
    name, host, offset, zone = OUTLETS[index % len(OUTLETS)]
    local = dt.datetime(2017, 4, 1 + rng.randrange(25), rng.randrange(7, 20), rng.randrange(60))
    local = local.replace(tzinfo=tz(offset))
    if convention == "utc-previous-day":
        name, host, offset, zone = OUTLETS[0]
        local = dt.datetime(2017, 4, 3 + rng.randrange(20), 21, rng.randrange(10, 59))
        local = local.replace(tzinfo=tz(offset))
    modified = local + dt.timedelta(days=rng.randrange(2, 9), hours=3)
    utc = local.astimezone(dt.timezone.utc)
    slug = f"story-{index:02d}"
    dated_path = convention in ("url-only", "wordpress") or (
        convention not in ("no-date", "only-modified", "byline-only") and index % 3 == 0
    )
    if dated_path and host == "www.theguardian.com":
        path = f"/world/{local:%Y}/{local:%b}/{local:%d}/{slug}".lower()
    elif dated_path:
        path = f"/world/{local:%Y/%m/%d}/{slug}.html"
    else:
        path = f"/world/{slug}-{rng.randrange(10**6, 10**7)}"
    url = f"https://{host}{path}"
    headline = f"Tillerson and Lavrov meet in Moscow ({index})"
    quote = QUOTES[index % len(QUOTES)]
    head: list[str] = [f"<title>{html.escape(headline)} - {html.escape(name)}</title>"]
    byline = ""
    published_expected: dt.date | None = local.date()
    modified_expected: dt.date | None = None
    iso = local.isoformat(timespec="seconds")
    long = f"{local:%B} {local.day}, {local:%Y}"
    if convention == "wordpress":
        graph = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": name, "url": f"https://{host}/"},
                {
                    "@type": "Article",
                    "headline": headline,
                    "datePublished": iso,
                    "dateModified": modified.isoformat(timespec="seconds"),
                    "publisher": {"@type": "Organization", "name": name},
                },
            ],
        }
        head.append(f'<script type="application/ld+json">{json.dumps(graph)}</script>')
        head.append(f'<meta property="article:published_time" content="{iso}">')
        byline = (
            f'<time class="entry-date published" datetime="{iso}">{long}</time>'
            f'<time class="updated" datetime="{modified.isoformat()}">{modified:%B %d, %Y}</time>'
        )
        modified_expected = modified.date()
    elif convention == "jsonld-only":
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "datePublished": iso,
            "author": [{"@type": "Person", "name": "Jane Doe"}],
        }
        head.append(f'<script type="application/ld+json">{json.dumps(data, indent=1)}</script>')
    elif convention == "opengraph-only":
        head.append(f'<meta property="og:site_name" content="{html.escape(name)}">')
        head.append(f'<meta property="article:published_time" content="{iso}">')
    elif convention == "time-only":
        byline = f'<span class="byline">By Jane Doe</span> <time datetime="{iso}">{long}</time>'
    elif convention == "url-only":
        published_expected = local.date()
    elif convention == "modified-apart":
        head.append(f'<meta property="article:published_time" content="{iso}">')
        head.append(
            f'<meta property="article:modified_time" content="{modified.isoformat(timespec="seconds")}">'
        )
        byline = f'<p class="dateline">Updated {modified:%B} {modified.day}, {modified:%Y}</p>'
        modified_expected = modified.date()
    elif convention == "utc-previous-day":
        stamp = utc.strftime("%Y-%m-%dT%H:%M:%SZ")
        head.append(f'<meta property="article:published_time" content="{stamp}">')
        byline = f'<div class="article-date">{long} at {local:%I:%M %p} {zone}</div>'
    elif convention == "microdata":
        byline = f'<span itemprop="datePublished" content="{iso}">{long}</span>'
    elif convention == "vendor-meta":
        attr, tag, fmt = VENDOR_TAGS[(index // len(CONVENTIONS)) % len(VENDOR_TAGS)]
        moment = utc if fmt.endswith("Z") else local.replace(tzinfo=None)
        head.append(f'<meta {attr}="{tag}" content="{moment.strftime(fmt)}">')
    elif convention == "byline-only":
        form = BYLINE_FORMATS[(index // len(CONVENTIONS)) % len(BYLINE_FORMATS)]
        text = form.format(
            long=long,
            short=f"{local:%b}. {local.day}, {local:%Y}",
            clock=f"{local:%I:%M %p}".lstrip("0"),
            zone=zone,
            dmy=f"{local.day} {local:%B} {local:%Y}",
        )
        byline = f'<div class="story-meta">{html.escape(text)}</div>'
    elif convention == "only-modified":
        head.append(
            f'<meta property="og:updated_time" content="{modified.isoformat(timespec="seconds")}">'
        )
        published_expected = None
        modified_expected = modified.date()
    elif convention == "no-date":
        published_expected = None
    related_day = local - dt.timedelta(days=rng.randrange(3, 12))
    related = (
        '<aside class="most-read"><h3>Most read</h3><ul>'
        + "".join(
            f'<li><a href="/world/other-{k}">Other story {k}</a> '
            f'<span class="date">{(related_day - dt.timedelta(days=k)):%B %d, %Y}</span></li>'
            for k in range(3)
        )
        + "</ul></aside>"
    )
    comment_day = local + dt.timedelta(days=1)
    comments = (
        '<section class="comments"><h3>Comments</h3>'
        f'<div class="comment"><span class="comment-date">{comment_day:%B %d, %Y}</span>'
        "<p>Great piece.</p></div></section>"
    )
    paragraphs = [
        "U.S. Secretary of State Rex Tillerson met Russian Foreign Minister Sergei Lavrov "
        "for talks that both sides described as frank.",
        f"“{quote},” Tillerson told reporters after the meeting.",
        "Lavrov said Moscow was ready to listen to Washington's proposals on Syria.",
        "The two men later met President Vladimir Putin at the Kremlin.",
    ]
    sidebar_first = index % 2 == 0
    body = [
        '<header class="site-header"><nav class="main-nav"><a href="/">Home</a>'
        '<a href="/world">World</a><a href="/politics">Politics</a></nav></header>',
        related if sidebar_first else "",
        "<main><article>",
        f"<h1>{html.escape(headline)}</h1>",
        f'<div class="article-info">{byline}</div>' if byline else "",
        '<div class="article-body">',
        *(f"<p>{p}</p>" for p in paragraphs),
        "</div></article></main>",
        "" if sidebar_first else related,
        comments,
        f'<footer class="site-footer"><p>© {local.year + 2} {html.escape(name)}. '
        "All rights reserved.</p></footer>",
        '<script>window.dataLayer = [{"pageDate": "2019-01-01"}];</script>',
    ]
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + "\n".join(b for b in body if b)
        + "\n</body></html>\n"
    )
    truth = {
        "file": f"{index:02d}-{convention}.html",
        "url": url,
        "convention": convention,
        "published": published_expected.isoformat() if published_expected else None,
        "modified": modified_expected.isoformat() if modified_expected else None,
        "site": name,
        "quote": quote,
    }
    return truth["file"], page, truth


def main() -> None:
    rng = random.Random(20170412)
    OUT.mkdir(parents=True, exist_ok=True)
    truths = []
    for index in range(48):
        name, page, truth = build(index, rng)
        (OUT / name).write_text(page, "utf-8")
        truths.append(truth)
    (OUT / "truth.json").write_text(json.dumps(truths, indent=1) + "\n", "utf-8")
    print(f"wrote {len(truths)} pages to {OUT}")


if __name__ == "__main__":
    main()
