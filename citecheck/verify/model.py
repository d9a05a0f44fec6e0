"""What verification works with: its options, what a fetch returned, what a page says.

Pure data, importable without requests or bs4, so the rules that judge it
can be listed by `citecheck rules` on the lint path's budget.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from citecheck import __version__
from citecheck.model import Citation, Claim, Quote

DEFAULT_CONTACT = "https://github.com/citecheck/citecheck"


@dataclass(frozen=True)
class Options:
    """How to fetch. Defaults are polite to outlets and bounded for CI."""

    allow_private: bool = False
    remaps: tuple[tuple[re.Pattern[str], str], ...] = ()
    cache_dir: str = ".citecheck-cache"
    cache_ttl: float = 86400.0
    offline: bool = False
    refresh: bool = False
    archive: bool = False
    archive_api: str = "https://archive.org/wayback/available"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    deadline: float = 30.0  # seconds per URL, retries and redirects included
    retries: int = 2
    backoff: float = 0.5  # first retry waits about this long, doubling after
    retry_after_cap: float = 30.0
    max_redirects: int = 10
    max_bytes: int = 5 * 1024 * 1024
    max_concurrency: int = 8
    per_host: int = 2
    contact: str | None = None

    @property
    def user_agent(self) -> str:
        return f"citecheck/{__version__} (+{self.contact or DEFAULT_CONTACT})"

    def remap(self, url: str) -> str:
        """Where a request for `url` actually goes."""
        for pattern, replacement in self.remaps:
            url = pattern.sub(replacement, url)
        return url


@dataclass
class Fetched:
    """The outcome of fetching one URL; `problem` is None when a page was read.

    `problem` is one of: refused, dns, tls, timeout, connection, redirect-loop,
    too-many-redirects, too-large, not-html, offline.
    """

    url: str  # what was requested (after --remap)
    final_url: str
    status: int | None = None
    chain: list[tuple[int, str]] = field(default_factory=list)  # (status, location) per redirect
    problem: str | None = None
    detail: str = ""
    content_type: str = ""
    text: str | None = None  # the decoded body: HTML, or JSON for API look-ups
    from_cache: bool = False

    def to_dict(self) -> dict:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "chain": [list(hop) for hop in self.chain],
            "problem": self.problem,
            "detail": self.detail,
            "content_type": self.content_type,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Fetched:
        return cls(
            url=data["url"],
            final_url=data["final_url"],
            status=data["status"],
            chain=[(int(s), str(u)) for s, u in data["chain"]],
            problem=data["problem"],
            detail=data["detail"],
            content_type=data["content_type"],
            text=data["text"],
            from_cache=True,
        )


@dataclass(frozen=True)
class DateSignal:
    """A date found on a page, and where: `JSON-LD datePublished`, `URL path`…"""

    value: dt.datetime | dt.date
    source: str

    @property
    def day(self) -> dt.date:
        return self.value.date() if isinstance(self.value, dt.datetime) else self.value

    def shown(self) -> str:
        if isinstance(self.value, dt.datetime):
            return self.value.isoformat(timespec="minutes")
        return self.value.isoformat()


@dataclass
class Page:
    """What an article page says about itself."""

    title: str | None = None
    site_name: str | None = None
    site_source: str | None = None
    canonical: str | None = None
    published: DateSignal | None = None
    modified: DateSignal | None = None
    article_text: str = ""
    page_text: str = ""
    challenge: bool = False  # a bot-check page, not the article


@dataclass
class LinkCheck:
    """One cited URL with everything verification learnt about it."""

    citation: Citation
    claim: Claim | None
    cited_url: str
    fetched: Fetched
    page: Page | None = None
    archive: str | None = None  # nearest Wayback snapshot, with --archive
    verdict: str = ""  # fine, problem or unverifiable: judged before any gate narrows findings

    @property
    def request_url(self) -> str:
        return self.fetched.url


@dataclass
class Summary:
    """What a run, or one digest, found about its links."""

    checked: int = 0
    fine: int = 0
    problems: int = 0
    unverifiable: int = 0
    from_cache: int = 0

    @classmethod
    def of(cls, links: list[LinkCheck]) -> Summary:
        verdicts = [link.verdict for link in links]
        return cls(
            checked=len(links),
            fine=verdicts.count("fine"),
            problems=verdicts.count("problem"),
            unverifiable=verdicts.count("unverifiable"),
            from_cache=sum(link.fetched.from_cache for link in links),
        )

    def line(self) -> str:
        return (
            f"verified {self.checked} link{'s' if self.checked != 1 else ''}: "
            f"{self.fine} fine, {self.problems} with problems, "
            f"{self.unverifiable} unverifiable, {self.from_cache} from cache"
        )


@dataclass
class QuoteCheck:
    """A direct quote searched in the pages its claim cites."""

    claim: Claim
    quote: Quote
    where: str | None  # "article", "page" (outside the article body) or None
    score: float  # 1.0 for an exact match after normalising
    best: str  # the best-matching sentence
    url: str | None  # the page the best match is on
