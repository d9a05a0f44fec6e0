"""Rules about the outlets a digest cites."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from citecheck.model import Finding, Severity
from citecheck.outlets import normalise
from citecheck.rules.base import Context, Rule

MISSPELT = 0.85  # similarity above which an unknown name is taken for a typo
SUGGEST = 0.6  # similarity above which a known outlet is worth naming at all


class UnknownOutlet(Rule):
    """Flags an outlet that is not in the registry and resembles none of its entries.

    ## Why it matters
    An unknown outlet is either a source the registry lacks (add it, so its
    links can be checked) or a name so garbled it no longer resembles one.

    ## Example
    ```
    (Moscow Bugle, 04.12.17)
    ```

    ## Fix
    Correct the name, or add the outlet to the config:
    ```toml
    [[tool.citecheck.outlets]]
    name = "Moscow Bugle"
    domains = ["moscowbugle.example"]
    ```
    """

    code = "O001"
    name = "outlet-unknown"
    severity = Severity.WARNING
    message = "unknown outlet “{outlet}”"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited in ctx.cited:
            citation = cited.citation
            if not citation.outlet or citation.canonical or citation.outlet_span is None:
                continue
            close = ctx.registry.closest(citation.outlet, SUGGEST)
            if close is not None and close[2] >= MISSPELT:
                continue
            yield self.finding(
                ctx,
                citation.outlet_span,
                outlet=citation.outlet,
                suggestion=f"did you mean “{close[1]}”?"
                if close
                else "add it to the outlet registry",
                claim=cited.claim,
            )


class MisspeltOutlet(Rule):
    """Flags an outlet name that is a near miss of a known one, such as `Reuter`.

    ## Why it matters
    A misspelt outlet looks careless in print and defeats search, counting and
    link checks, which all key on the outlet's name.

    ## Example
    ```
    (Reuter, 04.12.17)
    ```

    ## Fix
    Use the registry's spelling (`Reuters`). The fix is unsafe: a near miss
    can be a different, unlisted outlet.
    """

    code = "O002"
    name = "outlet-misspelt"
    severity = Severity.WARNING
    message = "“{outlet}” looks like a misspelling of “{known}”"
    fix_safety = "unsafe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited in ctx.cited:
            citation = cited.citation
            if not citation.outlet or citation.canonical or citation.outlet_span is None:
                continue
            close = ctx.registry.closest(citation.outlet, MISSPELT)
            if close is None:
                continue
            yield self.finding(
                ctx,
                citation.outlet_span,
                outlet=citation.outlet,
                known=close[1],
                suggestion=f"write “{close[1]}”",
                replacement=close[1],
                claim=cited.claim,
            )


class InconsistentOutletName(Rule):
    """Flags one outlet written two ways in one digest, such as `NYT` and `New York Times`.

    ## Why it matters
    Readers may take the two spellings for two sources, and the digest's
    style is inconsistent.

    ## Example
    ```
    (New York Times, 04.11.17) … (NYT, 04.12.17)
    ```

    ## Fix
    Use one spelling throughout: the one the digest uses most (first, on a tie).
    """

    code = "O003"
    name = "outlet-inconsistent"
    severity = Severity.INFO
    message = "“{outlet}” is written “{usual}” elsewhere in this digest"
    fix_safety = "unsafe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        spellings: dict[str, Counter[str]] = {}
        first: dict[tuple[str, str], int] = {}
        for index, cited in enumerate(ctx.cited):
            citation = cited.citation
            if citation.canonical and citation.outlet:
                key = normalise(citation.outlet)
                spellings.setdefault(citation.canonical, Counter())[key] += 1
                first.setdefault((citation.canonical, key), index)
        usual = {
            canonical: min(counts, key=lambda k: (-counts[k], first[(canonical, k)]))
            for canonical, counts in spellings.items()
            if len(counts) > 1
        }
        written = {}
        for cited in ctx.cited:
            citation = cited.citation
            if citation.canonical and citation.outlet:
                written.setdefault(
                    (citation.canonical, normalise(citation.outlet)), citation.outlet
                )
        for cited in ctx.cited:
            citation = cited.citation
            if citation.canonical not in usual or citation.outlet_span is None:
                continue
            key = normalise(citation.outlet or "")
            if key == usual[citation.canonical]:
                continue
            preferred = written[(citation.canonical, usual[citation.canonical])]
            yield self.finding(
                ctx,
                citation.outlet_span,
                outlet=citation.outlet,
                usual=preferred,
                suggestion=f"write “{preferred}”",
                replacement=preferred,
                claim=cited.claim,
            )


class LinkOutletMismatch(Rule):
    """Flags a linked citation whose link belongs to a different outlet.

    ## Why it matters
    `[Reuters](https://www.bloomberg.com/…)` attributes one outlet's reporting
    to another: either the link or the name is wrong.

    ## Example
    ```
    ([Reuters](https://www.bloomberg.com/news/articles/x), 04.12.17)
    ```

    ## Fix
    Link the cited outlet's own page, or name the outlet the link belongs to.
    """

    code = "O004"
    name = "link-outlet-mismatch"
    severity = Severity.ERROR
    message = "“{outlet}” links to {host}, which belongs to {other}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited in ctx.cited:
            citation = cited.citation
            if not (citation.url and citation.canonical and citation.outlet_span):
                continue
            host = _host(citation.url)
            cited_outlet = ctx.registry.lookup(citation.canonical)
            if not host or (cited_outlet and cited_outlet.owns(host)):
                continue
            other = ctx.registry.for_host(host)
            if other is None or other.name == citation.canonical:
                continue
            yield self.finding(
                ctx,
                citation.outlet_span,
                outlet=citation.outlet,
                host=host.removeprefix("www."),
                other=other.name,
                suggestion=f"cite “{other.name}”, or link a page of {citation.canonical}",
                claim=cited.claim,
            )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
