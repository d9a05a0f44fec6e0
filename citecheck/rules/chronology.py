"""Rules that weigh a citation's date against the date of the event it reports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from citecheck.extract.dates import format_date
from citecheck.model import Claim, Finding, ParsedDate, Severity
from citecheck.rules.base import Cited, Context, Rule

_PREVIEW = re.compile(
    r"\b(?:plans?|planned|planning|will|is to|are to|expected|expects?|ahead of|"
    r"preview|upcoming|intends?|scheduled|set to|going to|to discuss|agenda)\b",
    re.I,
)


def _dated(ctx: Context) -> Iterator[tuple[Cited, ParsedDate, dt.date]]:
    """Citations with a real date under a known event date: the only ones these rules weigh."""
    for cited in ctx.cited:
        date = cited.citation.date
        if date and date.value and date.style and cited.event_date:
            yield cited, date, cited.event_date


def _is_live(ctx: Context, kind: str) -> bool:
    found = ctx.registry.kind(kind)
    return found is not None and found.live


class LiveSourceDate(Rule):
    """Flags a live broadcast or live stream dated other than the day of its event.

    ## Why it matters
    A live broadcast happens when the event does. `RT live broadcast, 04.17.17`
    for a press conference held on 04.12.17 cannot be right: either the date
    or the kind of source is wrong, and a reader looking for the recording
    will not find it.

    ## Example
    ```
    IV. 04.12.17 Lavrov-Tillerson press conference:
    …
    (Source for the press conference: RT live broadcast, 04.17.17.)
    ```

    ## Fix
    Date the broadcast with the event's date (`04.12.17`), or, if it is a later
    rebroadcast or write-up, say so instead of "live".
    """

    code = "T001"
    name = "live-source-date"
    severity = Severity.ERROR
    message = "{kind} dated “{text}”, but the event it covers was on {event}"
    fix_safety = "unsafe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited, date, event in _dated(ctx):
            if not _is_live(ctx, cited.citation.kind) or date.value == event:
                continue
            written = format_date(event, date.style)
            yield self.finding(
                ctx,
                date.span,
                kind=cited.citation.kind,
                text=date.text,
                event=written,
                suggestion=f"write “{written}”, the event date from {cited.event_source}",
                replacement=written,
                claim=cited.claim,
            )


class SourceBeforeEvent(Rule):
    """Flags a source dated before the event it reports.

    ## Why it matters
    A report cannot quote a meeting that has not happened yet; usually the
    citation date or the event date is a typo. Previews are fine: a claim
    that speaks of plans ("plans to discuss", "will meet", "ahead of"), or
    sits under a heading or context line that does ("Preparation ahead of the
    04.12.17 meeting"), may rightly cite an earlier source.

    ## Example
    ```
    04.12.17 meeting of Lavrov and Tillerson:
      • Lavrov: “…” (Reuters, 04.10.17)
    ```

    ## Fix
    Check the source's date, and the event date of the claim's section or
    context line.
    """

    code = "T002"
    name = "source-before-event"
    severity = Severity.WARNING
    message = "source dated “{text}” reports an event of {event}, which came later"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited, date, event in _dated(ctx):
            if date.value >= event or _is_live(ctx, cited.citation.kind):
                continue
            if cited.claim is not None and _previews(cited.claim):
                continue
            yield self.finding(
                ctx,
                date.span,
                text=date.text,
                event=format_date(event, date.style),
                suggestion=f"the event date comes from {cited.event_source}",
                claim=cited.claim,
            )


def _previews(claim: Claim) -> bool:
    """Do the claim's words, or the lines it sits under, speak of what is to come?"""
    titles = [s.title for s in claim.section.chain()] if claim.section else []
    return any(_PREVIEW.search(text) for text in (claim.text, *claim.context, *titles))


class SourceLongAfterEvent(Rule):
    """Flags a source dated much later than the event it reports.

    ## Why it matters
    A digest of what officials said should cite the reports of the day. A
    source weeks later is often a mistyped date, or a retrospective that may
    not carry the original words. The window is `late-after-days` (default 14).

    ## Example
    ```
    Mattis on 04.11.17: … (Reuters, 05.12.17)
    ```

    ## Fix
    Check the date; prefer a report from the time of the event.
    """

    code = "T003"
    name = "source-long-after-event"
    severity = Severity.WARNING
    message = "source dated “{text}” is {days} days after the event ({event})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        window = ctx.config.late_after_days
        for cited, date, event in _dated(ctx):
            days = (date.value - event).days
            if days <= window or _is_live(ctx, cited.citation.kind):
                continue
            yield self.finding(
                ctx,
                date.span,
                text=date.text,
                days=days,
                event=format_date(event, date.style),
                suggestion=f"the event date comes from {cited.event_source}",
                claim=cited.claim,
            )
