"""What an article page says about itself: dates, site, title, canonical URL, text.

Signals are tried from the most deliberate to the most incidental: structured
data (JSON-LD), then the meta tags CMSs write for social cards and search
engines, microdata, `<time>` elements, the date in the URL path, and last the
byline as printed. Timestamps keep their time zone; the date check allows a
day either way for exactly that reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import warnings
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from dateutil import parser as dateutil_parser

from citecheck.verify.model import DateSignal, Page

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "socialmediaposting",
    "webpage",
}
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "article.published",
    "article_date_original",
    "article:published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "article.updated",
    "dc.date.modified",
    "dcterms.modified",
    "parsely-updated",
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TEXT_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*(?:at\s+|,\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?",
    re.I,
)
_URL_DATE = re.compile(
    rf"/((?:19|20)\d{{2}})[/_-]?(0[1-9]|1[0-2]|{_MONTHS})[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\.|$)",
    re.I,
)
_BYLINE_HINT = re.compile(
    r"date|byline|dateline|publish|posted|timestamp|time|meta|article-info|story-info", re.I
)
_MODIFIED_WORDS = re.compile(r"\b(?:updated?|modified|last\s+edited|revised)\b", re.I)
_PUBLISHED_WORDS = re.compile(r"\b(?:published|posted|first published)\b", re.I)
_BOILERPLATE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|footer|sidebar|related|share|sharing|social"
    r"|comments?|promo|advert|ads?|advertisement|cookie|newsletter|subscribe|breadcrumbs?"
    r"|recommended|popular|trending|most-read|masthead|site-header)(?:$|[-_\s])",
    re.I,
)
_BODY_HINT = re.compile(
    r"article-body|articlebody|story-body|storybody|entry-content|post-content|article-content"
    r"|article__body|story-content|article-text|body-text",
    re.I,
)
_CHALLENGE_TITLE = re.compile(
    r"just a moment|attention required|access denied|are you a (?:robot|human)|captcha"
    r"|verify you are human|checking your browser|pardon our interruption|request unsuccessful",
    re.I,
)
_CHALLENGE_MARKS = (
    "challenge-platform",
    "cf-challenge",
    "g-recaptcha",
    "px-captcha",
    "_Incapsula_",
)
_TITLE_SPLIT = re.compile(r"\s+[|\-–—:·•]\s+")
_SPACE = re.compile(r"\s+")
_FURNITURE_TAGS = {"nav", "aside", "footer"}
_HOUR = 3600
TZ_NAMES = {  # abbreviations bylines print; dateutil knows only UTC/GMT by itself
    "UTC": 0, "GMT": 0, "Z": 0, "BST": _HOUR, "CET": _HOUR, "CEST": 2 * _HOUR,
    "EET": 2 * _HOUR, "EEST": 3 * _HOUR, "MSK": 3 * _HOUR, "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR, "CST": -6 * _HOUR, "CDT": -5 * _HOUR, "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
}  # fmt: skip


def extract_page(html: str, url: str) -> Page:
    """Read a page; `url` is the URL as cited, for the date in its path."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "svg", "iframe", "form"]):
        if tag.name != "script" or tag.get("type", "").lower() != "application/ld+json":
            tag.decompose()
    ld = list(_json_ld(soup))
    metas = _metas(soup)
    page = Page()
    page.title = _title(soup, metas, ld)
    page.site_name, page.site_source = _site_name(metas, ld, page.title, soup)
    page.canonical = _canonical(soup, metas)
    page.published, page.modified = _dates(soup, metas, ld, url)
    for tag in soup("script"):
        tag.decompose()
    body = soup.body or soup
    page.page_text = _text(body)
    page.challenge = bool(_CHALLENGE_TITLE.search(page.title or "")) or any(
        mark in html for mark in _CHALLENGE_MARKS
    )
    page.article_text = _text(_article(body))
    return page


def parse_timestamp(text: str) -> dt.datetime | dt.date | None:
    """An ISO, RFC or written-out timestamp; a date alone when no time is given."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        seconds = int(text[:10])
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    try:
        if re.match(r"\d{4}-\d{2}-\d{2}", text):
            value = dateutil_parser.isoparse(text.replace(" ", "T", 1))
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown zone name: keep the local time
                first = dateutil_parser.parse(
                    text, default=dt.datetime(1900, 1, 1), tzinfos=TZ_NAMES
                )
                second = dateutil_parser.parse(
                    text, default=dt.datetime(1904, 2, 2, 7, 7), tzinfos=TZ_NAMES
                )
            if first.date() != second.date():
                return None  # a part of the date is missing
            value = first if (first.hour, first.minute) == (second.hour, second.minute) else None
            if value is None:
                return first.date()
    except (ValueError, OverflowError):
        return None
    if not 1990 <= value.year <= 2100:
        return None
    if value.time() == dt.time(0) and value.tzinfo is None and len(text) <= 10:
        return value.date()
    return value


def _signal(text: str | None, source: str) -> DateSignal | None:
    if not text:
        return None
    value = parse_timestamp(str(text))
    return DateSignal(value, source) if value is not None else None


def _json_ld(soup: BeautifulSoup):
    """Every JSON-LD object on the page, `@graph`s flattened, articles first."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found.append(node)
            walk(node.get("@graph"))
            walk(node.get("mainEntity"))

    for script in soup.find_all("script", type=lambda t: t and t.lower() == "application/ld+json"):
        try:
            walk(json.loads(script.string or ""))
        except ValueError:
            continue
    articles = [o for o in found if _ld_types(o) & ARTICLE_TYPES - {"webpage"}]
    pages = [o for o in found if "webpage" in _ld_types(o)]
    return articles + pages + [o for o in found if o not in articles and o not in pages]


def _ld_types(node: dict) -> set[str]:
    kind = node.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """Meta tags by lower-cased property, name or itemprop; the first of each wins."""
    out: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                out.setdefault(key.strip().lower(), content.strip())
    return out


def _dates(
    soup: BeautifulSoup, metas: dict[str, str], ld: list[dict], url: str
) -> tuple[DateSignal | None, DateSignal | None]:
    published = modified = None
    for node in ld:
        if not _ld_types(node) & ARTICLE_TYPES:
            continue
        published = published or _signal(node.get("datePublished"), "JSON-LD datePublished")
        published = published or _signal(node.get("dateCreated"), "JSON-LD dateCreated")
        modified = modified or _signal(node.get("dateModified"), "JSON-LD dateModified")
    for name in PUBLISHED_META:
        published = published or _signal(metas.get(name), f"meta {name}")
    for name in MODIFIED_META:
        modified = modified or _signal(metas.get(name), f"meta {name}")
    if "parsely-page" in metas and published is None:
        with contextlib.suppress(ValueError, AttributeError):
            published = _signal(json.loads(metas["parsely-page"]).get("pub_date"), "parsely-page")
    for prop, label in (("datePublished", "published"), ("dateModified", "modified")):
        for tag in soup.find_all(attrs={"itemprop": prop}):
            if tag.name == "meta" or _in_furniture(tag):
                continue
            value = tag.get("datetime") or tag.get("content") or tag.get_text(" ", strip=True)
            found = _signal(value, f'itemprop="{prop}"')
            if label == "published":
                published = published or found
            else:
                modified = modified or found
    for tag in soup.find_all("time"):
        stamp = tag.get("datetime")
        if not stamp or _in_furniture(tag):
            continue
        context = " ".join([tag.get_text(" ", strip=True), *_classes(tag), *_classes(tag.parent)])
        if _MODIFIED_WORDS.search(context) and not _PUBLISHED_WORDS.search(context):
            modified = modified or _signal(stamp, "<time datetime> (updated)")
        else:
            published = published or _signal(stamp, "<time datetime>")
    published = published or _url_date(url)
    byline_published, byline_modified = _byline(soup)
    if (
        published is not None
        and byline_published is not None
        and _utc(published)
        and byline_published.day == published.day - dt.timedelta(days=1)
    ):
        published = DateSignal(byline_published.value, f"byline, local date of {published.source}")
    published = published or byline_published
    modified = modified or byline_modified
    return published, modified


def _utc(signal: DateSignal) -> bool:
    value = signal.value
    return isinstance(value, dt.datetime) and value.utcoffset() == dt.timedelta(0)


def _in_furniture(tag: Tag) -> bool:
    """Is the tag inside navigation, an aside, a footer, comments or a "most read" box?"""
    node: Tag | None = tag
    while isinstance(node, Tag) and node.name not in ("body", "[document]"):
        hints = " ".join(_classes(node))
        if node.name in _FURNITURE_TAGS or (hints and _BOILERPLATE.search(hints)):
            return True
        node = node.parent
    return False


def _classes(tag: Tag | None) -> list[str]:
    if not isinstance(tag, Tag):
        return []
    return [*tag.get("class", []), tag.get("id") or ""]


def _url_date(url: str) -> DateSignal | None:
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    match = _URL_DATE.search(path)
    if not match:
        return None
    year, month, day = match.groups()
    month_number = int(month) if month.isdigit() else _month_number(month)
    try:
        return DateSignal(dt.date(int(year), month_number, int(day)), "URL path")
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return dateutil_parser.parse(f"1 {name.rstrip('.')} 2000").month


def _byline(soup: BeautifulSoup) -> tuple[DateSignal | None, DateSignal | None]:
    """Dates printed near the headline: in elements whose class or id says so."""
    published = modified = None
    for tag in soup.find_all(True):
        hints = " ".join(_classes(tag))
        if not hints or not _BYLINE_HINT.search(hints) or _in_furniture(tag):
            continue
        text = _SPACE.sub(" ", tag.get_text(" ", strip=True))
        if len(text) > 300:
            continue
        for match in _TEXT_DATE.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()]
            found = _signal(match.group(0), "byline text")
            if found is None:
                continue
            if _MODIFIED_WORDS.search(before) and not _PUBLISHED_WORDS.search(
                before.split("|")[-1]
            ):
                modified = modified or found
            else:
                published = published or found
        if published and modified:
            break
    return published, modified


def _title(soup: BeautifulSoup, metas: dict[str, str], ld: list[dict]) -> str | None:
    for node in ld:
        headline = node.get("headline")
        if isinstance(headline, str) and headline.strip():
            return headline.strip()
    if metas.get("og:title"):
        return metas["og:title"]
    if soup.title and soup.title.string:
        return _SPACE.sub(" ", soup.title.string).strip()
    h1 = soup.find("h1")
    return h1.get_text(" ", strip=True) if h1 else None


def _site_name(
    metas: dict[str, str], ld: list[dict], title: str | None, soup: BeautifulSoup
) -> tuple[str | None, str | None]:
    if metas.get("og:site_name"):
        return metas["og:site_name"], "og:site_name"
    for node in ld:
        publisher = node.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip(), "JSON-LD publisher"
    if metas.get("application-name"):
        return metas["application-name"], "application-name"
    full_title = (
        _SPACE.sub(" ", soup.title.string).strip() if soup.title and soup.title.string else ""
    )
    parts = _TITLE_SPLIT.split(full_title or title or "")
    if len(parts) > 1 and len(parts[-1].split()) <= 5:
        return parts[-1].strip(), "title suffix"
    return None, None


def _canonical(soup: BeautifulSoup, metas: dict[str, str]) -> str | None:
    link = soup.find("link", rel=lambda r: bool(r) and r.lower() == "canonical")
    if link and link.get("href"):
        return link["href"].strip()
    return metas.get("og:url")


def _article(body: Tag) -> Tag:
    """The element holding the article body, with page furniture removed."""
    for tag in body.find_all(["nav", "footer", "aside"]):
        tag.decompose()
    for tag in body.find_all(True):
        if tag.decomposed:
            continue
        hints = " ".join(_classes(tag))
        if hints and _BOILERPLATE.search(hints) and tag.name not in ("body", "article", "main"):
            tag.decompose()
    candidates = (
        body.find(attrs={"itemprop": "articleBody"}),
        body.find(class_=_BODY_HINT),
        body.find("article"),
        body.find("main"),
        body.find(attrs={"role": "main"}),
    )
    chosen = next((c for c in candidates if c is not None and _text(c)), None)
    if chosen is not None:
        return chosen
    paragraphs = body.find_all("p")
    if not paragraphs:
        return body
    weights: dict[int, tuple[Tag, int]] = {}
    for p in paragraphs:
        parent = p.parent
        if isinstance(parent, Tag):
            tag, size = weights.get(id(parent), (parent, 0))
            weights[id(parent)] = (tag, size + len(p.get_text()))
    return max(weights.values(), key=lambda item: item[1])[0] if weights else body


def _text(tag: Tag) -> str:
    return _SPACE.sub(" ", tag.get_text(" ", strip=True)).strip()
