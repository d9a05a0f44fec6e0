"""Verification of linted digests: fetch each cited URL once, read it, judge it.

The pipeline mirrors linting: gather what the pages say into `LinkCheck`s and
`QuoteCheck`s, then let the V rules turn them into findings.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from citecheck.linter import Report, registry_for
from citecheck.model import Severity
from citecheck.rules import VERIFY_RULES, run
from citecheck.rules.base import Context
from citecheck.rules.verify import VerifyContext, link_problem, page_readable, redirect_kind
from citecheck.verify import quotes as quote_search
from citecheck.verify.archive import nearest_snapshot
from citecheck.verify.cache import Cache
from citecheck.verify.extract import extract_page
from citecheck.verify.fetch import Fetcher
from citecheck.verify.model import Fetched, LinkCheck, Options, Page, QuoteCheck, Summary
from citecheck.verify.pool import run_all
from citecheck.verify.progress import Progress

if TYPE_CHECKING:
    from citecheck.model import Claim


def verify_reports(
    reports: list[Report],
    options: Options,
    *,
    fetcher: Fetcher | None = None,
    progress: TextIO | None = None,
) -> tuple[list[Report], Summary]:
    """Verify every cited URL of linted `reports`; returns reports of V findings only."""
    cited = []
    for report in reports:
        ctx = Context(report.digest, report.config, registry_for(report.config))
        cited.extend((report, c) for c in ctx.cited if c.citation.url)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(options)
    cache = Cache(options.cache_dir, options.cache_ttl, options.allow_private)
    targets = {id(c): options.remap(c.citation.url) for _, c in cited}
    bar = Progress(len(set(targets.values())), progress)

    def work(url: str) -> Fetched:
        if not options.refresh:
            hit = cache.get(url)
            if hit is not None:
                return hit
        if options.offline:
            return Fetched(url, url, problem="offline", detail="not in the cache (--offline)")
        fetched = fetcher.fetch(url)
        cache.put(fetched)
        return fetched

    try:
        fetched = run_all(
            targets.values(),
            work,
            limit=options.max_concurrency,
            per_host=options.per_host,
            done=lambda url, _: bar.advance(url),
        )
        bar.close()
        pages: dict[tuple[str, str], Page | None] = {}
        out = []
        for report in reports:
            links = []
            for owner, c in cited:
                if owner is not report:
                    continue
                url = c.citation.url
                assert url is not None
                result = fetched[targets[id(c)]]
                key = (result.url, url)
                if key not in pages:
                    pages[key] = extract_page(result.text, url) if result.text else None
                link = LinkCheck(c.citation, c.claim, url, result, pages[key])
                if options.archive and _wants_archive(link):
                    date = c.citation.date.value if c.citation.date else None
                    link.archive = nearest_snapshot(fetcher, cache, url, date)
                links.append(link)
            out.append(_judge(report, links))
    finally:
        if own_fetcher:
            fetcher.close()
    for report in out:
        for link in report.verification:
            link.verdict = _verdict(report, link)
    return out, Summary.of([link for report in out for link in report.verification])


def _wants_archive(link: LinkCheck) -> bool:
    return link_problem(link) in ("dead", "unverifiable") or redirect_kind(link) == "home"


def _judge(report: Report, links: list[LinkCheck]) -> Report:
    quotes = []
    by_claim: dict[int, list[LinkCheck]] = {}
    for link in links:
        if link.claim is not None and page_readable(link):
            by_claim.setdefault(id(link.claim), []).append(link)
    for claim in report.claims:
        readable = by_claim.get(id(claim))
        if readable:
            quotes.extend(_quote_checks(claim, readable))
    ctx = VerifyContext(
        report.digest, report.config, registry_for(report.config), links=links, quotes=quotes
    )
    findings = run(ctx, VERIFY_RULES)
    return replace(report, findings=findings, verification=links)


def _quote_checks(claim: Claim, links: list[LinkCheck]) -> list[QuoteCheck]:
    """Each quote is looked for in the article body of every readable cited page."""
    checks = []
    for quote in claim.quotes:
        best: tuple[quote_search.Match, str] | None = None
        outside: tuple[quote_search.Match, str] | None = None
        for link in links:
            page = link.page
            assert page is not None
            match = quote_search.search(quote.text, page.article_text)
            if match.score >= quote_search.FOUND:
                checks.append(
                    QuoteCheck(claim, quote, "article", match.score, match.sentence, link.cited_url)
                )
                break
            if best is None or match.score > best[0].score:
                best = (match, link.cited_url)
            if outside is None:
                anywhere = quote_search.search(quote.text, page.page_text)
                if anywhere.score >= quote_search.FOUND:
                    outside = (anywhere, link.cited_url)
        else:
            where = "page" if outside else None
            match, url = outside or best or (quote_search.Match(0.0, ""), None)
            checks.append(QuoteCheck(claim, quote, where, match.score, match.sentence, url))
    return checks


def _verdict(report: Report, link: LinkCheck) -> str:
    """A warning or error on the citation or its date makes a problem; V006 alone does not."""
    spans = {link.citation.span}
    if link.citation.date is not None:
        spans.add(link.citation.date.span)
    if any(f.span in spans and f.severity.rank >= Severity.WARNING.rank for f in report.findings):
        return "problem"
    return "unverifiable" if link_problem(link) == "unverifiable" else "fine"
