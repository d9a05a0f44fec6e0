"""Rules about what the cited pages say: run by `citecheck verify`, never by `lint`.

They judge what `citecheck.verify` fetched and read; this module imports
neither requests nor bs4, so `citecheck rules` can list them cheaply.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citecheck.model import Finding, Severity
from citecheck.outlets import normalise
from citecheck.rules.base import Context, Rule

if TYPE_CHECKING:
    from citecheck.verify.model import LinkCheck, QuoteCheck

DEAD_STATUSES = {404, 410}
BLOCKED_STATUSES = {401, 403, 429, 451}
_HOME_PATH = re.compile(r"\A/?(?:index\.\w+|home|[a-z]{2}(?:[-_][a-z]{2})?)?/?\Z", re.I)
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}


@dataclass
class VerifyContext(Context):
    """A lint context plus what fetching the cited pages found."""

    links: list[LinkCheck] = field(default_factory=list)
    quotes: list[QuoteCheck] = field(default_factory=list)


def link_problem(link: LinkCheck) -> str | None:
    """refused, dead, timeout, error, unverifiable, or None when the page was read."""
    fetched = link.fetched
    problem, status = fetched.problem, fetched.status
    if problem == "refused":
        return "refused"
    if problem in ("dns", "tls") or status in DEAD_STATUSES:
        return "dead"
    if problem == "timeout":
        return "timeout"
    if problem in ("not-html", "too-large", "offline") or status in BLOCKED_STATUSES:
        return "unverifiable"
    if link.page is not None and link.page.challenge:
        return "unverifiable"
    if problem is not None or status is None or status >= 400:
        return "error"
    return None


def redirect_kind(link: LinkCheck) -> str | None:
    """ "home" when a redirect ends on a home page, "offsite" when on another site."""
    fetched = link.fetched
    if not fetched.chain:
        return None
    start, end = urlsplit(fetched.url), urlsplit(fetched.final_url)
    if _HOME_PATH.match(end.path or "/") and not _HOME_PATH.match(start.path or "/"):
        return "home"
    if site_of(start.hostname or "") != site_of(end.hostname or ""):
        return "offsite"
    return None


def site_of(host: str) -> str:
    """The registrable part of a host name, roughly: `edition.cnn.com` -> `cnn.com`."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def page_readable(link: LinkCheck) -> bool:
    return link.page is not None and link_problem(link) is None and redirect_kind(link) != "home"


class _LinkRule(Rule):
    problem: str

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for link in ctx.links:
            if link_problem(link) == self.problem:
                yield self.finding(
                    ctx,
                    link.citation.span,
                    url=link.cited_url,
                    detail=_detail(link),
                    suggestion=_archive_hint(link),
                    claim=link.claim,
                )


def _detail(link: LinkCheck) -> str:
    fetched = link.fetched
    parts = []
    if fetched.status is not None:
        parts.append(f"HTTP {fetched.status}")
    if fetched.detail:
        parts.append(fetched.detail)
    if link.page is not None and link.page.challenge:
        parts.append("a bot-check page")
    if fetched.chain:
        parts.append(f"after {len(fetched.chain)} redirect{'s' if len(fetched.chain) > 1 else ''}")
    return ", ".join(parts) or "no answer"


def _archive_hint(link: LinkCheck) -> str | None:
    return f"archived copy: {link.archive}" if link.archive else None


class DeadLink(_LinkRule):
    """Flags a link that is gone: 404 or 410, a host that does not resolve, a TLS failure.

    ## Why it matters
    Readers cannot check a claim against a page that no longer exists, and a
    dead link in a fresh digest is usually a typo in the URL.

    ## Example
    ```
    ([Reuters](https://www.reuters.com/article/us-usa-russia-tilerson), 04.12.17)
    ```
    answers `404 Not Found`.

    ## Fix
    Correct the URL, or link an archived copy (`--archive` suggests the
    Wayback Machine snapshot nearest the cited date).
    """

    code = "V001"
    name = "link-dead"
    severity = Severity.ERROR
    message = "dead link {url} ({detail})"
    problem = "dead"


class LinkTimeout(_LinkRule):
    """Flags a link whose page did not arrive within the time allowed.

    ## Why it matters
    The page could not be checked. Slow servers recover, so this is a warning,
    not a dead link.

    ## Example
    A server that accepts the connection but sends nothing for 30 seconds.

    ## Fix
    Run again later, or raise `--timeout` / `--deadline`.
    """

    code = "V002"
    name = "link-timeout"
    severity = Severity.WARNING
    message = "timed out fetching {url} ({detail})"
    problem = "timeout"


class LinkError(_LinkRule):
    """Flags a link whose server failed: 5xx after retries, a reset connection, a redirect loop.

    ## Why it matters
    The page could not be checked, and a link that loops or errors will fail
    the digest's readers too.

    ## Example
    A page answering `503 Service Unavailable` to every retry, or redirecting
    back to itself.

    ## Fix
    Check the URL in a browser; if the outlet moved the page, link the new address.
    """

    code = "V003"
    name = "link-error"
    severity = Severity.WARNING
    message = "could not fetch {url} ({detail})"
    problem = "error"


class OffsiteRedirect(Rule):
    """Flags a link that redirects to another site.

    ## Why it matters
    The cited outlet is no longer what readers land on: the domain was sold,
    the link goes through a shortener, or the page moved to a partner.

    ## Example
    `https://outlet.example/story` redirecting to `https://parked-domains.example/`.

    ## Fix
    Link the final page directly if it is the same article; otherwise find the
    article's current address or an archived copy.
    """

    code = "V004"
    name = "link-offsite-redirect"
    severity = Severity.WARNING
    message = "{url} redirects to another site: {final}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for link in ctx.links:
            if link_problem(link) is None and redirect_kind(link) == "offsite":
                yield self.finding(
                    ctx,
                    link.citation.span,
                    url=link.cited_url,
                    final=link.fetched.final_url,
                    claim=link.claim,
                )


class SoftNotFound(Rule):
    """Flags a link that redirects to a home page: a likely soft 404.

    ## Why it matters
    Many outlets answer a removed article with a redirect to their front page
    instead of a 404, so the link looks alive while the article is gone.

    ## Example
    `https://outlet.example/2017/04/12/story` redirecting to `https://outlet.example/`.

    ## Fix
    Find the article's current address, or link an archived copy.
    """

    code = "V005"
    name = "link-soft-404"
    severity = Severity.WARNING
    message = "{url} redirects to the home page {final}: the article is probably gone"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for link in ctx.links:
            if link_problem(link) is None and redirect_kind(link) == "home":
                yield self.finding(
                    ctx,
                    link.citation.span,
                    url=link.cited_url,
                    final=link.fetched.final_url,
                    suggestion=_archive_hint(link),
                    claim=link.claim,
                )


class Unverifiable(_LinkRule):
    """Notes a link whose page could not be read: 401, 403, 429, 451, a bot check, not HTML.

    ## Why it matters
    Paywalls and bot defences block automated checks while the page is fine
    for people, so this is information, never a dead link. The claim simply
    went unchecked.

    ## Example
    A `403 Forbidden` or a "Just a moment…" challenge page; a PDF; a page
    over the size limit; a page not in the cache with `--offline`.

    ## Fix
    Check the page by hand, or cite a copy that can be read.
    """

    code = "V006"
    name = "link-unverifiable"
    severity = Severity.INFO
    message = "could not verify {url} ({detail})"
    problem = "unverifiable"


class RefusedLink(_LinkRule):
    """Flags a link that the safety rules refuse to fetch; no request is sent.

    ## Why it matters
    Digests are verified inside CI, where a link to `http://169.254.169.254/`
    or `http://localhost:8080/admin` would read internal services. Only http
    and https links to public addresses are fetched, on every redirect hop.

    ## Example
    ```
    ([Reuters](http://127.0.0.1/story), 04.12.17)
    ```

    ## Fix
    Link the public page. To verify against a local mirror on purpose, pass
    `--allow-private` (and `--remap` to send requests there).
    """

    code = "V007"
    name = "link-refused"
    severity = Severity.ERROR
    message = "refused to fetch {url}: {detail}"
    problem = "refused"


class PageOutletMismatch(Rule):
    """Flags a page whose site and domain are not the cited outlet's.

    ## Why it matters
    A link to a syndicated copy or a different outlet attributes the words to
    the wrong source. The page's own name (`og:site_name`, JSON-LD publisher,
    title suffix) and the link's domain are compared with the registry's names,
    aliases and domains of the cited outlet.

    ## Example
    `(Washington Post, 04.12.17)` linking a page whose `og:site_name` is
    `Yahoo News`, on a domain the registry does not give the Post.

    ## Fix
    Cite the outlet the page belongs to, or link the cited outlet's own page.
    """

    code = "V008"
    name = "page-outlet-mismatch"
    severity = Severity.WARNING
    message = "the page is {found}, not {outlet}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for link in ctx.links:
            citation, page = link.citation, link.page
            if not page_readable(link) or page is None or not citation.canonical:
                continue
            outlet = ctx.registry.lookup(citation.canonical)
            if outlet is None:
                continue
            host = (urlsplit(link.cited_url).hostname or "").lower()
            if outlet.owns(host):
                continue
            site = page.site_name
            if site and (
                ctx.registry.lookup(site) is outlet or normalise(site) == normalise(outlet.name)
            ):
                continue
            if not site and not outlet.domains:
                continue
            found = f"“{site}” ({page.site_source}) on {host}" if site else f"on {host}"
            yield self.finding(
                ctx, citation.span, found=found, outlet=outlet.name, claim=link.claim
            )


class PageDateMismatch(Rule):
    """Flags a page whose publication date is more than a day from the cited date.

    ## Why it matters
    The cited date tells readers when the outlet reported it; a different date
    means the wrong article, a different edition, or a typo. A day either way
    is accepted, since a UTC timestamp is often the previous or next day where
    the outlet is. When a page shows only a modified date, the message says so.

    ## Example
    `(Reuters, 04.12.17)` linking a page whose JSON-LD `datePublished` is
    2017-04-03.

    ## Fix
    Correct the cited date, or link the article of that date.
    """

    code = "V009"
    name = "page-date-mismatch"
    severity = Severity.WARNING
    message = "cited {cited}, but the page {shows}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for link in ctx.links:
            page, date = link.page, link.citation.date
            if not page_readable(link) or page is None or date is None or date.value is None:
                continue
            signal = page.published or page.modified
            if signal is None or _near(signal.day, date.value):
                continue
            if page.published is None:
                shows = f"shows only a modified date, {signal.shown()} ({signal.source})"
            else:
                shows = f"was published {signal.shown()} ({signal.source})"
                if page.modified is not None and page.modified.day != signal.day:
                    shows += f" and modified {page.modified.shown()}"
            yield self.finding(
                ctx, date.span, cited=date.value.isoformat(), shows=shows, claim=link.claim
            )


def _near(found: dt.date, cited: dt.date) -> bool:
    return abs((found - cited).days) <= 1


class PageUndated(Rule):
    """Notes a page on which no publication or modification date was found.

    ## Why it matters
    The cited date could not be checked: neither structured data, meta tags,
    `<time>` elements, the URL nor the byline gave a date.

    ## Example
    A page whose only date is in an image or set by a script.

    ## Fix
    Nothing to fix in the digest; check the date by hand if it matters.
    """

    code = "V010"
    name = "page-undated"
    severity = Severity.INFO
    message = "no date found on {url}; the cited date is unchecked"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for link in ctx.links:
            page = link.page
            if not page_readable(link) or page is None or link.citation.date is None:
                continue
            if page.published is None and page.modified is None:
                yield self.finding(ctx, link.citation.span, url=link.cited_url, claim=link.claim)


class QuoteNotFound(Rule):
    """Flags a direct quote that none of the claim's cited pages contains.

    ## Why it matters
    Quotation marks promise the speaker's exact words. The quote is searched
    after normalising quote marks, dashes, whitespace, case and ellipses, and
    small differences are forgiven; what is left is a misquote, a translation
    presented as a quote, or the wrong link.

    ## Example
    `“We will not allow this.”` where the page says `We won't allow this.`

    ## Fix
    Quote the page's words exactly, or paraphrase without quotation marks.
    """

    code = "V011"
    name = "quote-not-found"
    severity = Severity.WARNING
    message = "quote not found in the cited page{s}; best match ({score:.0%}): “{best}”"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for quote in ctx.quotes:
            if quote.where is not None:
                continue
            pages = sum(
                1 for link in ctx.links if link.claim is quote.claim and page_readable(link)
            )
            yield self.finding(
                ctx,
                quote.quote.span,
                s="s" if pages > 1 else "",
                score=quote.score,
                best=quote.best or "nothing close",
                claim=quote.claim,
            )


class QuoteOutsideArticle(Rule):
    """Notes a quote found on the cited page, but only outside the article body.

    ## Why it matters
    Words found only in a headline of a related story, a comment or a sidebar
    are not what the article reports.

    ## Example
    A quote that appears only in the "Most read" box of the page.

    ## Fix
    Check that the article itself carries the quote; otherwise cite the page that does.
    """

    code = "V012"
    name = "quote-outside-article"
    severity = Severity.INFO
    message = "quote found on {url} only outside the article body"

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert isinstance(ctx, VerifyContext)
        for quote in ctx.quotes:
            if quote.where == "page":
                yield self.finding(ctx, quote.quote.span, url=quote.url, claim=quote.claim)


VERIFY_RULES: tuple[type[Rule], ...] = (
    DeadLink,
    LinkTimeout,
    LinkError,
    OffsiteRedirect,
    SoftNotFound,
    Unverifiable,
    RefusedLink,
    PageOutletMismatch,
    PageDateMismatch,
    PageUndated,
    QuoteNotFound,
    QuoteOutsideArticle,
)
