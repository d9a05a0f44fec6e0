"""Rules about a claims ledger (claims.yaml) rather than a digest.

A ledger is YAML, not a digest, so these rules find nothing in a digest:
`citecheck.ledger` validates the ledger and builds their findings, while
the classes keep code, name, severity, message and docs in one place.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, Severity, Span
from citecheck.rules.base import Context, Rule


class LedgerRule(Rule):
    def check(self, ctx: Context) -> Iterator[Finding]:
        return iter(())

    def at(self, document: Document, line: int, column: int = 1, **values: object) -> Finding:
        """A finding from `line:column` (1-based) to the end of that line."""
        text = document.line_text(line)
        column = min(column, len(text) + 1)
        start = document.offset(line, column)
        return self.finding_in(document, Span(start, start + len(text) - (column - 1)), **values)


class LedgerSchema(LedgerRule):
    """Flags a claims ledger that does not follow the ledger format.

    ## Why it matters
    The ledger is read back by `citecheck extract` (which keeps curated notes
    and URLs) and by other tools. A misspelt key, a date that is not ISO, or a
    URL that is not http(s) is silently useless, or loses a person's work.

    ## Example
    ```yaml
    claims:
      - id: c-0e543284
        nots: check the transcript   # misspelt `note`
        citations:
          - text: Washington Post, 04.12.17
            url: www.washingtonpost.com/…   # no http(s)://
    ```

    ## Fix
    Correct the key or value on the line named. Generated fields can also be
    rewritten from the digest with `citecheck extract -o claims.yaml`.
    """

    code = "L001"
    name = "ledger-schema"
    severity = Severity.ERROR
    message = "{problem}"


class LedgerStale(LedgerRule):
    """Flags a claims ledger that no longer matches the digest it names.

    ## Why it matters
    The ledger is the reviewed record of who said what, cited to whom. Once
    the digest changes, the ledger describes claims the digest no longer makes.

    ## Example
    The digest's `(Reuters, 04.11.17)` was corrected to `(Reuters, 04.12.17)`
    but claims.yaml still lists the 04.11.17 citation.

    ## Fix
    Run `citecheck extract -o claims.yaml`. Notes, tags and URLs you added are
    kept; those of claims that left the digest move to `orphans`.
    """

    code = "L002"
    name = "ledger-stale"
    severity = Severity.WARNING
    message = "{summary}; run `{command}`"
